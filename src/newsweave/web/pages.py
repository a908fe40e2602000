"""The HTML pages: stories, a story, an article; and the Atom feeds that follow them.

Templates are Jinja2 with autoescaping on for everything: article text, titles, sources and
URLs are untrusted, and a link is only made of an http(s) URL.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any
from urllib.parse import urlencode

from fastapi import APIRouter, Depends, HTTPException, Request
from fastapi.responses import HTMLResponse, Response
from jinja2 import Environment, PackageLoader
from markupsafe import Markup, escape

from ..cluster import time_note
from ..store import ArticleLine
from .charts import coverage_strip, sparkline, timeline
from .deps import LANG_TITLE, correcting, request_store, story_query
from .feeds import ATOM, stories_feed, story_feed
from .search import StoryQuery
from .views import (
    article_out,
    reader_languages,
    shown_publisher,
    stories_listing,
    story_briefs,
    story_detail,
    timeline_days,
)

router = APIRouter(include_in_schema=False)


def _marks(snippet: str) -> Markup:
    """A search snippet with its matches (between \\x02 and \\x03) in <mark>, the rest escaped."""
    return Markup(str(escape(snippet)).replace("\x02", "<mark>").replace("\x03", "</mark>"))


def _web_url(url: str | None) -> str | None:
    """The URL if it is one a link may point to (http or https), else None: never javascript:."""
    return url if url and url.lower().startswith(("http://", "https://")) else None


def _amount(value: float | str) -> str:
    """A fact's value for reading: 6,000 and 1,234,500,000 with separators, 59.55 to four figures; dates as is."""
    if isinstance(value, str):
        return value
    return f"{value:,.0f}" if float(value).is_integer() else f"{value:,.4g}"


_templates = Environment(
    loader=PackageLoader("newsweave.web", "templates"),
    autoescape=True,
    trim_blocks=True,
    lstrip_blocks=True,
)
_templates.filters["marks"] = _marks
_templates.filters["web_url"] = _web_url
_templates.filters["amount"] = _amount
_templates.filters["publisher"] = shown_publisher
_templates.filters["time_note"] = time_note


def _render(name: str, **context: object) -> HTMLResponse:
    return HTMLResponse(_templates.get_template(name).render(**context))


def error_page(status: int, detail: str) -> str:
    """The HTML of an error page."""
    return _templates.get_template("error.html").render(status=status, detail=detail)


def _query_string(query: StoryQuery, **changes: object) -> str:
    """The query's parameters as a URL query string, without the empty ones."""
    values = {
        "lang": query.lang,
        "since": query.since,
        "until": query.until,
        "entity": query.entity,
        "q": query.q,
        "mode": query.mode if query.q else None,
        "sources": query.min_sources or None,
        "order": query.order if query.order != "updated" else None,
        "offset": query.offset or None,
        **changes,
    }
    return urlencode({k: str(v) for k, v in values.items() if v not in (None, "")})


@router.get("/", response_class=HTMLResponse)
def stories(request: Request, query: Annotated[StoryQuery, Depends(story_query)]) -> HTMLResponse:
    """The stories page: newest-updated first, with filters and search."""
    page, lines = stories_listing(request, query)
    sparks = {s.id: sparkline(timeline_days(lines[s.id])) for s in page.items}
    feed_params = _query_string(query, offset=None)
    return _render(
        "stories.html",
        page=page,
        query=query,
        sparks=sparks,
        feed_url="/feeds/search.atom?" + feed_params if feed_params else "/feeds/stories.atom",
        next_url="/?" + _query_string(query, offset=page.next_offset) if page.next_offset else None,
        prev_url="/?" + _query_string(query, offset=max(0, query.offset - query.limit) or None)
        if query.offset
        else None,
    )


@router.get("/stories/{story_id}", response_class=HTMLResponse)
def story(
    request: Request, story_id: str, lang: Annotated[str | None, LANG_TITLE] = None
) -> HTMLResponse:
    """A story: timeline, articles by language with why each joined, ledger, entities."""
    detail = story_detail(
        request_store(request),
        story_id,
        reader_languages(request, lang),
        request.app.state.settings.silent_days,
    )
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}")
    by_lang: dict[str, list[object]] = {}
    for article in detail.articles:
        by_lang.setdefault(article.lang, []).append(article)
    chart = timeline(detail.timeline)
    return _render(
        "story.html",
        story=detail,
        by_lang=sorted(by_lang.items()),
        chart=chart,
        coverage_chart=coverage_strip(detail.coverage, chart.colour if chart else None),
        by_id={a.id: a for a in detail.articles},
        **correcting(request),
    )


@router.get("/articles/{article_id}", response_class=HTMLResponse)
def article(request: Request, article_id: str) -> HTMLResponse:
    """An article: cleaned text, language, dates, entities, numbers, its story."""
    found = request_store(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return _render("article.html", article=article_out(*found))


@router.get("/api/docs", response_class=HTMLResponse)
def api_docs(request: Request) -> HTMLResponse:
    """The REST API for people: every operation, its parameters and answers, from the OpenAPI
    document, rendered here (FastAPI's /docs would load Swagger UI from a CDN)."""
    spec = request.app.openapi()
    operations = [
        (method.upper(), path, op)
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    return _render(
        "api.html",
        spec=spec,
        operations=operations,
        schemas=spec.get("components", {}).get("schemas", {}),
    )


def _schema_name(schema: dict[str, Any]) -> str:
    """A parameter's or field's type for reading: "string", "integer", "array of StoryOut", "date"…"""
    if "$ref" in schema:
        return str(schema["$ref"]).rsplit("/", 1)[-1]
    if "anyOf" in schema:
        return " or ".join(_schema_name(s) for s in schema["anyOf"] if s.get("type") != "null") + (
            ", optional" if any(s.get("type") == "null" for s in schema["anyOf"]) else ""
        )
    if schema.get("type") == "array":
        return "array of " + _schema_name(schema.get("items", {}))
    if "enum" in schema:
        return " | ".join(map(str, schema["enum"]))
    return str(schema.get("format") or schema.get("type") or "any")


_templates.filters["schema_name"] = _schema_name


def _base(request: Request) -> str:
    return str(request.base_url)


def _changed(lines: dict[str, list[ArticleLine]]) -> dict[str, datetime]:
    """When each listed story last changed in the store: its latest article stored or updated."""
    return {story: max(line.changed for line in found) for story, found in lines.items() if found}


@router.get("/feeds/stories.atom")
def all_stories_feed(request: Request) -> Response:
    """Every story, newest-updated first (the latest 50)."""
    page, lines = stories_listing(request, StoryQuery(limit=50))
    base = _base(request)
    body = stories_feed(
        page.items,
        _changed(lines),
        "newsweave: stories",
        "urn:newsweave:feed:stories",
        str(request.url),
        base,
        base,
    )
    return Response(body, media_type=ATOM)


@router.get("/feeds/stories/{story_id}.atom")
def one_story_feed(
    request: Request, story_id: str, lang: Annotated[str | None, LANG_TITLE] = None
) -> Response:
    """A story's articles, the latest to arrive first."""
    store = request_store(request)
    found = story_briefs(store, story_id, reader_languages(request, lang))
    if found is None:
        raise HTTPException(404, f"no story {story_id!r}")
    title, members = found
    base = _base(request)
    body = story_feed(
        story_id,
        title,
        members,
        store.changed_at(story_id),
        str(request.url),
        f"{base}stories/{story_id}",
        base,
    )
    return Response(body, media_type=ATOM)


@router.get("/feeds/search.atom")
def saved_query_feed(
    request: Request, query: Annotated[StoryQuery, Depends(story_query)]
) -> Response:
    """A saved query: the stories page's filters and search, as a feed."""
    page, lines = stories_listing(request, query)
    params = _query_string(query, offset=None)
    base = _base(request)
    body = stories_feed(
        page.items,
        _changed(lines),
        f"newsweave: {_describe(query)}",
        f"urn:newsweave:query:{params}",
        str(request.url),
        f"{base}?{params}",
        base,
    )
    return Response(body, media_type=ATOM)


def _describe(query: StoryQuery) -> str:
    parts = [f"“{query.q}” ({query.mode})" if query.q else "stories"]
    parts += [
        f"{name} {value}"
        for name, value in (
            ("in", query.lang),
            ("naming", query.entity),
            ("since", query.since),
            ("until", query.until),
        )
        if value
    ]
    if query.min_sources > 1:
        parts.append(f"from at least {query.min_sources} sources")
    return " ".join(str(p) for p in parts)
