"""What the routers share, kept apart from the app factory so that they never import it.

The app factory (``app.py``) imports every router, and each router needs the same few pieces:
the request's store, the writer, the token check, the story filters. They live here, where the
factory and the routers both import them and neither imports the other back.
"""

from __future__ import annotations

import asyncio
import base64
import binascii
import hashlib
import hmac
from datetime import date
from typing import Annotated

from fastapi import FastAPI, Query, Request

from ..models import RawDocument, Rejection
from ..pipeline import Summary
from ..store import Store
from .schemas import MAX_PAGE
from .search import Mode, Order, StoryQuery


def request_store(request: Request) -> Store:
    """The store connection of the thread serving ``request``."""
    return request.app.state.stores.get()  # type: ignore[no-any-return]


async def run_in_writer(app: FastAPI, documents: list[RawDocument | Rejection]) -> Summary:
    """Ingest through the app's single writer thread without blocking the event loop."""
    return await asyncio.wrap_future(app.state.writer.submit(documents))


def token_matches(request: Request, token: str | None) -> bool:
    """Whether the request carries ``token``: ``Authorization: Bearer TOKEN``, or Basic with it as password."""
    if not token:
        return False
    scheme, _, value = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() == "basic":  # lets a browser's own login prompt carry the token
        try:
            value = base64.b64decode(value, validate=True).decode("utf-8").partition(":")[2]
        except (binascii.Error, UnicodeDecodeError):
            return False
    elif scheme.lower() != "bearer":
        return False
    return hmac.compare_digest(value.strip().encode("utf-8"), token.encode("utf-8"))


def form_proof(token: str) -> str:
    """The proof a correction form carries: a browser sends its kept credentials with another
    site's post too, but that site cannot derive this from the token it does not know."""
    return hmac.new(
        token.encode("utf-8"), b"newsweave corrections form", hashlib.sha256
    ).hexdigest()


def correcting(request: Request) -> dict[str, object]:
    """What the story template needs for its forms: shown only to a reader holding the token."""
    token = request.app.state.token
    holds = token_matches(request, token)
    return {"can_edit": holds, "writes": bool(token), "csrf": form_proof(token) if holds else ""}


LANG_TITLE = Query(
    description="the reader's language (ISO 639-1) for the story's title; default: Accept-Language",
    pattern="^[a-z]{2,3}$",
)


def story_query(
    lang: Annotated[
        str | None,
        Query(
            description="only stories with an article in this language (ISO 639-1); "
            "titles in it where the story has a headline in it",
            pattern="^[a-z]{2,3}$",
        ),
    ] = None,
    since: Annotated[
        date | None, Query(description="only stories whose last article is on or after this date")
    ] = None,
    until: Annotated[
        date | None, Query(description="only stories whose first article is on or before this date")
    ] = None,
    entity: Annotated[
        str | None,
        Query(
            description="only stories naming this entity: a key (place:KP) or a name",
            max_length=200,
        ),
    ] = None,
    q: Annotated[
        str | None,
        Query(description="search: stories with matching articles, best first", max_length=500),
    ] = None,
    mode: Annotated[
        Mode,
        Query(
            description="both: the words and the meaning, merged (each hit says which found it); "
            "text: the words only (full text); meaning: the meaning only, any language"
        ),
    ] = "both",
    sources: Annotated[
        int,
        Query(description="only stories carried by at least this many sources", ge=0, le=100_000),
    ] = 0,
    order: Annotated[
        Order,
        Query(
            description="updated: last changed first (a search: best match first); "
            "sources: most sources first"
        ),
    ] = "updated",
    limit: Annotated[int, Query(ge=1, le=MAX_PAGE)] = 20,
    offset: Annotated[int, Query(ge=0, le=100_000)] = 0,
) -> StoryQuery:
    """The filters of /api/stories, the stories page and the saved-query feed."""
    return StoryQuery(
        lang=lang,
        since=since,
        until=until,
        entity=entity,
        q=q,
        mode=mode,
        min_sources=sources,
        order=order,
        limit=limit,
        offset=offset,
    )
