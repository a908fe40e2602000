"""The FastAPI app factory: pages, the REST API under /api, Atom feeds, and their security.

Every response carries a restrictive Content-Security-Policy: article text comes from anywhere,
and even if escaping ever failed, the browser would run no inline script, load nothing from
another origin and send no form elsewhere. Errors become HTTP statuses in one place
(``_errors``): a JSON ``{"detail": …}`` under /api, a small HTML page elsewhere.
"""

from __future__ import annotations

import json
import queue
import threading
from collections.abc import Mapping, Sequence
from concurrent.futures import Future
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl, urlencode

import anyio.to_thread
import numpy as np
from fastapi import Depends, FastAPI, HTTPException, Request
from fastapi.encoders import jsonable_encoder
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from starlette.responses import Response

from .. import __version__
from ..config import Settings
from ..embed import Embedder, open_embedder
from ..errors import StoreError
from ..models import RawDocument, Rejection
from ..pipeline import Pipeline, Summary
from ..store import Store, open_store
from . import api, forms, pages
from .guards import CheckHost, Guard
from .limits import LimitBody, no_nul_in_url
from .pages import error_page
from .search import Searcher


class StorePool:
    """One store connection per server thread: SQLite connections stay in their own thread."""

    def __init__(self, location: str) -> None:
        self.location = location
        self._local = threading.local()

    def get(self) -> Store:
        """This thread's store, opened on first use."""
        store = getattr(self._local, "store", None)
        if store is None:
            store = self._local.store = open_store(self.location)
        return store


class Writer:
    """The one thread that writes: a pipeline whose clusterer state is built once and kept.

    Posted articles are clustered in arrival order by this single thread, as `newsweave ingest`
    does, so two requests never assign stories from the same state at once. Requests that queue
    while it works are taken together, up to one batch of articles: one embedding call and one
    commit for all of them (a lone POST used to wait a full turn for each one queued before it),
    each request still answered with its own summary.
    """

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self._queue: queue.Queue[_Request | None] = queue.Queue()
        self._pipeline: Pipeline | None = None
        self._thread = threading.Thread(target=self._run, name="newsweave-writer", daemon=True)
        self._thread.start()

    def submit(self, documents: list[RawDocument | Rejection]) -> Future[Summary]:
        """Queue documents for the pipeline; the future holds their summary."""
        request = _Request(documents, Future())
        self._queue.put(request)
        return request.answer

    def _run(self) -> None:
        try:  # ready before the first post: a replay of the store's articles can take seconds
            self._pipeline = Pipeline(self.settings, embedder=self.embedder)
        except Exception:  # tried again, and its error answered, on the first post
            self._pipeline = None
        while True:
            first = self._queue.get()
            if first is None:
                return
            group, size = [first], len(first.documents)
            while size < self.settings.batch_size:  # one batch: committed whole or not at all
                try:
                    more = self._queue.get_nowait()
                except queue.Empty:
                    break
                if more is None:
                    self._queue.put(None)  # stop after this group
                    break
                if size + len(more.documents) > self.settings.batch_size:
                    self._queue.put(more)  # at the back: order among posts is not promised
                    break
                group.append(more)
                size += len(more.documents)
            self._answer(group)

    def _answer(self, group: list[_Request]) -> None:
        """Ingest a group in one run; if it fails, each request alone, so each gets its own error."""
        if self._pipeline is None:  # opened here so its connection lives in the writer thread
            try:
                self._pipeline = Pipeline(self.settings, embedder=self.embedder)
            except Exception as exc:  # handed to every waiting request
                for request in group:
                    request.answer.set_exception(exc)
                return
        pipeline = self._pipeline
        if len(group) > 1:
            try:
                for request, summary in zip(group, _shared_run(pipeline, group), strict=True):
                    request.answer.set_result(summary)
                return
            except Exception:  # nothing was committed: one batch, one transaction
                pass
        for request in group:
            try:
                request.answer.set_result(
                    pipeline.ingest_documents(request.documents, list_articles=True)
                )
            except Exception as exc:  # the request's own error, for its caller
                request.answer.set_exception(exc)

    def close(self) -> None:
        """Finish queued writes and stop the thread."""
        self._queue.put(None)
        self._thread.join()


@dataclass
class _Request:
    documents: list[RawDocument | Rejection]
    answer: Future[Summary]


def _shared_run(pipeline: Pipeline, group: list[_Request]) -> list[Summary]:
    """Ingest every request's documents in one run; each request's part of the summary.

    Each document is listed once, as an article (new, duplicate or updated) or a rejection, in
    the order taken: a request's part is its stretch of both lists.
    """
    summary = Summary(articles=[])
    firsts = {sum(len(r.documents) for r in group[:i]) for i in range(len(group))}
    starts: list[int] = []
    taken = 0

    def mark(_: RawDocument | Rejection) -> None:  # called before each document is taken
        nonlocal taken
        if taken in firsts:
            starts.append(len(summary.articles or ()))
        taken += 1

    documents = [d for r in group for d in r.documents]
    pipeline.ingest_documents(documents, progress=mark, summary=summary)
    listed = summary.articles or []
    new = [a for a, status in listed if status == "new"]
    founded = {line.id for line in pipeline.store.article_lines(articles=new) if line.founded}
    parts, rejected = [], iter(summary.rejected)
    for request, start, end in zip(group, starts, [*starts[1:], len(listed)], strict=True):
        mine = listed[start:end]
        statuses = [status for _, status in mine]
        parts.append(
            Summary(
                new=statuses.count("new"),
                duplicate=statuses.count("duplicate"),
                updated=statuses.count("updated"),
                rejected=[next(rejected) for _ in range(len(request.documents) - len(mine))],
                new_stories=sum(1 for a, status in mine if status == "new" and a in founded),
                articles=mine,
            )
        )
    return parts


class DropBlankParams:
    """ASGI middleware: a blank query parameter counts as not given.

    An HTML form sends every field, so an unused date filter arrives as ``since=``; without
    this it would be refused as a bad date.
    """

    def __init__(self, app: Any) -> None:
        self.app = app

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and scope.get("query_string"):
            pairs = parse_qsl(scope["query_string"].decode("latin-1"), keep_blank_values=True)
            kept = [(k, v) for k, v in pairs if v.strip()]
            if len(kept) != len(pairs):
                scope = dict(scope, query_string=urlencode(kept).encode("ascii"))
        await self.app(scope, receive, send)


class _LockedEmbedder:
    """An embedder shared by the search threads and the writer, used by one at a time."""

    def __init__(self, inner: Embedder) -> None:
        self.inner = inner
        self.name, self.dim, self.identity = inner.name, inner.dim, inner.identity
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode under the lock."""
        with self._lock:
            return self.inner.encode(texts)


def create_app(
    settings: Settings,
    token: str | None = None,
    open_reads: bool = True,
    embedder: Embedder | None = None,
    allowed_hosts: Sequence[str] | None = None,
) -> FastAPI:
    """Build the web app over the store ``settings.db``.

    Args:
        settings: where the store is and which embedder searches and ingests.
        token: the secret writes need (``NEWSWEAVE_TOKEN``); None refuses every write.
        open_reads: False makes reads need the token too (for a server reachable beyond localhost).
        embedder: an embedder already loaded (tests share one); built from settings otherwise.
        allowed_hosts: the host names requests must name in their Host header (``serve`` on
            loopback gives the loopback names); None answers any.
    """
    app = FastAPI(
        title="newsweave",
        version=__version__,
        description="Follow news stories across languages.",
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,  # the doc pages load a CDN
        dependencies=[Depends(no_nul_in_url)],
    )
    shared = _LockedEmbedder(
        embedder or open_embedder(settings.embedder, max_chars=settings.embed_chars)
    )
    app.state.settings = settings
    app.state.token = token
    app.state.stores = StorePool(settings.db)
    app.state.searcher = Searcher(shared)
    app.state.writer = Writer(settings, shared)
    app.router.add_event_handler("shutdown", app.state.writer.close)
    app.router.add_event_handler("startup", lambda: _limit_threads(settings.web_threads))
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(forms.router)  # the story page's correction forms
    app.mount("/static", StaticFiles(packages=[("newsweave.web", "static")]), name="static")
    _errors(app)
    app.add_middleware(DropBlankParams)
    app.add_middleware(LimitBody, limit=settings.max_request_bytes)
    if allowed_hosts is not None:
        app.add_middleware(CheckHost, allowed=allowed_hosts)
    app.add_middleware(Guard, token=token, open_reads=open_reads)  # outermost: every answer

    return app


def _limit_threads(count: int) -> None:
    """Run at most ``count`` requests' handlers at once (Settings.web_threads says why)."""
    anyio.to_thread.current_default_thread_limiter().total_tokens = count


class AsciiJSONResponse(JSONResponse):
    """JSON with every non-ASCII character escaped.

    A validation error echoes the bad input, and JSON may carry a lone surrogate (``"\\ud800"``)
    that UTF-8 cannot encode: the plain JSONResponse then failed with 500 (RELIABILITY.md, section 6).
    Escaped, the 422 goes out and says which field was wrong.
    """

    def render(self, content: Any) -> bytes:
        return json.dumps(
            content, ensure_ascii=True, allow_nan=False, separators=(",", ":")
        ).encode("ascii")


def _errors(app: FastAPI) -> None:
    """Map errors to statuses: JSON under /api and for feeds, HTML for pages."""

    def reply(
        request: Request, status: int, detail: str, headers: Mapping[str, str] | None = None
    ) -> Response:
        if request.url.path.startswith(("/api", "/feeds")):
            return JSONResponse({"detail": detail}, status_code=status, headers=headers)
        return HTMLResponse(error_page(status, detail), status_code=status, headers=headers)

    @app.exception_handler(HTTPException)
    async def http_error(request: Request, exc: HTTPException) -> Response:
        return reply(request, exc.status_code, str(exc.detail), exc.headers)

    @app.exception_handler(404)
    async def not_found(request: Request, exc: Exception) -> Response:
        return reply(request, 404, getattr(exc, "detail", None) or f"nothing at {request.url.path}")

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, exc: RequestValidationError) -> Response:
        if request.url.path.startswith("/api"):  # FastAPI's own shape, as the OpenAPI document says
            return AsciiJSONResponse({"detail": jsonable_encoder(exc.errors())}, status_code=422)
        problems = "; ".join(
            f"{'.'.join(map(str, e['loc'][1:]))}: {e['msg']}" for e in exc.errors()
        )
        return reply(request, 422, f"bad request: {problems}")

    @app.exception_handler(StoreError)
    async def store_error(request: Request, exc: StoreError) -> Response:
        return reply(request, 503, f"the store cannot be used: {exc}")
