"""Who may be answered, and what every answer carries: ASGI middleware around the whole app.

Pure ASGI, not ``@app.middleware("http")``: Starlette's BaseHTTPMiddleware runs the app in a
task of its own and streams its answer through a queue, which cost ~1 ms of CPU a request.
"""

from __future__ import annotations

from collections.abc import MutableMapping, Sequence
from typing import Any

from fastapi import Request
from fastapi.responses import JSONResponse

from .deps import token_matches

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
_HEADERS = [(name.lower().encode(), value.encode()) for name, value in SECURITY_HEADERS.items()]
_NAMES = {name for name, _ in _HEADERS}


class Guard:
    """ASGI middleware: the security headers on every answer, and a 401 for a read without the
    token when reads need it (``open_reads`` False)."""

    def __init__(self, app: Any, token: str | None, open_reads: bool) -> None:
        self.app = app
        self.token = token
        self.open_reads = open_reads

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def with_headers(message: MutableMapping[str, Any]) -> None:
            if message["type"] == "http.response.start":
                kept = [h for h in message.get("headers", []) if h[0].lower() not in _NAMES]
                message = {**message, "headers": [*kept, *_HEADERS]}
            await send(message)

        if not self.open_reads and not token_matches(Request(scope), self.token):
            refused = JSONResponse(
                {
                    "detail": "this server needs its token to read: send 'Authorization: Bearer $NEWSWEAVE_TOKEN'"
                },
                status_code=401,
                headers={"WWW-Authenticate": 'Basic realm="newsweave"'},
            )
            await refused(scope, receive, with_headers)
            return
        await self.app(scope, receive, with_headers)


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
