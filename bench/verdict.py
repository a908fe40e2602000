"""Calibrate `newsweave compare`'s verdict (same story / related / different) on rated pairs.

    newsweave compare --pairs ../shared/datasets/semeval-pairs-dev.jsonl > scores.jsonl
    newsweave --lead-reader none compare --pairs ../shared/datasets/semeval-pairs-dev.jsonl > scores-none.jsonl
    python bench/verdict.py scores.jsonl [scores-none.jsonl ...]

A pair rated 1.5 or less (1 = same story, 4 = unrelated) counts as the same story, 2.5 or more as
different, as the dataset's README says. "same story" starts at the score that tells same-story
pairs from the rest at best F1; "different" lies below the score that tells different pairs from
the rest at best F1; "related" is between. The figures go in BENCHMARKS.md and render.py.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

PAIRS = (
    Path(__file__).resolve().parents[1].parent / "shared" / "datasets" / "semeval-pairs-dev.jsonl"
)


def _best_cut(scored: list[tuple[float, bool]], above: bool) -> tuple[float, float, float, float]:
    """(threshold, F1, precision, recall) for calling a pair positive when its score is >= (above) or < the threshold."""
    positives = sum(1 for _, positive in scored if positive)
    best = (0.0, -1.0, 0.0, 0.0)
    for cut in sorted({round(score, 2) for score, _ in scored}):
        called = [positive for score, positive in scored if (score >= cut) == above]
        hits = sum(called)
        if not called or not hits:
            continue
        precision, recall = hits / len(called), hits / positives
        f1 = 2 * precision * recall / (precision + recall)
        if f1 > best[1]:
            best = (cut, f1, precision, recall)
    return best


def calibrate(scores_file: Path, pairs_file: Path = PAIRS) -> dict[str, object]:
    """The verdict's two thresholds for one scorer's scores, with how well each separates."""
    rating = {
        r["id"]: r["overall"]
        for r in map(json.loads, pairs_file.read_text("utf-8").splitlines())
        if r
    }
    scores = [
        (r["score"], rating[r["id"]])
        for r in map(json.loads, scores_file.read_text("utf-8").splitlines())
        if r.get("score") is not None and r["id"] in rating
    ]
    same = _best_cut([(s, o <= 1.5) for s, o in scores], above=True)
    different = _best_cut([(s, o >= 2.5) for s, o in scores], above=False)
    verdicts = {"same story": 0, "related": 0, "different stories": 0}
    agree = 0
    for score, overall in scores:
        verdict = (
            "same story"
            if score >= same[0]
            else "related"
            if score >= different[0]
            else "different stories"
        )
        verdicts[verdict] += 1
        gold = (
            "same story" if overall <= 1.5 else "different stories" if overall >= 2.5 else "related"
        )
        agree += verdict == gold
    return {
        "pairs": len(scores),
        "same_from": same[0],
        "same_f1": round(same[1], 3),
        "same_precision": round(same[2], 3),
        "same_recall": round(same[3], 3),
        "related_from": different[0],
        "different_f1": round(different[1], 3),
        "different_precision": round(different[2], 3),
        "different_recall": round(different[3], 3),
        "verdicts": verdicts,
        "verdict_matches_rating": round(agree / len(scores), 3),
    }


if __name__ == "__main__":
    for name in sys.argv[1:]:
        print(name, json.dumps(calibrate(Path(name)), indent=1))
