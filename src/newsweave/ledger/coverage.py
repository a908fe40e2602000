"""A story's coverage: who reported it first, in which languages and countries, how late after
the first report, and which sources that cover its people and places stayed silent.

Every article is placed in time by its trusted date: its own publication date, unless that date
was read off a plain-text header line (often a re-publication or archive date, README). The
day newsweave received an article places it only when no article of the story has a trusted
date, as the story's timeline does; otherwise an article without one is counted apart and is
never first. Two reports on one day go to the one that arrived first.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import PurePath

from ..extract.gazetteer import region_name
from ..ingest.countries import country_of_url
from ..models import Article
from ..store import Sighting, StoreReader
from .names import path_like, publisher_name
from .report import display
from .sources import publisher
from .story import Ledger

SILENT_DAYS = 30  # the default look-back of the silent list (Settings.silent_days)
_TOPIC_ENTITIES = 8  # a story's commonest entities the silent list matches other stories on
_SILENT_SHOWN = 15


@dataclass(frozen=True)
class Report:
    """The first report of a story or a claim, overall or in one language or country."""

    article_id: str
    source: str  # the publisher as pages name it (a web site, a feed's or record's source)
    lang: str
    country: str | None  # ISO 3166-1 alpha-2 of the source, None when unknown
    day: date | None  # None: no article of the group can be placed in time
    lag_days: int | None  # days after the story's first report
    articles: int = 1  # the group's articles
    sources: int = 1  # the group's publishers


@dataclass(frozen=True)
class ClaimFirst:
    """Who first gave one value of a ledger slot, overall and in each language."""

    slot: str
    value: float | str
    unit: str | None
    display: str  # the value as the ledger shows it ("60 km/h (37 mph)")
    first: Report
    languages: list[Report]


@dataclass(frozen=True)
class Silent:
    """A source that covered stories sharing this one's people or places, but not this one."""

    source: str
    country: str | None
    stories: int  # related stories it covered in the window
    articles: int
    shared: tuple[str, ...]  # entity keys of this story it named
    last_day: date


@dataclass(frozen=True)
class Coverage:
    """Everything the coverage view shows of one story."""

    placed_by: str | None  # "published" | "received" | None when no article can be placed
    first: Report | None
    languages: list[Report]  # each language's first report, earliest first
    countries: list[Report]  # each source country's first report, earliest first
    unknown_country: int  # publishers whose country is unknown (.com, a file)
    unplaced: int  # articles without a trusted date, placed nowhere
    claims: list[ClaimFirst]
    silent: list[Silent]
    silent_days: int
    silent_entities: tuple[str, ...]  # the entities the silent list matched on


_First = Callable[[Iterable[Article]], Report]  # a group's first report


def source_country(article: Article) -> str | None:
    """The country of an article's source: as stored at ingest, else its address's ccTLD."""
    return article.source_country or country_of_url(article.url)


def country_label(code: str) -> str:
    """An alpha-2 code's English name ("DE" -> "Germany"), the code itself when unknown."""
    return region_name(code) or code


def placed_days(
    articles: Sequence[Article], received: Mapping[str, date]
) -> tuple[dict[str, date], str | None]:
    """Each article's day on the story's time axis, and what placed them (see the module)."""
    dated = {a.id: a.published for a in articles if a.published is not None and a.date_trusted}
    if dated:
        return dated, "published"
    days = {a.id: received[a.id] for a in articles if a.id in received}
    return days, "received" if days else None


def story_coverage(
    store: StoreReader,
    story_id: str,
    articles: Sequence[Article],
    ledger: Ledger | None = None,
    silent_days: int = SILENT_DAYS,
) -> Coverage:
    """The coverage of a story from its articles in arrival order: two store reads in all."""
    days, placed_by = placed_days(articles, store.received(story_id))
    coverage = coverage_of(articles, days, placed_by, ledger)
    keys = topic_entities(articles)
    silent = silent_sources(store, story_id, articles, keys, days, silent_days)
    return replace(coverage, silent=silent, silent_days=silent_days, silent_entities=tuple(keys))


def coverage_of(
    articles: Sequence[Article],
    days: Mapping[str, date],
    placed_by: str | None,
    ledger: Ledger | None = None,
) -> Coverage:
    """First reports and lags of a story whose articles are placed on ``days`` (no silent list)."""
    order = {a.id: n for n, a in enumerate(articles)}
    start = min(days.values(), default=None)

    def first(group: Iterable[Article]) -> Report:
        members = list(group)
        top = min(members, key=lambda a: (days.get(a.id, date.max), order[a.id]))
        day = days.get(top.id)
        return Report(
            top.id,
            _source_label(top),
            top.lang,
            source_country(top),
            day,
            (day - start).days if day is not None and start is not None else None,
            len(members),
            len({publisher(a) for a in members}),
        )

    by_lang, by_country = defaultdict(list), defaultdict(list)
    for article in articles:
        by_lang[article.lang].append(article)
        country = source_country(article)
        if country:
            by_country[country].append(article)
    unknown = {publisher(a) for a in articles if not source_country(a)}
    return Coverage(
        placed_by=placed_by,
        first=first(articles) if articles and start is not None else None,
        languages=_earliest((first(g) for g in by_lang.values()), order),
        countries=_earliest((first(g) for g in by_country.values()), order),
        unknown_country=len(unknown),
        unplaced=sum(1 for a in articles if a.id not in days),
        claims=_claims(ledger, {a.id: a for a in articles}, first, order) if ledger else [],
        silent=[],
        silent_days=0,
        silent_entities=(),
    )


def _earliest(reports: Iterable[Report], order: Mapping[str, int]) -> list[Report]:
    """Reports by day, those on one day in the order their articles arrived; the undated last."""
    return sorted(reports, key=lambda r: (r.day or date.max, order[r.article_id]))


def _claims(
    ledger: Ledger, by_id: Mapping[str, Article], first: _First, order: Mapping[str, int]
) -> list[ClaimFirst]:
    """Each ledger value's first reporter, overall and per language."""
    claims = []
    for slot in ledger.slots:
        for value in slot.values:
            witnesses = [by_id[w.article_id] for w in value.witnesses if w.article_id in by_id]
            if not witnesses:
                continue
            langs: dict[str, list[Article]] = defaultdict(list)
            for article in witnesses:
                langs[article.lang].append(article)
            claims.append(
                ClaimFirst(
                    slot.name,
                    value.value,
                    value.unit,
                    display(value),
                    first(witnesses),
                    _earliest((first(g) for g in langs.values()), order),
                )
            )
    return claims


def topic_entities(articles: Sequence[Article], most: int = _TOPIC_ENTITIES) -> list[str]:
    """The entity keys a story is about: those several of its articles name, commonest first
    (all of them for a story of one article, or one where no two articles share a name)."""
    counts: Counter[str] = Counter()
    for article in articles:
        counts.update({e.key for e in article.entities})
    floor = 2 if any(n >= 2 for n in counts.values()) else 1
    ranked = sorted((k for k, n in counts.items() if n >= floor), key=lambda k: (-counts[k], k))
    return ranked[:most]


def silent_sources(
    store: StoreReader,
    story_id: str,
    articles: Sequence[Article],
    keys: Sequence[str],
    days: Mapping[str, date],
    window_days: int,
) -> list[Silent]:
    """Sources that covered related stories in the window but not this story, most stories first.

    The window runs from ``window_days`` before the story's first report to its last. A related
    story names at least two of ``keys`` (or the one key when there is one): a country alone,
    which half the store names, does not make two stories alike.
    """
    if not keys or not days:
        return []
    first, last = min(days.values()), max(days.values())
    since = date.min + timedelta(days=window_days)  # no earlier start than the calendar's first day
    start = first - timedelta(days=window_days) if first > since else date.min
    rows = store.sightings(keys, start, last, story_id)
    return silent_from_sightings(rows, articles, needed=min(2, len(keys)))


def silent_from_sightings(
    rows: Sequence[Sighting], articles: Sequence[Article], needed: int = 2
) -> list[Silent]:
    """The silent list from the sightings of a story's entities in other stories."""
    shared_by_story: dict[str, set[str]] = defaultdict(set)
    for row in rows:
        shared_by_story[row.story_id].add(row.entity)
    related = {s for s, keys in shared_by_story.items() if len(keys) >= needed}
    covered = {publisher(a) for a in articles}
    found: dict[str, dict[str, set[str]]] = defaultdict(lambda: defaultdict(set))
    last: dict[str, date] = {}
    country: dict[str, str | None] = {}
    for row in rows:
        if row.story_id not in related:
            continue
        stand_in = Article(
            id=row.article_id,
            origin=row.origin,
            title="",
            text="",
            lang="",
            content_hash="",
            url=row.url,
            source=row.source,
        )
        key = publisher(stand_in)
        if key in covered or key.startswith("article:") or path_like(key.partition(":")[2]):
            continue  # it covered this story, or it is a file, not a source that could
        found[key]["stories"].add(row.story_id)
        found[key]["articles"].add(row.article_id)
        found[key]["shared"].add(row.entity)
        last[key] = max(last.get(key, row.day), row.day)
        country.setdefault(key, row.country or country_of_url(row.url))
    silent = [
        Silent(
            publisher_name(key),
            country[key],
            len(seen["stories"]),
            len(seen["articles"]),
            tuple(sorted(seen["shared"])),
            last[key],
        )
        for key, seen in found.items()
    ]
    silent.sort(key=lambda s: (-s.stories, -s.articles, s.source))
    return silent[:_SILENT_SHOWN]


def _source_label(article: Article) -> str:
    """The article's publisher as pages name it, else its file's name."""
    return publisher_name(publisher(article)) or PurePath(article.origin.split("#", 1)[0]).name
