"""A store the SQLite driver cannot read as it expects reports a StoreError that names it, from every
read: the CLI prints it and the web answers 503, where a raw ``sqlite3.Error`` was a traceback."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.errors import StoreError
from newsweave.pipeline import Pipeline
from newsweave.store import Store, open_store

STORY = "The ferry from Vigo to Cangas stopped on Monday after a storm damaged the pier in {}."


def _store_missing_tables(tmp_path: Path) -> Path:
    """A store whose search index, history and rejections tables are gone (a hand-edited copy,
    a half-restored backup): the file itself is sound, so only the reads that need them fail."""
    db = tmp_path / "s.db"
    pipeline = Pipeline(Settings(db=str(db), embedder="hashing"))
    (tmp_path / "a.txt").write_text("Ferry stops\n\n" + STORY.format("Vigo"))
    pipeline.ingest([str(tmp_path / "a.txt")])
    pipeline.store.close()
    with sqlite3.connect(db) as con:
        for table in ("articles_fts", "corrections", "rejections"):
            con.execute(f"DROP TABLE {table}")
    return db


@pytest.mark.parametrize(
    "read",
    [
        lambda store: store.search_text("ferry"),
        lambda store: store.corrections(),
        lambda store: list(store.rejections()),
        lambda store: store.stored_origins("/"),
    ],
    ids=["search_text", "corrections", "rejections", "stored_origins"],
)
def test_a_read_the_store_cannot_answer_is_a_store_error_naming_it(
    tmp_path: Path, read: Callable[[Store], object]
) -> None:
    db = _store_missing_tables(tmp_path)
    store = open_store(str(db))
    with pytest.raises(StoreError, match=str(db)) as error:
        read(store)
    assert "no such table" in str(error.value)
    # The reads that do not need the lost tables still answer.
    assert [a.title for a, _ in store.articles()] == ["Ferry stops"]
    store.close()
