"""Re-choose the clustering margins for another embedding window, held out: odd pairs choose.

    python bench/stream_margins.py --cache DIR [--within 0.3 0.35 ...] [--across 0.2 0.25 ...]
                                   [--semantic 0.2 0.3 ...]

Replays the articles ``bench/stream_pairs.py --cache DIR`` kept (both SemEval dev pair files,
each read with one embedding window, e.g. ``--embed-chars 1000``) under every combination of
``Weights.semantic_margin`` (within a language), ``Weights.across_margin`` (across languages)
and ``Weights.semantic`` (the within-language embedding bonus), and prints same-story F1 on the
odd pairs (file order: 1st, 3rd, ...), which choose, and on the even pairs, which do not, per
file and per language (pair) as "all (odd/even)". gva-dev by replay (``bench/cluster_replay.py``'s
cache in DIR, filled on first use with ``--embed-chars``) is printed with each combination: a
margin is kept only when gva-dev holds (B3 >= 0.94, pairwise >= 0.83). Files that are absent
are skipped with a message.
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict
from dataclasses import replace
from itertools import product
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_replay import gva, replay
from newsweave.config import Settings
from stream_pairs import cached_pair_files, prf, rated

Decisions = dict[str, list[tuple[bool, bool]]]


def decisions(pairs: list[dict], story_of: dict[str, str], parity: int) -> Decisions:
    """(predicted, true) of the rated pairs at file positions of ``parity`` (1: odd), by language."""
    positions = {id(p): n for n, p in enumerate(pairs, 1)}
    found: Decisions = defaultdict(list)
    for pair, true in rated(pairs):
        if positions[id(pair)] % 2 != parity % 2:
            continue
        if pair["a"]["id"] not in story_of or pair["b"]["id"] not in story_of:
            continue
        predicted = story_of[pair["a"]["id"]] == story_of[pair["b"]["id"]]
        for key in ("all", f"{pair['a']['lang']}-{pair['b']['lang']}"):
            found[key].append((predicted, true))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--cache", type=Path, required=True)
    parser.add_argument(
        "--within", type=float, nargs="+", default=[Settings().weights.semantic_margin]
    )
    parser.add_argument(
        "--across", type=float, nargs="+", default=[Settings().weights.across_margin]
    )
    parser.add_argument(
        "--semantic",
        type=float,
        nargs="+",
        default=[Settings().weights.semantic],
        help="the within-language embedding bonus's weight (Weights.semantic)",
    )
    parser.add_argument("--embed-chars", type=int, help="window for gva-dev's cache, if not there")
    parser.add_argument("--no-gva", action="store_true")
    args = parser.parse_args()
    files = [
        (Path(name).stem, pairs, stored) for name, pairs, stored in cached_pair_files(args.cache)
    ]
    base = Settings().weights
    for semantic, within, across in product(args.semantic, args.within, args.across):
        weights = replace(base, semantic=semantic, semantic_margin=within, across_margin=across)
        line = [f"semantic {semantic:.2f} within {within:.3f} across {across:.3f}:"]
        details = []
        for name, pairs, stored in files:
            story_of, _ = replay(stored, weights)
            odd, even = decisions(pairs, story_of, 1), decisions(pairs, story_of, 0)
            both = prf(odd["all"] + even["all"])[2]
            line.append(
                f"{name[len('semeval-pairs-') :]} all {both:.3f} odd {prf(odd['all'])[2]:.3f} "
                f"even {prf(even['all'])[2]:.3f}"
            )
            keys = sorted(k for k in odd if k != "all")
            details.append(
                "    "
                + "  ".join(
                    f"{k} {prf(odd[k] + even[k])[2]:.3f} ({prf(odd[k])[2]:.3f}/{prf(even[k])[2]:.3f})"
                    for k in keys
                )
            )
        if not args.no_gva:
            b3, pairwise = gva(args.cache, weights, args.embed_chars)
            line.append(f"gva {b3:.3f}/{pairwise:.3f}")
        print("  ".join(line))
        print("\n".join(details), flush=True)


if __name__ == "__main__":
    main()
