"""The embedded store: SQLite in WAL mode, one writer, every batch in one transaction."""

from __future__ import annotations

import sqlite3
import time
from contextlib import contextmanager
from datetime import date, datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Iterator

from ..errors import StoreError
from ..models import Article, Decision
from ._base import Alias, Batch, StorySummary
from .rows import ARTICLE_COLUMNS, article_from_row, article_values, content_values, decision_from_row

_BUSY_TIMEOUT_MS = 30_000
# A story's dates come from its articles' metadata dates where it has any: a date read off a
# plain-text header line is often a re-publication date (the sample's 15_alvarim_archive.txt).
_TRUSTED = "CASE WHEN a.published_from IS NOT 'header' THEN a.published END"  # a second writer waits its turn instead of failing


def _now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


class SQLiteStore:
    """Articles, stories and rejections in one SQLite file."""

    def __init__(self, path: str | Path) -> None:
        self.path = str(path)
        try:
            self._db = sqlite3.connect(self.path, timeout=_BUSY_TIMEOUT_MS / 1000, isolation_level=None)
            self._db.row_factory = sqlite3.Row
            self._use_wal()
            self._db.execute("PRAGMA synchronous=NORMAL")  # WAL + NORMAL: durable at checkpoint, never corrupt
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
        files = sorted((item for item in folder.iterdir() if item.name.endswith(".sql")), key=lambda p: p.name)
        if {item.name for item in files} <= self._applied():
            return  # the usual case: a read, which never waits for a writer
        # Under the write lock, checked again: another process may be opening the same new
        # store right now, and a plain read-then-write would race it ("table already exists").
        self._db.execute("BEGIN IMMEDIATE")
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
            done = self._applied()
            for item in files:
                if item.name not in done:
                    for statement in item.read_text().split(";"):
                        if statement.strip():
                            self._db.execute(statement)
                    self._db.execute("INSERT INTO schema_migrations VALUES (?, ?)", (item.name, _now()))
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

    def article_id_by_hash(self, content_hash: str) -> str | None:
        """The stored article with this content, if any."""
        row = self._db.execute("SELECT id FROM articles WHERE content_hash = ?", (content_hash,)).fetchone()
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
                f"INSERT INTO articles ({names}, ingested_at) VALUES ({marks}, :now)", {**values, "now": now}
            )
            self._touch_story(decision.story_id, article.title, cursor.lastrowid or 0)
        for article in batch.updated:
            values = content_values(article)
            sets = ", ".join(f"{c} = :{c}" for c in values)
            self._db.execute(
                f"UPDATE articles SET {sets}, updated_at = :now WHERE id = :id", {**values, "now": now, "id": article.id}
            )
        self._db.executemany(
            "INSERT OR IGNORE INTO aliases (article_id, external_id, origin, url) VALUES (?, ?, ?, ?)",
            [(a.article_id, a.external_id or "", a.origin, a.url) for a in batch.aliases],
        )
        self._db.executemany(
            "INSERT INTO rejections (origin, reason, at) VALUES (?, ?, ?)",
            [(r.origin, r.reason, now) for r in batch.rejected],
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

    def stories(
        self, lang: str | None = None, since: date | None = None, limit: int | None = None
    ) -> list[StorySummary]:
        """Stories, most recently updated first, with their counts and date range."""
        where, params = ["1 = 1"], []
        if lang:
            where.append("s.id IN (SELECT story_id FROM articles WHERE lang = ?)")
            params.append(lang)
        sql = f"""
            SELECT s.id, s.title, COUNT(*) AS n, COUNT(DISTINCT COALESCE(a.source, a.origin)) AS sources,
                   GROUP_CONCAT(DISTINCT a.lang) AS langs,
                   COALESCE(MIN({_TRUSTED}), MIN(a.published)) AS first,
                   COALESCE(MAX({_TRUSTED}), MAX(a.published)) AS last
            FROM stories s JOIN articles a ON a.story_id = s.id
            WHERE {' AND '.join(where)}
            GROUP BY s.id {f'HAVING COALESCE(MAX({_TRUSTED}), MAX(a.published)) >= ?' if since else ''}
            ORDER BY s.updated_seq DESC {'LIMIT ?' if limit else ''}"""
        if since:
            params.append(since.isoformat())
        if limit:
            params.append(limit)
        return [_summary(row) for row in self._db.execute(sql, params)]

    def story_articles(self, story_id: str) -> list[tuple[Article, Decision]]:
        """A story's articles in arrival order with their decisions."""
        rows = self._db.execute("SELECT * FROM articles WHERE story_id = ? ORDER BY seq", (story_id,))
        return [(article_from_row(r), decision_from_row(r)) for r in rows]

    def article(self, article_id: str) -> tuple[Article, Decision] | None:
        """One article by id or external id."""
        row = self._db.execute(
            "SELECT * FROM articles WHERE id = ? OR external_id = ? ORDER BY seq LIMIT 1", (article_id, article_id)
        ).fetchone()
        return (article_from_row(row), decision_from_row(row)) if row else None

    def articles(self) -> Iterator[tuple[Article, Decision]]:
        """Every article in arrival order."""
        for row in self._db.execute("SELECT * FROM articles ORDER BY seq"):
            yield article_from_row(row), decision_from_row(row)

    def aliases(self, article_id: str) -> list[Alias]:
        """Other records that carried the same text as ``article_id``."""
        rows = self._db.execute(
            "SELECT article_id, external_id, origin, url FROM aliases WHERE article_id = ? ORDER BY rowid", (article_id,)
        )
        return [Alias(r[0], r[1] or None, r[2], r[3]) for r in rows]

    def rejections(self) -> list[tuple[str, str]]:
        """Every rejected input with its reason, oldest first."""
        return [(r[0], r[1]) for r in self._db.execute("SELECT origin, reason FROM rejections ORDER BY id")]


def _summary(row: sqlite3.Row) -> StorySummary:
    return StorySummary(
        id=row["id"],
        title=row["title"],
        articles=row["n"],
        sources=row["sources"],
        languages=tuple(sorted((row["langs"] or "").split(","))),
        first_date=date.fromisoformat(row["first"]) if row["first"] else None,
        last_date=date.fromisoformat(row["last"]) if row["last"] else None,
    )
