"""The embedded store: SQLite in WAL mode, one writer, every batch in one transaction."""

from __future__ import annotations

import sqlite3
import time
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..errors import StoreError
from ..models import Article, Decision
from ._base import (
    ALIAS_HOPS,
    PREFIX_FROM,
    STORED_ORIGINS_SQL,
    TRUSTED_PUBLISHED_SQL,
    Alias,
    Batch,
    Correction,
    Sighting,
    TextHit,
    joined_snapshot,
    snapshot_parts,
)
from .queries import Dialect, SharedReads
from .rows import (
    ARTICLE_COLUMNS,
    article_from_row,
    article_values,
    content_values,
    correction_from_row,
    correction_values,
    decision_from_row,
)
from .sightings import SQLITE as _SIGHTINGS
from .sightings import sighting_from_row
from .sqlite_connection import Connection, read_only_uri, reads_report_errors

_BUSY_TIMEOUT_MS = 30_000  # a second writer waits its turn instead of failing
# A story's dates come from its articles' trusted dates only: a date read off a plain-text
# header line is often a re-publication date (the sample's 15_alvarim_archive.txt, the seeds'
# 002 and 004), so a story dated only by header lines has no date range.
SQLITE = Dialect(
    mark="?",
    trusted=TRUSTED_PUBLISHED_SQL,
    langs="GROUP_CONCAT(DISTINCT a.lang)",
    entity_rows="json_each(x.entities) e",
    entity_key="json_extract(e.value, '$.key')",
    entity_surface="json_extract(e.value, '$.surface')",
    no_limit=-1,
    received="substr(a.ingested_at, 1, 10)",
    changed="MAX(a.ingested_at, COALESCE(a.updated_at, a.ingested_at))",
    moment="?",
    alias_order="rowid",
)


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


# Every other public method is a read: a driver error there reads as a StoreError naming the store.
@reads_report_errors(writes=("close", "writing", "write", "save_snapshot", "record_correction"))
class SQLiteStore(SharedReads):
    """Articles, stories and rejections in one SQLite file."""

    dialect = SQLITE

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        read_only = read_only_uri(self.path)
        try:
            if read_only:
                self._db = sqlite3.connect(
                    read_only,
                    timeout=_BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    uri=True,
                    factory=Connection,
                )
            else:
                self._db = sqlite3.connect(
                    self.path,
                    timeout=_BUSY_TIMEOUT_MS / 1000,
                    isolation_level=None,
                    factory=Connection,
                )
            self._db.store_path = self.path  # type: ignore[attr-defined]
            self._db.row_factory = sqlite3.Row
            if not read_only:
                self._use_wal()
                self._db.execute(
                    "PRAGMA synchronous=NORMAL"
                )  # WAL + NORMAL: durable at checkpoint, never corrupt
            self._db.execute(f"PRAGMA busy_timeout={_BUSY_TIMEOUT_MS}")
            self._migrate()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot open store {self.path}: {exc}") from exc

    def _use_wal(self) -> None:
        """Switch the file to WAL, waiting out another process doing the same.

        SQLite answers "database is locked" at once, without its busy handler, when two
        connections switch a new file's journal mode together: retried here for as long as
        the busy timeout.
        """
        deadline = time.monotonic() + _BUSY_TIMEOUT_MS / 1000
        while True:
            try:
                self._db.execute("PRAGMA journal_mode=WAL")
                return
            except sqlite3.OperationalError as exc:
                if "locked" not in str(exc) or time.monotonic() > deadline:
                    raise
                time.sleep(0.05)

    def _migrate(self) -> None:
        """Apply the SQL files in migrations/ that this store has not seen yet."""
        folder = resources.files("newsweave.store") / "migrations"
        files = sorted(
            (item for item in folder.iterdir() if item.name.endswith(".sql")), key=lambda p: p.name
        )
        if {item.name for item in files} <= self._applied():
            return  # the usual case: a read, which never waits for a writer
        # Under the write lock, checked again: another process may be opening the same new
        # store right now, and a plain read-then-write would race it ("table already exists").
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)"
            )
            done = self._applied()
            for item in files:
                if item.name not in done:
                    for statement in item.read_text().split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute(
                        "INSERT INTO schema_migrations VALUES (?, ?)", (item.name, _now())
                    )
            self._db.execute("COMMIT")
        except BaseException:
            self._db.execute("ROLLBACK")
            raise

    def _applied(self) -> set[str]:
        """Names of the migrations this store has applied (none for a new file)."""
        try:
            return {r[0] for r in self._db.execute("SELECT name FROM schema_migrations")}
        except sqlite3.OperationalError as exc:
            if "no such table" in str(exc):
                return set()
            raise

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _rows(self, sql: str, params: Sequence[object]) -> list[Mapping[str, Any]]:
        try:
            rows: list[Mapping[str, Any]] = self._db.execute(sql, params).fetchall()
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read store {self.path}: {exc}") from exc
        return rows

    def vector_index_path(self) -> str | None:
        """The search index's file, beside the database's (none for an in-memory database)."""
        return None if self.path == ":memory:" else f"{self.path}.vectors.usearch"

    def article_id_by_hash(self, content_hash: str) -> str | None:
        """The stored article with this content, if any."""
        row = self._db.execute(
            "SELECT id FROM articles WHERE content_hash = ?", (content_hash,)
        ).fetchone()
        return row[0] if row else None

    def article_id_by_url(self, url: str) -> str | None:
        """The stored article read from ``url``, if any."""
        row = self._db.execute("SELECT id FROM articles WHERE url = ?", (url,)).fetchone()
        return row[0] if row else None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock for one transaction: committed on exit, rolled back on error.

        Other writers wait (busy_timeout) rather than fail; readers go on reading (WAL).
        The pipeline catches up on other writers' articles inside it before assigning its own.
        """
        try:
            self._db.execute("BEGIN IMMEDIATE")
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        try:
            yield
            self._db.execute("COMMIT")
        except BaseException as exc:
            if self._db.in_transaction:
                self._db.execute("ROLLBACK")
            if isinstance(exc, sqlite3.Error):
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc
            raise

    def write(self, batch: Batch) -> None:
        """Commit new articles, updates and rejections together, or none of them.

        Inside ``writing()`` the batch joins that transaction instead.
        """
        if self._db.in_transaction:
            try:
                self._write(batch)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc
            return
        try:
            self._db.execute("BEGIN IMMEDIATE")
            try:
                self._write(batch)
                self._db.execute("COMMIT")
            except BaseException:
                self._db.execute("ROLLBACK")
                raise
        except sqlite3.Error as exc:
            raise StoreError(f"cannot write to {self.path}: {exc}") from exc

    def _write(self, batch: Batch) -> None:
        now = _now()
        for article, decision in batch.new:
            values = article_values(article, decision)
            names = ", ".join(ARTICLE_COLUMNS)
            marks = ", ".join(f":{c}" for c in ARTICLE_COLUMNS)
            cursor = self._db.execute(
                f"INSERT INTO articles ({names}, ingested_at) VALUES ({marks}, :now)",
                {**values, "now": now},
            )
            self._touch_story(decision.story_id, article.title, cursor.lastrowid or 0)
            self._index_text(article.id)
        for article in batch.updated:
            values = content_values(article)
            sets = ", ".join(f"{c} = :{c}" for c in values)
            self._unindex_text(article.id)
            self._db.execute(
                f"UPDATE articles SET {sets}, updated_at = :now WHERE id = :id",
                {**values, "now": now, "id": article.id},
            )
            self._index_text(article.id)
        self._db.executemany(
            "INSERT OR IGNORE INTO aliases (article_id, external_id, origin, url) VALUES (?, ?, ?, ?)",
            [(a.article_id, a.external_id or "", a.origin, a.url) for a in batch.aliases],
        )
        self._db.executemany(
            "INSERT INTO rejections (origin, reason, at) VALUES (?, ?, ?)",
            [(r.origin, r.reason, now) for r in batch.rejected],
        )
        self._db.executemany(
            "INSERT OR IGNORE INTO translations (article_id, other_id, confidence) VALUES (?, ?, ?)",
            [(t.article_id, t.other_id, t.confidence) for t in batch.translations],
        )

    def _index_text(self, article_id: str) -> None:
        """Add an article's current title and text to the full-text index (see 0004_search.sql)."""
        self._db.execute(
            "INSERT INTO articles_fts (rowid, title, text) SELECT seq, title, text FROM articles WHERE id = ?",
            (article_id,),
        )

    def _unindex_text(self, article_id: str) -> None:
        # An external-content FTS5 index is told the old values to forget them.
        self._db.execute(
            "INSERT INTO articles_fts (articles_fts, rowid, title, text) "
            "SELECT 'delete', seq, title, text FROM articles WHERE id = ?",
            (article_id,),
        )

    def _touch_story(self, story_id: str, title: str, seq: int) -> None:
        self._db.execute(
            "INSERT INTO stories (id, title, created_seq, updated_seq) VALUES (?, ?, ?, ?) "
            "ON CONFLICT (id) DO UPDATE SET updated_seq = excluded.updated_seq",
            (story_id, title, seq, seq),
        )

    def replay(self) -> Iterator[tuple[Article, str]]:
        """Every stored article with its story id, in arrival order."""
        for row in self._db.execute("SELECT * FROM articles ORDER BY seq"):
            yield article_from_row(row), row["story_id"]

    def replay_since(self, seq: int) -> Iterator[tuple[int, Article, str]]:
        """Articles stored after arrival number ``seq``, with their numbers and story ids."""
        for row in self._db.execute("SELECT * FROM articles WHERE seq > ? ORDER BY seq", (seq,)):
            yield row["seq"], article_from_row(row), row["story_id"]

    def last_seq(self) -> int:
        """The arrival number of the newest stored article (0 for an empty store)."""
        return int(self._db.execute("SELECT COALESCE(MAX(seq), 0) FROM articles").fetchone()[0])

    def save_snapshot(self, seq: int, fingerprint: str, data: bytes) -> None:
        """Keep ``data`` as the clusterer's state as of article ``seq``, replacing the last one."""
        parts = snapshot_parts(data)
        with self.writing():
            self._db.execute("DELETE FROM clusterer_snapshot")
            self._db.executemany(
                "INSERT INTO clusterer_snapshot (part, parts, seq, fingerprint, data) VALUES (?, ?, ?, ?, ?)",
                [(i, len(parts), seq, fingerprint, part) for i, part in enumerate(parts)],
            )

    def load_snapshot(self, fingerprint: str) -> tuple[int, bytes] | None:
        """The kept state and its article number, if one was made under ``fingerprint``."""
        rows = self._db.execute(  # one statement: one consistent read, whoever writes meanwhile
            "SELECT part, parts, seq, data FROM clusterer_snapshot WHERE fingerprint = ? ORDER BY part",
            (fingerprint,),
        ).fetchall()
        return joined_snapshot([tuple(row) for row in rows])

    def story_articles(self, story_id: str) -> list[tuple[Article, Decision]]:
        """A story's articles in arrival order with their decisions."""
        rows = self._db.execute(
            "SELECT * FROM articles WHERE story_id = ? ORDER BY seq", (self._followed(story_id),)
        )
        return [(article_from_row(r), decision_from_row(r)) for r in rows]

    def article(self, article_id: str) -> tuple[Article, Decision] | None:
        """One article by id or external id."""
        row = self._db.execute(
            "SELECT * FROM articles WHERE id = ? OR external_id = ? ORDER BY seq LIMIT 1",
            (article_id, article_id),
        ).fetchone()
        return (article_from_row(row), decision_from_row(row)) if row else None

    def articles(self) -> Iterator[tuple[Article, Decision]]:
        """Every article in arrival order."""
        for row in self._db.execute("SELECT * FROM articles ORDER BY seq"):
            yield article_from_row(row), decision_from_row(row)

    def aliases(self, article_id: str) -> list[Alias]:
        """Other records that carried the same text as ``article_id``."""
        rows = self._db.execute(
            "SELECT article_id, external_id, origin, url FROM aliases WHERE article_id = ? ORDER BY rowid",
            (article_id,),
        )
        return [Alias(r[0], r[1] or None, r[2], r[3]) for r in rows]

    def search_text(self, query: str, limit: int = 50) -> list[TextHit]:
        """Articles holding every word of ``query``, by BM25 (title words count double)."""
        match = _fts_query(query)
        if not match:
            return []
        rows = self._db.execute(
            "SELECT a.id, a.story_id, bm25(articles_fts, 2.0, 1.0) AS rank, "
            "snippet(articles_fts, 1, char(2), char(3), '…', 16) AS snip "
            "FROM articles_fts JOIN articles a ON a.seq = articles_fts.rowid "
            "WHERE articles_fts MATCH ? ORDER BY rank LIMIT ?",
            (match, limit),
        )
        # bm25() is lower-is-better; the protocol's score is higher-is-better.
        return [TextHit(r["id"], r["story_id"], -r["rank"], r["snip"]) for r in rows]

    def sightings(
        self, entities: Sequence[str], first: date, last: date, outside: str
    ) -> list[Sighting]:
        """Other stories' articles naming these entity keys, dated from ``first`` to ``last``."""
        if not entities:
            return []
        sql = _SIGHTINGS.format(marks=", ".join("?" * len(entities)))
        params = [first.isoformat(), last.isoformat(), *entities, self._followed(outside)]
        return [sighting_from_row(r) for r in self._db.execute(sql, params)]

    def _followed(self, story_id: str) -> str:
        """``story_id``, or the story it was merged into (and that one's, and so on)."""
        for _ in range(ALIAS_HOPS):
            row = self._db.execute(
                "SELECT story_id FROM story_aliases WHERE alias = ?", (story_id,)
            ).fetchone()
            if row is None or row[0] is None:
                break
            story_id = row[0]
        return story_id

    def resolve_story(self, story_id: str) -> str | None:
        """The story ``story_id`` names, following merge aliases; None when no article is in it."""
        found = self._followed(story_id)
        row = self._db.execute(
            "SELECT 1 FROM articles WHERE story_id = ? LIMIT 1", (found,)
        ).fetchone()
        return found if row else None

    def record_correction(self, correction: Correction) -> Correction:
        """Apply a correction's moves and aliases and add it to the history, in one transaction."""
        if self._db.in_transaction:
            try:
                return self._record(correction)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot write to {self.path}: {exc}") from exc
        with self.writing():
            return self._record(correction)

    def _record(self, correction: Correction) -> Correction:
        for article_id, _, to in correction.moves:
            self._db.execute("UPDATE articles SET story_id = ? WHERE id = ?", (to, article_id))
        self._db.executemany(
            "INSERT INTO story_aliases (alias, story_id) VALUES (?, ?) "
            "ON CONFLICT (alias) DO UPDATE SET story_id = excluded.story_id",
            correction.aliases,
        )
        for story_id in sorted(
            {to for _, _, to in correction.moves}
        ):  # a story a split founds gets its row
            self._db.execute(
                "INSERT INTO stories (id, title, created_seq, updated_seq) "
                "SELECT ?, (SELECT title FROM articles WHERE story_id = ? ORDER BY seq LIMIT 1), MIN(seq), MAX(seq) "
                "FROM articles WHERE story_id = ? ON CONFLICT (id) DO NOTHING",
                (story_id, story_id, story_id),
            )
        values = {**correction_values(correction), "at": _now(), "seq": self.last_seq()}
        names = ", ".join(values)
        cursor = self._db.execute(
            f"INSERT INTO corrections ({names}) VALUES ({', '.join(':' + n for n in values)})",
            values,
        )
        if correction.undoes is not None:
            self._db.execute(
                "UPDATE corrections SET undone_by = ? WHERE id = ?",
                (cursor.lastrowid, correction.undoes),
            )
        recorded = self.correction(int(cursor.lastrowid or 0))
        assert recorded is not None
        return recorded

    def corrections(self, story_id: str | None = None, after: int = 0) -> list[Correction]:
        """History entries after id ``after``, oldest first; with ``story_id``, only those touching it."""
        if story_id is None:
            rows = self._db.execute("SELECT * FROM corrections WHERE id > ? ORDER BY id", (after,))
        else:
            rows = self._db.execute(
                "SELECT c.* FROM corrections c WHERE c.id > ? AND EXISTS "
                "(SELECT 1 FROM json_each(c.stories) s WHERE s.value = ?) ORDER BY c.id",
                (after, story_id),
            )
        return [correction_from_row(r) for r in rows]

    def correction(self, entry_id: int) -> Correction | None:
        """One history entry by id."""
        row = self._db.execute("SELECT * FROM corrections WHERE id = ?", (entry_id,)).fetchone()
        return correction_from_row(row) if row else None

    def arrivals(self, story_id: str) -> dict[str, tuple[int, str]]:
        """Each of a story's articles' arrival number and time stored, by article id."""
        rows = self._db.execute(
            "SELECT id, seq, ingested_at FROM articles WHERE story_id = ?",
            (self._followed(story_id),),
        )
        return {r[0]: (r[1], r[2]) for r in rows}

    def changed_at(self, story_id: str) -> dict[str, datetime]:
        """When each of a story's articles was stored, or last updated if later (UTC), by article id."""
        rows = self._db.execute(
            "SELECT id, ingested_at, updated_at FROM articles WHERE story_id = ?",
            (self._followed(story_id),),
        )
        return {r[0]: max(datetime.fromisoformat(t) for t in (r[1], r[2]) if t) for r in rows}

    def article_vectors(self) -> Iterator[tuple[str, str, np.ndarray]]:
        """(article id, story id, embedding) for every article with a stored embedding."""
        rows = self._db.execute(
            "SELECT id, story_id, embedding FROM articles WHERE embedding IS NOT NULL ORDER BY seq"
        )
        for row in rows:
            yield row[0], row[1], np.frombuffer(row[2], dtype=np.float32)

    def rejections(self) -> list[tuple[str, str]]:
        """Every rejected input with its reason, oldest first."""
        return [
            (r[0], r[1])
            for r in self._db.execute("SELECT origin, reason FROM rejections ORDER BY id")
        ]

    def stored_origins(self, prefix: str) -> set[str]:
        """Origins starting with ``prefix`` stored as an article, alias or rejection."""
        sql = STORED_ORIGINS_SQL.format(n=":n", p=":p")
        return {r[0] for r in self._db.execute(sql, {"n": len(prefix), "p": prefix})}


def _fts_query(query: str) -> str:
    """The words of a user's query as an FTS5 query that matches all of them.

    Each word is quoted, so FTS5 operators and punctuation in user input are plain text
    and never a syntax error. A word of PREFIX_FROM letters or more also matches as a prefix
    ("flood" finds "floods", "flooded"): the index does not stem, and a reader types the stem.
    """
    words = [w for w in "".join(c if c.isalnum() else " " for c in query).split()]
    return " ".join(f'"{w}"' + ("*" if len(w) >= PREFIX_FROM else "") for w in words)
