"""The bulk reads the pages make and the search index over article vectors, on both backends."""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import numpy as np
import pytest

from newsweave.models import Article, Decision
from newsweave.store import Alias, Batch, open_store
from newsweave.store.vectors import VectorIndex

DIM = 8


def _vector(seed: int) -> list[float]:
    vector = np.random.default_rng(seed).normal(size=DIM)
    return (vector / np.linalg.norm(vector)).astype(np.float32).tolist()


def _article(
    n: int, story: str, lang: str = "en", title: str | None = None
) -> tuple[Article, Decision]:
    article = Article(
        id=f"a{n}",
        origin=f"file{n}.txt",
        title=title or f"Headline {n}",
        text=f"Body of article {n}. " * 40,
        lang=lang,
        content_hash=f"h{n}",
        external_id=f"x{n}",
        published=date(2024, 1, n % 28 + 1),
        embedding=_vector(n),
    )
    return article, Decision(f"a{n}", story, True, 0.5, {}, 0, ())


@pytest.fixture(params=["sqlite", "postgres"])
def store(request, tmp_path, monkeypatch):  # type: ignore[no-untyped-def]
    """A fresh store of each backend; PostgreSQL's index cache goes to a folder of the test's own."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    if request.param == "sqlite":
        opened = open_store(str(tmp_path / "reads.db"))
    else:
        opened = open_store(str(request.getfixturevalue("postgres_url")))
    yield opened
    opened.close()


def test_a_page_of_stories_comes_with_its_total_and_its_articles_lines(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1, "s1"), _article(2, "s2"), _article(3, "s1", "pt")]))
    store.write(Batch(new=[_article(4, "s3")]))
    page, total = store.story_page(limit=2)
    assert [s.id for s in page] == ["s3", "s1"] and total == 3
    assert store.story_page(limit=2, offset=10) == ([], 3)  # past the end: still the total
    assert store.story_page(lang="pt")[1] == 1
    lines = store.article_lines(stories=["s1"], articles=["a4"])
    assert [(line.id, line.story_id, line.lang) for line in lines] == [
        ("a1", "s1", "en"),
        ("a3", "s1", "pt"),
        ("a4", "s3", "en"),
    ]  # arrival order
    first = lines[0]
    assert first.title == "Headline 1" and first.published == date(2024, 1, 2)
    assert first.lead.startswith("Body of article 1.") and len(first.lead) < len(
        "Body of article 1. " * 40
    )
    assert [line.founded for line in lines] == [True, False, True]
    assert first.changed.tzinfo is not None and first.received == first.changed.date()
    assert store.article_lines() == []


def test_aliases_with_ids_come_in_one_read(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(1, "s1"), _article(2, "s2")]))
    store.write(
        Batch(
            aliases=[
                Alias("a1", "copy-1", "other.jsonl#line 1", None),
                Alias("a1", None, "other.txt", None),  # no id of its own: nothing to export
                Alias("a2", "copy-2", "other.jsonl#line 2", "https://example.org/2"),
                Alias("a1", "copy-3", "other.jsonl#line 3", None),
            ]
        )
    )
    found = store.aliases_with_ids()
    assert [a.external_id for a in found["a1"]] == ["copy-1", "copy-3"]  # in the order stored
    assert found["a2"][0].url == "https://example.org/2"


def _scan(store, query: np.ndarray, count: int) -> list[str]:  # type: ignore[no-untyped-def]
    ids, vectors = zip(*[(a, v) for a, _, v in store.article_vectors()], strict=True)
    scores = np.stack(vectors) @ query
    return [ids[i] for i in np.argsort(-scores)[:count]]


def test_the_vector_index_finds_what_a_scan_finds_and_is_kept_with_the_store(store) -> None:  # type: ignore[no-untyped-def]
    store.write(Batch(new=[_article(n, f"s{n % 7}") for n in range(1, 61)]))
    path = store.vector_index_path()
    query = np.asarray(_vector(1000), np.float32)
    index = VectorIndex(path)
    seqs = [seq for seq, _ in index.nearest(store, query, 10)]
    assert [store.articles_at([s])[s][0] for s in seqs] == _scan(store, query, 10)
    assert os.path.exists(path) and os.path.exists(path + ".json")
    written = os.path.getmtime(path)

    # A restart reads the file instead of building again, and catches up on what came since.
    store.write(Batch(new=[_article(61, "s1")]))
    again = VectorIndex(path)
    top, score = again.nearest(store, np.asarray(_vector(61), np.float32), 1)[0]
    assert store.articles_at([top])[top] == ("a61", "s1") and score == pytest.approx(1.0, abs=1e-5)
    assert os.path.getmtime(path) == written

    # An article updated with a new text (and vector) is found by its new vector only.
    updated, _ = _article(5, "s5")
    updated.embedding = _vector(5000)
    store.write(Batch(updated=[updated]))
    top, _ = again.nearest(store, np.asarray(_vector(5000), np.float32), 1)[0]
    assert store.articles_at([top])[top][0] == "a5"
    old = [
        store.articles_at([s])[s][0]
        for s, _ in again.nearest(store, np.asarray(_vector(5), np.float32), 3)
    ]
    assert old[0] != "a5"


def test_an_index_file_of_another_database_is_rebuilt(tmp_path: Path) -> None:
    first = open_store(str(tmp_path / "one.db"))
    first.write(Batch(new=[_article(n, "s1") for n in range(1, 11)]))
    VectorIndex(first.vector_index_path()).nearest(first, np.asarray(_vector(1)), 3)
    first.close()
    (tmp_path / "one.db").unlink()
    second = open_store(str(tmp_path / "one.db"))  # a new database under the same name
    second.write(Batch(new=[_article(n, "s2") for n in range(20, 25)]))
    found = VectorIndex(second.vector_index_path()).nearest(second, np.asarray(_vector(1)), 10)
    assert sorted(second.articles_at([s for s, _ in found]).values()) == [
        (f"a{n}", "s2") for n in range(20, 25)
    ]
    second.close()
