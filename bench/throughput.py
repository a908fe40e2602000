"""Speed: end-to-end ingest of gva-dev, and the per-article clustering cost as stories grow.

    python bench/throughput.py [--sizes 1000,10000,100000]

1. gva-dev ingested into a fresh SQLite store, with the model already loaded (excluded)
   and then from a cold start (included). Target: ≥ 50 articles/s on 2 cores.
2. Synthetic stories (real gva-dev articles, perturbed): a clusterer per size N is grown to
   N stories, then rounds of new articles go to each in turn and the CPU time to assign one
   is measured, and apart from it the part spent in the ANN graph (usearch's search and
   insert, which grow like log N; the rest is bounded by the candidate cap). It must stay flat
   from 1k to 100k.
"""

from __future__ import annotations

import argparse
import gc
import json
import random
import resource
import sys
import tempfile
import time
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS, dataset
from newsweave.cluster import ArticleFeatures, OnlineClusterer
from newsweave.cluster.lexical import term_counts
from newsweave.config import Settings
from newsweave.embed import open_embedder
from newsweave.pipeline import Pipeline


def end_to_end() -> None:
    """Articles per second for ingesting gva-dev, model load excluded then included."""
    path = dataset("gva-dev.jsonl")
    for label, preload in (
        ("model loaded beforehand", True),
        ("cold start, model load included", False),
    ):
        with tempfile.TemporaryDirectory() as folder:
            embedder = open_embedder("use-m3")
            if preload:
                embedder.encode(["warm up"])
            started = time.perf_counter()
            pipeline = Pipeline(Settings(db=f"{folder}/t.db"), embedder=embedder)
            summary = pipeline.ingest([str(path)])
            seconds = time.perf_counter() - started
        print(
            f"end-to-end ({label}): {summary.new} articles in {seconds:.1f} s = {summary.new / seconds:.1f} articles/s"
        )


class Templates:
    """Real articles to perturb into synthetic ones: their embeddings and their words.

    Random Gaussian vectors are the worst case for an HNSW graph and unlike any real
    embeddings, which cluster by topic; synthetic articles made from real ones behave
    like a real stream. Without ../shared/datasets, random vectors stand in.
    """

    def __init__(self, count: int = 1000) -> None:
        path = DATASETS / "gva-dev.jsonl"
        self.vectors: np.ndarray | None = None
        self.terms: list[dict[str, float]] = []
        if path.exists():
            rows = [json.loads(line) for line in islice(path.open(encoding="utf-8"), count)]
            texts = [f"{r['title'] or ''}\n{r['text']}" for r in rows]
            self.vectors = open_embedder("use-m3").encode(texts)
            self.terms = [term_counts(r["title"] or "", r["text"], "en") for r in rows]
        print(
            f"synthetic articles perturb {len(self.terms) or 'no'} real gva-dev articles"
            + ("" if self.terms else " (dataset absent: random vectors, the HNSW worst case)")
        )

    def article(self, rng: random.Random, n: int, dim: int) -> ArticleFeatures:
        """One synthetic article: a real one's vector and words, perturbed, on a random day."""
        noise = np.asarray([rng.gauss(0, 1) for _ in range(dim)], dtype=np.float32)
        if self.vectors is not None:
            pick = rng.randrange(len(self.terms))
            vector = self.vectors[pick] + 0.03 * noise  # cosine ~0.8 to the original
            words = {t: w for t, w in self.terms[pick].items() if rng.random() < 0.7}
        else:
            vector, words = noise, {}
        words.update(
            {f"w{int(rng.paretovariate(1.1)) % 50_000}": 1.0 + rng.random() for _ in range(20)}
        )
        return ArticleFeatures(
            id=f"{n:016x}",
            lang="en",
            terms=words,
            keys=frozenset(f"place:p{rng.randrange(20_000)}" for _ in range(4)),
            numbers=frozenset({f"killed={rng.randrange(6)}"}),
            day=date(2020, 1, 1) + timedelta(days=rng.randrange(1000)),
            embedding=vector / np.linalg.norm(vector),
        )


class TimedGraph:
    """Stands between the clusterer and its usearch graph, adding up the CPU time of each call."""

    def __init__(self, graph) -> None:
        self.graph = graph
        self.seconds = 0.0

    def __len__(self) -> int:
        return len(self.graph)

    def search(self, *args, **kwargs):
        return self._timed(self.graph.search, args, kwargs)

    def add(self, *args, **kwargs):
        return self._timed(self.graph.add, args, kwargs)

    def _timed(self, call, args, kwargs):
        started = time.process_time()
        try:
            return call(*args, **kwargs)
        finally:
            self.seconds += time.process_time() - started


def clustering_cost(sizes: list[int], rounds: int = 4, probes: int = 100) -> None:
    """CPU milliseconds to assign one article when the clusterer already holds N stories.

    One clusterer per size lives in this process, and rounds of new articles go to each in
    turn, so every size sees the same machine: on a shared, noisy machine only ratios within
    one run mean anything. CPU time (``process_time``), not wall time, for the same reason.
    """
    rng = random.Random(7)
    templates = Templates()
    clusterers: dict[int, OnlineClusterer] = {}
    made = 0
    for size in sizes:  # grown by replaying synthetic one-article stories (no scoring)
        clusterer = OnlineClusterer()
        for _ in range(size):
            clusterer.restore(templates.article(rng, made, clusterer.dim), f"s{made}")
            made += 1
        clusterers[size] = clusterer
        # The cap on live stories is not reached here, so no rebuild replaces the graph.
        clusterer.candidates_._ann = TimedGraph(clusterer.candidates_._ann)
    gc.collect()
    gc.freeze()  # as the pipeline does after each committed batch
    seconds = dict.fromkeys(sizes, 0.0)
    scored = dict.fromkeys(sizes, 0)
    for _ in range(rounds):
        for size, clusterer in clusterers.items():
            batch = [
                templates.article(rng, 10_000_000 + made + i, clusterer.dim) for i in range(probes)
            ]
            made += probes
            started = time.process_time()
            scored[size] += sum(clusterer.assign(features).candidates for features in batch)
            seconds[size] += time.process_time() - started
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    count = rounds * probes
    for size in sizes:
        per_article = seconds[size] / count * 1000
        per_candidate = seconds[size] / max(scored[size], 1) * 1000
        ann = clusterers[size].candidates_._ann.seconds / count * 1000
        print(
            f"clustering with {size:>7,} stories: {per_article:.2f} ms/article CPU "
            f"(ANN search + insert {ann:.2f}, the rest {per_article - ann:.2f}), "
            f"{scored[size] / count:.0f} candidate stories scored per article, {per_candidate:.3f} ms per candidate"
        )
    print(f"peak RSS with all {len(sizes)} clusterers: {rss:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--skip-end-to-end", action="store_true")
    args = parser.parse_args()
    if not args.skip_end_to_end:
        end_to_end()
    clustering_cost([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
