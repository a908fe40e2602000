"""Shared fixtures: a store in a temporary folder, pipelines with either embedder, the seeds."""

from __future__ import annotations

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
