"""Speed: end-to-end ingest of gva-dev, and the per-article clustering cost as stories grow.

    python bench/throughput.py [--sizes 1000,10000,100000]

1. gva-dev ingested into a fresh SQLite store, with the model already loaded (excluded)
   and then from a cold start (included). Target: ≥ 50 articles/s on 2 cores.
2. Synthetic stories: the clusterer is grown to N stories, then the time to assign one more
   article is measured. It must stay flat from 1k to 100k stories.
"""

from __future__ import annotations

import argparse
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import dataset  # noqa: E402

from newsweave.cluster import ArticleFeatures, OnlineClusterer  # noqa: E402
from newsweave.config import Settings  # noqa: E402
from newsweave.embed import open_embedder  # noqa: E402
from newsweave.pipeline import Pipeline  # noqa: E402


def end_to_end() -> None:
    """Articles per second for ingesting gva-dev, model load excluded then included."""
    path = dataset("gva-dev.jsonl")
    for label, preload in (("model loaded beforehand", True), ("cold start, model load included", False)):
        with tempfile.TemporaryDirectory() as folder:
            embedder = open_embedder("use-m3")
            if preload:
                embedder.encode(["warm up"])
            started = time.perf_counter()
            pipeline = Pipeline(Settings(db=f"{folder}/t.db"), embedder=embedder)
            summary = pipeline.ingest([str(path)])
            seconds = time.perf_counter() - started
        print(f"end-to-end ({label}): {summary.new} articles in {seconds:.1f} s = {summary.new / seconds:.1f} articles/s")


def _synthetic(rng: random.Random, n: int, dim: int) -> ArticleFeatures:
    vector = np.asarray([rng.gauss(0, 1) for _ in range(dim)], dtype=np.float32)
    words = {f"w{int(rng.paretovariate(1.1)) % 50_000}": 1.0 + rng.random() for _ in range(80)}
    return ArticleFeatures(
        id=f"{n:016x}", lang="en", terms=words,
        keys=frozenset(f"place:p{rng.randrange(20_000)}" for _ in range(4)),
        numbers=frozenset({f"killed={rng.randrange(6)}"}),
        day=date(2020, 1, 1) + timedelta(days=rng.randrange(1000)),
        embedding=vector / np.linalg.norm(vector),
    )


def clustering_cost(sizes: list[int], probes: int = 300) -> None:
    """Milliseconds to assign one article when the clusterer already holds N stories."""
    rng = random.Random(7)
    clusterer = OnlineClusterer()
    made = 0
    for size in sizes:
        while made < size:  # grow by replaying synthetic one-article stories (no scoring)
            features = _synthetic(rng, made, clusterer.dim)
            clusterer.restore(features, f"s{made}")
            made += 1
        batch = [_synthetic(rng, 10_000_000 + made + i, clusterer.dim) for i in range(probes)]
        started = time.perf_counter()
        scored = sum(clusterer.assign(features).candidates for features in batch)
        per_article = (time.perf_counter() - started) / probes * 1000
        made += probes
        rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        print(f"clustering with {size:>7,} stories: {per_article:.2f} ms/article, "
              f"{scored / probes:.0f} candidate stories scored per article  (peak RSS {rss:.0f} MB)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--skip-end-to-end", action="store_true")
    args = parser.parse_args()
    if not args.skip_end_to_end:
        end_to_end()
    clustering_cost([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
