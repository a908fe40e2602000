"""The Store contract: what every backend must do, run against SQLite and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import UTC, date

import numpy as np
import pytest

from newsweave.errors import StoreError
from newsweave.models import Article, Decision, Entity, Quantity, Rejection, TranslationLink
from newsweave.store import Alias, Batch, open_store


def _article(n: int, story: str = "s1", url: str | None = None) -> tuple[Article, Decision]:
    article = Article(
        id=f"a{n}",
        origin=f"file{n}.txt",
        title=f"Title {n}",
        text=f"Body {n}",
        lang="en",
        content_hash=f"h{n}",
        url=url,
        published=date(2024, 1, (n - 1) % 28 + 1),
        entities=[Entity("place:KP", "place", "North Korea")],
        quantities=[Quantity(6000.0, "soldiers", None, "6,000 troops")],
        embedding=[0.5, 0.5],
    )
    decision = Decision(f"a{n}", story, n == 1, 0.8, {"lexical": 0.7}, 3, ("place:KP",))
    return article, decision


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path) -> str:  # type: ignore[no-untyped-def]
    """Where a fresh store of each backend lives: a file path or a new PostgreSQL database."""
    if request.param == "sqlite":
        return str(tmp_path / "contract.db")
    return str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def store(location: str):  # type: ignore[no-untyped-def]
    opened = open_store(location)
    yield opened
    opened.close()


def test_a_written_batch_reads_back_whole(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        Batch(
            new=[_article(1), _article(2)], rejected=[Rejection("bad.bin", "binary file, not text")]
        )
    )
    article, decision = store.article("a2")
    assert article.entities[0].key == "place:KP"
    assert article.quantities[0].value == 6000.0
    assert article.embedding == [0.5, 0.5]
    assert decision.components == {"lexical": 0.7} and decision.shared == ("place:KP",)
    assert [a.id for a, _ in store.story_articles("s1")] == ["a1", "a2"]
    assert store.article_id_by_hash("h1") == "a1" and store.article_id_by_hash("h9") is None


def test_translation_links_read_back_within_their_story_once(store) -> None:  # type: ignore[no-untyped-def]
    link = TranslationLink("a2", "a1", 0.9)
    store.write(
        Batch(new=[_article(1), _article(2), _article(3, story="s3")], translations=[link, link])
    )
    store.write(Batch(translations=[link, TranslationLink("a3", "a1", 0.8)]))
    assert store.translation_links("s1") == [link]  # written twice, stored once
    assert store.translation_links("s3") == []  # a link to another story's article is not its own


def test_story_summaries_count_articles_and_dates(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1), _article(2), _article(3, story="s2")]))
    summaries = {s.id: s for s in store.stories()}
    assert summaries["s1"].articles == 2
    assert summaries["s1"].first_date == date(2024, 1, 1) and summaries["s1"].last_date == date(
        2024, 1, 2
    )
    assert store.stories()[0].id == "s2"  # most recently updated first
    assert len(store.stories(limit=1)) == 1
    assert [s.id for s in store.stories(since=date(2024, 1, 3))] == ["s2"]


def test_a_failed_batch_leaves_nothing_behind(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1)]))
    duplicate_id = _article(2)
    duplicate_id[0].id = "a1"  # violates the unique id: the whole batch must roll back
    with pytest.raises(StoreError):
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


def test_aliases_and_rejections_read_back_in_order_once(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1)]))
    first, second = (
        Alias("a1", "ext-7", "feed.xml", "http://b.example/7"),
        Alias("a1", None, "copy.txt", None),
    )
    store.write(
        Batch(aliases=[first, second], rejected=[Rejection("x.bin", "binary file, not text")])
    )
    store.write(
        Batch(aliases=[first], rejected=[Rejection("y.json", "line 3: not JSON")])
    )  # the same alias again
    assert store.aliases("a1") == [first, second]
    assert store.rejections() == [
        ("x.bin", "binary file, not text"),
        ("y.json", "line 3: not JSON"),
    ]


def test_a_reopened_store_keeps_everything(location: str) -> None:
    first = open_store(location)
    first.write(Batch(new=[_article(1), _article(2, story="s2")]))
    first.close()
    again = open_store(location)  # migrations already applied must not run twice
    try:
        assert [(a.id, s) for a, s in again.replay()] == [("a1", "s1"), ("a2", "s2")]
        assert again.article("nope") is None and again.story_articles("nope") == []
    finally:
        again.close()


def test_every_article_is_replayed_in_order_past_any_page_size(store) -> None:  # type: ignore[no-untyped-def]
    for start in range(1, 2101, 700):
        store.write(Batch(new=[_article(n, story=f"s{n % 7}") for n in range(start, start + 700)]))
    replayed = [a.id for a, _ in store.replay()]
    assert replayed == [f"a{n}" for n in range(1, 2101)]
    assert [a.id for a, _ in store.articles()] == replayed


def test_two_writers_commit_whole_batches_in_turn(location: str) -> None:
    """Two ingest runs on one store: nothing lost or doubled, and no batch interleaved with another."""
    open_store(location).close()  # both writers find the tables made
    errors: list[BaseException] = []

    def writer(offset: int) -> None:
        store = open_store(location)
        try:
            for batch in range(15):
                first = offset + batch * 6
                store.write(
                    Batch(new=[_article(n, story=f"w{offset}") for n in range(first, first + 6)])
                )
        except BaseException as exc:  # surfaced in the main thread
            errors.append(exc)
        finally:
            store.close()

    threads = [threading.Thread(target=writer, args=(offset,)) for offset in (1000, 5000)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert not errors
    reader = open_store(location)
    try:
        order = [int(a.id[1:]) for a, _ in reader.replay()]
    finally:
        reader.close()
    assert sorted(order) == list(range(1000, 1090)) + list(range(5000, 5090))
    # A batch's six articles arrive together: every run of six in arrival order is one batch.
    for start in range(0, len(order), 6):
        chunk = order[start : start + 6]
        assert chunk == list(range(chunk[0], chunk[0] + 6)) and (chunk[0] % 1000) % 6 == 0


def _story(n: int, title: str, text: str, **fields: object) -> tuple[Article, Decision]:
    """Article ``a{n}``, alone in story ``s{n}``, with this title and text."""
    article, _ = _article(n)
    article.title, article.text = title, text
    for name, value in fields.items():
        setattr(article, name, value)
    return article, Decision(f"a{n}", f"s{n}", True, 0.0, {}, 0, ())


FILLER = [
    "Orchestra opens its season with a Mahler symphony",
    "Central bank raises interest rates again",
    "Football final in Madrid ends after extra time",
    "Chess champion keeps her title in Oslo",
]


def test_search_finds_every_word_ignoring_case_and_accents(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        Batch(
            new=[
                _story(
                    1,
                    "Cheias em Coimbra",
                    "A Câmara Municipal de Coimbra fechou a ponte de Santa Clara.",
                    lang="pt",
                ),
                _story(
                    2,
                    "Bridge closed in Coimbra",
                    "The Santa Clara bridge in Coimbra was closed after the flood.",
                ),
                *[
                    _story(n, title, f"{title}, reporters said.")
                    for n, title in enumerate(FILLER, start=3)
                ],
            ]
        )
    )
    (hit,) = store.search_text("camara PONTE")  # "Câmara" found without its accent, in any case
    assert hit.article_id == "a1" and hit.story_id == "s1"
    assert "\x02Câmara\x03" in hit.snippet and "\x02ponte\x03" in hit.snippet  # marked as written
    assert [h.article_id for h in store.search_text("CÂMARA")] == [
        "a1"
    ]  # an accent in the query folds too
    assert [h.article_id for h in store.search_text("coimbra bridge")] == [
        "a2"
    ]  # every word, not any
    assert {h.article_id for h in store.search_text("coimbra")} == {"a1", "a2"}
    assert [
        h.article_id for h in store.search_text('bridge" (Coimbra* OR')
    ] == []  # "or" is a word here, not syntax
    assert [h.article_id for h in store.search_text('bridge" (Coimbra*')] == ["a2"]
    assert store.search_text("") == store.search_text("***") == store.search_text("zeppelin") == []


def test_search_matches_hyphenated_and_decimal_words_either_way(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        Batch(
            new=[
                _story(1, "Kim Jong-un at a gala", "Rates rose 3.5 percent in Pyongyang."),
                _story(2, "Kim Jong Un at a parade", "A parade marched through the capital."),
            ]
        )
    )
    assert [h.article_id for h in store.search_text("Jong-un")] == [
        h.article_id for h in store.search_text("jong un")
    ]
    assert {h.article_id for h in store.search_text("jong un")} == {"a1", "a2"}
    assert [h.article_id for h in store.search_text("3.5 percent")] == ["a1"]


def test_a_snippet_is_the_passage_around_the_match_cut_with_ellipses(store) -> None:  # type: ignore[no-untyped-def]
    before = " ".join(f"before{n}" for n in range(40))
    after = " ".join(f"after{n}" for n in range(40))
    store.write(Batch(new=[_story(1, "Airship", f"{before} a zeppelin landed {after}")]))
    (hit,) = store.search_text("zeppelin")
    assert "a \x02zeppelin\x03 landed" in hit.snippet
    assert (
        hit.snippet.startswith("…") and hit.snippet.endswith("…") and len(hit.snippet.split()) <= 20
    )


def test_search_ranks_title_words_first_and_stops_at_the_limit(store) -> None:  # type: ignore[no-untyped-def]
    store.write(
        Batch(
            new=[
                _story(
                    1,
                    "Flights grounded in the north",
                    "A volcano erupts in Iceland and ash drifts east.",
                ),
                _story(
                    2,
                    "Volcano erupts in Iceland",
                    "Flights are grounded in the north as ash drifts east.",
                ),
                *[
                    _story(n, title, f"{title}, reporters said.")
                    for n, title in enumerate(FILLER, start=3)
                ],
            ]
        )
    )
    hits = store.search_text("volcano")
    assert [h.article_id for h in hits] == ["a2", "a1"]  # in the title beats in the body
    assert hits[0].score > hits[1].score > 0  # higher is better
    assert [h.article_id for h in store.search_text("volcano", limit=1)] == ["a2"]


def test_search_follows_an_updated_text(store) -> None:  # type: ignore[no-untyped-def]
    article, decision = _story(
        1,
        "Storm nears the coast",
        "Storm Ophelia nears; ferries are cancelled.",
        url="https://news.example.org/storm",
    )
    store.write(Batch(new=[(article, decision)]))
    assert [h.article_id for h in store.search_text("ophelia ferries")] == ["a1"]
    article.text, article.content_hash = (
        "Storm Ophelia made landfall overnight; the harbour flooded.",
        "h1b",
    )
    store.write(Batch(updated=[article]))
    assert store.search_text("ferries") == []
    (hit,) = store.search_text("landfall harbour")
    assert "\x02landfall\x03" in hit.snippet and "\x02harbour\x03" in hit.snippet


def test_received_days_and_stored_vectors_read_back(store) -> None:  # type: ignore[no-untyped-def]
    from datetime import datetime

    before = datetime.now(UTC).date()
    unembedded, decision = _article(2)
    unembedded.embedding = None
    third, third_decision = _article(3, story="s2")
    third.embedding = [0.1, -2.5, 3e-8]
    store.write(Batch(new=[_article(1), (unembedded, decision), (third, third_decision)]))
    after = datetime.now(UTC).date()
    received = store.received("s1")
    assert set(received) == {"a1", "a2"} and set(received.values()) <= {before, after}
    assert store.received("nope") == {}
    vectors = list(store.article_vectors())
    assert [(a, s) for a, s, _ in vectors] == [
        ("a1", "s1"),
        ("a3", "s2"),
    ]  # arrival order, none without one
    assert vectors[1][2].dtype == np.float32
    assert (
        vectors[1][2].tolist() == np.asarray([0.1, -2.5, 3e-8], np.float32).tolist()
    )  # bit for bit


def test_story_filters_until_entity_ids_and_paging(store) -> None:  # type: ignore[no-untyped-def]
    coimbra = _article(4, story="s3")[0]
    coimbra.entities, coimbra.lang = [Entity("place:city:coimbra", "place", "Coimbra")], "pt"
    store.write(
        Batch(
            new=[
                _article(1),
                _article(2),
                _article(3, story="s2"),
                (coimbra, Decision("a4", "s3", True, 0.0, {}, 0, ())),
            ]
        )
    )
    ids = lambda summaries: [s.id for s in summaries]  # noqa: E731
    assert ids(store.stories()) == ["s3", "s2", "s1"]
    assert ids(store.stories(until=date(2024, 1, 2))) == ["s1"]  # began by then
    assert ids(store.stories(since=date(2024, 1, 2), until=date(2024, 1, 3))) == ["s2", "s1"]
    assert (
        ids(store.stories(entity="place:kp"))
        == ids(store.stories(entity="NORTH KOREA"))
        == ["s2", "s1"]
    )
    assert ids(store.stories(entity="Coimbra")) == ids(store.stories(lang="pt")) == ["s3"]
    assert ids(store.stories(entity="Atlantis")) == []
    assert (
        ids(store.stories(ids=["s1", "s3", "s9"])) == ["s3", "s1"] and store.stories(ids=[]) == []
    )
    pages = [ids(store.stories(limit=1, offset=offset)) for offset in range(4)]
    assert pages == [["s3"], ["s2"], ["s1"], []]
    assert ids(store.stories(limit=2, offset=1)) == ["s2", "s1"]
    assert ids(store.stories(lang="en", limit=1, offset=1, entity="place:KP")) == ["s1"]


def test_a_snapshot_is_kept_in_parts_and_read_back_whole(store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from newsweave.store import _base

    monkeypatch.setattr(_base, "SNAPSHOT_PART_BYTES", 7)  # many parts from a small state
    assert store.load_snapshot("settings A") is None
    data = bytes(range(50))
    store.save_snapshot(12, "settings A", data)
    assert store.load_snapshot("settings A") == (12, data)
    assert store.load_snapshot("settings B") is None
    store.save_snapshot(30, "settings B", b"newer")  # replaces the last one
    assert store.load_snapshot("settings A") is None
    assert store.load_snapshot("settings B") == (30, b"newer")
