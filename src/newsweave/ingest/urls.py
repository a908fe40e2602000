"""Fetching http(s) URLs safely: public addresses only, pinned connections, timeouts, a size cap.

A URL given to ``ingest`` may point anywhere, and so may every redirect it answers with.
Before each hop the host is resolved once and *every* address it answers must be public
(not private, loopback, link-local, multicast, reserved or unspecified); the connection is
then made to that checked address, never resolved again, so a DNS answer that changes
between the check and the connection (DNS rebinding) cannot reach an internal service.
Redirects are followed here, hop by hop, for the same reason.
"""

from __future__ import annotations

import http.client
import ipaddress
import re
import socket
import ssl
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from urllib.parse import urljoin, urlparse

from newsweave.errors import InputError
from newsweave.ingest.text import size_reason

TIMEOUT_SECONDS = 20.0
# A whole fetch, redirects included, ends by then: a server trickling one byte at a
# time would otherwise never trip the per-read timeout.
TOTAL_SECONDS = 60.0
MAX_REDIRECTS = 5
USER_AGENT = "newsweave/0.1 (news story grouping; +https://pypi.org/project/newsweave/)"
_SCHEMES = ("http", "https")
_REDIRECTS = (301, 302, 303, 307, 308)
_CHUNK = 64 * 1024
_SCHEME_PREFIX = re.compile(r"[A-Za-z][A-Za-z0-9+.\-]+://")

# host, port -> the addresses it resolves to (every answer; all of them are checked).
Resolver = Callable[[str, int], list[str]]


@dataclass(frozen=True)
class Fetched:
    """What a URL answered: the final URL after redirects, its content type, and the bytes."""

    url: str
    content_type: str
    data: bytes


def is_url(value: str) -> bool:
    """Whether an input names a URL (any scheme) rather than a local path."""
    # A one-letter scheme is a Windows drive ("C:\\news"), not a URL. Matched by hand:
    # urlparse raises on some malformed URLs ("http://[") that check_url should name instead.
    return _SCHEME_PREFIX.match(value) is not None


def check_url(url: str) -> str | None:
    """Why newsweave refuses to fetch ``url`` by its form alone, or None when it may.

    The address check (``check_address``) follows once the host is resolved.
    """
    try:
        parts = urlparse(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError as exc:
        return f"malformed URL: {exc}"
    if parts.scheme.lower() not in _SCHEMES:
        return f"unsupported URL scheme '{parts.scheme}' (only http and https)"
    if not parts.hostname:
        return "URL has no host"
    if parts.username or parts.password:
        return "URL carries a user name or password"
    return None


def check_address(address: str, allowed: Collection[str] = ()) -> str | None:
    """Why a resolved address may not be fetched from ("a loopback address"), or None when public.

    Args:
        address: an IPv4 or IPv6 address as text.
        allowed: addresses let through anyway (a test's local server); empty for users.
    """
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return "not an IP address"
    if address in allowed:
        return None
    # ::ffff:127.0.0.1 reaches 127.0.0.1, and so may 6to4 (2002:7f00:1::) and Teredo through a
    # relay: judge an address that carries an IPv4 one by the IPv4 inside it.
    if isinstance(ip, ipaddress.IPv6Address):
        carried = ip.ipv4_mapped or ip.sixtofour or (ip.teredo[1] if ip.teredo else None)
        if carried is not None:
            ip = carried
    # Most specific first: Python counts link-local, reserved and unspecified as private too.
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(ip, f"is_{kind}"):
            return f"a {kind.replace('_', '-')} address"
    if not ip.is_global:  # shared (100.64/10) and other ranges not reachable from the internet
        return "not a public address"
    return None


def system_resolve(host: str, port: int) -> list[str]:
    """Every address the system resolver gives for ``host`` (IPv4 and IPv6)."""
    answers = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return list(dict.fromkeys(str(info[4][0]) for info in answers))


def fetch(
    url: str,
    *,
    max_bytes: int,
    timeout: float = TIMEOUT_SECONDS,
    total_seconds: float = TOTAL_SECONDS,
    allowed: Collection[str] = (),
    resolve: Resolver = system_resolve,
) -> Fetched:
    """Download ``url`` from public addresses only, reading at most ``max_bytes``.

    Args:
        url: an http(s) URL.
        max_bytes: the largest body accepted; a longer one is refused while streaming.
        timeout: seconds for connecting and for each read.
        total_seconds: seconds for the whole fetch, redirects included.
        allowed: private addresses let through anyway (tests with a local server only).
        resolve: how a host becomes addresses (tests pass their own to play DNS).

    Raises:
        InputError: the URL or an address it leads to is refused, the request fails or
            times out, or the answer is too large; the reason names which.
    """
    deadline = time.monotonic() + total_seconds
    current = url
    for _ in range(MAX_REDIRECTS + 1):
        status, location, content_type, data = _fetch_once(
            url, current, max_bytes, timeout, deadline, allowed, resolve
        )
        if status in _REDIRECTS:
            if not location:
                raise InputError(url, f"HTTP {status} redirect without a Location")
            current = urljoin(current, location)
            continue
        if status >= 400:
            raise InputError(url, f"HTTP {status} {http.client.responses.get(status, '')}".rstrip())
        return Fetched(current, content_type, data)
    raise InputError(url, f"more than {MAX_REDIRECTS} redirects")


def _fetch_once(
    origin: str,
    url: str,
    max_bytes: int,
    timeout: float,
    deadline: float,
    allowed: Collection[str],
    resolve: Resolver,
) -> tuple[int, str | None, str, bytes]:
    """One request to ``url`` at a checked address: status, Location, content type, body."""
    hop = "" if url == origin else f"redirect to {url}: "
    refused = check_url(url)
    if refused:
        raise InputError(origin, hop + refused)
    parts = urlparse(url)
    secure = parts.scheme.lower() == "https"
    port = parts.port or (443 if secure else 80)
    address = _checked_address(origin, hop, parts.hostname or "", port, allowed, resolve)
    connection = _pinned_connection(parts.hostname or "", address, port, secure, timeout)
    path = (parts.path or "/") + (f"?{parts.query}" if parts.query else "")
    try:
        connection.request(
            "GET",
            path,
            headers={
                "User-Agent": USER_AGENT,
                "Accept-Encoding": "identity",
                "Connection": "close",
            },
        )
        response = connection.getresponse()
        if response.status in _REDIRECTS:
            return response.status, response.getheader("Location"), "", b""
        if response.status >= 400:
            return response.status, None, "", b""
        encoding = (response.getheader("Content-Encoding") or "identity").strip().lower()
        if encoding != "identity":
            # Never decompressed: a small compressed answer can expand without bound.
            raise InputError(
                origin, hop + f"compressed answer ({encoding}) refused; asked for identity"
            )
        _check_length(origin, response.getheader("Content-Length") or "", max_bytes)
        data = _read_capped(origin, response, max_bytes, deadline)
        return response.status, None, response.headers.get_content_type(), data
    except InputError:
        raise
    except TimeoutError as exc:
        raise InputError(origin, hop + f"timed out after {timeout:g} s") from exc
    except (OSError, http.client.HTTPException, ValueError) as exc:
        raise InputError(origin, hop + f"cannot fetch: {_describe(exc)}") from exc
    finally:
        connection.close()


def _checked_address(
    origin: str, hop: str, host: str, port: int, allowed: Collection[str], resolve: Resolver
) -> str:
    """Resolve ``host`` once; refuse unless every answer is public (or explicitly allowed)."""
    try:
        addresses = resolve(host, port)
    except (OSError, UnicodeError) as exc:
        raise InputError(origin, hop + f"cannot resolve {host}: {_describe(exc)}") from exc
    if not addresses:
        raise InputError(origin, hop + f"cannot resolve {host}: no address")
    for address in addresses:
        refused = check_address(address, allowed)
        if refused:
            named = address if address == host.strip("[]") else f"{address} (from {host})"
            raise InputError(origin, hop + f"refused: {named} is {refused}")
    return addresses[0]


def _pinned_connection(
    host: str, address: str, port: int, secure: bool, timeout: float
) -> http.client.HTTPConnection:
    """A connection to ``host`` that connects to ``address`` only (TLS still checks ``host``)."""
    connection: http.client.HTTPConnection
    if secure:
        connection = http.client.HTTPSConnection(
            host, port, timeout=timeout, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(host, port, timeout=timeout)

    def connect_to_checked(
        _: tuple[str, int], timeout: float | None = None, source: object = None
    ) -> socket.socket:
        return socket.create_connection((address, port), timeout)

    # http.client opens its socket through this attribute; the Host header and TLS
    # server name stay the URL's host, only the address is fixed.
    connection._create_connection = connect_to_checked  # type: ignore[attr-defined]
    return connection


def _check_length(origin: str, length: str, max_bytes: int) -> None:
    """Refuse early when the server announces a body over the limit."""
    if length.strip().isdigit() and int(length) > max_bytes:
        raise InputError(origin, size_reason("page", int(length), max_bytes))


def _read_capped(
    origin: str, response: http.client.HTTPResponse, max_bytes: int, deadline: float
) -> bytes:
    """Stream the body in chunks, failing once it passes ``max_bytes`` or the deadline."""
    chunks: list[bytes] = []
    size = 0
    while True:
        if time.monotonic() > deadline:
            raise InputError(origin, "fetch took longer than the time limit")
        chunk = response.read1(_CHUNK)
        if not chunk:
            return b"".join(chunks)
        size += len(chunk)
        if size > max_bytes:
            raise InputError(origin, size_reason("page", size, max_bytes, at_least=True))
        chunks.append(chunk)


def _describe(exc: BaseException) -> str:
    """A one-line reason for a network error."""
    text = str(exc).strip() or type(exc).__name__
    return text.splitlines()[0]
