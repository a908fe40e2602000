"""Stored articles and stories as the API's models (the pages render the same models)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import date
from pathlib import PurePath

from fastapi import Request

from ..corrections import history_dict, story_history
from ..ledger import Ledger, build_ledger, ledger_dict
from ..ledger.coverage import SILENT_DAYS, source_country, story_coverage
from ..ledger.coverage_report import coverage_dict
from ..ledger.names import publisher_name
from ..ledger.sources import publisher
from ..models import Article, Decision, Entity, TranslationLink
from ..store import ArticleLine, Store, StoreReader, StorySummary
from ..titles import CUT, accepted_languages, story_title
from .coverage_schemas import CoverageOut
from .deps import request_store
from .provenance_schemas import ProvenanceOut
from .schemas import (
    ArticleBrief,
    ArticleOut,
    DateOut,
    EntityOut,
    FactOut,
    HistoryOut,
    HitOut,
    LedgerOut,
    QuantityOut,
    StoryDetail,
    StoryOut,
    StoryPage,
    TimelineBasis,
    TimelinePoint,
    WhyOut,
)
from .search import Hit, StoryQuery, find_stories


def story_out(
    summary: StorySummary, hits: Sequence[Hit] = (), lines: Mapping[str, ArticleLine] | None = None
) -> StoryOut:
    """A story list entry; its matched articles' titles come from ``lines``, by article id."""
    return StoryOut(
        id=summary.id,
        title=summary.title,
        languages=list(summary.languages),
        articles=summary.articles,
        sources=summary.sources,
        first_date=summary.first_date,
        last_date=summary.last_date,
        hits=[hit_out(hit, lines[hit.article_id]) for hit in hits if hit.article_id in lines]
        if lines is not None
        else [],
    )


def hits_out(store: StoreReader, hits: Sequence[Hit]) -> list[HitOut]:
    """Search hits with their articles' titles and languages, read in one query (a hit whose
    article has gone meanwhile is left out)."""
    lines = {line.id: line for line in store.article_lines(articles=[h.article_id for h in hits])}
    return [hit_out(hit, lines[hit.article_id]) for hit in hits if hit.article_id in lines]


def hit_out(hit: Hit, line: ArticleLine) -> HitOut:
    """A search hit with its article's title and language."""
    return HitOut(
        article_id=line.id,
        story_id=hit.story_id,
        title=line.title,
        lang=line.lang,
        score=hit.score,
        snippet=hit.snippet,
        found_by=hit.found_by,
    )


def why_out(decision: Decision) -> WhyOut:
    """The decision that placed an article, as the API shows it."""
    return WhyOut(
        new_story=decision.new_story,
        score=decision.score,
        components=decision.components,
        candidates=decision.candidates,
        shared=list(decision.shared),
    )


def story_briefs(
    store: StoreReader, story_id: str, readers: Sequence[str] = ()
) -> tuple[str, list[ArticleBrief]] | None:
    """A story's title and articles as its list shows them (None when there is no such story).

    For the story's feed, which a reader polls: no timeline, entities or ledger to build.
    """
    members = store.story_articles(story_id)
    if not members:
        return None
    return story_title([a for a, _ in members], readers), [_brief(a, d) for a, d in members]


def reader_languages(request: Request, lang: str | None = None) -> list[str]:
    """The languages a reader wants titles in: ``?lang=`` when given, else the browser's Accept-Language."""
    return [lang] if lang else accepted_languages(request.headers.get("accept-language"))


def titled(
    summary: StorySummary, lines: Sequence[ArticleLine], readers: Sequence[str]
) -> StorySummary:
    """The story list entry under the title for these readers (see newsweave.titles), from its
    articles' ``lines`` in arrival order."""
    if len(summary.languages) == 1 and not summary.title.endswith(CUT):
        return summary  # one language: the founder's headline is the first headline in it
    articles = [line.as_article() for line in lines]
    return replace(summary, title=story_title(articles, readers) or summary.title)


def timeline_days(lines: Sequence[ArticleLine]) -> list[date]:
    """The days a story's articles are drawn on, from their lines, as ``article_days`` places them."""
    dated = [line.published for line in lines if line.as_article().date_trusted and line.published]
    return dated or [line.received for line in lines]


def story_detail(
    store: Store, story_id: str, readers: Sequence[str] = (), silent_days: int = SILENT_DAYS
) -> StoryDetail | None:
    """A story with everything its page shows, or None when there is no such story."""
    resolved = store.resolve_story(story_id)  # a merged story's id answers as the surviving story's
    if resolved is None:
        return None
    story_id, members = resolved, store.story_articles(resolved)
    articles = [a for a, _ in members]
    ledger = build_ledger(articles, store.translation_links(story_id))
    ledger_out = LedgerOut.model_validate(ledger_dict(ledger))
    provenance = {p.article: p for p in ledger_out.provenance}
    titles = {a.id: a.title for a in articles}
    timeline = Counter(
        (day, a.lang, basis) for a, day, basis in article_days(store, story_id, members)
    )
    return StoryDetail(
        id=story_id,
        title=story_title([a for a, _ in members], readers),
        languages=sorted({a.lang for a, _ in members}),
        articles=[_brief(a, d, provenance.get(a.id), titles) for a, d in members],
        timeline=[
            TimelinePoint(day=day, lang=lang, basis=basis, articles=n)
            for (day, lang, basis), n in sorted(timeline.items())
        ],
        undated=sum(1 for a, _ in members if not _trusted_date(a)),
        entities=_entities([a for a, _ in members]),
        quantities=_quantities(articles),
        ledger=ledger_out,
        coverage=story_coverage_out(store, story_id, articles, ledger, silent_days),
        history=[
            HistoryOut.model_validate(history_dict(e))
            for e in story_history(store, story_id, members)
        ],
    )


def article_days(
    store: StoreReader, story_id: str, members: list[tuple[Article, Decision]] | None = None
) -> list[tuple[Article, date, TimelineBasis]]:
    """The story's articles placed on a timeline: by their own dates, or by the day received.

    Only trusted dates count, as for the story's date range: a date read off a plain-text header
    line is often a re-publication date (README), and would stretch the axis by months.
    A story with dated articles is drawn by those dates alone (the undated are counted apart:
    the day newsweave happened to read them would stretch the axis by years). A story with no
    dated article at all, like the seeds' gala story, is drawn by the days newsweave received
    its articles, as a feed reader does.
    """
    members = members if members is not None else store.story_articles(story_id)
    dated: list[tuple[Article, date, TimelineBasis]] = [
        (a, day, "published") for a, _ in members if (day := _trusted_date(a)) is not None
    ]
    if dated:
        return dated
    received = store.received(story_id)
    return [(a, received[a.id], "received") for a, _ in members if a.id in received]


def _trusted_date(article: Article) -> date | None:
    """The article's own date unless it was read off a plain-text header line."""
    return article.published if article.date_trusted else None


def story_ledger(articles: list[Article], links: Sequence[TranslationLink] = ()) -> LedgerOut:
    """The ledger of a story's articles (in arrival order), exactly as ``ledger_dict`` gives it.

    Validated into pydantic models so the OpenAPI document describes it; built on each request
    from the stored articles, so it always reflects every article the story has.
    """
    return LedgerOut.model_validate(ledger_dict(build_ledger(articles, links)))


def story_coverage_out(
    store: StoreReader,
    story_id: str,
    articles: list[Article],
    ledger: Ledger | None = None,
    silent_days: int = SILENT_DAYS,
) -> CoverageOut:
    """A story's coverage (first reports, lags, countries, silent sources) as the API gives it."""
    ledger = ledger if ledger is not None else build_ledger(articles)
    coverage = story_coverage(store, story_id, articles, ledger, silent_days)
    return CoverageOut.model_validate(coverage_dict(coverage))


def article_out(article: Article, decision: Decision) -> ArticleOut:
    """One article with its text and everything extracted from it."""
    return ArticleOut(
        id=article.id,
        external_id=article.external_id,
        story_id=decision.story_id,
        title=article.title,
        text=article.text,
        captions=list(article.captions),
        lang=article.lang,
        source=source_name(article),
        origin=article.origin,
        source_country=source_country(article),
        url=article.url,
        published=article.published,
        published_from=article.published_from,
        event_dates=[
            DateOut(value=d.value, surface=d.surface, relative=d.relative)
            for d in article.event_dates
        ],
        event_date=article.event_date,
        facts=[FactOut.model_validate(f, from_attributes=True) for f in article.facts],
        entities=_entities([article]),
        quantities=_quantities([article]),
        why=why_out(decision),
    )


def source_name(article: Article) -> str:
    """The article's source under the name the ledger gives it (its web site, e.g. khou.com, for a
    record read from a file), else the file's name, never a path with a line number."""
    kind, _, name = publisher(article).partition(":")
    if kind == "site":
        return name
    if kind == "source" and article.source and not article.origin.startswith(article.source):
        return article.source  # a publisher's name, not the file's path that stands in for one
    return PurePath(article.origin.split("#", 1)[0]).name or article.origin


def shown_publisher(key: str) -> str:
    """The ledger's publisher key as the pages name it (see ``publisher_name``)."""
    return publisher_name(key)


def _brief(
    article: Article,
    decision: Decision,
    provenance: ProvenanceOut | None = None,
    titles: dict[str, str] | None = None,
) -> ArticleBrief:
    derives_from = (titles or {}).get(provenance.of) if provenance and provenance.of else None
    return ArticleBrief(
        id=article.id,
        external_id=article.external_id,
        title=article.title,
        lang=article.lang,
        source=source_name(article),
        origin=article.origin,
        url=article.url,
        published=article.published,
        published_from=article.published_from,
        why=why_out(decision),
        provenance=provenance,
        derives_from=derives_from,
    )


def _entities(articles: list[Article]) -> list[EntityOut]:
    """Entities by how many of ``articles`` name them, each with its most used surface form."""
    counts: Counter[str] = Counter()
    surfaces: dict[str, Counter[str]] = {}
    kinds: dict[str, str] = {}
    for article in articles:
        seen: set[str] = set()
        for entity in article.entities:
            _count_surface(surfaces, kinds, entity)
            seen.add(entity.key)
        counts.update(seen)
    return [
        EntityOut(key=k, kind=kinds[k], surface=surfaces[k].most_common(1)[0][0], articles=n)
        for k, n in counts.most_common()
    ]


def _count_surface(
    surfaces: dict[str, Counter[str]], kinds: dict[str, str], entity: Entity
) -> None:
    surfaces.setdefault(entity.key, Counter())[entity.surface] += 1
    kinds[entity.key] = entity.kind


def _quantities(articles: list[Article]) -> list[QuantityOut]:
    # An article that states a number twice (a headline and its body) lists it once.
    seen = dict.fromkeys((id(a), q) for a in articles for q in a.quantities)
    return [
        QuantityOut(value=q.value, what=q.what, unit=q.unit, surface=q.surface) for _, q in seen
    ]


def stories_page(request: Request, query: StoryQuery) -> StoryPage:
    """A page of stories for ``query``, shared by the API, the pages and the feeds."""
    return stories_listing(request, query)[0]


def stories_listing(
    request: Request, query: StoryQuery
) -> tuple[StoryPage, dict[str, list[ArticleLine]]]:
    """A page of stories and the lines of each listed story's articles, by story id.

    A constant number of queries whatever the page size: the page with its total (or the
    search, then its stories), then one read of the lines of every listed story and hit.
    """
    store = request_store(request)
    found, total = find_stories(store, query, request.app.state.searcher)
    more = len(found) > query.limit
    shown = found[: query.limit]
    hits = {h.article_id for f in shown for h in f.hits[:5]}
    read = store.article_lines(stories=[f.summary.id for f in shown], articles=sorted(hits))
    by_article = {line.id: line for line in read}
    by_story: dict[str, list[ArticleLine]] = {f.summary.id: [] for f in shown}
    for line in read:
        if line.story_id in by_story:
            by_story[line.story_id].append(line)
    readers = reader_languages(request, query.lang)
    items = [
        story_out(titled(f.summary, by_story[f.summary.id], readers), f.hits[:5], by_article)
        for f in shown
    ]
    page = StoryPage(
        items=items,
        total=total,
        limit=query.limit,
        offset=query.offset,
        next_offset=query.offset + query.limit if more else None,
    )
    return page, by_story
