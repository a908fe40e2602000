"""Copy a SQLite store into PostgreSQL: every row as stored, batch by batch, safe to run again.

Rows are copied column for column (the two schemas are twins, see store/migrations_pg/), keeping
each article's arrival number, so stories, decisions and ``replay`` order come out exactly as they
were: nothing is re-clustered. Each batch is one transaction; a re-run, after a crash or after the
SQLite store grew, inserts what is missing, refreshes what changed and leaves the rest alone.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import psycopg

from ..errors import InputError, StoreError
from .locations import redacted
from .postgres import WRITE_LOCK, PostgresStore, connect


@dataclass(frozen=True)
class _Table:
    """How one table is read from SQLite and merged into PostgreSQL."""

    name: str
    order: str  # SQLite column giving the stored order
    key: str  # the conflict target that makes a copied row recognisable
    refresh: (
        bool  # update a row whose copy differs (articles and stories change; the others never do)
    )


# In foreign-key order: an alias needs its article.
TABLES = (
    _Table("articles", "seq", "id", refresh=True),
    _Table("aliases", "rowid", "article_id, external_id, origin", refresh=False),
    _Table("stories", "created_seq, rowid", "id", refresh=True),
    _Table("rejections", "id", "id", refresh=False),
    # An analyst's corrections (0006): an entry changes once, when it is undone; an alias when
    # it stops being one (its row stays, with no story).
    _Table("corrections", "id", "id", refresh=True),
    _Table("story_aliases", "rowid", "alias", refresh=True),
    # Translation links (0007): a pair found at ingest never changes.
    _Table("translations", "rowid", "article_id, other_id", refresh=False),
)
# Identity columns whose counters must move past the copied values, so the next ingest continues.
_COUNTERS = (("articles", "seq"), ("rejections", "id"), ("corrections", "id"))

Progress = Callable[[str, int, int], None]  # table, rows read so far, rows in the table


@dataclass
class Copied:
    """What a migration did to one table."""

    table: str
    read: int = 0
    written: int = 0  # inserted or refreshed; a re-run of an unchanged store writes none


def migrate(
    source: str | Path, target: str, progress: Progress | None = None, batch_size: int = 500
) -> list[Copied]:
    """Copy the SQLite store at ``source`` into the PostgreSQL database at ``target``.

    Raises:
        InputError: ``source`` is not a newsweave SQLite store.
        StoreError: the target cannot be opened or already holds other articles.
    """
    rows_in = _open_source(Path(source))
    try:
        PostgresStore(target).close()  # creates or upgrades the target's tables
        with _failing(str(source), target), connect(target) as db:
            results = [_copy_table(rows_in, db, table, progress, batch_size) for table in TABLES]
            _advance_counters(db)
    finally:
        rows_in.close()
    return [r for r in results if r is not None]


def _open_source(path: Path) -> sqlite3.Connection:
    """The SQLite store, read-only: a migration never changes its source."""
    if not path.is_file():
        raise InputError(str(path), "no such SQLite file")
    try:
        db = sqlite3.connect(f"{path.resolve().as_uri()}?mode=ro", uri=True)
        found = {r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    except sqlite3.DatabaseError as exc:
        raise InputError(str(path), f"not a SQLite database ({exc})") from exc
    if "articles" not in found:
        db.close()
        raise InputError(str(path), "not a newsweave store (it has no articles table)")
    return db


def _copy_table(
    source: sqlite3.Connection,
    db: psycopg.Connection[dict[str, Any]],
    table: _Table,
    progress: Progress | None,
    batch_size: int,
) -> Copied | None:
    """Copy one table in batches; None when the source store predates it."""
    columns = _shared_columns(source, db, table.name)
    if not columns:
        return None
    copied = Copied(table.name)
    total = source.execute(f"SELECT COUNT(*) FROM {table.name}").fetchone()[0]
    rows = source.execute(f"SELECT {', '.join(columns)} FROM {table.name} ORDER BY {table.order}")
    sql = _upsert(table, columns)
    while batch := rows.fetchmany(batch_size):
        with db.transaction(), db.cursor() as cursor:
            db.execute(
                "SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,)
            )  # in turn with running ingests
            cursor.executemany(sql, batch)
            copied.written += max(cursor.rowcount, 0)
        copied.read += len(batch)
        if progress:
            progress(table.name, copied.read, total)
    return copied


def _shared_columns(
    source: sqlite3.Connection, db: psycopg.Connection[dict[str, Any]], table: str
) -> list[str]:
    """The columns both stores have (a column only one side has is left to that side's default)."""
    ours = [r[1] for r in source.execute(f"PRAGMA table_info({table})")]
    theirs = {
        r["column_name"]
        for r in db.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_name = %s", (table,)
        )
    }
    return [c for c in ours if c in theirs]


def _upsert(table: _Table, columns: Sequence[str]) -> str:
    """INSERT … ON CONFLICT that skips a row already copied, or refreshes it when it changed."""
    keys = {k.strip() for k in table.key.split(",")} | {"seq"}
    changing = [c for c in columns if c not in keys]
    insert = f"INSERT INTO {table.name} ({', '.join(columns)}) VALUES ({', '.join(['%s'] * len(columns))})"
    if not (table.refresh and changing):
        return f"{insert} ON CONFLICT ({table.key}) DO NOTHING"
    ours = ", ".join(f"{table.name}.{c}" for c in changing)
    theirs = ", ".join(f"EXCLUDED.{c}" for c in changing)
    sets = ", ".join(f"{c} = EXCLUDED.{c}" for c in changing)
    # JSON has no equality operator: compare rows as text, which is also what SQLite held.
    return (
        f"{insert} ON CONFLICT ({table.key}) DO UPDATE SET {sets} "
        f"WHERE ROW({ours})::text IS DISTINCT FROM ROW({theirs})::text"
    )


def _advance_counters(db: psycopg.Connection[dict[str, Any]]) -> None:
    for table, column in _COUNTERS:
        db.execute(
            f"SELECT setval(pg_get_serial_sequence('{table}', '{column}'), "
            f"COALESCE(MAX({column}), 1), MAX({column}) IS NOT NULL) FROM {table}"
        )


@contextmanager
def _failing(source: str, target: str) -> Iterator[None]:
    """Turn the drivers' errors into ours, naming the side that failed (never the password)."""
    try:
        yield
    except sqlite3.DatabaseError as exc:
        raise InputError(source, f"cannot read the SQLite store: {exc}") from exc
    except psycopg.errors.UniqueViolation as exc:
        raise StoreError(
            f"cannot migrate into {redacted(target)}: it already holds other articles "
            f"({exc.diag.constraint_name}); migrate into an empty database"
        ) from exc
    except psycopg.Error as exc:
        raise StoreError(f"cannot migrate into {redacted(target)}: {exc}") from exc
