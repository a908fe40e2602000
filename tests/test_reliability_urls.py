"""URL fetching: only public addresses, after every redirect and whatever DNS answers; timeouts; caps.

Every server here listens on 127.0.0.1. The address guard is relaxed for 127.0.0.1 only, and
only where a test says so (``allowed``); every other address a test names is refused before
any connection is made, so no traffic leaves the loopback interface.
"""

from __future__ import annotations

import http.server
import socket
import threading
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.errors import InputError
from newsweave.ingest.urls import check_address, check_url, fetch
from newsweave.pipeline import Pipeline

LOCAL = {"127.0.0.1"}
ARTICLE = (
    b"<html><head><title>Bridge closed after flood</title></head><body><article>"
    b"<h1>Bridge closed after flood</h1><p>The old bridge over the river was closed on Monday "
    b"after floodwater damaged two of its piers, the council said.</p></article></body></html>"
)

Route = Callable[[http.server.BaseHTTPRequestHandler], None]


class _Server:
    """A threaded HTTP server on 127.0.0.1 that answers each path with its route and counts requests."""

    def __init__(self, routes: dict[str, Route]) -> None:
        self.requests: list[tuple[str, str]] = []  # (path, Host header)
        outer = self

        class Handler(http.server.BaseHTTPRequestHandler):
            def do_GET(self) -> None:
                outer.requests.append((self.path, self.headers.get("Host", "")))
                routes.get(self.path, _page(ARTICLE))(self)

            def log_message(self, *args: object) -> None:
                pass

        self.httpd = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.port = self.httpd.server_port
        self.base = f"http://127.0.0.1:{self.port}"
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.httpd.shutdown()
        self.httpd.server_close()


def _page(body: bytes, headers: dict[str, str] | None = None, length: bool = True) -> Route:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(200)
        handler.send_header("Content-Type", "text/html; charset=utf-8")
        for name, value in (headers or {}).items():
            handler.send_header(name, value)
        if length:
            handler.send_header("Content-Length", str(len(body)))
        handler.end_headers()
        handler.wfile.write(body)

    return answer


def _redirect(location: str) -> Route:
    def answer(handler: http.server.BaseHTTPRequestHandler) -> None:
        handler.send_response(302)
        handler.send_header("Location", location)
        handler.end_headers()

    return answer


@pytest.fixture
def server() -> Iterator[Callable[[dict[str, Route]], _Server]]:
    started: list[_Server] = []

    def start(routes: dict[str, Route]) -> _Server:
        started.append(_Server(routes).__enter__())
        return started[-1]

    yield start
    for running in started:
        running.__exit__()


def _refusal(url: str, **kwargs: object) -> str:
    with pytest.raises(InputError) as caught:
        fetch(url, max_bytes=1_000_000, **kwargs)  # type: ignore[arg-type]
    return caught.value.reason


@pytest.mark.parametrize(
    "address, kind",
    [
        ("127.0.0.1", "loopback"),
        ("::1", "loopback"),
        ("::ffff:127.0.0.1", "loopback"),
        ("10.0.0.8", "private"),
        ("172.16.4.1", "private"),
        ("192.168.1.1", "private"),
        ("fc00::1", "private"),
        ("169.254.169.254", "link-local"),
        ("fe80::1", "link-local"),
        ("224.0.0.251", "multicast"),
        ("ff02::1", "multicast"),
        ("240.0.0.1", "reserved"),
        ("0.0.0.0", "unspecified"),
        ("100.64.0.1", "public"),
    ],
)
def test_non_public_addresses_are_refused_by_kind(address: str, kind: str) -> None:
    reason = check_address(address)
    assert reason is not None and kind in reason


@pytest.mark.parametrize("address", ["93.184.216.34", "2606:4700::6810:84e5", "8.8.8.8"])
def test_public_addresses_pass(address: str) -> None:
    assert check_address(address) is None


@pytest.mark.parametrize(
    "url, reason",
    [
        ("file:///etc/passwd", "unsupported URL scheme 'file'"),
        ("gopher://example.com/", "unsupported URL scheme 'gopher'"),
        ("http://user:secret@example.com/", "user name or password"),
        ("http://example.com:99999/", "malformed URL"),
    ],
)
def test_urls_refused_by_their_form(url: str, reason: str) -> None:
    assert reason in (check_url(url) or "")
    assert reason in _refusal(url)


def test_loopback_is_refused_by_default_and_nothing_is_requested(server) -> None:  # type: ignore[no-untyped-def]
    local = server({})
    assert _refusal(f"{local.base}/news") == "refused: 127.0.0.1 is a loopback address"
    assert "loopback" in _refusal(f"http://localhost:{local.port}/news")
    assert local.requests == []


def test_a_redirect_to_an_internal_address_is_refused(server) -> None:  # type: ignore[no-untyped-def]
    local = server(
        {
            "/metadata": _redirect("http://169.254.169.254/latest/meta-data/"),
            "/other-loopback": _redirect("http://127.0.0.2:8080/admin"),
            "/decimal": _redirect("http://2130706433/"),  # 127.0.0.1 written as one number
        }
    )
    reason = _refusal(f"{local.base}/metadata", allowed=LOCAL)
    assert reason == (
        "redirect to http://169.254.169.254/latest/meta-data/: refused: 169.254.169.254 is a link-local address"
    )
    assert "127.0.0.2 is a loopback address" in _refusal(
        f"{local.base}/other-loopback", allowed=LOCAL
    )
    assert "loopback address" in _refusal(f"{local.base}/decimal", allowed={"127.0.0.2"})
    assert [path for path, _ in local.requests] == ["/metadata", "/other-loopback"]


def test_every_dns_answer_is_checked() -> None:
    def resolve(host: str, port: int) -> list[str]:
        return ["93.184.216.34", "10.1.2.3"]  # one public answer does not excuse a private one

    reason = _refusal("http://news.example/story", resolve=resolve)
    assert reason == "refused: 10.1.2.3 (from news.example) is a private address"


def test_the_connection_goes_to_the_address_that_was_checked(server) -> None:  # type: ignore[no-untyped-def]
    """DNS rebinding: a resolver that answers differently the second time is never asked twice."""
    local = server({})
    answers = iter([["127.0.0.1"], ["127.0.0.2"], ["127.0.0.2"]])
    asked: list[str] = []

    def rebinding(host: str, port: int) -> list[str]:
        asked.append(host)
        return next(answers)

    fetched = fetch(
        f"http://news.test:{local.port}/a", max_bytes=100_000, allowed=LOCAL, resolve=rebinding
    )
    assert b"floodwater" in fetched.data
    assert asked == ["news.test"]
    assert local.requests == [
        ("/a", f"news.test:{local.port}")
    ]  # the name kept, the address pinned


def test_a_silent_server_times_out_with_the_reason() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(1)  # accepts the connection in the backlog, never answers
    try:
        reason = _refusal(
            f"http://127.0.0.1:{listener.getsockname()[1]}/", allowed=LOCAL, timeout=0.3
        )
    finally:
        listener.close()
    assert reason == "timed out after 0.3 s"


def test_a_body_over_the_cap_is_refused_while_streaming(server) -> None:  # type: ignore[no-untyped-def]
    big = b"<p>" + b"flood " * 60_000 + b"</p>"
    local = server(
        {
            "/no-length": _page(big, length=False),
            "/gzip": _page(b"\x1f\x8b", {"Content-Encoding": "gzip"}),
        }
    )
    with pytest.raises(InputError) as caught:
        fetch(f"{local.base}/no-length", max_bytes=100_000, allowed=LOCAL)
    assert (
        caught.value.reason.startswith("page is over ")
        and "over the 100.0 kB limit" in caught.value.reason
    )
    assert (
        _refusal(f"{local.base}/gzip", allowed=LOCAL)
        == "compressed answer (gzip) refused; asked for identity"
    )


def test_a_redirect_loop_ends(server) -> None:  # type: ignore[no-untyped-def]
    local = server({"/loop": _redirect("/loop")})
    assert _refusal(f"{local.base}/loop", allowed=LOCAL) == "more than 5 redirects"
    assert len(local.requests) == 6


def test_ingest_names_the_refusal_and_goes_on_unless_settings_allow_the_address(
    server, tmp_path: Path
) -> None:  # type: ignore[no-untyped-def]
    local = server({"/moved": _redirect("/story")})
    note = tmp_path / "note.txt"
    note.write_text(
        "Ferry service resumes\n\nThe ferry crossing reopened on Tuesday after repairs to the pier."
    )
    refused = Pipeline(Settings(db=str(tmp_path / "a.db"), embedder="hashing")).ingest(
        [f"{local.base}/moved", str(note)]
    )
    assert refused.new == 1 and [r.reason for r in refused.rejected] == [
        "refused: 127.0.0.1 is a loopback address"
    ]
    allowed = Settings(
        db=str(tmp_path / "b.db"), embedder="hashing", fetch_allowed_addresses=("127.0.0.1",)
    )
    pipeline = Pipeline(allowed)
    assert pipeline.ingest([f"{local.base}/moved"]).new == 1
    ((article, _),) = list(pipeline.store.articles())
    assert "floodwater damaged two of its piers" in article.text and article.url.endswith("/story")
    assert Settings.from_env().fetch_allowed_addresses == ()  # no environment variable turns it on
