"""The story page's correction forms: merge, split, move and undo as plain HTML form posts.

A browser carries the token as the password of its own login prompt (HTTP Basic, which
``token_matches`` accepts): /stories/ID/edit asks for it, and the forms below it post under the
same path, where the browser sends it again. Each form also carries a proof derived from the
token: a browser sends the credentials it keeps to any page's post to this server, so without it
another site could submit a correction in the analyst's name.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import Callable
from urllib.parse import parse_qs

from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import HTMLResponse, RedirectResponse
from starlette.concurrency import run_in_threadpool

from .. import corrections
from ..errors import CorrectionError
from ..store import Correction, Store
from .deps import form_proof, request_store, token_matches
from .pages import story

router = APIRouter(include_in_schema=False)
_MAX_FORM = 64 << 10  # a correction form is a few ids and a sentence


def _analyst(request: Request) -> str:
    token = request.app.state.token
    if not token:
        raise HTTPException(403, "corrections are off: start the server with NEWSWEAVE_TOKEN set")
    if not token_matches(request, token):
        raise HTTPException(
            401,
            "correcting a story needs the server's token: give it as the password",
            headers={"WWW-Authenticate": 'Basic realm="newsweave"'},
        )
    return os.environ.get("NEWSWEAVE_TOKEN_NAME") or "api token"


@router.get("/stories/{story_id}/edit", response_class=HTMLResponse)
def edit_story(request: Request, story_id: str) -> HTMLResponse:
    """The story page with its correction forms, once the browser has given the token."""
    _analyst(request)
    return story(request, story_id)


async def _fields(request: Request) -> tuple[str, dict[str, list[str]]]:
    """The analyst and the posted form's fields, after checking the token and the form's proof."""
    by = _analyst(request)
    body = await request.body()
    if len(body) > _MAX_FORM:
        raise HTTPException(413, "a correction form is a few ids and a sentence")
    fields = parse_qs(body.decode("utf-8", errors="replace"))
    if not hmac.compare_digest(fields.get("csrf", [""])[0], form_proof(request.app.state.token)):
        raise HTTPException(
            403,
            "this form did not come from this server's story page: reload the page and try again",
        )
    return by, fields


async def _correct(request: Request, make: Callable[[Store], Correction]) -> RedirectResponse:
    """Make a correction off the event loop; back to the resulting story's page (303: GET it)."""
    try:
        entry = await run_in_threadpool(lambda: make(request_store(request)))
    except CorrectionError as exc:
        raise HTTPException(404 if exc.missing else 422, str(exc)) from exc
    return RedirectResponse(f"/stories/{entry.stories[0]}/edit#history", status_code=303)


def _one(fields: dict[str, list[str]], name: str) -> str:
    return (fields.get(name) or [""])[0].strip()


@router.post("/stories/{story_id}/merge")
async def merge_form(request: Request, story_id: str) -> RedirectResponse:
    """Merge the stories named in the form with this one."""
    by, fields = await _fields(request)
    others = _one(fields, "stories").replace(",", " ").split()
    if not others:
        raise HTTPException(422, "name the stories to merge with this one")
    why = _one(fields, "why")
    return await _correct(
        request, lambda store: corrections.merge(store, [story_id, *others], by, why)
    )


@router.post("/stories/{story_id}/split")
async def split_form(request: Request, story_id: str) -> RedirectResponse:
    """Make the ticked articles a new story."""
    by, fields = await _fields(request)
    chosen, why = fields.get("article", []), _one(fields, "why")
    if not chosen:
        raise HTTPException(422, "tick the articles that leave the story")
    return await _correct(
        request, lambda store: corrections.split(store, story_id, chosen, by, why)
    )


@router.post("/stories/{story_id}/move")
async def move_form(request: Request, story_id: str) -> RedirectResponse:
    """Move the chosen article to the story named, or to a new one."""
    by, fields = await _fields(request)
    article, to, new, why = (
        _one(fields, "article"),
        _one(fields, "to"),
        bool(_one(fields, "new")),
        _one(fields, "why"),
    )
    if not article or bool(to) == new:
        raise HTTPException(
            422, "choose an article, and either name the story it goes to or tick 'a new story'"
        )
    return await _correct(
        request, lambda store: corrections.move(store, article, to or None, by, why)
    )


@router.post("/stories/{story_id}/undo")
async def undo_form(request: Request, story_id: str) -> RedirectResponse:
    """Revert a history entry."""
    by, fields = await _fields(request)
    entry = _one(fields, "entry")
    if not entry.isdigit():
        raise HTTPException(422, "which history entry? (its number)")
    why = _one(fields, "why")
    return await _correct(request, lambda store: corrections.undo(store, int(entry), by, why))
