"""Where the stream goes wrong on rated pairs, and whether the reader alone would have (issue 14).

    python bench/stream_errors.py --cache DIR [--threshold 0.52] [--examples N] [FILE ...]

Replays the articles ``bench/stream_pairs.py --cache DIR`` kept (a fresh ingest, in its order)
and, for every rated pair (same story: ``overall`` <= 1.5; different: >= 2.5), reads what the
clusterer saw when the later of the two articles arrived (``OnlineClusterer.scored_candidates``):

- a same-story pair split: was the earlier article's story not among the candidates, under its
  threshold (and did the later article then found a story or join another), or over it but
  beaten by another story?
- a different pair joined: the later article joined the story holding the earlier one.

Each error is also split by the pair's own USE cosine against ``--threshold`` (by default the
cosine anchor's: the threshold best on the file's own pairs): an error the anchor makes too is
the reader's; one it does not make is the stream's (a story's centroid, its other members, the
order). Printed per language (pair), with the F1 the stream would have if only the reader's
errors were left, and ``--examples`` openings of joined different pairs.
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter, defaultdict
from collections.abc import Callable
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from cluster_replay import Stored
from newsweave.cluster import OnlineClusterer, article_features
from newsweave.cluster.online import Scored
from newsweave.config import Settings
from newsweave.models import Article
from stream_pairs import DEFAULT_FILES, best_threshold, cached_pair_files, rated


class Recording(OnlineClusterer):
    """``OnlineClusterer`` keeping, for every article, the candidates it was scored against."""

    def __init__(self, dim: int) -> None:
        super().__init__(weights=Settings().weights, dim=dim)
        self.seen: dict[str, dict[str, Scored]] = {}

    def scored_candidates(self, a, vector):  # type: ignore[no-untyped-def]
        scored = super().scored_candidates(a, vector)
        self.seen[a.id] = {s.story.id: s for s in scored}
        return scored


def replay(stored: Stored) -> tuple[Recording, dict[str, Article], dict[str, str], dict[str, int]]:
    """The clusterer after ``stored``, each external id's article and story, and arrival order."""
    clusterer = Recording(dim=len(stored[0][1].embedding or ()))
    articles: dict[str, Article] = {}
    story_of: dict[str, str] = {}
    arrival: dict[str, int] = {}
    for n, (names, article) in enumerate(stored):
        vector = np.asarray(article.embedding, dtype=np.float32)
        decision = clusterer.assign(article_features(article, vector))
        for name in names:
            articles[name], story_of[name], arrival[name] = article, decision.story_id, n
    return clusterer, articles, story_of, arrival


def split_reason(seen: dict[str, Scored], earlier_story: str) -> str:
    """Why the later article of a same-story pair did not join the earlier one's story."""
    if earlier_story not in seen:
        return "split: not a candidate"
    best = max(s.margin for s in seen.values())
    if seen[earlier_story].margin >= 0:
        return "split: beaten by another story"
    return "split: under threshold, " + ("founded" if best < 0 else "joined another")


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("files", nargs="*", default=list(DEFAULT_FILES))
    parser.add_argument("--cache", type=Path, required=True, help="stream_pairs.py --cache DIR")
    parser.add_argument(
        "--threshold", type=float, help="the cosine anchor's (default: best on the file's pairs)"
    )
    parser.add_argument("--examples", type=int, default=0, help="joined different pairs shown")
    args = parser.parse_args()
    for name, pairs, stored in cached_pair_files(args.cache, args.files):
        report(name, pairs, stored, args.threshold, args.examples)


def report(
    name: str, pairs: list[dict], stored: Stored, threshold: float | None, examples: int
) -> None:
    clusterer, articles, story_of, arrival = replay(stored)
    if threshold is None:
        threshold = best_threshold(
            [
                (
                    float(
                        np.dot(
                            articles[p["a"]["id"]].embedding or (),
                            articles[p["b"]["id"]].embedding or (),
                        )
                    ),
                    same,
                )
                for p, same in rated(pairs)
                if p["a"]["id"] in articles and p["b"]["id"] in articles
            ]
        )[0]
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    joined: list[tuple[dict, float]] = []
    for pair, same in rated(pairs):
        first, later = sorted((pair["a"]["id"], pair["b"]["id"]), key=lambda i: arrival.get(i, -1))
        if first not in articles or later not in articles:
            continue
        cosine = float(np.dot(articles[first].embedding or (), articles[later].embedding or ()))
        together = story_of[first] == story_of[later]
        if same and not together:
            seen = clusterer.seen.get(articles[later].id, {})
            kind = split_reason(seen, story_of[first])
        elif together and not same:
            kind = "joined, different"
            joined.append((pair, cosine))
        else:
            kind = "right, same" if same else "right, different"
        reader = "anchor too" if (cosine >= threshold) != same else "anchor right"
        langs = "-".join(sorted({pair["a"]["lang"], pair["b"]["lang"]}))
        for bucket in ("all", langs):
            kinds[bucket][kind if kind.startswith("right") else f"{kind} ({reader})"] += 1
    print(f"\n{name}: rated pairs by outcome; errors split by whether the cosine anchor at "
          f"{threshold:.2f} errs too")  # fmt: skip
    labels = sorted({k for counts in kinds.values() for k in counts})
    print(f"{'outcome':<54}" + " ".join(f"{b:>6}" for b in kinds))
    for label in labels:
        print(f"{label:<54}" + " ".join(f"{kinds[b][label]:>6}" for b in kinds))
    counts = kinds["all"]
    true_pos = counts["right, same"]
    print(
        f"same-story F1: the stream {_f1(counts, true_pos, lambda k: True):.3f}; if only its "
        f"errors the anchor makes too were left {_f1(counts, true_pos, _anchor_too):.3f}"
    )
    for pair, cosine in sorted(joined, key=lambda p: p[1])[:examples]:
        print(f"  joined, different (overall {pair['overall']}, cosine {cosine:.2f}):")
        for side in ("a", "b"):
            print("     ", " ".join(pair[side]["text"].split())[:110])


def _anchor_too(label: str) -> bool:
    return label.endswith("(anchor too)")


def _f1(counts: Counter[str], true_pos: int, kept: Callable[[str], bool]) -> float:
    """F1 of "same story" with the errors ``kept`` says stay (the others made right)."""
    fixed_splits = sum(n for k, n in counts.items() if k.startswith("split") and not kept(k))
    splits = sum(n for k, n in counts.items() if k.startswith("split") and kept(k))
    joins = sum(n for k, n in counts.items() if k.startswith("joined") and kept(k))
    found = true_pos + fixed_splits
    return 2 * found / (2 * found + splits + joins) if found else 0.0


if __name__ == "__main__":
    main()
