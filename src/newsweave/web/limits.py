"""What a request may carry: a cap on the size of its body, enforced while it is read, and no
NUL character in its URL.

A declared ``Content-Length`` over the cap is refused before the app runs; a body sent in chunks
without one is counted as it arrives and refused as soon as it passes the cap. Either way the
server never holds more than the cap of one request, and the client gets a 413 saying why.
"""

from __future__ import annotations

from typing import Any

from fastapi import HTTPException, Request
from fastapi.responses import JSONResponse


class BodyTooLarge(HTTPException):
    """A request body over the cap: a 413 the app's error handlers answer with its detail."""

    def __init__(self, limit: int) -> None:
        super().__init__(
            413,
            f"the request body is larger than this server's limit of {limit:,} bytes: "
            "send fewer or shorter articles in one request",
        )


class LimitBody:
    """ASGI middleware: refuse request bodies larger than ``limit`` bytes with 413."""

    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        if any(
            name == b"content-length" and value.strip().isdigit() and int(value) > self.limit
            for name, value in scope["headers"]
        ):
            await self._refuse(scope, receive, send)
            return
        received = 0
        started = False

        async def counted_receive() -> dict[str, Any]:
            nonlocal received
            message: dict[str, Any] = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > self.limit:
                    raise BodyTooLarge(
                        self.limit
                    )  # a route reading the body answers it as an HTTP error
            return message

        async def watched_send(message: dict[str, Any]) -> None:
            nonlocal started
            started = started or message["type"] == "http.response.start"
            await send(message)

        try:
            await self.app(scope, counted_receive, watched_send)
        except BodyTooLarge:
            if started:  # too late for a status: let the server drop the connection
                raise
            await self._refuse(scope, receive, send)

    async def _refuse(self, scope: dict[str, Any], receive: Any, send: Any) -> None:
        # Connection: close, so the unread rest of the body is not taken for the next request.
        error = BodyTooLarge(self.limit)
        response = JSONResponse(
            {"detail": error.detail}, status_code=413, headers={"Connection": "close"}
        )
        await response(scope, receive, send)


def no_nul_in_url(request: Request) -> None:
    """Refuse a NUL character (%00) in the path or query: no id, name or search can hold one.

    PostgreSQL text cannot contain NUL, so without this such a lookup would fail in the store and
    answer 503 as if the store were broken.
    """
    if "\x00" in request.scope["path"] or any(
        "\x00" in k + v for k, v in request.query_params.multi_items()
    ):
        raise HTTPException(
            400,
            "a NUL character (%00) cannot be part of an id, a search or a filter: "
            "remove it from the URL",
        )
