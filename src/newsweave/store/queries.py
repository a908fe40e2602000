"""The read queries both stores share, written once over each backend's dialect of SQL.

The story list, its count, and the bulk reads the pages make (every article line of a page of
stories, the hits of a search, the vectors the search index catches up on) are the same SQL on
SQLite and PostgreSQL but for a few spellings, which ``Dialect`` names. A page of stories costs a
constant number of queries whatever its size: the list with its total, then its articles' lines.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import numpy as np

from ..models import TranslationLink
from ._base import Alias, ArticleLine, StorySummary, entity_names
from .rows import line_from_row, summary_from_row

# How much of an article's text a line carries: enough past its title to tell a headline from
# the opening words cut short (titles.is_headline), never the whole text.
_LEAD_PAST_TITLE = 200


@dataclass(frozen=True)
class Dialect:
    """How one backend spells what the shared queries need."""

    mark: str
    """The positional parameter: ``?`` or ``%s``."""
    trusted: str
    """An article's ``published`` unless it was read off a plain-text header line, else NULL."""
    langs: str
    """The story's languages, comma-separated, as an aggregate over its articles ``a``."""
    entity_rows: str
    """The entities of article ``x`` as rows ``e`` (a FROM item)."""
    entity_key: str
    entity_surface: str
    no_limit: object
    """The LIMIT that means no limit."""
    received: str
    """The UTC day article ``a`` was stored, as ISO text."""
    changed: str
    """When article ``a`` was stored, or last updated if later."""
    moment: str
    """A parameter compared with ``updated_at``."""
    alias_order: str
    """The column that keeps aliases in the order they were stored."""

    def marks(self, n: int) -> str:
        """``n`` parameters, comma-separated."""
        return ", ".join([self.mark] * n)


@dataclass(frozen=True)
class StoryFilter:
    """What a story list keeps: see ``Store.stories``."""

    lang: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | Sequence[str] | None = None
    ids: Sequence[str] | None = None
    min_sources: int = 0


def story_rows(d: Dialect, f: StoryFilter, grouped: bool = True) -> tuple[str, list[object]]:
    """The story list's SELECT, filtered, without order or limit, and its parameters
    (``grouped=False``: only the ids of the stories the WHERE filters keep)."""
    where: list[str] = ["1 = 1"]
    params: list[object] = []
    if f.lang:
        where.append(f"s.id IN (SELECT story_id FROM articles WHERE lang = {d.mark})")
        params.append(f.lang)
    names = entity_names(f.entity) if f.entity else []
    if names:
        marks = d.marks(len(names))
        where.append(
            f"s.id IN (SELECT x.story_id FROM articles x, {d.entity_rows} "
            f"WHERE lower({d.entity_key}) IN ({marks}) OR lower({d.entity_surface}) IN ({marks}))"
        )
        params += names + names
    if f.ids is not None:
        where.append(f"s.id IN ({d.marks(len(f.ids))})" if f.ids else "1 = 0")
        params += list(f.ids)
    if not grouped:
        # (a story merged away may be left without articles: the grouped list never shows one)
        where.append("EXISTS (SELECT 1 FROM articles a WHERE a.story_id = s.id)")
        return f"SELECT s.id FROM stories s WHERE {' AND '.join(where)}", params
    first, last = f"MIN({d.trusted})", f"MAX({d.trusted})"
    sources = _SOURCES
    having = [f"{last} >= {d.mark}"] * bool(f.since) + [f"{first} <= {d.mark}"] * bool(f.until)
    having += [f"{sources} >= {d.mark}"] * (f.min_sources > 1)
    # Dates go as ISO text: SQLite stores them so, and PostgreSQL casts the text to the DATE column's type.
    params += [day.isoformat() for day in (f.since, f.until) if day]
    params += [f.min_sources] * (f.min_sources > 1)
    sql = f"""
        SELECT s.id, s.title, COUNT(*) AS n, {sources} AS sources, {d.langs} AS langs,
               {first} AS first, {last} AS last, s.updated_seq
        FROM stories s JOIN articles a ON a.story_id = s.id
        WHERE {" AND ".join(where)}
        GROUP BY s.id, s.title, s.updated_seq {"HAVING " + " AND ".join(having) if having else ""}"""
    return sql, params


def newest_page(d: Dialect, f: StoryFilter) -> tuple[str, list[object]]:
    """The newest-updated page of stories when no filter needs their aggregates: the page's
    stories picked (and all of them counted) from the stories table first, then only their
    articles aggregated. The grouped list aggregates every article of the store for any page
    (45 ms on gva-dev's 2,872 under load; this, 2 ms)."""
    ids, params = story_rows(d, StoryFilter(f.lang, None, None, f.entity, f.ids), grouped=False)
    picked = ids.replace(
        "SELECT s.id", "SELECT s.id, s.title, s.updated_seq, COUNT(*) OVER () AS total", 1
    )
    sql = f"""
        WITH page AS ({picked} ORDER BY s.updated_seq DESC LIMIT {d.mark} OFFSET {d.mark})
        SELECT p.id, p.title, COUNT(*) AS n, {_SOURCES} AS sources, {d.langs} AS langs,
               MIN({d.trusted}) AS first, MAX({d.trusted}) AS last, p.updated_seq, p.total
        FROM page p JOIN articles a ON a.story_id = p.id
        GROUP BY p.id, p.title, p.updated_seq, p.total"""
    return sql, params


_SOURCES = "COUNT(DISTINCT COALESCE(a.source, a.origin))"


class SharedReads:
    """The reads both stores make alike; a store gives ``dialect`` and ``_rows``."""

    dialect: Dialect

    def _rows(self, sql: str, params: Sequence[object]) -> list[Mapping[str, Any]]:
        """Every row of one read (the backend's errors as StoreError)."""
        raise NotImplementedError

    def _followed(self, story_id: str) -> str:
        """``story_id``, or the story it was merged into (and that one's, and so on)."""
        raise NotImplementedError

    def received(self, story_id: str) -> dict[str, date]:
        """The day (UTC) each of a story's articles was stored, by article id."""
        rows = self._rows(
            f"SELECT a.id, {self.dialect.received} AS received FROM articles a "
            f"WHERE a.story_id = {self.dialect.mark}",
            (self._followed(story_id),),
        )
        return {r["id"]: date.fromisoformat(str(r["received"])[:10]) for r in rows}

    def translation_links(self, story_id: str) -> list[TranslationLink]:
        """The translation links between a story's articles (found at ingest)."""
        rows = self._rows(
            "SELECT t.article_id, t.other_id, t.confidence FROM translations t "
            "JOIN articles a ON a.id = t.article_id JOIN articles b ON b.id = t.other_id "
            f"WHERE a.story_id = {self.dialect.mark} AND b.story_id = a.story_id "
            "ORDER BY a.seq, b.seq",
            (self._followed(story_id),),
        )
        return [TranslationLink(r["article_id"], r["other_id"], r["confidence"]) for r in rows]

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
        """Stories, most recently updated first (or by sources, most first), with their counts and date range."""
        found = StoryFilter(lang, since, until, entity, ids, min_sources)
        return self._listed(found, limit, offset, by_sources, total=False)[0]

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
        found = StoryFilter(lang, since, until, entity, None, min_sources)
        summaries, total = self._listed(found, limit, offset, by_sources, total=True)
        if not summaries and offset:  # past the last page: no row carried the total
            total = self.count_stories(
                lang, since, until=until, entity=entity, min_sources=min_sources
            )
        return summaries, total

    def _listed(
        self, found: StoryFilter, limit: int | None, offset: int, by_sources: bool, total: bool
    ) -> tuple[list[StorySummary], int]:
        d = self.dialect
        if not (by_sources or found.since or found.until or found.min_sources > 1):
            sql, params = newest_page(d, found)
            rows = self._rows(
                f"{sql} ORDER BY updated_seq DESC", [*params, limit or d.no_limit, offset]
            )
        else:
            sql, params = story_rows(d, found)
            order = "sources DESC, updated_seq DESC" if by_sources else "updated_seq DESC"
            counted = ", COUNT(*) OVER () AS total" if total else ""  # before LIMIT: every match
            rows = self._rows(
                f"SELECT listed.*{counted} FROM ({sql}) AS listed ORDER BY {order} "
                f"LIMIT {d.mark} OFFSET {d.mark}",
                [*params, limit or d.no_limit, offset],
            )
        return [summary_from_row(r) for r in rows], int(rows[0]["total"]) if total and rows else 0

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
        found = StoryFilter(lang, since, until, entity, ids, min_sources)
        # No filter on the aggregates: count without grouping.
        grouped = bool(since or until or min_sources > 1)
        sql, params = story_rows(self.dialect, found, grouped)
        return int(self._rows(f"SELECT COUNT(*) AS n FROM ({sql}) AS listed", params)[0]["n"])

    def article_lines(
        self, *, stories: Sequence[str] = (), articles: Sequence[str] = ()
    ) -> list[ArticleLine]:
        """The lines (no text, no vector) of every article in ``stories`` and of ``articles``
        by id, in arrival order: one query for a whole page."""
        if not stories and not articles:
            return []
        d = self.dialect
        return [
            line_from_row(r)
            for r in self._rows(
                f"SELECT a.id, a.story_id, a.title, a.lang, a.published, a.published_from, "
                f"substr(a.text, 1, length(a.title) + {_LEAD_PAST_TITLE}) AS lead, "
                f"{d.received} AS received, {d.changed} AS changed, "
                "a.seq = (SELECT created_seq FROM stories WHERE id = a.story_id) AS founded "
                "FROM articles a "
                f"WHERE a.story_id IN ({d.marks(len(stories)) or 'NULL'}) "
                f"OR a.id IN ({d.marks(len(articles)) or 'NULL'}) ORDER BY a.seq",
                [*stories, *articles],
            )
        ]

    def aliases_with_ids(self) -> dict[str, list[Alias]]:
        """Every alias that came with an external id, by the article it repeats (for export)."""
        found: dict[str, list[Alias]] = {}
        for r in self._rows(
            "SELECT article_id, external_id, origin, url FROM aliases "
            "WHERE external_id IS NOT NULL AND external_id <> '' "
            f"ORDER BY article_id, {self.dialect.alias_order}",
            [],
        ):
            alias = Alias(r["article_id"], r["external_id"], r["origin"], r["url"])
            found.setdefault(alias.article_id, []).append(alias)
        return found

    def vector_state(self) -> tuple[int, str]:
        """The newest arrival number and the latest update time of any article: what the
        search index compares with what it holds."""
        row = self._rows(  # each an indexed lookup, not a scan (0009_updated.sql)
            "SELECT (SELECT COALESCE(MAX(seq), 0) FROM articles) AS last, (SELECT MAX(updated_at) "
            "FROM articles WHERE updated_at IS NOT NULL) AS updated",
            [],
        )[0]
        return int(row["last"]), str(row["updated"] or "")

    def vectors_after(
        self, seq: int = 0, updated_after: str | None = None, page: int = 5000
    ) -> Iterator[tuple[int, np.ndarray]]:
        """(arrival number, embedding) of the articles stored after ``seq`` (or, with
        ``updated_after``, updated after that time), in arrival order, a page at a time."""
        d = self.dialect
        # >=: an update in the same second as the marker is taken again rather than missed
        changed = f"updated_at >= {d.moment}" if updated_after else "1 = 1"
        last = seq if updated_after is None else 0
        while True:
            rows = self._rows(
                f"SELECT seq, embedding FROM articles WHERE seq > {d.mark} AND {changed} "
                f"AND embedding IS NOT NULL ORDER BY seq LIMIT {page}",
                [last, *([updated_after] if updated_after else [])],
            )
            for r in rows:
                yield int(r["seq"]), np.frombuffer(r["embedding"], dtype=np.float32)
            if len(rows) < page:
                return
            last = int(rows[-1]["seq"])

    def articles_at(self, seqs: Sequence[int]) -> dict[int, tuple[str, str]]:
        """(article id, story id) of the articles with these arrival numbers."""
        if not seqs:
            return {}
        rows = self._rows(
            f"SELECT seq, id, story_id FROM articles WHERE seq IN ({self.dialect.marks(len(seqs))})",
            list(seqs),
        )
        return {int(r["seq"]): (r["id"], r["story_id"]) for r in rows}
