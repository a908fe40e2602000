"""The embedder's window (Settings.embed_chars): a store's vectors read with one window never
meet vectors read with another in one clusterer, and the snapshot made under one is not reused."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from conftest import SAMPLE
from newsweave.config import Settings
from newsweave.embed import open_embedder
from newsweave.pipeline import Pipeline
from newsweave.prepare import embedding_text

FILES = sorted(str(p) for p in (SAMPLE / "articles").iterdir())


def test_the_window_is_part_of_the_embedders_identity() -> None:
    short, long = open_embedder("use-m3", max_chars=600), open_embedder("use-m3", max_chars=1000)
    assert short.identity != long.identity
    assert "600" in short.identity and "1000" in long.identity


def test_a_store_read_with_another_window_is_read_again_not_mixed(tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    first = Pipeline(Settings(db=db, embed_chars=600, snapshot_every=1))
    first.ingest(FILES)
    stored = [a for a, _ in first.store.articles()]
    assert {a.embedded_by for a in stored} == {first.embedder.identity}
    longer = [a for a in stored if len(embedding_text(a)) > 600]
    assert longer, "the sample has articles longer than the short window"

    second = Pipeline(Settings(db=db, embed_chars=1000, snapshot_every=1))
    asked: list[int] = []
    replay = second.store.replay_since
    second.store.replay_since = lambda seq: asked.append(seq) or replay(seq)  # type: ignore[method-assign]
    clusterer = second.load_clusterer()
    assert asked == [0]  # the snapshot made reading 600 characters is not used

    # The clusterer's embedding background is the sum of what it took in: the 1,000-character
    # vectors of every stored article, not the stored 600-character ones.
    read_again = second.embedder.encode([embedding_text(a) for a in stored]).sum(axis=0)
    as_stored = np.asarray([a.embedding for a in stored], dtype=np.float64).sum(axis=0)
    assert np.allclose(clusterer.background_.sum, read_again, atol=1e-4)
    assert not np.allclose(clusterer.background_.sum, as_stored, atol=1e-3)
