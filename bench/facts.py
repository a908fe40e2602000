"""Fact extraction and the story ledger against gva-dev's gold: event date, killed, injured, city, state.

    python bench/facts.py                  # both sections
    python bench/facts.py --gva            # gva-dev only
    python bench/facts.py --multilingual   # our annotated de, es, fr, pl, tr, ar, zh, it articles

The multilingual section and how it scores are described in bench/facts_multilingual.py.

Each record goes through ``prepare`` (the code ``newsweave ingest`` runs) and ``article_record``
(what ``newsweave export articles`` writes), so the per-article figures are those of the export:
``event_date``, the ``killed`` / ``injured`` facts, and ``places``. Per story, the gold incident
grouping is used (so the figures measure the ledger, not the clustering): the story's consensus
event date and its majority killed / injured from ``build_ledger``, and the city and state most of
its articles name. Records whose gold is empty (172) are left out. Per article is also given for
each half of the file (records 1-1,436 and 1,437-2,873), so a rule fitted to one half shows.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS
from facts_multilingual import multilingual
from newsweave.export import article_record
from newsweave.extract.gazetteer import normalise, place_region
from newsweave.ingest.records import record_document
from newsweave.ledger import build_ledger
from newsweave.models import Article, Decision
from newsweave.prepare import prepare

FIELDS = ("event_date", "killed", "injured", "city", "state")


def answers(article: Article) -> dict[str, object]:
    """What the export says for each gold field (a missing casualty fact reads as 0)."""
    record = article_record(article, Decision(article.id, "", True, 0.0, {}, 0))
    facts = {f["slot"]: f["value"] for f in record["facts"]}  # type: ignore[union-attr]
    return {
        "event_date": record["event_date"],
        "killed": facts.get("killed", 0),
        "injured": facts.get("injured", 0),
        "city": _first_place(article, ("city:", "US-")),
        "state": _first_place(article, ("US-",)),
    }


def _first_place(article: Article, kinds: tuple[str, ...]) -> str | None:
    """The most named city or county ("city:", "US-XX:..."), or the most named US state.

    A state the article does not name is taken from its most named city or county, as
    ``place_names`` (the export's ``places``) adds it.
    """
    counts = Counter(e.key for e in article.entities if e.kind == "place")
    ranked = [key for key, _ in counts.most_common()]
    for key in ranked:
        code = key.split(":", 1)[1]
        is_state = code.startswith("US-") and ":" not in code
        if kinds == ("US-",) and is_state:
            return _state_name(code)
        if kinds != ("US-",) and (
            code.startswith("city:") or (code.startswith("US-") and ":" in code)
        ):
            return code.rsplit(":", 1)[1]
    if kinds == ("US-",):
        regions = [place_region(key) for key in ranked]
        return next((_state_name(r) for r in regions if r and r.startswith("US-")), None)
    return None


def _state_name(code: str) -> str:
    import pycountry

    found = pycountry.subdivisions.get(code=code)
    return str(found.name) if found else code


def _gold(record: dict) -> dict[str, object]:
    g = record["gold"]
    city = normalise(str(g["city_or_county"]).split("(")[0].replace(" county", ""))
    return {
        "event_date": g["event_date"],
        "killed": g["killed"],
        "injured": g["injured"],
        "city": city,
        "state": normalise(str(g["state"])),
    }


def _same(field: str, found: object, gold: object) -> bool:
    if found is None:
        return False
    if field in ("city", "state"):
        return normalise(str(found)).replace(" county", "") == gold
    if field in ("killed", "injured"):
        return float(found) == float(gold)  # type: ignore[arg-type]
    return found == gold


def main() -> None:
    parser = argparse.ArgumentParser(description="Facts against gva-dev and our annotations")
    parser.add_argument("--gva", action="store_true", help="only the gva-dev section")
    parser.add_argument("--multilingual", action="store_true", help="only the multilingual section")
    parser.add_argument("--misses", action="store_true", help="list each wrong multilingual figure")
    args = parser.parse_args()
    if not args.multilingual:
        gva()
    if not args.gva:
        multilingual(show_misses=args.misses)


def gva() -> None:
    path = DATASETS / "gva-dev.jsonl"
    if not path.exists():  # not dataset(): its exit would also skip the multilingual section
        print(f"gva-dev skipped: {path} is not present")
        return
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    half = len(records) // 2  # first 1,436 / last 1,437 records: a gain fitted to one half shows up
    halves = [i >= half for i, r in enumerate(records) if r["gold"]["event_date"]]
    records = [r for r in records if r["gold"]["event_date"]]
    started = time.perf_counter()
    articles = [
        prepare(record_document(f"{path.name}#line {i}", r)) for i, r in enumerate(records, 1)
    ]
    seconds = time.perf_counter() - started
    per_article: Counter[str] = Counter()
    stories: dict[str, list[int]] = defaultdict(list)
    found = [answers(a) for a in articles]
    per_half: list[Counter[str]] = [Counter(), Counter()]
    for i, (record, answer) in enumerate(zip(records, found, strict=True)):
        gold = _gold(record)
        hits = [f for f in FIELDS if _same(f, answer[f], gold[f])]
        per_article.update(hits)
        per_half[halves[i]].update(hits)
        stories[record["story"]].append(i)
    per_story: Counter[str] = Counter()
    multi_article: Counter[str] = Counter()
    multi_story: Counter[str] = Counter()
    for members in stories.values():
        consensus = _consensus([articles[i] for i in members], [found[i] for i in members])
        gold = _gold(records[members[0]])
        hits = [f for f in FIELDS if _same(f, consensus[f], gold[f])]
        per_story.update(hits)
        if len(members) > 1:
            multi_story.update(hits)
            multi_article.update(
                f for i in members for f in FIELDS if _same(f, found[i][f], gold[f])
            )
    n, m = len(records), len(stories)
    multi = [s for s in stories.values() if len(s) > 1]
    n_multi = sum(len(s) for s in multi)
    print(
        f"gva-dev: {n} articles with gold, {m} incidents; extraction {n / seconds:.0f} articles/s"
    )
    print(f"{'':<28}" + "".join(f"{f:>12}" for f in FIELDS))
    n_second = sum(halves)
    rows = [
        ("per article", per_article, n),
        (f"  first half ({n - n_second})", per_half[0], n - n_second),
        (f"  second half ({n_second})", per_half[1], n_second),
        ("per story (consensus)", per_story, m),
        (f"articles of 2+ stories ({n_multi})", multi_article, n_multi),
        (f"stories of 2+ ({len(multi)})", multi_story, len(multi)),
    ]
    for label, counts, total in rows:
        print(f"{label:<28}" + "".join(f"{counts[f] / total:>12.3f}" for f in FIELDS))
    _no_casualty_report(records, articles)


def _no_casualty_report(records: list[dict], articles: list[Article]) -> None:
    """How the gold reads for articles that report no casualties (they export no killed/injured)."""
    silent = [
        r
        for r, a in zip(records, articles, strict=True)
        if not any(f.slot == "killed" for f in a.facts)
    ]
    if silent:
        zero_k = sum(r["gold"]["killed"] == 0 for r in silent) / len(silent)
        zero_i = sum(r["gold"]["injured"] == 0 for r in silent) / len(silent)
        print(
            f"{len(silent)} articles report no casualties (no killed/injured fact; scored as 0): "
            f"gold killed 0 in {zero_k:.0%}, injured 0 in {zero_i:.0%}"
        )


def _consensus(articles: list[Article], found: list[dict[str, object]]) -> dict[str, object]:
    """The story's answer: the ledger's consensus date and majority counts; the commonest place."""
    ledger = build_ledger(articles)
    slots = {s.name: s for s in ledger.slots}
    result: dict[str, object] = {
        "event_date": ledger.dates.event_date.isoformat() if ledger.dates.event_date else None
    }
    for slot in ("killed", "injured"):
        chosen = slots.get(slot)
        result[slot] = (
            (chosen.majority if chosen.majority is not None else chosen.values[0].value)
            if chosen
            else 0
        )
    for field in ("city", "state"):
        named = Counter(a[field] for a in found if a[field])
        result[field] = named.most_common(1)[0][0] if named else None
    return result


if __name__ == "__main__":
    main()
