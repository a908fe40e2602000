"""The Store protocol: what the pipeline, CLI and API need from a backend."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Protocol

import numpy as np

from ..models import HEADER_DATE, Article, Decision, Rejection, TranslationLink


@dataclass
class Batch:
    """Everything one ingest batch writes, committed in one transaction."""

    new: list[tuple[Article, Decision]] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)
    translations: list[TranslationLink] = field(default_factory=list)


@dataclass(frozen=True)
class Alias:
    """Another record of an already stored text: its own id, origin and URL."""

    article_id: str
    external_id: str | None
    origin: str
    url: str | None


@dataclass(frozen=True)
class Correction:
    """One entry of the corrections history: an analyst's merge, move, split, or an undo of one.

    ``moves`` are (article, from story, to story); ``aliases`` are (id, story it answers for),
    or (id, None) when it stops being an alias. ``id``, ``at`` and ``seq`` (the newest article
    stored then) are given by the store when it records the entry.
    """

    kind: str  # "merge" | "move" | "split" | "undo"
    by: str
    why: str
    stories: tuple[str, ...]  # every story touched, the one that results first
    moves: tuple[tuple[str, str, str], ...] = ()
    aliases: tuple[tuple[str, str | None], ...] = ()
    undoes: int | None = None
    id: int = 0
    at: str = ""
    seq: int = 0
    undone_by: int | None = None


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    articles: int
    sources: int
    languages: tuple[str, ...]
    first_date: date | None
    last_date: date | None


@dataclass(frozen=True)
class Sighting:
    """An article outside a story that names one of its entities: who wrote it, where, and when."""

    article_id: str
    url: str | None
    source: str | None
    origin: str
    country: str | None  # its source's country as stored at ingest
    story_id: str
    entity: str  # the entity key it shares
    day: date  # its trusted date, else the day it was stored


@dataclass(frozen=True)
class ArticleLine:
    """What a list shows of an article, read in bulk without its text or vectors."""

    id: str
    story_id: str
    title: str
    lang: str
    lead: str  # the text's opening: enough to tell a headline from cut opening words
    published: date | None
    published_from: str | None
    received: date  # the day (UTC) it was stored
    changed: datetime  # when it was stored, or last updated if later (UTC)
    founded: bool  # whether its story's row was made for it (it founded the story)

    def as_article(self) -> Article:
        """An Article with only these fields (its text cut to the lead), for titles and timelines."""
        return Article(
            id=self.id,
            origin="",
            title=self.title,
            text=self.lead,
            lang=self.lang,
            content_hash="",
            published=self.published,
            published_from=self.published_from,
        )


@dataclass(frozen=True)
class TextHit:
    """An article found by full-text search; ``snippet`` marks matches with \x02 … \x03."""

    article_id: str
    story_id: str
    score: float  # higher is better
    snippet: str


def entity_names(entity: str | Sequence[str]) -> list[str]:
    """The lowercased keys or surfaces an entity filter accepts (one, or any of several)."""
    return sorted(
        {name.lower() for name in ([entity] if isinstance(entity, str) else entity) if name}
    )


PREFIX_FROM = 4
"""Full-text search matches a query word this long or longer as a prefix too ("flood" finds
"floods"): neither index stems. Shorter words match whole, or "a" would match every article."""

SNAPSHOT_PART_BYTES = 256 << 20  # under the 1 GB that SQLite and PostgreSQL allow one value


def snapshot_parts(data: bytes) -> list[bytes]:
    """``data`` cut into parts each backend can store as one value."""
    view = memoryview(data)
    return [
        bytes(view[i : i + SNAPSHOT_PART_BYTES]) for i in range(0, len(data), SNAPSHOT_PART_BYTES)
    ] or [b""]


def joined_snapshot(rows: Sequence[tuple[int, int, int, bytes]]) -> tuple[int, bytes] | None:
    """The snapshot from its (part, parts, seq, data) rows, or None when they do not make a whole one."""
    if (
        not rows
        or len(rows) != rows[0][1]
        or any(r[0] != i or r[2] != rows[0][2] for i, r in enumerate(rows))
    ):
        return None
    return rows[0][2], b"".join(bytes(r[3]) for r in rows)


# A story's dates come from its articles' trusted dates only (Article.date_trusted): a date read
# off a plain-text header line is often a re-publication date (the sample's
# 15_alvarim_archive.txt, the seeds' 002 and 004), so a story dated only by header lines has no
# date range. The same SQL on both backends, over the articles table aliased ``a``.
TRUSTED_PUBLISHED_SQL = (
    f"CASE WHEN COALESCE(a.published_from, '') <> '{HEADER_DATE}' THEN a.published END"
)

# Origins under a prefix in every table that records an input as done; {n} and {p} are the
# backend's placeholders for the prefix's length and the prefix (substr, unlike LIKE, needs no escaping).
STORED_ORIGINS_SQL = " UNION ".join(
    f"SELECT origin FROM {table} WHERE substr(origin, 1, {{n}}) = {{p}}"
    for table in ("articles", "aliases", "rejections")
)


# Follows a story id through merge aliases (a merged story merged again), a bounded number of hops.
ALIAS_HOPS = 16


class StoreWriter(Protocol):
    """What ingest needs of a store: the look-ups that find a repeat, one batch written whole,
    the write lock, the replay and the clusterer's snapshots."""

    def close(self) -> None:
        """Release the connection."""
        ...

    def article_id_by_hash(self, content_hash: str) -> str | None:
        """The stored article with this content, if any."""
        ...

    def article_id_by_url(self, url: str) -> str | None:
        """The stored article read from ``url``, if any."""
        ...

    def stored_origins(self, prefix: str) -> set[str]:
        """Origins starting with ``prefix`` stored as an article, alias or rejection (what a resumed run skips)."""
        ...

    def write(self, batch: Batch) -> None:
        """Commit a batch whole, or nothing of it."""
        ...

    def writing(self) -> AbstractContextManager[None]:
        """Hold the write lock for one transaction (``write`` calls inside it join it)."""
        ...

    def replay(self) -> Iterator[tuple[Article, str]]:
        """Every stored article with its story id, in arrival order (embedding included)."""
        ...

    def replay_since(self, seq: int) -> Iterator[tuple[int, Article, str]]:
        """Articles stored after arrival number ``seq``: (seq, article, story id), in order."""
        ...

    def last_seq(self) -> int:
        """The arrival number of the newest stored article (0 when empty)."""
        ...

    def save_snapshot(self, seq: int, fingerprint: str, data: bytes) -> None:
        """Keep ``data`` as the clusterer's state as of article ``seq``, replacing the last one."""
        ...

    def load_snapshot(self, fingerprint: str) -> tuple[int, bytes] | None:
        """The kept state and its article number, if one was made under ``fingerprint``."""
        ...


class StoreReader(Protocol):
    """What the web, the CLI and the exports read: stories, articles and what explains them."""

    def close(self) -> None:
        """Release the connection."""
        ...

    def stories(
        self,
        lang: str | None = None,
        since: date | None = None,
        limit: int | None = None,
        *,
        until: date | None = None,
        entity: str | Sequence[str] | None = None,
        ids: Sequence[str] | None = None,
        offset: int = 0,
        min_sources: int = 0,
        by_sources: bool = False,
    ) -> list[StorySummary]:
        """Stories, most recently updated first (``by_sources``: most sources first).

        ``until`` keeps stories that began on or before it; ``entity`` those naming an entity
        (its key, e.g. ``place:KP``, or its surface, any case; a sequence: any of them); ``ids``
        only these stories; ``min_sources`` those carried by at least that many sources.
        """
        ...

    def count_stories(
        self,
        lang: str | None = None,
        since: date | None = None,
        *,
        until: date | None = None,
        entity: str | Sequence[str] | None = None,
        ids: Sequence[str] | None = None,
        min_sources: int = 0,
    ) -> int:
        """How many stories ``stories`` would list with these filters and no limit."""
        ...

    def story_page(
        self,
        lang: str | None = None,
        since: date | None = None,
        limit: int | None = None,
        *,
        until: date | None = None,
        entity: str | Sequence[str] | None = None,
        offset: int = 0,
        min_sources: int = 0,
        by_sources: bool = False,
    ) -> tuple[list[StorySummary], int]:
        """``stories`` and, from the same query, how many there are with no limit."""
        ...

    def article_lines(
        self, *, stories: Sequence[str] = (), articles: Sequence[str] = ()
    ) -> list[ArticleLine]:
        """The lines of every article in ``stories`` and of ``articles``, in arrival order."""
        ...

    def aliases_with_ids(self) -> dict[str, list[Alias]]:
        """Every alias that came with an external id, by the article it repeats."""
        ...

    def vector_state(self) -> tuple[int, str]:
        """The newest arrival number and the latest update time of any article."""
        ...

    def vectors_after(
        self, seq: int = 0, updated_after: str | None = None, page: int = 5000
    ) -> Iterator[tuple[int, np.ndarray]]:
        """(arrival number, embedding) of articles stored after ``seq`` (or updated since
        ``updated_after``), in arrival order."""
        ...

    def articles_at(self, seqs: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(article id, story id) of the articles with these arrival numbers."""
        ...

    def vector_index_path(self) -> str | None:
        """Where the search index over article vectors is kept for this store (None: in memory only)."""
        ...

    def story_articles(self, story_id: str) -> list[tuple[Article, Decision]]:
        """A story's articles in arrival order, each with the decision that placed it."""
        ...

    def article(self, article_id: str) -> tuple[Article, Decision] | None:
        """One article by id or external id."""
        ...

    def articles(self) -> Iterator[tuple[Article, Decision]]:
        """Every article in arrival order."""
        ...

    def aliases(self, article_id: str) -> list[Alias]:
        """Other records that carried the same text as ``article_id``."""
        ...

    def search_text(self, query: str, limit: int = 50) -> list[TextHit]:
        """Articles matching every word of ``query`` (full text, accents ignored), best first."""
        ...

    def received(self, story_id: str) -> dict[str, date]:
        """The day each of a story's articles was stored, by article id."""
        ...

    def sightings(
        self, entities: Sequence[str], first: date, last: date, outside: str
    ) -> list[Sighting]:
        """Articles of other stories than ``outside`` naming any of these entity keys, dated
        from ``first`` to ``last`` (their trusted date, else the day stored), one row per key."""
        ...

    def changed_at(self, story_id: str) -> dict[str, datetime]:
        """When each of a story's articles was stored, or last updated if later (UTC), by article id."""
        ...

    def article_vectors(self) -> Iterator[tuple[str, str, np.ndarray]]:
        """(article id, story id, stored embedding) for every article that has one."""
        ...

    def translation_links(self, story_id: str) -> list[TranslationLink]:
        """The translation links between a story's articles (found at ingest)."""
        ...

    def resolve_story(self, story_id: str) -> str | None:
        """The story ``story_id`` names, following merge aliases; None when no article is in it."""
        ...

    def arrivals(self, story_id: str) -> dict[str, tuple[int, str]]:
        """Each of a story's articles' arrival number and time stored (ISO, UTC), by article id."""
        ...

    def rejections(self) -> list[tuple[str, str]]:
        """Every rejected input with its reason (origin, reason), oldest first."""
        ...


class CorrectionLog(Protocol):
    """A store's history of corrections: moves and merges a person made, each one undoable."""

    def record_correction(self, correction: Correction) -> Correction:
        """Apply a correction's moves and aliases and add it to the history, all in one transaction.

        Inside ``writing()`` it joins that transaction. Returns the entry as recorded (its id,
        time and seq filled in); an undo marks the entry it undoes.
        """
        ...

    def corrections(self, story_id: str | None = None, after: int = 0) -> list[Correction]:
        """History entries after id ``after``, oldest first; with ``story_id``, only those touching it."""
        ...

    def correction(self, entry_id: int) -> Correction | None:
        """One history entry by id."""
        ...


class Store(StoreWriter, StoreReader, CorrectionLog, Protocol):
    """A place to keep articles, their stories and the reasons behind them: what a backend
    implements. A caller names the narrow part it uses (StoreWriter, StoreReader, CorrectionLog)."""
