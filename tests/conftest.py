"""Shared fixtures: a store in a temporary folder, pipelines with either embedder, the seeds,
a real PostgreSQL server."""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.config import Settings
from newsweave.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SEEDS = SHARED / "seeds"
SAMPLE = REPO / "src" / "newsweave" / "sample"


@pytest.fixture
def db_path(tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


@pytest.fixture
def fast_pipeline(db_path: str) -> Pipeline:
    """A pipeline with the dependency-free embedder: for behaviour that does not need the model."""
    return Pipeline(Settings(db=db_path, embedder="hashing"))


@pytest.fixture(scope="session")
def use_embedder():  # type: ignore[no-untyped-def]
    """The real multilingual model, loaded once for the session."""
    from newsweave.embed import open_embedder

    return open_embedder("use-m3")


@pytest.fixture
def real_pipeline(db_path: str, use_embedder) -> Pipeline:  # type: ignore[no-untyped-def]
    """A pipeline with the model users run."""
    return Pipeline(Settings(db=db_path), embedder=use_embedder)


@pytest.fixture
def seeds() -> Path:
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    return SEEDS


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    """A real PostgreSQL server for the session: NEWSWEAVE_TEST_PG, else a private one started here."""
    from postgres_server import server_bin, temporary_server

    if os.environ.get("NEWSWEAVE_TEST_PG"):
        yield os.environ["NEWSWEAVE_TEST_PG"]
        return
    bin_dir = server_bin()
    if bin_dir is None:
        reason = "PostgreSQL is not installed (apt-get install postgresql; .ci/run does)"
        if os.environ.get("CI"):  # CI installs it: a skip there would hide a broken setup
            pytest.fail(reason)
        pytest.skip(reason)
    with temporary_server(bin_dir) as url:
        yield url


@pytest.fixture
def postgres_url(postgres_server: str) -> Iterator[str]:
    """The URL of a new, empty database on the test server, dropped after the test."""
    from postgres_server import new_database

    with new_database(postgres_server) as url:
        yield url
