"""Casualty figures in every language against our own annotations (issue 15).

    python bench/facts_multilingual.py [--misses]
    python bench/facts.py --multilingual     (the same, from the facts benchmark)

The annotations are bench/annotations/facts_multilingual.jsonl (how they were made:
bench/annotations/README.md): real non-English articles of ../shared/datasets/semeval-pairs-*.jsonl,
named by file and article id, with the figures each text states for its main event's
``killed``, ``injured``, ``evacuated``, ``missing`` and ``arrested`` (an integer; 0 where the text
says nobody; null where the text states none). The texts stay in the dataset files.

Each article goes through the code path users run: its text alone (no ``lang`` field, so the
language is detected as ``newsweave ingest`` detects it) through ``record_document`` and
``prepare``, then ``article_record`` (what ``newsweave export articles`` writes). The export's
figure for a role is the value of its facts whose ``slot`` is that role's name.

How an export figure is scored against an annotation, per role:

- annotation N (0 included), the export gives exactly one value V for the role, stated or
  implied: right when V == N. So an implied 0 is right where the text says "nobody was hurt".
- annotation N, the export gives no fact for the role: wrong (missed). A text that says "nobody
  was hurt" and an export silent about it is a miss: the user is not told the 0.
- annotation N, the export gives two or more different values for the role: wrong (the user
  cannot tell which one the article states).
- annotation null, no fact: right.
- annotation null, an implied 0 (``stated`` false): right, and not invented (the export only
  says the article names nobody hurt).
- annotation null, any other value (a stated 0, or any non-zero figure, stated or implied):
  wrong, and counted as an *invented* figure (one per role and article).

Accuracy of ``killed`` and ``injured`` is over every annotated article of the language (null
annotations included, so an invented figure costs accuracy too); accuracy of ``evacuated``,
``missing`` and ``arrested`` is over the articles where the annotation is a number ("k/n"), since
nearly every article states none of them. ``killed`` and ``injured`` are also given that way
(right / articles whose text gives a figure, 0 included), which shows what is read, apart from
what is rightly left out. ``invented`` counts over all five roles; ``lang≠`` counts articles
whose detected language is not the annotated one.

The set is also split in two halves by the parity of the article id's digits (odd / even), so a
rule fitted to the articles of one half shows as a gap between the halves. A bad annotation line
is reported with its line number and reason and skipped; a missing dataset skips the section.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS
from newsweave.export import article_record
from newsweave.ingest.records import record_document
from newsweave.models import Decision
from newsweave.prepare import prepare

ANNOTATIONS = Path(__file__).resolve().parent / "annotations" / "facts_multilingual.jsonl"
ROLES = ("killed", "injured", "evacuated", "missing", "arrested")
ALL_ARTICLES_ROLES = ("killed", "injured")  # scored over every article; the others where annotated
ACCEPTED_FILES = ("semeval-pairs-dev.jsonl", "semeval-pairs-xling-dev.jsonl")


@dataclass
class Annotation:
    id: str
    file: str
    lang: str
    figures: dict[str, int | None]
    note: str


@dataclass
class Outcome:
    """One annotated article's scoring: per role right or wrong, and what was invented."""

    annotation: Annotation
    detected_lang: str
    right: dict[str, bool]
    invented: list[str]
    exported: dict[str, list[tuple[float, bool]]]


def load_annotations(path: Path = ANNOTATIONS) -> list[Annotation]:
    """The annotation records; a bad line is reported on stderr and skipped."""
    found: list[Annotation] = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        try:
            found.append(_annotation(json.loads(line)))
        except (ValueError, KeyError, TypeError) as exc:
            print(f"{path.name} line {number}: skipped, {exc}", file=sys.stderr)
    return found


def _annotation(value: dict) -> Annotation:
    if value.get("file") not in ACCEPTED_FILES:
        raise ValueError(f"file {value.get('file')!r} is not one of {', '.join(ACCEPTED_FILES)}")
    figures: dict[str, int | None] = {}
    for role in ROLES:
        figure = value[role]
        if figure is not None and (not isinstance(figure, int) or figure < 0):
            raise ValueError(f"{role} is {figure!r}, not a whole number >= 0 or null")
        figures[role] = figure
    return Annotation(
        str(value["id"]), value["file"], str(value["lang"]), figures, str(value.get("note", ""))
    )


def article_texts(annotations: list[Annotation]) -> dict[tuple[str, str], str]:
    """The text of each annotated article, read from the dataset files (ids are per article)."""
    wanted = {(a.file, a.id) for a in annotations}
    texts: dict[tuple[str, str], str] = {}
    for name in sorted({a.file for a in annotations}):
        for line in (DATASETS / name).open(encoding="utf-8"):
            pair = json.loads(line)
            for side in (pair["a"], pair["b"]):
                key = (name, str(side["id"]))
                if key in wanted:
                    texts.setdefault(key, side["text"])
    return texts


def exported_figures(text: str, origin: str) -> tuple[str, dict[str, list[tuple[float, bool]]]]:
    """The detected language and, per role, the (value, stated) pairs the export gives."""
    raw = record_document(origin, {"text": text})
    if not hasattr(raw, "text"):
        raise ValueError(f"{origin}: rejected by ingest: {getattr(raw, 'reason', raw)}")
    article = prepare(raw)  # type: ignore[arg-type]
    record = article_record(article, Decision(article.id, "", True, 0.0, {}, 0))
    figures: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for fact in record["facts"]:  # type: ignore[union-attr]
        if fact["slot"] in ROLES:
            figures[fact["slot"]].append((float(fact["value"]), bool(fact["stated"])))
    return article.lang, dict(figures)


def score(
    annotation: Annotation, detected_lang: str, exported: dict[str, list[tuple[float, bool]]]
) -> Outcome:
    """Right or wrong per role, and the roles with an invented figure (rules: module docstring)."""
    right: dict[str, bool] = {}
    invented: list[str] = []
    for role in ROLES:
        truth = annotation.figures[role]
        given = exported.get(role, [])
        values = {value for value, _ in given}
        if truth is None:
            harmless = all(value == 0 and not stated for value, stated in given)
            right[role] = harmless
            if not harmless:
                invented.append(role)
        else:
            right[role] = values == {float(truth)}
    return Outcome(annotation, detected_lang, right, invented, exported)


def run(annotations: list[Annotation]) -> list[Outcome]:
    texts = article_texts(annotations)
    outcomes = []
    for annotation in annotations:
        text = texts.get((annotation.file, annotation.id))
        origin = f"{annotation.file}#{annotation.id}"
        if text is None:
            print(f"{origin}: skipped, no article with this id in the file", file=sys.stderr)
            continue
        try:
            lang, exported = exported_figures(text, origin)
        except ValueError as exc:  # ingest refused the text: report it, score the others
            print(f"skipped, {exc}", file=sys.stderr)
            continue
        outcomes.append(score(annotation, lang, exported))
    return outcomes


def _row(label: str, outcomes: list[Outcome]) -> str:
    n = len(outcomes)
    cells = [f"{label:<14}", f"{n:>4}"]
    for role in ALL_ARTICLES_ROLES:
        cells.append(f"{sum(o.right[role] for o in outcomes) / n:>9.2f}" if n else f"{'-':>9}")
    for role in ROLES:
        scored = [o for o in outcomes if o.annotation.figures[role] is not None]
        hits = sum(o.right[role] for o in scored)
        cells.append(f"{f'{hits}/{len(scored)}' if scored else '-':>10}")
    cells.append(f"{sum(len(o.invented) for o in outcomes):>9}")
    cells.append(f"{sum(o.detected_lang != o.annotation.lang for o in outcomes):>9}")
    return "".join(cells)


def report(outcomes: list[Outcome], show_misses: bool = False) -> None:
    """Per language, then both halves and all: the table the issue's done-means 2 reads."""
    print(f"{'':<18}{'all articles':^18}{'articles whose text gives a figure (right/n)':^50}")
    print(
        f"{'language':<14}{'n':>4}{'killed':>9}{'injured':>9}{'killed':>10}{'injured':>10}"
        f"{'evacuated':>10}{'missing':>10}{'arrested':>10}{'invented':>9}{'lang≠':>9}"
    )
    by_lang: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        by_lang[outcome.annotation.lang].append(outcome)
    for lang in sorted(by_lang, key=lambda code: (-len(by_lang[code]), code)):
        print(_row(lang, by_lang[lang]))
    odd = [o for o in outcomes if _digits(o.annotation.id) % 2]
    even = [o for o in outcomes if not _digits(o.annotation.id) % 2]
    print(_row("  odd ids", odd))
    print(_row("  even ids", even))
    print(_row("all", outcomes))
    invented = Counter(role for o in outcomes for role in o.invented)
    if invented:
        print("invented by role: " + ", ".join(f"{r} {c}" for r, c in invented.most_common()))
    if show_misses:
        _print_misses(outcomes)


def _digits(article_id: str) -> int:
    return int("".join(ch for ch in article_id if ch.isdigit()) or 0)


def _print_misses(outcomes: list[Outcome]) -> None:
    print("\nwrong figures (annotation -> export; * = implied):")
    for o in outcomes:
        for role in ROLES:
            if not o.right[role]:
                exported = o.exported.get(role, [])
                given = ", ".join(f"{v:g}{'' if stated else '*'}" for v, stated in exported)
                print(
                    f"  {o.annotation.lang} {o.annotation.file}#{o.annotation.id} {role}: "
                    f"{o.annotation.figures[role]} -> {given or 'none'}"
                )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list each wrong figure")
    args = parser.parse_args(argv)
    multilingual(show_misses=args.misses)


def multilingual(show_misses: bool = False) -> None:
    """The whole section: skipped cleanly when a dataset file is absent."""
    annotations = load_annotations()
    files = sorted({a.file for a in annotations})
    missing = [str(DATASETS / name) for name in files if not (DATASETS / name).exists()]
    if missing:
        print(f"multilingual facts skipped: {', '.join(missing)} not present")
        return
    outcomes = run(annotations)
    print(
        f"\nFacts in every language: {len(outcomes)} annotated articles "
        f"({ANNOTATIONS.relative_to(ANNOTATIONS.parents[2])})"
    )
    report(outcomes, show_misses)


if __name__ == "__main__":
    main()
