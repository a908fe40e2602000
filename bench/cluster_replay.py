"""Cluster again, without reading or embedding: the harness weights are iterated on.

    python bench/cluster_replay.py [--cache DIR]     # gva-dev: B3-F1 and pairwise-F1 by replay

A run of `newsweave ingest` stores every article with its extraction and embedding; kept
in a cache (pickled, one file per data file), they are clustered again by a fresh
``OnlineClusterer`` in the stored order, which is what ingest does: the stories come out
the same (bench/stream_pairs.py and this script check it against ingest). Re-clustering
takes seconds where ingesting takes minutes, most of it in the embedder.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
from collections.abc import Mapping
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import dataset
from metrics import bcubed_f1, pairwise_f1
from newsweave.cluster import OnlineClusterer, Weights, article_features
from newsweave.config import Settings
from newsweave.models import Article

DEFAULT_CACHE = Path("/tmp/i14-cache")
Stored = list[tuple[list[str], Article]]  # (external ids, article) in arrival order


def _cache_file(data: Path, cache: Path | None) -> Path:
    return (cache or DEFAULT_CACHE) / f"{data.stem}.articles.pickle"


def keep_articles(data: Path, cache: Path | None, articles: Mapping[str, Article]) -> None:
    """Keep the stored articles of ``data`` (external id -> article, arrival order) in ``cache``."""
    stored: dict[str, tuple[list[str], Article]] = {}
    for name, article in articles.items():
        stored.setdefault(article.id, ([], article))[0].append(name)
    path = _cache_file(data, cache)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(pickle.dumps(list(stored.values())))


def cached_articles(data: Path, cache: Path | None) -> Stored | None:
    """The articles kept for ``data``, or None when there are none."""
    path = _cache_file(data, cache)
    return pickle.loads(path.read_bytes()) if path.exists() else None


def replay(stored: Stored, weights: Weights) -> tuple[dict[str, str], dict[str, Article]]:
    """Cluster ``stored`` in order as ingest would; each external id's story and article."""
    clusterer = OnlineClusterer(weights=weights, dim=len(stored[0][1].embedding or ())).partial_fit(
        []
    )
    story_of: dict[str, str] = {}
    articles: dict[str, Article] = {}
    for names, article in stored:
        vector = np.asarray(article.embedding, dtype=np.float32)
        decision = clusterer.assign(article_features(article, vector))
        for name in names:
            story_of[name], articles[name] = decision.story_id, article
    return story_of, articles


def gva(
    cache: Path | None, weights: Weights, embed_chars: int | None = None
) -> tuple[float, float]:
    """gva-dev by replay (ingesting once to fill the cache, reading ``embed_chars`` of each
    article, default Settings.embed_chars): B3-F1 and pairwise-F1."""
    path = dataset("gva-dev.jsonl")
    gold = {r["id"]: r["story"] for r in map(json.loads, path.open(encoding="utf-8"))}
    stored = cached_articles(path, cache)
    if stored is None:
        from newsweave.pipeline import Pipeline

        with tempfile.TemporaryDirectory() as folder:
            window = {} if embed_chars is None else {"embed_chars": embed_chars}
            pipeline = Pipeline(Settings(db=f"{folder}/gva.db", **window))  # type: ignore[arg-type]
            pipeline.ingest([str(path)])
            ingested = {a.external_id: d.story_id for a, d in pipeline.store.articles()}
            keep_articles(path, cache, {a.external_id: a for a, _ in pipeline.store.articles()})
        stored = cached_articles(path, cache)
        assert stored is not None
        replayed, _ = replay(stored, weights)
        differ = sum(
            1 for k, v in ingested.items() if _partner(replayed, k) != _partner(ingested, k)
        )
        print(f"gva-dev: replay and ingest differ for {differ} of {len(ingested)} articles")
    found, _ = replay(stored, weights)
    ids = [i for i in gold if i in found]
    predicted, truth = [found[i] for i in ids], [gold[i] for i in ids]
    return bcubed_f1(predicted, truth), pairwise_f1(predicted, truth)


def _partner(story_of: Mapping[str, str], name: str) -> frozenset[str]:
    """The other articles of ``name``'s story (stories compared by members, not ids)."""
    story = story_of[name]
    return frozenset(k for k, v in story_of.items() if v == story)


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    parser.add_argument(
        "--embed-chars", type=int, help="the embedder's window when ingesting to fill the cache"
    )
    args = parser.parse_args()
    b3, pairwise = gva(args.cache, Settings().weights, args.embed_chars)
    print(f"gva-dev (replay): B3-F1 {b3:.3f}  pairwise-F1 {pairwise:.3f}")


if __name__ == "__main__":
    main()
