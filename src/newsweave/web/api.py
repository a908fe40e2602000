"""The REST API under /api: stories, a story, an article, search, and POST of articles."""

from __future__ import annotations

import os
from collections.abc import Callable
from typing import Annotated, Any, cast

from fastapi import APIRouter, Body, Depends, HTTPException, Path, Query, Request

from .. import corrections
from ..corrections import entry_event
from ..errors import CorrectionError
from ..ingest.records import record_document
from ..models import RawDocument, Rejection
from ..store import Correction, Store
from .correction_schemas import CorrectionOut, MergeIn, MoveIn, MoveOut, SplitIn, UndoIn
from .coverage_schemas import CoverageOut
from .deps import LANG_TITLE, request_store, run_in_writer, story_query, token_matches
from .schemas import (
    MAX_PAGE,
    MAX_POST,
    ArticleIn,
    ArticleOut,
    CorrectionKind,
    IngestResult,
    Problem,
    Rejected,
    SearchPage,
    Stored,
    StoryDetail,
    StoryPage,
)
from .search import Mode, StoryQuery
from .views import (
    article_out,
    hits_out,
    reader_languages,
    stories_page,
    story_coverage_out,
    story_detail,
)

router = APIRouter(prefix="/api", tags=["api"])
_NOT_FOUND: dict[int | str, dict[str, Any]] = {
    404: {"model": Problem, "description": "no such story or article"}
}


@router.get("/stories", response_model=StoryPage, summary="List, filter and search stories")
def list_stories(request: Request, query: Annotated[StoryQuery, Depends(story_query)]) -> StoryPage:
    """Stories, newest-updated first; with ``q``, the stories whose articles match, best first."""
    return stories_page(request, query)


@router.get("/search", response_model=SearchPage, summary="Search articles")
def search(
    request: Request,
    q: Annotated[str, Query(min_length=1, max_length=500)],
    mode: Annotated[Mode, Query()] = "both",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
) -> SearchPage:
    """Articles matching ``q``, best first: by their words (``text``), meaning in any language (``meaning``), or both."""
    store = request_store(request)
    hits = request.app.state.searcher.hits(store, q, mode, limit)
    return SearchPage(query=q, mode=mode, items=hits_out(store, hits))


@router.get(
    "/stories/{story_id}", response_model=StoryDetail, responses=_NOT_FOUND, summary="A story"
)
def get_story(
    request: Request, story_id: str, lang: Annotated[str | None, LANG_TITLE] = None
) -> StoryDetail:
    """A story with its articles (and why each joined), timeline, entities, numbers and ledger."""
    detail = story_detail(
        request_store(request),
        story_id,
        reader_languages(request, lang),
        request.app.state.settings.silent_days,
    )
    if detail is None:
        raise HTTPException(404, f"no story {story_id!r}: GET /api/stories lists them")
    return detail


@router.get(
    "/stories/{story_id}/coverage",
    response_model=CoverageOut,
    responses=_NOT_FOUND,
    summary="A story's coverage",
)
def get_coverage(
    request: Request,
    story_id: str,
    silent_days: Annotated[
        int | None,
        Query(ge=1, le=3660, description="how far before the first report to look for silence"),
    ] = None,
) -> CoverageOut:
    """Who reported the story first (overall, per language, per source country) and how late
    each followed; each ledger claim's first reporter; and the sources that covered stories
    about the same people and places in the ``silent_days`` before it, but not this story."""
    store = request_store(request)
    resolved = store.resolve_story(story_id)
    members = store.story_articles(resolved) if resolved is not None else []
    if resolved is None or not members:
        raise HTTPException(404, f"no story {story_id!r}: GET /api/stories lists them")
    days = silent_days or request.app.state.settings.silent_days
    return story_coverage_out(store, resolved, [a for a, _ in members], silent_days=days)


@router.get(
    "/articles/{article_id}", response_model=ArticleOut, responses=_NOT_FOUND, summary="An article"
)
def get_article(request: Request, article_id: str) -> ArticleOut:
    """One article by its id or the external id it was ingested with."""
    found = request_store(request).article(article_id)
    if found is None:
        raise HTTPException(404, f"no article {article_id!r}")
    return article_out(*found)


@router.post(
    "/articles",
    response_model=IngestResult,
    summary="Ingest articles",
    responses={
        401: {"model": Problem, "description": "missing or wrong token"},
        403: {"model": Problem, "description": "writes are off: no token is set on the server"},
    },
)
async def post_articles(
    request: Request,
    articles: Annotated[
        ArticleIn | list[ArticleIn],
        Body(description=f"one article, or a list of at most {MAX_POST}"),
    ],
) -> IngestResult:
    """Run articles through the pipeline (clean, language, extract, embed, cluster, store).

    Needs ``Authorization: Bearer $NEWSWEAVE_TOKEN``. A record that cannot be read is listed
    under ``rejected`` with its reason; the others are stored.
    """
    _check_token(request)
    records = articles if isinstance(articles, list) else [articles]
    if not records or len(records) > MAX_POST:
        raise HTTPException(
            422, f"send between 1 and {MAX_POST} articles in one request, not {len(records)}"
        )
    documents: list[RawDocument | Rejection] = [
        record_document(f"api#record {n}", r.model_dump(exclude_none=True))
        for n, r in enumerate(records, 1)
    ]
    summary = await run_in_writer(request.app, documents)
    assert summary.articles is not None  # the writer asks for the list (list_articles=True)
    ids = [article_id for article_id, _ in summary.articles]
    story_of = {
        line.id: line.story_id for line in request_store(request).article_lines(articles=ids)
    }
    stored = [
        Stored(id=article_id, status=status, story_id=story_of.get(article_id))
        for article_id, status in summary.articles
    ]
    return IngestResult(
        new=summary.new,
        duplicate=summary.duplicate,
        updated=summary.updated,
        new_stories=summary.new_stories,
        articles=stored,
        rejected=[Rejected(origin=r.origin, reason=r.reason) for r in summary.rejected],
    )


def _check_token(request: Request) -> None:
    token = request.app.state.token
    if not token:
        raise HTTPException(
            403,
            "writes are disabled: start the server with NEWSWEAVE_TOKEN set "
            "(e.g. NEWSWEAVE_TOKEN=$(openssl rand -hex 16) newsweave serve)",
        )
    if not token_matches(request, token):
        raise HTTPException(
            401,
            "a write needs the server's token: send 'Authorization: Bearer $NEWSWEAVE_TOKEN'",
            headers={"WWW-Authenticate": "Bearer"},
        )


_CORRECTION_ERRORS: dict[int | str, dict[str, Any]] = {
    401: {"model": Problem, "description": "missing or wrong token"},
    403: {"model": Problem, "description": "writes are off: no token is set on the server"},
    404: {"model": Problem, "description": "no such story, article or history entry"},
    422: {
        "model": Problem,
        "description": "a correction that cannot be made (e.g. a merge of a story with itself)",
    },
}


def analyst(request: Request) -> str:
    """Who makes a correction through the API: the token's name (NEWSWEAVE_TOKEN_NAME), checked first."""
    _check_token(request)
    return os.environ.get("NEWSWEAVE_TOKEN_NAME") or "api token"


def corrected(request: Request, make: Callable[[Store], Correction]) -> CorrectionOut:
    """Make a correction on this thread's store; a bad one is a 404 or 422 that changed nothing."""
    try:
        entry = make(request_store(request))
    except CorrectionError as exc:
        raise HTTPException(404 if exc.missing else 422, str(exc)) from exc
    return CorrectionOut(
        entry=entry.id,
        kind=cast(CorrectionKind, entry.kind),  # pydantic checks it is one of them
        at=entry.at,
        by=entry.by,
        why=entry.why,
        story=entry.stories[0],
        stories=list(entry.stories),
        text=entry_event(entry).text,
        moves=[MoveOut(article=a, from_story=f, to_story=t) for a, f, t in entry.moves],
    )


# Plain ``def`` routes: FastAPI runs them on its thread pool, so a correction waiting for the
# store's write lock (an ingest batch in progress) never blocks the event loop.
@router.post(
    "/stories/{story_id}/merge",
    response_model=CorrectionOut,
    responses=_CORRECTION_ERRORS,
    summary="Merge stories",
)
def merge_stories(request: Request, story_id: str, body: MergeIn) -> CorrectionOut:
    """Merge ``stories`` with this one. The oldest survives; the others' ids answer as aliases of it."""
    by = analyst(request)
    return corrected(
        request, lambda store: corrections.merge(store, [story_id, *body.stories], by, body.why)
    )


@router.post(
    "/articles/{article_id}/move",
    response_model=CorrectionOut,
    responses=_CORRECTION_ERRORS,
    summary="Move an article",
)
def move_article(request: Request, article_id: str, body: MoveIn) -> CorrectionOut:
    """Move an article to ``story``, or with ``new: true`` to a story of its own."""
    by = analyst(request)
    if (body.story is None) != body.new:
        raise HTTPException(
            422, "give either 'story' (where the article goes) or 'new': true, not both or neither"
        )
    return corrected(
        request, lambda store: corrections.move(store, article_id, body.story, by, body.why)
    )


@router.post(
    "/stories/{story_id}/split",
    response_model=CorrectionOut,
    responses=_CORRECTION_ERRORS,
    summary="Split a story",
)
def split_story(request: Request, story_id: str, body: SplitIn) -> CorrectionOut:
    """Make the listed ``articles`` of this story a new story (some of its articles, never all)."""
    by = analyst(request)
    return corrected(
        request, lambda store: corrections.split(store, story_id, body.articles, by, body.why)
    )


@router.post(
    "/history/{entry}/undo",
    response_model=CorrectionOut,
    responses=_CORRECTION_ERRORS,
    summary="Undo a correction",
)
def undo_correction(
    request: Request, entry: Annotated[int, Path(ge=1, le=2**62)], body: UndoIn
) -> CorrectionOut:
    """Revert the correction recorded as history entry ``entry``."""
    by = analyst(request)
    return corrected(request, lambda store: corrections.undo(store, entry, by, body.why))
