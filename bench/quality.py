"""Clustering and pair-scoring quality on the dev halves of ../shared/datasets.

    python bench/quality.py [--gva-only | --pairs-only]

gva-dev: ingested in file order into a fresh store, through the same pipeline users run;
prints B³-F1 and pairwise-F1 against the gold incidents (targets 0.93 / 0.78).
semeval-pairs-dev: scored as `newsweave compare --pairs` does; prints Pearson(score, −overall)
overall and per language pair (target 0.75 overall).
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import dataset
from metrics import bcubed_f1, pairwise_f1, pearson
from newsweave.compare import PairScorer, score_pairs_file
from newsweave.config import Settings
from newsweave.embed import open_embedder
from newsweave.pipeline import Pipeline


def gva(embedder_name: str, embed_chars: int) -> None:
    """Cluster gva-dev online and score against the gold incidents."""
    path = dataset("gva-dev.jsonl")
    gold = {r["id"]: r["story"] for r in map(json.loads, path.open(encoding="utf-8"))}
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db=f"{folder}/gva.db", embedder=embedder_name, embed_chars=embed_chars)
        pipeline = Pipeline(settings, freeze_gc=True)
        started = time.perf_counter()
        summary = pipeline.ingest([str(path)])
        seconds = time.perf_counter() - started
        found = {a.external_id: d.story_id for a, d in pipeline.store.articles()}
    ids = [i for i in gold if i in found]
    predicted, truth = [found[i] for i in ids], [gold[i] for i in ids]
    print(
        f"gva-dev: {summary.new} articles ({summary.duplicate} duplicate, {len(summary.rejected)} rejected) "
        f"-> {len(set(predicted))} stories (gold {len(set(truth))}) in {seconds:.0f} s"
    )
    print(
        f"gva-dev: B3-F1 {bcubed_f1(predicted, truth):.3f}  pairwise-F1 {pairwise_f1(predicted, truth):.3f}"
    )


def semeval(embedder_name: str, lead_reader: str) -> None:
    """Score semeval-pairs-dev as `compare --pairs` does and correlate with the human ratings."""
    path = dataset("semeval-pairs-dev.jsonl")
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    reader = None if lead_reader == "none" else open_embedder(lead_reader)
    scorer = PairScorer(open_embedder(embedder_name), Settings().weights, lead_reader=reader)
    with path.open(encoding="utf-8") as stream:
        scores = {r["id"]: r["score"] for r in score_pairs_file(stream, scorer, str(path))}
    by_pair: dict[str, tuple[list[float], list[float]]] = defaultdict(lambda: ([], []))
    for record in records:
        key = f"{record['a']['lang']}-{record['b']['lang']}"
        for bucket in (key, "all"):
            by_pair[bucket][0].append(scores[record["id"]])
            by_pair[bucket][1].append(-record["overall"])
    for key, (xs, ys) in sorted(by_pair.items(), key=lambda kv: (kv[0] != "all", kv[0])):
        print(f"semeval-pairs-dev {key:<6} n={len(xs):<5} Pearson {pearson(xs, ys):.3f}")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--gva-only", action="store_true")
    parser.add_argument("--pairs-only", action="store_true")
    parser.add_argument("--embedder", default="use-m3")
    parser.add_argument(
        "--lead-reader", default=Settings().lead_reader, help='"none" to score without it'
    )
    parser.add_argument(
        "--embed-chars",
        type=int,
        default=Settings().embed_chars,
        help="the ingest embedder's window, in characters (Settings.embed_chars)",
    )
    args = parser.parse_args()
    if not args.pairs_only:
        gva(args.embedder, args.embed_chars)
    if not args.gva_only:
        semeval(args.embedder, args.lead_reader)


if __name__ == "__main__":
    main()
