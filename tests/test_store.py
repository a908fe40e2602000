"""The Store contract: what every backend must do, run against SQLite and a real PostgreSQL."""

from __future__ import annotations

import sqlite3
import threading
from datetime import date

import pytest

from newsweave.models import Article, Decision, Entity, Quantity, Rejection
from newsweave.store import Alias, Batch, open_store


def _article(n: int, story: str = "s1", url: str | None = None) -> tuple[Article, Decision]:
    article = Article(
        id=f"a{n}", origin=f"file{n}.txt", title=f"Title {n}", text=f"Body {n}", lang="en",
        content_hash=f"h{n}", url=url, published=date(2024, 1, (n - 1) % 28 + 1),
        entities=[Entity("place:KP", "place", "North Korea")],
        quantities=[Quantity(6000.0, "soldiers", None, "6,000 troops")], embedding=[0.5, 0.5],
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


def test_aliases_and_rejections_read_back_in_order_once(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1)]))
    first, second = Alias("a1", "ext-7", "feed.xml", "http://b.example/7"), Alias("a1", None, "copy.txt", None)
    store.write(Batch(aliases=[first, second], rejected=[Rejection("x.bin", "binary file, not text")]))
    store.write(Batch(aliases=[first], rejected=[Rejection("y.json", "line 3: not JSON")]))  # the same alias again
    assert store.aliases("a1") == [first, second]
    assert store.rejections() == [("x.bin", "binary file, not text"), ("y.json", "line 3: not JSON")]


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
                store.write(Batch(new=[_article(n, story=f"w{offset}") for n in range(first, first + 6)]))
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
        chunk = order[start:start + 6]
        assert chunk == list(range(chunk[0], chunk[0] + 6)) and (chunk[0] % 1000) % 6 == 0
