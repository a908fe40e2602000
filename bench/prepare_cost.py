"""Speed: CPU milliseconds an article of ``prepare`` and of each of its parts, per language.

    python bench/prepare_cost.py [--limit N] [--rounds R] [--save FILE | --check FILE]

Measured on the first N gva-dev records (English) and on every article of the SemEval dev pair
files (semeval-pairs-dev.jsonl then semeval-pairs-xling-dev.jsonl, pairs in file order, a then b,
each article once), grouped by the language the record gives. One process, CPU time
(``time.process_time``), the best of R rounds for each part (a loaded machine only adds time),
after preparing the first 20 articles of each language untimed (the tables load on first use).
The parts are the calls ``prepare`` makes, in its order, on the same inputs: clean (ftfy and the
header, title and caption split), language (given by every record here, so ~0), publication
date, event dates, entities, quantities, facts (event date and facts), and prepare itself.

``--save FILE`` pickles every article ``prepare`` makes of all of gva-dev and both SemEval dev
files (all fields); ``--check FILE`` prepares them again and reports every article that differs:
a speed change must leave them all identical. Datasets that are absent are skipped.
"""

from __future__ import annotations

import argparse
import json
import pickle
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS
from newsweave.extract.dates import find_event_dates
from newsweave.extract.entities import find_entities
from newsweave.extract.facts import article_facts
from newsweave.extract.numbers import find_quantities
from newsweave.ingest import read_inputs
from newsweave.language import detect
from newsweave.models import Article, RawDocument
from newsweave.normalise import clean
from newsweave.prepare import _first_words, _publication_date, prepare
from stream_pairs import read_pairs, stream_records

SEMEVAL_FILES = ("semeval-pairs-dev.jsonl", "semeval-pairs-xling-dev.jsonl")
WARM_UP = 20  # articles of each language prepared before timing
T = TypeVar("T")
PARTS = ("clean", "language", "published", "event dates", "entities", "quantities", "facts")


def gva_documents(limit: int | None) -> list[RawDocument]:
    """The first ``limit`` gva-dev records (all when None) as ingest reads them; [] when absent."""
    path = DATASETS / "gva-dev.jsonl"
    if not path.exists():
        print(f"skipped gva-dev: {path} is not present")
        return []
    documents = [d for d in read_inputs([str(path)]) if isinstance(d, RawDocument)]
    return documents[:limit] if limit else documents


def semeval_documents() -> list[RawDocument]:
    """Every article of the SemEval dev pair files, each once, as ingest reads them."""
    records: dict[str, dict] = {}
    for name in SEMEVAL_FILES:
        path = DATASETS / name
        if not path.exists():
            print(f"skipped {name}: {path} is not present")
            continue
        for record in stream_records(read_pairs(path)):
            records.setdefault(record["id"], record)
    if not records:
        return []
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "semeval.jsonl"
        lines = (json.dumps(r, ensure_ascii=False) + "\n" for r in records.values())
        path.write_text("".join(lines), encoding="utf-8")
        return [d for d in read_inputs([str(path)]) if isinstance(d, RawDocument)]


def part_costs(raw: RawDocument) -> dict[str, float]:
    """CPU seconds of each part of ``prepare`` on ``raw``, run as ``prepare`` runs them (the
    facts read an article made of the parts' results, as in ``prepare``: no part sees caches
    warmed by an earlier reading of the same article)."""
    spent: dict[str, float] = {}

    def timed(name: str, call: Callable[[], T]) -> T:
        started = time.process_time()
        result = call()
        spent[name] = time.process_time() - started
        return result

    cleaned = timed("clean", lambda: clean(raw.text, raw.title))
    lang = (raw.lang or "").lower()[:2] or timed(
        "language", lambda: detect(f"{cleaned.title}\n{cleaned.body}")
    )
    spent.setdefault("language", 0.0)
    published, _ = timed("published", lambda: _publication_date(raw, cleaned.header_date, lang))
    readable = "\n".join([cleaned.title, cleaned.body, *cleaned.captions])
    article = Article(
        id="",
        origin=raw.origin,
        title=cleaned.title or _first_words(cleaned.body),
        text=cleaned.body,
        lang=lang,
        content_hash="",
        captions=cleaned.captions,
        published=published,
        event_dates=timed("event dates", lambda: find_event_dates(readable, lang, published)),
        entities=timed("entities", lambda: find_entities(readable, lang)),
        quantities=timed("quantities", lambda: find_quantities(readable, lang)),
    )
    timed("facts", lambda: article_facts(article, readable))
    return spent


def prepare_cost(raw: RawDocument) -> float:
    """CPU seconds of one ``prepare`` of ``raw``."""
    started = time.process_time()
    prepare(raw)
    return time.process_time() - started


def group_cost(group: list[RawDocument], rounds: int) -> dict[str, float]:
    """CPU seconds in all of ``group`` of prepare and of each part, each the best of ``rounds``."""
    for raw in group[:WARM_UP]:  # tables, gazetteer, packs and dateparser load on first use
        prepare(raw)
    best = {"prepare": min(sum(prepare_cost(raw) for raw in group) for _ in range(rounds))}
    for _ in range(rounds):
        totals: dict[str, float] = defaultdict(float)
        for raw in group:
            for name, seconds in part_costs(raw).items():
                totals[name] += seconds
        best.update({p: min(best.get(p, float("inf")), totals[p]) for p in PARTS})
    return best


def report(title: str, documents: list[RawDocument], rounds: int) -> None:
    """Per language: articles, and CPU ms an article of prepare and each part (best of rounds)."""
    by_lang: dict[str, list[RawDocument]] = defaultdict(list)
    for raw in documents:
        by_lang[(raw.lang or "?").lower()[:2]].append(raw)
    print(f"\n{title}: CPU ms an article, best of {rounds} rounds, one process")
    print(f"{'lang':<5}{'n':>5}{'prepare':>9}" + "".join(f"{p:>12}" for p in PARTS))
    everything: dict[str, float] = defaultdict(float)
    for lang, group in sorted(by_lang.items(), key=lambda item: -len(item[1])):
        spent = group_cost(group, rounds)
        for name, seconds in spent.items():
            everything[name] += seconds
        _row(lang, len(group), spent)
    if len(by_lang) > 1:
        _row("all", len(documents), everything)


def _row(lang: str, count: int, spent: dict[str, float]) -> None:
    ms = 1000 / count
    cells = "".join(f"{spent[p] * ms:>12.2f}" for p in PARTS)
    print(f"{lang:<5}{count:>5}{spent['prepare'] * ms:>9.2f}{cells}", flush=True)


def golden(documents: list[RawDocument]) -> list[tuple[str, Article]]:
    """Every document's origin and the article ``prepare`` makes of it, the origin's folder left
    out (the SemEval articles are read from a fresh temporary folder each run)."""
    return [
        (Path(raw.origin).name, replace(prepare(raw), origin=Path(raw.origin).name))
        for raw in documents
    ]


def check(path: Path, documents: list[RawDocument]) -> int:
    """The number of articles that differ from those saved in ``path``; each is printed."""
    saved = pickle.loads(path.read_bytes())
    now = golden(documents)
    if len(saved) != len(now):
        print(f"{len(now)} articles, {len(saved)} saved")
        return max(len(saved), len(now))
    differ = 0
    for (origin, before), (_, after) in zip(saved, now, strict=True):
        if before != after:
            differ += 1
            fields = [f for f in vars(before) if getattr(before, f) != getattr(after, f)]
            if differ <= 20:
                print(f"differs: {origin}: {', '.join(fields)}")
    print(f"{len(now) - differ} of {len(now)} articles identical to {path}")
    return differ


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--limit", type=int, default=550, help="gva-dev records timed")
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--only", choices=("gva", "semeval"), help="time one dataset only")
    parser.add_argument("--save", type=Path, help="pickle every prepared article to FILE")
    parser.add_argument("--check", type=Path, help="compare every prepared article with FILE")
    args = parser.parse_args()
    if args.save or args.check:
        documents = gva_documents(None) + semeval_documents()
        if not documents:
            return
        if args.save:
            args.save.write_bytes(pickle.dumps(golden(documents)))
            print(f"saved {len(documents)} prepared articles to {args.save}")
        else:
            sys.exit(1 if check(args.check, documents) else 0)
        return
    gva = gva_documents(args.limit) if args.only != "semeval" else []
    if gva:
        report(f"gva-dev, first {len(gva)} records", gva, args.rounds)
    semeval = semeval_documents() if args.only != "gva" else []
    if semeval:
        report("SemEval dev pair files, each article once", semeval, args.rounds)


if __name__ == "__main__":
    main()
