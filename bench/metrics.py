"""Clustering and correlation metrics used by the quality benchmarks."""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Hashable, Sequence


def bcubed_f1(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """B-cubed F1: per-item precision and recall of its cluster, averaged over items."""
    pairs = Counter(zip(predicted, gold, strict=True))
    pred_size, gold_size = Counter(predicted), Counter(gold)
    precision = sum(n * n / pred_size[p] for (p, _), n in pairs.items()) / len(gold)
    recall = sum(n * n / gold_size[g] for (_, g), n in pairs.items()) / len(gold)
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


def pairwise_f1(predicted: Sequence[Hashable], gold: Sequence[Hashable]) -> float:
    """F1 over the pairs of items put together (both in one cluster)."""

    def pair_count(counter: Counter) -> int:
        return sum(n * (n - 1) // 2 for n in counter.values())

    both = pair_count(Counter(zip(predicted, gold, strict=True)))
    in_pred, in_gold = pair_count(Counter(predicted)), pair_count(Counter(gold))
    if both == 0:
        return 0.0
    precision, recall = both / in_pred, both / in_gold
    return 2 * precision * recall / (precision + recall)


def pearson(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation coefficient."""
    n = len(xs)
    mx, my = sum(xs) / n, sum(ys) / n
    sxy = sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True))
    sxx = sum((x - mx) ** 2 for x in xs)
    syy = sum((y - my) ** 2 for y in ys)
    return sxy / math.sqrt(sxx * syy) if sxx and syy else 0.0
