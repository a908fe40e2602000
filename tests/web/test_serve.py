"""`newsweave serve` as a user starts it: a real process answering on its port."""

from __future__ import annotations

import asyncio
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from urllib.error import HTTPError, URLError
from urllib.parse import urlsplit

import pytest
from click.testing import CliRunner

from newsweave.cli import _listen, cli


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _get(url: str, deadline: float) -> bytes:
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                return response.read()
        except (URLError, ConnectionError):
            if time.monotonic() > deadline:
                raise
            time.sleep(0.2)


@pytest.fixture(params=["sqlite", "postgres"])
def served_db(request: pytest.FixtureRequest, db_path: str) -> str:
    """An SQLite file, or a PostgreSQL URL carrying a password (the test server trusts localhost, so any will do)."""
    if request.param == "sqlite":
        return db_path
    url = urlsplit(request.getfixturevalue("postgres_url"))
    return url._replace(netloc=f"{url.username}:pw-not-to-show@{url.hostname}:{url.port}").geturl()


def test_serve_answers_reads_and_token_writes(served_db: str) -> None:
    db_path, port = served_db, _free_port()
    env = dict(os.environ, NEWSWEAVE_EMBEDDER="hashing", NEWSWEAVE_TOKEN="s3cret")
    server = subprocess.Popen(
        [sys.executable, "-m", "newsweave", "--db", db_path, "serve", "--port", str(port)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        assert json.loads(_get(f"{base}/api/stories", time.monotonic() + 60))["items"] == []
        body = json.dumps(
            {"title": "Dam opened", "text": "Engineers opened the dam gates on Monday."}
        ).encode()
        post = urllib.request.Request(
            f"{base}/api/articles",
            data=body,
            method="POST",
            headers={"Content-Type": "application/json", "Authorization": "Bearer s3cret"},
        )
        with urllib.request.urlopen(post, timeout=30) as response:
            assert json.loads(response.read())["new"] == 1
        assert b"Dam opened" in _get(f"{base}/", time.monotonic() + 10)
        try:
            urllib.request.urlopen(
                urllib.request.Request(
                    f"{base}/api/articles",
                    data=body,
                    method="POST",
                    headers={"Content-Type": "application/json"},
                ),
                timeout=10,
            )
            raise AssertionError("a write without the token was accepted")
        except HTTPError as refused:
            assert refused.code == 401
    finally:
        server.terminate()
        _, stderr = server.communicate(timeout=15)
    assert f"at http://127.0.0.1:{port}/" in stderr.decode()
    assert "pw-not-to-show" not in stderr.decode()


def test_serving_beyond_localhost_without_a_token_is_refused(db_path: str) -> None:
    result = CliRunner().invoke(
        cli, ["--db", db_path, "serve", "--host", "0.0.0.0"], env={"NEWSWEAVE_TOKEN": ""}
    )
    assert result.exit_code == 2 and "NEWSWEAVE_TOKEN" in result.output


def test_serve_answers_kept_alive_connections_without_nagle() -> None:
    # asyncio (under uvicorn) turns Nagle off only on a socket that says it is TCP; with Nagle on,
    # each answer on a kept-alive connection waited ~40 ms for the client's delayed ACK.
    listening = _listen("127.0.0.1", _free_port())
    nodelay: list[int] = []

    async def accept_one() -> None:
        def connected(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
            sock = writer.get_extra_info("socket")
            nodelay.append(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))
            writer.close()

        server = await asyncio.start_server(connected, sock=listening)
        port = listening.getsockname()[1]
        _, client = await asyncio.open_connection("127.0.0.1", port)
        await asyncio.sleep(0.2)
        client.close()
        server.close()

    asyncio.run(accept_one())
    assert nodelay and nodelay[0] != 0
