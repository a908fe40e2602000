"""A bounded number of live stories: old ones retire, memory stays bounded, results stay stable."""

from __future__ import annotations

import hashlib
from datetime import date, timedelta

import pytest

from newsweave.cluster import ArticleFeatures, OnlineClusterer, article_features, candidates
from newsweave.embed.hashing import HashingEmbedder
from newsweave.models import Article, Entity, Quantity

DIM = 64
EMBEDDER = HashingEmbedder(dim=DIM)
DAY = date(2024, 3, 1)


def _letters(n: int) -> str:
    """A word of letters only (the tokeniser skips digits): 0 -> "ba", 27 -> "bbb" ..."""
    word = ""
    n += 26
    while n:
        n, rest = divmod(n, 26)
        word = "abcdefghijklmnopqrstuvwxyz"[rest] + word
    return word


def _report(event: int, copy: int) -> ArticleFeatures:
    """A report of ``event``: its own town, victims and words; each copy words it a little differently."""
    town = _letters(event * 7).capitalize() + "ville"
    words = " ".join(_letters(event * 7 + k) + "ing" for k in range(6))
    text = (
        f"Police in {town} said {event % 9 + 2} people were hurt. Witnesses spoke of {words}."
        + " More later." * copy
    )
    uid = f"event{event}copy{copy}"
    digest = hashlib.sha1(uid.encode()).hexdigest()
    article = Article(
        id=digest,
        origin=uid,
        title=f"Incident in {town}",
        text=text,
        lang="en",
        content_hash=digest,
        published=DAY + timedelta(days=event // 4),
        entities=[Entity(key=f"place:city:{town.lower()}", kind="place", surface=town)],
        quantities=[Quantity(value=event % 9 + 2, what="injured", unit=None, surface="hurt")],
    )
    return article_features(article, EMBEDDER.encode([article.title + "\n" + text])[0])


def _stream(events: int) -> list[ArticleFeatures]:
    """Each event reported, then followed up two events later (so reports interleave)."""
    out = []
    for event in range(events + 2):
        if event < events:
            out.append(_report(event, 0))
        if event >= 2:
            out.append(_report(event - 2, 1))
    return out


def test_a_story_beyond_the_live_limit_is_retired_and_a_late_report_starts_a_new_one() -> None:
    clusterer = OnlineClusterer(dim=DIM, live_stories=2)
    first = [clusterer.assign(_report(event, 0)) for event in range(3)]
    late = clusterer.assign(_report(0, 1))  # event 0's story was joined longest ago: retired
    recent = clusterer.assign(_report(2, 1))
    assert late.new_story and late.story_id != first[0].story_id
    assert not recent.new_story and recent.story_id == first[2].story_id
    assert len(clusterer.stories_) == 2 and clusterer.retired_ == 2


@pytest.fixture
def rebuild_often(monkeypatch: pytest.MonkeyPatch) -> None:
    """Rebuild the candidate index as soon as retired labels outnumber live ones."""
    monkeypatch.setattr(candidates, "_SLACK_LABELS", 0)


def test_follow_ups_keep_joining_their_stories_through_many_retirements_and_rebuilds(
    rebuild_often: None,
) -> None:
    stream = _stream(60)
    # A follow-up comes two events after its report: with 6 live stories its story is still live.
    clusterer = OnlineClusterer(dim=DIM, live_stories=6).partial_fit(stream)
    founded = [d for d in clusterer.decisions_ if d.new_story]
    assert len(founded) == 60  # every event one story, every follow-up joined it
    assert len(clusterer.stories_) == 6 and clusterer.retired_ == 54
    # Retired stories' words are forgotten: the vocabulary is that of the recent stories.
    assert len(clusterer.df_.df["en"]) < 20 * 15


def test_replaying_a_stream_with_retirements_then_assigning_equals_one_run(
    rebuild_often: None,
) -> None:
    stream = _stream(40)
    one_run = OnlineClusterer(dim=DIM, live_stories=3).partial_fit(stream).decisions_
    resumed = OnlineClusterer(dim=DIM, live_stories=3)
    half = len(stream) // 2
    for features, decision in zip(stream[:half], one_run[:half], strict=True):
        resumed.restore(features, decision.story_id)
    assert [resumed.assign(features) for features in stream[half:]] == one_run[half:]
