"""A learned chooser for killed / injured on top of the rules, scored by 2-fold cross-validation.

    python bench/train_casualties.py [--l2 10] [--model casualty_model.json]

For each gva-dev article (through ``prepare``, as ``newsweave ingest`` reads it), every value
``casualty_candidates.py`` finds for killed and for injured is a candidate, described by its
features; a conditional logit model (softmax over an article's candidates, L2-regularised,
plain numpy) learns which one the gold gives. Trained on records 1-1,436 and scored on
1,437-2,873, then the other way round, next to the rules' own figures on the same half.
``--model`` writes the weights trained on all of dev as JSON (feature -> weight), for anyone
who wants to carry the experiment on; ingest does not use it (the chooser did not beat the
rules, see BENCHMARKS.md). Articles the rules read as reporting no casualties are scored as
the export scores them (0 / 0) in both columns.
"""

from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import dataset
from casualty_candidates import Candidate, candidates
from newsweave.extract.facts.casualties import casualties
from newsweave.extract.facts.evidence import Sentences
from newsweave.extract.facts.facts import _headline_counts
from newsweave.ingest.records import record_document
from newsweave.prepare import prepare

SLOTS = ("killed", "injured")


def rows(path: Path) -> list[dict]:
    """One row per article with gold: its half, gold, the rules' answer and the candidates."""
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    half = len(records) // 2
    found = []
    for i, record in enumerate(records):
        if not record["gold"]["event_date"]:
            continue  # the 172 records with no gold, as bench/facts.py
        article = prepare(record_document(f"{path.name}#line {i + 1}", record))
        text = "\n".join([article.title, article.text, *article.captions])
        sentences, year = Sentences(text), article.published.year if article.published else None
        quantities = _headline_counts(article) + article.quantities
        rules = casualties(text, quantities, sentences, year)
        row = {
            "half": int(i >= half),
            "gold": record["gold"],
            "rules": None,
            "killed": [],
            "injured": [],
        }
        if rules is not None:
            row["rules"] = (rules[0].value, rules[1].value)
            row["killed"], row["injured"] = candidates(text, quantities, sentences, year, rules)
        found.append(row)
    return found


def fit(
    groups: list[tuple[list[Candidate], float]], l2: float, steps: int = 600
) -> dict[str, float]:
    """Weights of a conditional logit: the gold value's candidate should score highest in its article."""
    vocab = sorted({k for cands, _ in groups for c in cands for k in c.features})
    index = {k: j for j, k in enumerate(vocab)}
    x = np.zeros((sum(len(c) for c, _ in groups), len(vocab)))
    group, y, row = [], [], 0
    for n, (cands, gold) in enumerate(groups):
        for c in cands:
            for k, v in c.features.items():
                x[row, index[k]] = v
            group.append(n)
            y.append(float(c.value == gold))
            row += 1
    g, target = np.array(group), np.array(y)
    w, m, s = np.zeros(len(vocab)), np.zeros(len(vocab)), np.zeros(len(vocab))
    for t in range(1, steps + 1):  # Adam on the mean negative log-likelihood
        z = x @ w
        top = np.full(len(groups), -np.inf)
        np.maximum.at(top, g, z)
        e = np.exp(z - top[g])
        total = np.zeros(len(groups))
        np.add.at(total, g, e)
        grad = x.T @ (e / total[g] - target) / len(groups) + l2 * w / len(groups)
        m, s = 0.9 * m + 0.1 * grad, 0.999 * s + 0.001 * grad**2
        w -= 0.05 * (m / (1 - 0.9**t)) / (np.sqrt(s / (1 - 0.999**t)) + 1e-8)
    return {k: float(v) for k, v in zip(vocab, w, strict=True) if abs(v) > 1e-6}


def choose(cands: list[Candidate], weights: dict[str, float]) -> float:
    """The best scored candidate's value (the smaller value on a tie)."""
    return max(
        cands, key=lambda c: (sum(weights.get(k, 0.0) * v for k, v in c.features.items()), -c.value)
    ).value


def accuracy(test: list[dict], slot: str, weights: dict[str, float] | None) -> float:
    """Share of articles whose value for ``slot`` is the gold one (rules when ``weights`` is None)."""
    hits = 0
    for row in test:
        if row["rules"] is None:
            value = 0.0
        elif weights is None:
            value = row["rules"][SLOTS.index(slot)]
        else:
            value = choose(row[slot], weights)
        hits += value == row["gold"][slot]
    return hits / len(test)


def trainable(data: list[dict], slot: str) -> list[tuple[list[Candidate], float]]:
    """Articles whose gold value is among their candidates (the others teach nothing)."""
    return [
        (r[slot], r["gold"][slot])
        for r in data
        if r["rules"] is not None and any(c.value == r["gold"][slot] for c in r[slot])
    ]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--l2", type=float, default=10.0, help="L2 penalty (summed over articles)")
    parser.add_argument(
        "--model", type=Path, help="write the weights trained on all of dev here (JSON)"
    )
    args = parser.parse_args()
    data = rows(dataset("gva-dev.jsonl"))
    print(f"gva-dev: {len(data)} articles with gold; 2-fold over the halves, L2 {args.l2}")
    for slot in SLOTS:
        covered = sum(
            (r["rules"] is None and r["gold"][slot] == 0)
            or any(c.value == r["gold"][slot] for c in r[slot])
            for r in data
        ) / len(data)
        print(f"{slot}: gold among the candidates in {covered:.3f} of articles")
        for held in (0, 1):
            weights = fit(trainable([r for r in data if r["half"] != held], slot), args.l2)
            test = [r for r in data if r["half"] == held]
            print(
                f"  held-out half {held + 1} ({len(test)}): rules {accuracy(test, slot, None):.3f}, "
                f"learned {accuracy(test, slot, weights):.3f}"
            )
    if args.model:
        model = {slot: fit(trainable(data, slot), args.l2) for slot in SLOTS}
        args.model.write_text(json.dumps(model, indent=1, sort_keys=True) + "\n", encoding="utf-8")
        print(f"weights trained on all of dev written to {args.model}")


if __name__ == "__main__":
    main()
