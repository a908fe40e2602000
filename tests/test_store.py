"""The Store contract: what every backend must do (run here against SQLite)."""

from __future__ import annotations

import sqlite3
from datetime import date

import pytest

from newsweave.models import Article, Decision, Entity, Quantity, Rejection
from newsweave.store import Batch, open_store


def _article(n: int, story: str = "s1", url: str | None = None) -> tuple[Article, Decision]:
    article = Article(
        id=f"a{n}", origin=f"file{n}.txt", title=f"Title {n}", text=f"Body {n}", lang="en",
        content_hash=f"h{n}", url=url, published=date(2024, 1, n),
        entities=[Entity("place:KP", "place", "North Korea")],
        quantities=[Quantity(6000.0, "soldiers", None, "6,000 troops")], embedding=[0.5, 0.5],
    )
    decision = Decision(f"a{n}", story, n == 1, 0.8, {"lexical": 0.7}, 3, ("place:KP",))
    return article, decision


@pytest.fixture(params=["sqlite"])
def store(request, tmp_path):  # type: ignore[no-untyped-def]
    opened = open_store(str(tmp_path / "contract.db"))
    yield opened
    opened.close()


def test_a_written_batch_reads_back_whole(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1), _article(2)], rejected=[Rejection("bad.bin", "binary file, not text")]))
    article, decision = store.article("a2")
    assert article.entities[0].key == "place:KP"
    assert article.quantities[0].value == 6000.0
    assert article.embedding == [0.5, 0.5]
    assert decision.components == {"lexical": 0.7} and decision.shared == ("place:KP",)
    assert [a.id for a, _ in store.story_articles("s1")] == ["a1", "a2"]
    assert store.article_id_by_hash("h1") == "a1" and store.article_id_by_hash("h9") is None


def test_story_summaries_count_articles_and_dates(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1), _article(2), _article(3, story="s2")]))
    summaries = {s.id: s for s in store.stories()}
    assert summaries["s1"].articles == 2
    assert summaries["s1"].first_date == date(2024, 1, 1) and summaries["s1"].last_date == date(2024, 1, 2)
    assert store.stories()[0].id == "s2"  # most recently updated first
    assert len(store.stories(limit=1)) == 1
    assert [s.id for s in store.stories(since=date(2024, 1, 3))] == ["s2"]


def test_a_failed_batch_leaves_nothing_behind(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1)]))
    duplicate_id = _article(2)
    duplicate_id[0].id = "a1"  # violates the unique id: the whole batch must roll back
    with pytest.raises(Exception):
        store.write(Batch(new=[_article(3), duplicate_id]))
    assert [a.id for a, _ in store.articles()] == ["a1"]


def test_updates_keep_id_and_story(store) -> None:  # type: ignore[no-untyped-def]
    article, decision = _article(1, url="http://example.org/a")
    store.write(Batch(new=[(article, decision)]))
    article.text, article.content_hash = "Corrected body", "h1b"
    store.write(Batch(updated=[article]))
    assert store.article_id_by_url("http://example.org/a") == "a1"
    again, again_decision = store.article("a1")
    assert again.text == "Corrected body" and again_decision.story_id == "s1"
    assert len(list(store.articles())) == 1


def test_replay_is_in_arrival_order(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(2), _article(1, story="s2")]))
    assert [(a.id, s) for a, s in store.replay()] == [("a2", "s1"), ("a1", "s2")]


def test_sqlite_store_uses_wal(tmp_path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "wal.db"
    open_store(str(path)).close()
    mode = sqlite3.connect(path).execute("PRAGMA journal_mode").fetchone()[0]
    assert mode == "wal"


def test_story_dates_prefer_metadata_over_header_dates(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import date as day

    reprinted, decision = _article(2)
    reprinted.published, reprinted.published_from = day(2025, 11, 12), "header"  # an archive date
    first, first_decision = _article(1)
    first.published_from = "metadata"
    store.write(Batch(new=[(first, first_decision), (reprinted, decision)]))
    (summary,) = store.stories()
    assert summary.first_date == summary.last_date == day(2024, 1, 1)
