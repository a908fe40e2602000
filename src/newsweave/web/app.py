"""The FastAPI app factory: pages, the REST API under /api, Atom feeds, and their security.

Every response carries a restrictive Content-Security-Policy: article text comes from anywhere,
and even if escaping ever failed, the browser would run no inline script, load nothing from
another origin and send no form elsewhere. Errors become HTTP statuses in one place
(``_errors``): a JSON ``{"detail": …}`` under /api, a small HTML page elsewhere.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Awaitable, Callable, Mapping, Sequence
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any
from urllib.parse import parse_qsl, urlencode

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
from .deps import token_matches
from .limits import LimitBody, no_nul_in_url
from .pages import error_page
from .search import Searcher

CSP = (
    "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
    "connect-src 'self'; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
SECURITY_HEADERS = {
    "Content-Security-Policy": CSP,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "no-referrer",
    "X-Frame-Options": "DENY",
}


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
    does, so two requests never assign stories from the same state at once.
    """

    def __init__(self, settings: Settings, embedder: Embedder) -> None:
        self.settings = settings
        self.embedder = embedder
        self._thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="newsweave-writer")
        self._pipeline: Pipeline | None = None

    def submit(self, documents: list[RawDocument | Rejection]) -> Future[Summary]:
        """Queue documents for the pipeline; the future holds the run's summary."""
        return self._thread.submit(self._ingest, documents)

    def _ingest(self, documents: list[RawDocument | Rejection]) -> Summary:
        if self._pipeline is None:  # opened here so its connection lives in the writer thread
            self._pipeline = Pipeline(self.settings, embedder=self.embedder)
        return self._pipeline.ingest_documents(documents, list_articles=True)

    def close(self) -> None:
        """Finish queued writes and stop the thread."""
        self._thread.shutdown(wait=True)


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
        self.name, self.dim = inner.name, inner.dim
        self._lock = threading.Lock()

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Encode under the lock."""
        with self._lock:
            return self.inner.encode(texts)


class CheckHost:
    """ASGI middleware: answer only requests whose Host header names one of ``allowed`` (400 otherwise).

    A server on loopback with open reads trusts whoever can reach it; DNS rebinding lets a web
    page anywhere reach it under the page's own host name (``attacker.example`` resolving to
    127.0.0.1), and read it from the victim's browser. That page cannot send a loopback Host.
    """

    def __init__(self, app: Any, allowed: Sequence[str]) -> None:
        self.app = app
        self.allowed = {name.lower().strip("[]") for name in allowed}

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] == "http" and _host_name(scope) not in self.allowed:
            response = JSONResponse(
                {
                    "detail": "unknown Host header: this server answers to "
                    + ", ".join(sorted(self.allowed))
                },
                status_code=400,
            )
            await response(scope, receive, send)
            return
        await self.app(scope, receive, send)


def _host_name(scope: dict[str, Any]) -> str:
    """The host name a request's Host header names, without port or IPv6 brackets, lower-cased."""
    host = next(
        (value.decode("latin-1") for name, value in scope["headers"] if name == b"host"), ""
    ).lower()
    if host.startswith("["):
        return host[1 : host.find("]")] if "]" in host else host
    return host.rsplit(":", 1)[0] if host.count(":") == 1 else host


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
    shared = _LockedEmbedder(embedder or open_embedder(settings.embedder))
    app.state.settings = settings
    app.state.token = token
    app.state.stores = StorePool(settings.db)
    app.state.searcher = Searcher(shared)
    app.state.writer = Writer(settings, shared)
    app.router.add_event_handler("shutdown", app.state.writer.close)
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(forms.router)  # the story page's correction forms
    app.mount("/static", StaticFiles(packages=[("newsweave.web", "static")]), name="static")
    _errors(app)
    app.add_middleware(DropBlankParams)
    app.add_middleware(LimitBody, limit=settings.max_request_bytes)
    if allowed_hosts is not None:
        app.add_middleware(CheckHost, allowed=allowed_hosts)

    @app.middleware("http")
    async def guard(
        request: Request, call_next: Callable[[Request], Awaitable[Response]]
    ) -> Response:
        if not open_reads and not token_matches(request, token):
            response: Response = JSONResponse(
                {
                    "detail": "this server needs its token to read: send 'Authorization: Bearer $NEWSWEAVE_TOKEN'"
                },
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="newsweave"'},
            )
        else:
            response = await call_next(request)
        response.headers.update(SECURITY_HEADERS)
        return response

    return app


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
