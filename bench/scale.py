"""The million-article stream: what one ordered assigner sustains, and what workers add.

    python bench/scale.py [--articles 1000000] [--enrich-articles 1000] [--skip-workers]
                          [--live-stories N] [--cache /tmp/newsweave-scale] [--every 10000]

An ingest has a parallel part and a serial part, measured separately:

(a) Enrichment (read, parse, language, extraction, embedding) is what ``ingest --workers N``
    sends to Dask workers. ``--enrich-articles`` synthetic articles, written as JSON Lines files,
    go through it in this process and then through ``parallel.Cluster.prepare`` with 1 and with
    2 local worker processes: the speed-up 1 -> 2, in wall time and in the CPU time of the
    processes that did the work (which other jobs on a shared machine do not distort).
(b) Story assignment and the store commit stay in one process, in input order. ``--articles``
    synthetic ENRICHED articles (bench/synthetic.py: real dev articles enriched once, then
    perturbed copies moving forward ~1,000 a day) go through ``Pipeline.commit`` - the code an
    ingest runs for every batch: the duplicate checks, features, ``OnlineClusterer.assign`` and
    the write to a real SQLite store in WAL mode. Every ``--every`` articles it prints the
    window's rate, the CPU time of the commit and of ``assign`` within it, candidates scored, live stories, resident
    memory (VmRSS now) and the store's size; 10k, 100k and 1M are kept for the summary.
(c) What the curve says about 8 and 64 workers: throughput = min(workers x per-worker rate,
    the serial stage's rate), both from CPU time - where the one assigner becomes the
    bottleneck (Amdahl).

Without ../shared/datasets it prints a skip line and exits 0. The templates' cache and the
store live outside the repository (``--cache``, a temporary folder).
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import sys
import tempfile
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS, dataset
from newsweave.config import Settings
from newsweave.models import Article, Decision, RawDocument
from newsweave.pipeline import Pipeline
from newsweave.prepare import embedding_text, prepare_or_reject
from newsweave.store import Batch
from state_size import live_stories, state_mb, state_sizes
from synthetic import Event, SyntheticStream, load_templates

CHECKPOINTS = (10_000, 100_000, 1_000_000)
RECORDS_A_FILE = 8  # a Dask task reads 8 files: 64 articles, one embedder batch


def rss_mb() -> tuple[float, float]:
    """Resident memory now and at its peak, in MB (VmRSS, VmHWM)."""
    values = {}
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith(("VmRSS:", "VmHWM:")):
                values[line[:5]] = int(line.split()[1]) / 1024
    return values.get("VmRSS", 0.0), values.get("VmHWM", 0.0)


# --- (a) enrichment: in this process, then on 1 and 2 Dask workers ---------------------------


def write_corpus(templates: Sequence[Article], count: int, folder: Path) -> list[str]:
    """``count`` synthetic raw articles as JSON Lines files (no ``lang``: the workers detect it)."""
    paths = []
    stream = SyntheticStream(templates, seed=11).articles(count)
    for number in range(0, count, RECORDS_A_FILE):
        path = folder / f"part-{number // RECORDS_A_FILE:06d}.jsonl"
        with path.open("w", encoding="utf-8") as out:
            for article, _, _ in (next(stream) for _ in range(min(RECORDS_A_FILE, count - number))):
                out.write(
                    json.dumps(
                        {
                            "id": article.id,
                            "title": article.title,
                            "text": article.text,
                            "published": article.published.isoformat()
                            if article.published
                            else None,
                            "url": article.url,
                        },
                        ensure_ascii=False,
                    )
                    + "\n"
                )
        paths.append(str(path))
    return paths


@dataclass
class Rate:
    """Articles enriched, with the arrival time of each, from the start of the run."""

    arrivals: list[float] = field(default_factory=list)
    cpu: float = 0.0  # CPU seconds of the processes that enriched (every thread of each)
    driver_cpu: float = (
        0.0  # CPU seconds of this process meanwhile (receiving results, with workers)
    )

    def cpu_ms(self) -> float:
        """CPU milliseconds an article: what a core of its own would take, whatever else runs beside."""
        return self.cpu / len(self.arrivals) * 1000

    def total(self) -> float:
        """Articles a second, start-up (cluster, model load) included."""
        return len(self.arrivals) / self.arrivals[-1]

    def steady(self) -> float:
        """Articles a second from the first quarter's last arrival on: start-up left out."""
        quarter = len(self.arrivals) // 4
        span = self.arrivals[-1] - self.arrivals[quarter]
        return (
            (len(self.arrivals) - quarter) / span if span > 0 else self.total()
        )  # one batch: no steady part


def enrich_in_process(paths: Sequence[str], settings: Settings) -> Rate:
    """What ``ingest`` does without workers before assigning: read, prepare, embed 64 at a time."""
    from newsweave.embed import open_embedder
    from newsweave.ingest import read_inputs

    embedder = open_embedder(settings.embedder, max_chars=settings.embed_chars)
    embedder.encode(["warm up"])
    rate, started, cpu = Rate(), time.perf_counter(), time.process_time()
    for start in range(0, len(paths), RECORDS_A_FILE):
        read = read_inputs(paths[start : start + RECORDS_A_FILE])
        prepared = [prepare_or_reject(d) for d in read if isinstance(d, RawDocument)]
        articles = [a for a in prepared if isinstance(a, Article)]
        embedder.encode([embedding_text(a) for a in articles])
        rate.arrivals.extend([time.perf_counter() - started] * len(articles))
    rate.cpu = time.process_time() - cpu
    return rate


def enrich_on_workers(paths: Sequence[str], workers: int, settings: Settings) -> Rate:
    """The same inputs through ``Cluster.prepare`` (what ``ingest --workers N`` runs) on local workers."""
    from newsweave.parallel import open_cluster

    started = time.perf_counter()
    rate = Rate()
    with open_cluster(workers=workers) as cluster:
        before, driver = cluster.client.run(time.process_time), time.process_time()
        for item, _ in cluster.prepare(
            paths, settings.read_limits(), settings.embedder, settings.embed_chars
        ):
            if isinstance(item, Article):
                rate.arrivals.append(time.perf_counter() - started)
        after = cluster.client.run(
            time.process_time
        )  # each worker's CPU, its model load (~1 s) included
        rate.cpu, rate.driver_cpu = (
            sum(after[w] - before[w] for w in after),
            time.process_time() - driver,
        )
    return rate


def enrichment(templates: Sequence[Article], count: int, workers: Sequence[int]) -> dict[str, Rate]:
    """The parallel part's rates: "in-process", then each worker count."""
    settings = Settings()
    rates: dict[str, Rate] = {}
    with tempfile.TemporaryDirectory(prefix="newsweave-scale-") as folder:
        paths = write_corpus(templates, count, Path(folder))
        runs: list[tuple[str, Callable[[], Rate]]] = [
            ("in-process", lambda: enrich_in_process(paths, settings))
        ]
        runs += [(str(n), lambda n=n: enrich_on_workers(paths, n, settings)) for n in workers]  # type: ignore[misc]
        print(
            f"\n(a) enrichment of {count:,} synthetic articles ({len(paths)} JSON Lines files; load average "
            f"{os.getloadavg()[0]:.1f} at start)"
        )
        for label, run in runs:
            rate = rates[label] = run()
            name = (
                "in this process"
                if label == "in-process"
                else f"{label} Dask worker{'s' if label != '1' else ''}"
            )
            print(
                f"  {name:17} {rate.steady():6.1f} articles/s steady, {rate.total():6.1f} with start-up "
                f"({len(rate.arrivals):,} articles, {rate.arrivals[-1]:.0f} s); {rate.cpu_ms():5.1f} ms CPU an "
                f"article (+{rate.driver_cpu / len(rate.arrivals) * 1000:.1f} receiving); load average "
                f"{os.getloadavg()[0]:.1f}",
                flush=True,
            )
    if "1" in rates and "2" in rates:
        print(
            f"  speed-up 1 -> 2 workers: x{rates['2'].steady() / rates['1'].steady():.2f} in wall time"
        )
    return rates


# --- (b) the serial stage: assignment and commit, one ordered process -------------------------


class AssignMeter:
    """Counts the CPU time and candidates of every ``assign`` the pipeline makes (instrumentation only)."""

    def __init__(self, clusterer: Any) -> None:
        self.cpu = 0.0
        self.candidates = 0
        self._assign = clusterer.assign
        clusterer.assign = self  # an instance attribute: the pipeline's own calls come through here

    def __call__(self, features: Any) -> Decision:
        started = time.process_time()
        decision: Decision = self._assign(features)
        self.cpu += time.process_time() - started
        self.candidates += decision.candidates
        return decision


@dataclass
class Window:
    """Totals since the last report."""

    articles: int = 0
    wall: float = 0.0  # seconds inside Pipeline.commit
    commit_cpu: float = 0.0  # CPU seconds inside it: what a core of its own would take
    made: float = 0.0  # seconds making the synthetic articles (not part of the stage)
    cpu_before: float = 0.0  # the meter's totals when the window began
    candidates_before: int = 0
    new_stories: int = 0
    firsts: int = 0
    firsts_founding: int = 0
    follows: int = 0
    follows_joining: int = 0
    aliases: int = 0


def store_mb(db: Path) -> float:
    """The SQLite store's size on disk, WAL and shared memory included."""
    return (
        sum(p.stat().st_size for p in (db, Path(f"{db}-wal"), Path(f"{db}-shm")) if p.exists())
        / 1e6
    )


def serial_stage(
    templates: Sequence[Article],
    count: int,
    every: int,
    folder: Path,
    per_day: int,
    live: int | None = None,
) -> list[dict[str, Any]]:
    """Stream ``count`` enriched articles through ``Pipeline.commit``; one row per report."""
    settings = Settings(db=str(folder / "scale.db"), **({"live_stories": live} if live else {}))
    pipeline = Pipeline(
        settings, freeze_gc=True
    )  # its embedder never loads: every article comes embedded
    meter = AssignMeter(pipeline.load_clusterer())
    stream = SyntheticStream(templates, per_day=per_day)
    rows: list[dict[str, Any]] = []  # one per report: count // every rows, not one per article
    window, done, started = Window(), 0, time.perf_counter()
    pending: list[tuple[Article, Event, bool]] = []
    print(
        f"\n(b) serial stage: {count:,} synthetic enriched articles, {per_day:,} a day, through Pipeline.commit "
        f"into SQLite (WAL), batches of {settings.batch_size}, live stories capped at "
        f"{getattr(settings, 'live_stories', 'no cap')}; load average {os.getloadavg()[0]:.1f}; "
        f"RSS before the stream {rss_mb()[0]:,.0f} MB"
    )
    print(
        f"{'articles':>10} {'day':>5} {'art/s':>6} {'commit ms':>9} {'assign ms':>9} {'cand.':>5} {'new %':>5} {'first→new':>9} "
        f"{'follow→own':>10} {'live stories':>12} {'RSS MB':>7} {'store MB':>8} {'make ms':>7}"
    )
    made_since = time.perf_counter()
    for item in stream.articles(count):
        pending.append(item)
        # A batch ends at 64 articles, or early where a report falls, so windows end on round counts.
        if (
            len(pending) < settings.batch_size
            and (done + len(pending)) % every
            and done + len(pending) < count
        ):
            continue
        window.made += time.perf_counter() - made_since
        _commit(pipeline, pending, window, meter)
        done += len(pending)
        pending = []
        if done % every == 0 or done == count:
            rows.append(_report(pipeline, window, done, (done - 1) // per_day, folder / "scale.db"))
            window = Window(cpu_before=meter.cpu, candidates_before=meter.candidates)
        made_since = time.perf_counter()
    print(
        f"streamed {count:,} articles in {time.perf_counter() - started:.0f} s; final state sizes: "
        + ", ".join(f"{k} {v:,}" for k, v in state_sizes(pipeline.load_clusterer()).items())
    )
    pipeline.store.close()
    return rows


def _commit(
    pipeline: Pipeline,
    pending: list[tuple[Article, Event, bool]],
    window: Window,
    meter: AssignMeter,
) -> None:
    """One batch through the pipeline's commit, timed; then whether each article went where its event did."""
    events = {article.id: (event, first) for article, event, first in pending}
    started, cpu = time.perf_counter(), time.process_time()
    batch = pipeline.commit([article for article, _, _ in pending], Batch())
    gc.freeze()  # as ingest does after every committed batch (pipeline._Run.flush)
    window.wall += time.perf_counter() - started
    window.commit_cpu += time.process_time() - cpu
    window.articles += len(pending)
    window.aliases += len(batch.aliases)
    for article, decision in batch.new:
        event, first = events[article.id]
        window.new_stories += decision.new_story
        if first:
            event.story_id = decision.story_id
            window.firsts += 1
            window.firsts_founding += decision.new_story
        elif event.story_id is not None:
            window.follows += 1
            window.follows_joining += decision.story_id == event.story_id


def _report(pipeline: Pipeline, window: Window, done: int, day: int, db: Path) -> dict[str, Any]:
    """Print one line for the window just ended; return its figures."""
    meter: AssignMeter = pipeline.load_clusterer().assign  # type: ignore[assignment]
    n = window.articles
    rss, peak = rss_mb()
    row = {
        "articles": done,
        "day": day,
        "rate": n / window.wall,
        "assign_ms": (meter.cpu - window.cpu_before) / n * 1000,
        "candidates": (meter.candidates - window.candidates_before) / n,
        "new_share": window.new_stories / n,
        "first_new": window.firsts_founding / max(window.firsts, 1),
        "follow_own": window.follows_joining / max(window.follows, 1),
        "live": live_stories(pipeline.load_clusterer()),
        "rss": rss,
        "peak": peak,
        "store": store_mb(db),
        "make_ms": window.made / n * 1000,
        "commit_ms": window.commit_cpu / n * 1000,
        "aliases": window.aliases,
    }
    print(
        f"{done:>10,} {day:>5} {row['rate']:>6.0f} {row['commit_ms']:>9.2f} {row['assign_ms']:>9.2f} {row['candidates']:>5.1f} "
        f"{row['new_share']:>5.0%} {row['first_new']:>9.0%} {row['follow_own']:>10.0%} {row['live']:>12,} "
        f"{rss:>7,.0f} {row['store']:>8,.0f} {row['make_ms']:>7.2f}",
        flush=True,
    )
    if done in CHECKPOINTS:  # what grows with the stream, so a leak has a name
        print(
            "           state: "
            + ", ".join(f"{k} {v:,}" for k, v in state_sizes(pipeline.load_clusterer()).items())
        )
        print(
            "           approx. MB: "
            + ", ".join(f"{k} {v:,.0f}" for k, v in state_mb(pipeline.load_clusterer()).items())
        )
    return row


# --- (c) what the curve says about more workers -----------------------------------------------


def projection(rates: dict[str, Rate], serial_ms: float) -> None:
    """Throughput for 1, 2, 8, 64 workers: the parallel part, capped by the one assigner.

    A worker's rate on a core of its own is taken from CPU time (1000 / CPU ms an article, with
    two workers), which other jobs on a shared machine do not distort; wall time shows them.
    """
    per_worker = 1000 / rates["2"].cpu_ms()
    receive = (
        rates["2"].driver_cpu / len(rates["2"].arrivals) * 1000
    )  # the ingest process takes each result in
    ceiling = 1000 / (serial_ms + receive)  # CPU time too: a core of its own for the assigner
    print(
        f"\n(c) a worker on a core of its own enriches {per_worker:.1f} articles/s ({rates['2'].cpu_ms():.0f} ms "
        f"CPU an article); the ordered assigner sustains {ceiling:.0f} articles/s ({serial_ms:.2f} ms CPU to commit "
        f"+ {receive:.2f} ms CPU to receive it from a worker, an article)"
    )
    for workers in (1, 2, 8, 64):
        parallel = workers * per_worker
        limit = "the workers" if parallel < ceiling else "the assigner"
        print(
            f"  {workers:>3} workers: {min(parallel, ceiling):7.0f} articles/s (limited by {limit})"
        )
    print(
        f"  the assigner is the bottleneck from ~{ceiling / per_worker:.0f} workers on (Amdahl: the serial "
        f"stage is {per_worker / ceiling:.1%} of one article's work)"
    )


def summary(rows: list[dict[str, Any]]) -> None:
    """The checkpoint rows (10k, 100k, 1M, and the last one) as a table for BENCHMARKS.md."""
    kept = [r for r in rows if r["articles"] in CHECKPOINTS or r is rows[-1]]
    print(
        "\n| articles | serial stage, articles/s | commit CPU ms/article | of which assign | candidates "
        "| live stories | RSS now (peak) | store on disk |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for r in kept:
        print(
            f"| {r['articles']:,} | {r['rate']:.0f} | {r['commit_ms']:.2f} | {r['assign_ms']:.2f} | {r['candidates']:.1f} "
            f"| {r['live']:,} "
            f"| {r['rss']:,.0f} MB ({r['peak']:,.0f}) | {r['store']:,.0f} MB |"
        )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "--articles",
        type=int,
        default=1_000_000,
        help="articles streamed through the serial stage (0: only the enrichment part)",
    )
    parser.add_argument(
        "--every", type=int, default=10_000, help="articles a report line (a window)"
    )
    parser.add_argument("--per-day", type=int, default=1000, help="articles a stream day")
    parser.add_argument(
        "--enrich-articles", type=int, default=1000, help="articles enriched in (a)"
    )
    parser.add_argument("--workers", default="1,2", help="worker counts for (a)")
    parser.add_argument(
        "--live-stories", type=int, help="the clusterer's cap on live stories (default: Settings')"
    )
    parser.add_argument("--skip-workers", action="store_true", help="leave out (a) and (c)")
    parser.add_argument(
        "--cache",
        type=Path,
        default=Path(tempfile.gettempdir()) / "newsweave-scale",
        help="where the enriched templates are cached (not in git)",
    )
    args = parser.parse_args()
    dataset("gva-dev.jsonl")
    dataset("semeval-pairs-dev.jsonl")
    templates = load_templates(DATASETS, args.cache)
    # The templates live as long as the run: freezing them keeps the cyclic collector from
    # re-scanning them while articles are prepared here (ingest freezes its state likewise).
    gc.freeze()
    print(
        f"{len(templates):,} templates from the dev datasets ({len({t.lang for t in templates})} languages)"
    )
    rates = (
        {}
        if args.skip_workers
        else enrichment(templates, args.enrich_articles, [int(w) for w in args.workers.split(",")])
    )
    if not args.articles:
        return
    with tempfile.TemporaryDirectory(prefix="newsweave-scale-") as folder:
        rows = serial_stage(
            templates, args.articles, args.every, Path(folder), args.per_day, args.live_stories
        )
    summary(rows)
    if "2" in rates:
        projection(rates, rows[-1]["commit_ms"])


if __name__ == "__main__":
    main()
