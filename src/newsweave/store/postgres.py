"""The server store: PostgreSQL through psycopg 3, every batch in one transaction, writers in turn.

Two writers (two ingest runs, or ingest beside `newsweave migrate`) are safe: each batch takes
a transaction-scoped advisory lock before it writes, so batches commit one after another, as
SQLite's BEGIN IMMEDIATE makes them. That keeps what the pipeline relies on: the arrival order
(``seq``) equals the commit order, so a batch's articles are consecutive in ``replay`` and a
reader paging by ``seq`` never misses a row committed later under a smaller number. An advisory
lock was chosen over SERIALIZABLE retries because a retried batch would have to be re-clustered
(its stories were decided in memory), and the lock costs one round trip a batch.
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from datetime import UTC, date, datetime
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np
import psycopg
from psycopg.rows import dict_row
from psycopg.types.string import TextLoader

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
from .locations import redacted
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
from .sightings import POSTGRES as _SIGHTINGS
from .sightings import sighting_from_row

# pg_advisory_xact_lock keys: any fixed numbers no other program on the database is likely to use.
WRITE_LOCK = 0x6E77_0001
_MIGRATE_LOCK = 0x6E77_0002
_PAGE = 1000  # rows fetched a round trip when iterating every article: bounded memory at any size
# A story's dates come from its articles' trusted dates only, never a header line's (see sqlite.py).
POSTGRES = Dialect(
    mark="%s",
    trusted=TRUSTED_PUBLISHED_SQL,
    langs="STRING_AGG(DISTINCT a.lang, ',')",
    entity_rows="jsonb_array_elements(x.entities) e",
    entity_key="e->>'key'",
    entity_surface="e->>'surface'",
    no_limit=None,
    received="(a.ingested_at AT TIME ZONE 'UTC')::date",
    changed="GREATEST(a.ingested_at, a.updated_at)",
    moment="%s::timestamptz",
    alias_order="seq",
)
# Reads name their columns: ``SELECT *`` would also fetch search_vector (0004_search.sql), as
# large again as the text, on every replay.
_ARTICLE = ", ".join(("seq", *ARTICLE_COLUMNS))
# The query is cut into words by the parser that cut the texts, so "3.5" or "www.example.org" is
# one word on both sides; a hyphenated word counts as its parts ("Jong-un" finds "Jong Un", as on
# SQLite). Every word must match; punctuation and tsquery operators in the query are plain text
# (each lexeme is quoted: its quotes doubled, its backslashes escaped). A word of PREFIX_FROM
# letters or more also matches as a prefix (:*), as on SQLite.
_QUERY = r"""
    SELECT to_tsquery('pg_catalog.simple', string_agg(
        '''' || replace(replace(lexeme, '\', '\\'), '''', '''''') || ''''
        || CASE WHEN length(lexeme) >= %(prefix_from)s THEN ':*' ELSE '' END, ' & '))
    FROM ts_debug('newsweave_search', %(words)s) AS token, unnest(token.lexemes) AS lexeme
    WHERE token.alias NOT IN ('asciihword', 'hword', 'numhword')"""
# ts_rank's weights for labels {D, C, B, A}: a title word (A) counts double a body word (B).
# Normalisation 1 divides by 1 + log(length), so a long text's many words do not bury a short one.
_RANK = "ts_rank('{0, 0, 0.5, 1}', a.search_vector, %(query)s::tsquery, 1)"
# ts_headline marks matches as FTS5's snippet() does for SQLite: \x02 … \x03, about 16 words.
_HEADLINE = "StartSel=\x02, StopSel=\x03, MaxWords=16, MinWords=8, ShortWord=0, MaxFragments=1"


def connect(url: str) -> psycopg.Connection[dict[str, Any]]:
    """A connection in autocommit mode (reads hold no transaction open) whose rows are dicts.

    JSON, JSONB and DATE columns come back as their text, the plain values rows.py shares
    with SQLite, so one row-to-Article function serves both backends.
    """
    db = psycopg.connect(url, autocommit=True, row_factory=dict_row)
    for name in ("json", "jsonb", "date"):
        db.adapters.register_loader(name, TextLoader)
    return db


class PostgresStore(SharedReads):
    """Articles, stories and rejections in a PostgreSQL database."""

    dialect = POSTGRES

    def __init__(self, url: str) -> None:
        self.url = url
        with self._failing("open"):
            self._db = connect(url)
            self._migrate()

    @contextmanager
    def _failing(self, doing: str) -> Iterator[None]:
        """Turn the driver's errors into StoreError, naming the database (without its password)."""
        try:
            yield
        except psycopg.Error as exc:
            raise StoreError(f"cannot {doing} store {redacted(self.url)}: {exc}") from exc

    def _migrate(self) -> None:
        """Apply the SQL files in migrations_pg/ that this database has not seen, all or none."""
        with self._db.transaction():
            self._db.execute(
                "SELECT pg_advisory_xact_lock(%s)", (_MIGRATE_LOCK,)
            )  # two first runs at once
            self._db.execute(
                "CREATE TABLE IF NOT EXISTS schema_migrations (name TEXT PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL)"
            )
            done = {r["name"] for r in self._db.execute("SELECT name FROM schema_migrations")}
            folder = resources.files("newsweave.store") / "migrations_pg"
            for item in sorted(folder.iterdir(), key=lambda p: p.name):
                if item.name.endswith(".sql") and item.name not in done:
                    # Without parameters psycopg sends a file's several statements in one call.
                    self._db.execute(item.read_text())
                    self._db.execute(
                        "INSERT INTO schema_migrations VALUES (%s, %s)", (item.name, _now())
                    )

    def close(self) -> None:
        """Close the connection."""
        self._db.close()

    def _rows(self, sql: str, params: Sequence[object]) -> list[Mapping[str, Any]]:
        with self._failing("read"):
            return list(self._db.execute(sql, params).fetchall())

    def vector_index_path(self) -> str | None:
        """The search index's file: a local cache named after the server and database (the
        password left out), checked against the database's contents each time it is opened."""
        key = hashlib.sha256(redacted(self.url).encode("utf-8")).hexdigest()[:16]
        cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache")
        return str(cache / "newsweave" / f"vectors-{key}.usearch")

    def _one(self, sql: str, params: tuple[Any, ...]) -> dict[str, Any] | None:
        with self._failing("read"):
            return self._db.execute(sql, params).fetchone()

    def article_id_by_hash(self, content_hash: str) -> str | None:
        """The stored article with this content, if any."""
        row = self._one("SELECT id FROM articles WHERE content_hash = %s", (content_hash,))
        return row["id"] if row else None

    def article_id_by_url(self, url: str) -> str | None:
        """The stored article read from ``url``, if any."""
        row = self._one("SELECT id FROM articles WHERE url = %s ORDER BY seq LIMIT 1", (url,))
        return row["id"] if row else None

    @contextmanager
    def writing(self) -> Iterator[None]:
        """Hold the write lock for one transaction: committed on exit, rolled back on error.

        The pipeline catches up on other writers' articles inside it before assigning its
        own; ``write`` inside it joins the transaction (as a savepoint).
        """
        with self._failing("write to"), self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            yield

    def write(self, batch: Batch) -> None:
        """Commit new articles, updates, aliases and rejections together, or none of them."""
        with self._failing("write to"), self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            self._write(batch, _now())

    def _write(self, batch: Batch, now: datetime) -> None:
        names = ", ".join(ARTICLE_COLUMNS)
        marks = ", ".join(f"%({c})s" for c in ARTICLE_COLUMNS)
        with self._db.cursor() as cursor:
            # One statement an article, its story's row included, sent together (executemany
            # pipelines them): a batch costs about one round trip, not two an article.
            cursor.executemany(
                f"WITH a AS (INSERT INTO articles ({names}, ingested_at) VALUES ({marks}, %(now)s) "
                "RETURNING seq, story_id, title) "
                "INSERT INTO stories (id, title, created_seq, updated_seq) SELECT story_id, title, seq, seq FROM a "
                "ON CONFLICT (id) DO UPDATE SET updated_seq = EXCLUDED.updated_seq",
                [
                    {**article_values(article, decision), "now": now}
                    for article, decision in batch.new
                ],
            )
            for article in batch.updated:
                values = content_values(article)
                sets = ", ".join(f"{c} = %({c})s" for c in values)
                cursor.execute(
                    f"UPDATE articles SET {sets}, updated_at = %(now)s WHERE id = %(id)s",
                    {**values, "now": now, "id": article.id},
                )
            cursor.executemany(
                "INSERT INTO aliases (article_id, external_id, origin, url) VALUES (%s, %s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                [(a.article_id, a.external_id or "", a.origin, a.url) for a in batch.aliases],
            )
            cursor.executemany(
                "INSERT INTO rejections (origin, reason, at) VALUES (%s, %s, %s)",
                [(r.origin, r.reason, now) for r in batch.rejected],
            )
            cursor.executemany(
                "INSERT INTO translations (article_id, other_id, confidence) VALUES (%s, %s, %s) "
                "ON CONFLICT DO NOTHING",
                [(t.article_id, t.other_id, t.confidence) for t in batch.translations],
            )

    def _pages(
        self, columns: str = _ARTICLE, where: str = "TRUE", after: int = 0
    ) -> Iterator[dict[str, Any]]:
        """Articles in arrival order, a page at a time (keyset paging holds no cursor or transaction open)."""
        last = after
        while True:
            with self._failing("read"):
                rows = self._db.execute(
                    f"SELECT {columns} FROM articles WHERE seq > %s AND {where} ORDER BY seq LIMIT {_PAGE}",
                    (last,),
                ).fetchall()
            yield from rows
            if len(rows) < _PAGE:
                return
            last = rows[-1]["seq"]

    def replay(self) -> Iterator[tuple[Article, str]]:
        """Every stored article with its story id, in arrival order."""
        for row in self._pages():
            yield article_from_row(row), row["story_id"]

    def replay_since(self, seq: int) -> Iterator[tuple[int, Article, str]]:
        """Articles stored after arrival number ``seq``, with their numbers and story ids."""
        for row in self._pages(after=seq):
            yield row["seq"], article_from_row(row), row["story_id"]

    def last_seq(self) -> int:
        """The arrival number of the newest stored article (0 for an empty store)."""
        with self._failing("read"):
            row = self._db.execute("SELECT COALESCE(MAX(seq), 0) AS last FROM articles").fetchone()
        return int(row["last"]) if row else 0

    def save_snapshot(self, seq: int, fingerprint: str, data: bytes) -> None:
        """Keep ``data`` as the clusterer's state as of article ``seq``, replacing the last one."""
        parts = snapshot_parts(data)
        with self._failing("write to"), self._db.transaction():
            self._db.execute(
                "SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,)
            )  # two savers take turns
            self._db.execute("DELETE FROM clusterer_snapshot")
            with self._db.cursor() as cursor:
                cursor.executemany(
                    "INSERT INTO clusterer_snapshot (part, parts, seq, fingerprint, data) VALUES (%s, %s, %s, %s, %s)",
                    [(i, len(parts), seq, fingerprint, part) for i, part in enumerate(parts)],
                )

    def load_snapshot(self, fingerprint: str) -> tuple[int, bytes] | None:
        """The kept state and its article number, if one was made under ``fingerprint``."""
        with self._failing("read"):
            rows = self._db.execute(
                "SELECT part, parts, seq, data FROM clusterer_snapshot WHERE fingerprint = %s ORDER BY part",
                (fingerprint,),
            ).fetchall()
        return joined_snapshot([(r["part"], r["parts"], r["seq"], r["data"]) for r in rows])

    def story_articles(self, story_id: str) -> list[tuple[Article, Decision]]:
        """A story's articles in arrival order with their decisions."""
        with self._failing("read"):
            rows = self._db.execute(
                f"SELECT {_ARTICLE} FROM articles WHERE story_id = %s ORDER BY seq",
                (self._followed(story_id),),
            ).fetchall()
        return [(article_from_row(r), decision_from_row(r)) for r in rows]

    def article(self, article_id: str) -> tuple[Article, Decision] | None:
        """One article by id or external id."""
        row = self._one(
            f"SELECT {_ARTICLE} FROM articles WHERE id = %s OR external_id = %s ORDER BY seq LIMIT 1",
            (article_id, article_id),
        )
        return (article_from_row(row), decision_from_row(row)) if row else None

    def articles(self) -> Iterator[tuple[Article, Decision]]:
        """Every article in arrival order."""
        for row in self._pages():
            yield article_from_row(row), decision_from_row(row)

    def aliases(self, article_id: str) -> list[Alias]:
        """Other records that carried the same text as ``article_id``."""
        with self._failing("read"):
            rows = self._db.execute(
                "SELECT article_id, external_id, origin, url FROM aliases WHERE article_id = %s ORDER BY seq",
                (article_id,),
            ).fetchall()
        return [
            Alias(r["article_id"], r["external_id"] or None, r["origin"], r["url"]) for r in rows
        ]

    def search_text(self, query: str, limit: int = 50) -> list[TextHit]:
        """Articles holding every word of ``query``, by ts_rank (title words count double)."""
        if not any(c.isalnum() for c in query):  # nothing but punctuation: no round trip
            return []
        with self._failing("search"):
            # The tsquery is made first and sent back as a value: the planner then sees it and uses
            # the GIN index (computed inside the same statement, it chose to scan every article).
            made = self._db.execute(
                f"SELECT ({_QUERY})::text AS query", {"words": query, "prefix_from": PREFIX_FROM}
            ).fetchone()
            if not made or not made["query"]:
                return []
            # Snippets are made after the LIMIT: ts_headline re-reads a whole text, so only for the hits shown.
            rows = self._db.execute(
                f"""
                WITH hits AS (
                    SELECT a.seq, a.id, a.story_id, a.text, {_RANK} AS rank
                    FROM articles a WHERE a.search_vector @@ %(query)s::tsquery
                    ORDER BY rank DESC, a.seq LIMIT %(limit)s)
                SELECT id, story_id, rank, text, ts_headline('newsweave_search', text, %(query)s::tsquery, %(marks)s) AS snip
                FROM hits ORDER BY rank DESC, seq""",
                {**made, "limit": limit, "marks": _HEADLINE},
            ).fetchall()
        return [
            TextHit(r["id"], r["story_id"], float(r["rank"]), _trimmed(r["snip"], r["text"]))
            for r in rows
        ]

    def sightings(
        self, entities: Sequence[str], first: date, last: date, outside: str
    ) -> list[Sighting]:
        """Other stories' articles naming these entity keys, dated from ``first`` to ``last``."""
        if not entities:
            return []
        with self._failing("read"):
            rows = self._db.execute(
                _SIGHTINGS, (first, last, list(entities), self._followed(outside))
            ).fetchall()
        return [sighting_from_row(r) for r in rows]

    def _followed(self, story_id: str) -> str:
        """``story_id``, or the story it was merged into (and that one's, and so on)."""
        for _ in range(ALIAS_HOPS):
            row = self._one("SELECT story_id FROM story_aliases WHERE alias = %s", (story_id,))
            if row is None or row["story_id"] is None:
                break
            story_id = row["story_id"]
        return story_id

    def resolve_story(self, story_id: str) -> str | None:
        """The story ``story_id`` names, following merge aliases; None when no article is in it."""
        found = self._followed(story_id)
        return (
            found
            if self._one("SELECT 1 AS one FROM articles WHERE story_id = %s LIMIT 1", (found,))
            else None
        )

    def record_correction(self, correction: Correction) -> Correction:
        """Apply a correction's moves and aliases and add it to the history, in one transaction.

        Under the write lock, as a batch is: an ingest and a correction commit one after the other.
        """
        with self._failing("write to"), self._db.transaction():
            self._db.execute("SELECT pg_advisory_xact_lock(%s)", (WRITE_LOCK,))
            with self._db.cursor() as cursor:
                cursor.executemany(
                    "UPDATE articles SET story_id = %s WHERE id = %s",
                    [(to, a) for a, _, to in correction.moves],
                )
                cursor.executemany(
                    "INSERT INTO story_aliases (alias, story_id) VALUES (%s, %s) "
                    "ON CONFLICT (alias) DO UPDATE SET story_id = EXCLUDED.story_id",
                    list(correction.aliases),
                )
            for story_id in sorted(
                {to for _, _, to in correction.moves}
            ):  # a story a split founds gets its row
                self._db.execute(
                    "INSERT INTO stories (id, title, created_seq, updated_seq) "
                    "SELECT %(s)s, (SELECT title FROM articles WHERE story_id = %(s)s ORDER BY seq LIMIT 1), "
                    "MIN(seq), MAX(seq) FROM articles WHERE story_id = %(s)s ON CONFLICT (id) DO NOTHING",
                    {"s": story_id},
                )
            values = {**correction_values(correction), "at": _now(), "seq": self.last_seq()}
            names = ", ".join(values)
            row = self._db.execute(
                f"INSERT INTO corrections ({names}) VALUES ({', '.join(f'%({n})s' for n in values)}) RETURNING id",
                values,
            ).fetchone()
            assert row is not None
            if correction.undoes is not None:
                self._db.execute(
                    "UPDATE corrections SET undone_by = %s WHERE id = %s",
                    (row["id"], correction.undoes),
                )
            recorded = self.correction(int(row["id"]))
        assert recorded is not None
        return recorded

    def corrections(self, story_id: str | None = None, after: int = 0) -> list[Correction]:
        """History entries after id ``after``, oldest first; with ``story_id``, only those touching it."""
        with self._failing("read"):
            if story_id is None:
                rows = self._db.execute(
                    "SELECT * FROM corrections WHERE id > %s ORDER BY id", (after,)
                ).fetchall()
            else:
                rows = self._db.execute(
                    "SELECT * FROM corrections WHERE id > %s AND stories ? %s ORDER BY id",
                    (after, story_id),
                ).fetchall()
        return [correction_from_row(r) for r in rows]

    def correction(self, entry_id: int) -> Correction | None:
        """One history entry by id."""
        row = self._one("SELECT * FROM corrections WHERE id = %s", (entry_id,))
        return correction_from_row(row) if row else None

    def arrivals(self, story_id: str) -> dict[str, tuple[int, str]]:
        """Each of a story's articles' arrival number and time stored, by article id."""
        with self._failing("read"):
            rows = self._db.execute(
                "SELECT id, seq, ingested_at FROM articles WHERE story_id = %s",
                (self._followed(story_id),),
            ).fetchall()
        return {r["id"]: (int(r["seq"]), r["ingested_at"].isoformat()) for r in rows}

    def changed_at(self, story_id: str) -> dict[str, datetime]:
        """When each of a story's articles was stored, or last updated if later (UTC), by article id."""
        with self._failing("read"):
            rows = self._db.execute(
                "SELECT id, GREATEST(ingested_at, updated_at) AS changed FROM articles WHERE story_id = %s",
                (self._followed(story_id),),
            ).fetchall()
        return {r["id"]: r["changed"].astimezone(UTC) for r in rows}

    def article_vectors(self) -> Iterator[tuple[str, str, np.ndarray]]:
        """(article id, story id, embedding) for every article with a stored embedding, in arrival order."""
        for row in self._pages("seq, id, story_id, embedding", "embedding IS NOT NULL"):
            yield row["id"], row["story_id"], np.frombuffer(row["embedding"], dtype=np.float32)

    def rejections(self) -> list[tuple[str, str]]:
        """Every rejected input with its reason, oldest first."""
        with self._failing("read"):
            rows = self._db.execute("SELECT origin, reason FROM rejections ORDER BY id").fetchall()
        return [(r["origin"], r["reason"]) for r in rows]

    def stored_origins(self, prefix: str) -> set[str]:
        """Origins starting with ``prefix`` stored as an article, alias or rejection."""
        sql = STORED_ORIGINS_SQL.format(n="%(n)s", p="%(p)s")
        with self._failing("read"):
            rows = self._db.execute(sql, {"n": len(prefix), "p": prefix}).fetchall()
        return {r["origin"] for r in rows}


def _now() -> datetime:
    return datetime.now(UTC).replace(microsecond=0)


def _trimmed(snippet: str, text: str) -> str:
    """``snippet`` with an ellipsis where it cuts the text, as FTS5's snippet() marks a cut."""
    plain = snippet.replace("\x02", "").replace("\x03", "").strip()
    start = text.find(plain)
    if (
        not plain or start < 0
    ):  # ts_headline changed the spacing: leave it unmarked rather than guess
        return snippet
    before = "…" if text[:start].strip() else ""
    after = "…" if text[start + len(plain) :].strip() else ""
    return f"{before}{snippet.strip()}{after}"
