"""Entity keys as evidence across languages: do two reports of one story name the same keys?

    python bench/entity_keys.py [FILE ...] [--show N]

For every article of a rated SemEval-2022 Task 8 pair file (default: the cross-language and the
monolingual dev files in ../shared/datasets), ``find_entities`` is run on its text in its stated
language. Then, per language pair:

- keys an article: how many distinct people, organisations and places each side names;
- shared (same): how many keys the two reports of one story (``overall`` <= 1.5) have in common,
  and the same for pairs rated different (>= 2.5);
- AUC: how well the IDF-weighted overlap of the two key sets (shared weight over the smaller
  side's weight; rare keys weigh more) ranks same-story pairs above different ones: 0.5 is no
  evidence, 1.0 is perfect.

The clustering reads the same keys (``entities`` and ``across_entities`` in cluster.Weights);
across languages they are the only evidence besides the embedding and the counts, so a key that
one language spells differently ("Deutschlands", "Berlin'de", "w Polsce") is evidence lost.
``--show N`` prints N same-story pairs per language pair with the keys only one side has.
A file that is absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import math
import sys
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from newsweave.extract.entities import find_entities
from stream_pairs import present_pair_files, rated, read_pairs


def article_keys(pairs: list[dict]) -> dict[str, frozenset[str]]:
    """Each article's distinct entity keys, found in its stated language."""
    keys: dict[str, frozenset[str]] = {}
    for pair in pairs:
        for side in (pair["a"], pair["b"]):
            if side["id"] not in keys:
                keys[side["id"]] = frozenset(
                    e.key for e in find_entities(side["text"], side["lang"])
                )
    return keys


def overlap(a: frozenset[str], b: frozenset[str], idf: dict[str, float]) -> float:
    """Shared IDF weight over the smaller side's weight (0 when either names nothing)."""
    small = min(math.fsum(idf[k] for k in a), math.fsum(idf[k] for k in b))
    return math.fsum(idf[k] for k in a & b) / small if small else 0.0


def auc(same: list[float], different: list[float]) -> float:
    """Probability that a same-story pair scores above a different one (ties count half)."""
    if not same or not different:
        return float("nan")
    wins = sum((s > d) + 0.5 * (s == d) for s in same for d in different)
    return wins / (len(same) * len(different))


def report(name: str, pairs: list[dict], show: int) -> None:
    keys = article_keys(pairs)
    df = Counter(k for ks in keys.values() for k in ks)
    idf = {k: math.log(len(keys) / n) + 1.0 for k, n in df.items()}
    rows: dict[str, dict[str, list]] = defaultdict(lambda: defaultdict(list))
    for pair, same in rated(pairs):
        a, b = keys[pair["a"]["id"]], keys[pair["b"]["id"]]
        for group in ("all", f"{pair['a']['lang']}-{pair['b']['lang']}"):
            row = rows[group]
            row["sizes"] += [len(a), len(b)]
            row["same" if same else "different"].append(overlap(a, b, idf))
            row["shared " + ("same" if same else "different")].append(len(a & b))
            if same:
                row["examples"].append((pair, a - b, b - a))
    print(
        f"\n{name}: {len(keys)} articles, {sum(map(len, keys.values())) / len(keys):.1f} keys an article"
    )
    print(
        f"{'pairs':8s} {'same/diff':>9s} {'keys/art':>8s} {'shared same':>11s} {'shared diff':>11s} {'AUC':>6s}"
    )
    for group in sorted(rows, key=lambda g: (g != "all", g)):
        row = rows[group]
        mean = lambda xs: sum(xs) / len(xs) if xs else float("nan")  # noqa: E731
        print(
            f"{group:8s} {len(row['same']):>4d}/{len(row['different']):<4d} {mean(row['sizes']):8.1f} "
            f"{mean(row['shared same']):11.2f} {mean(row['shared different']):11.2f} "
            f"{auc(row['same'], row['different']):6.3f}"
        )
    for group in sorted(g for g in rows if g != "all"):
        for pair, only_a, only_b in rows[group]["examples"][:show]:
            print(
                f"  {group} {pair['id']}: only a {sorted(only_a)[:8]} | only b {sorted(only_b)[:8]}"
            )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", help="pair files (default: the two dev files)")
    parser.add_argument(
        "--show", type=int, default=0, help="same-story pairs to show per language pair"
    )
    args = parser.parse_args()
    for path in present_pair_files(args.files):
        report(path.name, read_pairs(path), args.show)


if __name__ == "__main__":
    main()
