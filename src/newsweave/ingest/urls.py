"""Fetching http(s) URLs with urllib: a timeout, a size cap, and a host check hook."""

from __future__ import annotations

import urllib.error
import urllib.request
from dataclasses import dataclass
from email.message import Message
from http.client import HTTPMessage
from typing import IO
from urllib.parse import urlparse

from newsweave.errors import InputError
from newsweave.ingest.text import size_reason

TIMEOUT_SECONDS = 20.0
USER_AGENT = "newsweave/0.1 (news story grouping; +https://pypi.org/project/newsweave/)"
_SCHEMES = ("http", "https")


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: the final URL after redirects, its content type, and the bytes."""

    url: str
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    """Whether an input names a URL (any scheme) rather than a local path."""
    parts = urlparse(value)
    # A one-letter scheme is a Windows drive ("C:\\news"), not a URL.
    return len(parts.scheme) > 1 and "://" in value


def check_url(url: str) -> str | None:
    """Why newsweave refuses to fetch ``url``, or None when it may.

    This is the hook for the private/loopback address guard: it is called for the
    URL given and for every redirect target, before any connection is made.
    """
    parts = urlparse(url)
    if parts.scheme.lower() not in _SCHEMES:
        return f"unsupported URL scheme '{parts.scheme}' (only http and https)"
    if not parts.hostname:
        return "URL has no host"
    return None


def fetch(url: str, *, max_bytes: int, timeout: float = TIMEOUT_SECONDS) -> Fetched:
    """Download ``url``, reading at most ``max_bytes``.

    Raises:
        InputError: the URL is refused, the request fails, or the answer is too large.
    """
    refused = check_url(url)
    if refused:
        raise InputError(url, refused)
    opener = urllib.request.build_opener(_CheckedRedirects())
    request = urllib.request.Request(url, headers={"User-Agent": USER_AGENT})
    try:
        with opener.open(request, timeout=timeout) as response:
            _check_length(url, response.headers, max_bytes)
            data = _read_capped(url, response, max_bytes)
            return Fetched(response.geturl(), response.headers.get_content_type(), data)
    except urllib.error.HTTPError as exc:
        raise InputError(url, f"HTTP {exc.code} {exc.reason}") from exc
    except urllib.error.URLError as exc:
        raise InputError(url, f"cannot fetch: {exc.reason}") from exc
    except (TimeoutError, OSError, ValueError) as exc:
        raise InputError(url, f"cannot fetch: {exc}") from exc


class _CheckedRedirects(urllib.request.HTTPRedirectHandler):
    """Follows redirects only to URLs that ``check_url`` allows."""

    def redirect_request(
        self, req: urllib.request.Request, fp: IO[bytes], code: int, msg: str,
        headers: HTTPMessage, newurl: str,
    ) -> urllib.request.Request | None:
        refused = check_url(newurl)
        if refused:
            raise InputError(req.full_url, f"redirect to {newurl} refused: {refused}")
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def _check_length(url: str, headers: Message, max_bytes: int) -> None:
    """Refuse early when the server announces a body over the limit."""
    length = headers.get("Content-Length", "")
    if length.isdigit() and int(length) > max_bytes:
        raise InputError(url, size_reason("page", int(length), max_bytes))


def _read_capped(url: str, response: IO[bytes], max_bytes: int) -> bytes:
    """Read the body, failing once it passes ``max_bytes`` (the length header may lie)."""
    data = response.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(url, size_reason("page", len(data), max_bytes, at_least=True))
    return data
