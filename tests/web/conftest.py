"""Fixtures for the web app: stores filled from our own small fixtures or the seeds, and a live server.

The app fixtures run every test that uses them on SQLite and on a real PostgreSQL (tests/postgres_server.py).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import uvicorn
from fastapi import FastAPI
from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.pipeline import Pipeline
from newsweave.web import create_app

FIXTURES = Path(__file__).parent / "fixtures"
TOKEN = "test-token-9f2c"


def fill(db: str, *paths: Path, embedder: object = None) -> Settings:
    """Ingest ``paths`` into the store at ``db``; the settings the app should use."""
    settings = Settings(db=db, embedder="hashing" if embedder is None else "use-m3")
    pipeline = Pipeline(settings, embedder=embedder)  # type: ignore[arg-type]
    summary = pipeline.ingest([str(p) for p in paths])
    assert summary.new and not summary.rejected, summary
    pipeline.store.close()
    return settings


@pytest.fixture(scope="module", params=["sqlite", "postgres"])
def web_db(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[str]:
    """A new, empty store of each backend for a module: an SQLite file, or a database on the test server."""
    if request.param == "sqlite":
        yield str(tmp_path_factory.mktemp("web") / "store.db")
        return
    from postgres_server import new_database

    with new_database(request.getfixturevalue("postgres_server")) as url:
        yield url


@pytest.fixture(scope="module")
def fixture_settings(web_db: str) -> Settings:
    """A store holding tests/web/fixtures/articles.jsonl (hashing embedder), shared by a module's reads."""
    return fill(web_db, FIXTURES / "articles.jsonl")


@pytest.fixture(scope="module")
def client(fixture_settings: Settings) -> Iterator[TestClient]:
    """The API and pages over the fixture store, writes allowed with TOKEN."""
    with TestClient(create_app(fixture_settings, token=TOKEN)) as test_client:
        yield test_client


@pytest.fixture(params=["sqlite", "postgres"])
def empty_db(request: pytest.FixtureRequest, db_path: str) -> str:
    """Where an empty store of each backend lives, for one test."""
    return db_path if request.param == "sqlite" else str(request.getfixturevalue("postgres_url"))


@pytest.fixture
def fresh_client(empty_db: str) -> Iterator[TestClient]:
    """An app over an empty store of its own, for tests that write."""
    with TestClient(
        create_app(Settings(db=empty_db, embedder="hashing"), token=TOKEN)
    ) as test_client:
        yield test_client


class LiveServer:
    """A real uvicorn server on a free localhost port, in a thread."""

    def __init__(self, app: FastAPI) -> None:
        with socket.socket() as probe:
            probe.bind(("127.0.0.1", 0))
            self.port = probe.getsockname()[1]
        self.url = f"http://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(
            uvicorn.Config(app, host="127.0.0.1", port=self.port, log_level="warning")
        )
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> LiveServer:
        self.thread.start()
        deadline = time.monotonic() + 20
        while not self.server.started:
            if time.monotonic() > deadline or not self.thread.is_alive():
                raise RuntimeError("the test server did not start")
            time.sleep(0.05)
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.should_exit = True
        self.thread.join(timeout=10)
