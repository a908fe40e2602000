"""Coverage cost and yield on gva-dev: a story's first reports, lags, countries and silent list.

    python bench/coverage.py [--db STORE] [--silent-days 30]

Ingests gva-dev (2,873 English articles) with the hashing embedder into a throwaway SQLite store
(about a minute; --db reuses a store already filled), then builds every story's coverage as the
story page does (``story_coverage``: one read of the days received, one sightings query) and
prints: the time per story (median, p95, max) and that of the silent list's query alone, how many
articles have a known source country (per language), and how many stories have a silent list.
Stories are the hashing embedder's, not the real model's: the timings hold, the silent lists are
only indicative.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from collections import Counter
from datetime import timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import dataset
from newsweave.config import Settings
from newsweave.ledger import build_ledger
from newsweave.ledger.coverage import placed_days, source_country, story_coverage, topic_entities
from newsweave.pipeline import Pipeline
from newsweave.store import open_store


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", help="a store already filled with gva-dev")
    parser.add_argument("--silent-days", type=int, default=30)
    args = parser.parse_args()
    source = dataset("gva-dev.jsonl")
    with tempfile.TemporaryDirectory() as folder:
        db = args.db or str(Path(folder) / "gva.db")
        if not args.db:
            started = time.perf_counter()
            pipeline = Pipeline(Settings(db=db, embedder="hashing"))
            summary = pipeline.ingest([str(source)])
            pipeline.store.close()
            print(f"ingested {summary.new} articles in {time.perf_counter() - started:.0f} s")
        measure(db, args.silent_days)


def measure(db: str, silent_days: int) -> None:
    store = open_store(db)
    summaries = store.stories()
    total_ms: list[float] = []
    query_ms: list[float] = []
    silent_counts: list[int] = []
    known: Counter[tuple[str, bool]] = Counter()
    for summary in summaries:
        articles = [a for a, _ in store.story_articles(summary.id)]
        for article in articles:
            known[(article.lang, source_country(article) is not None)] += 1
        ledger = build_ledger(articles)
        started = time.perf_counter()
        coverage = story_coverage(store, summary.id, articles, ledger, silent_days)
        total_ms.append(1000 * (time.perf_counter() - started))
        silent_counts.append(len(coverage.silent))
        days, _ = placed_days(articles, store.received(summary.id))
        if days:
            first, last = min(days.values()), max(days.values())
            started = time.perf_counter()
            store.sightings(
                topic_entities(articles), first - timedelta(days=silent_days), last, summary.id
            )
            query_ms.append(1000 * (time.perf_counter() - started))
    store.close()
    print(f"stories: {len(summaries)}; silent list over {silent_days} days")
    for name, values in (("coverage per story", total_ms), ("sightings query", query_ms)):
        ordered = sorted(values)
        print(
            f"  {name}: median {statistics.median(ordered):.1f} ms, "
            f"p95 {ordered[int(0.95 * (len(ordered) - 1))]:.1f} ms, max {ordered[-1]:.1f} ms"
        )
    with_silent = sum(1 for n in silent_counts if n)
    print(
        f"  stories with a silent list: {with_silent} ({100 * with_silent / len(summaries):.0f}%), "
        f"median {statistics.median([n for n in silent_counts if n] or [0]):.0f} sources"
    )
    for lang in sorted({lang for lang, _ in known}):
        yes, no = known[(lang, True)], known[(lang, False)]
        print(
            f"  source country known, {lang}: {yes} of {yes + no} ({100 * yes / (yes + no):.1f}%)"
        )


if __name__ == "__main__":
    main()
