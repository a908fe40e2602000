"""Articles and stories as flat records, for JSON Lines and CSV."""

from __future__ import annotations

import csv
import json
from collections.abc import Iterator
from typing import IO

from .corrections import history_dict, story_history
from .extract.facts import place_names
from .ledger import build_ledger, ledger_dict
from .ledger.coverage import source_country
from .models import Article, Decision, Fact
from .store import Store, StoreReader


def article_record(article: Article, decision: Decision) -> dict[str, object]:
    """One article with its story and what was extracted from it."""
    return {
        "id": article.external_id or article.id,
        "article_id": article.id,
        "story": decision.story_id,
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "title": article.title,
        "url": article.url,
        "source": article.source or article.origin,
        "source_country": source_country(article),
        "event_dates": sorted({d.value.isoformat() for d in article.event_dates if not d.relative}),
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "facts": [fact_record(f) for f in article.facts if f.slot != "event_date"],
        "places": place_names(article.entities),
        "people": sorted({e.key.split(":", 1)[1] for e in article.entities if e.kind == "person"}),
        "organisations": sorted(
            {e.key.split(":", 1)[1] for e in article.entities if e.kind == "org"}
        ),
        "entity_keys": sorted({e.key for e in article.entities}),
        "quantities": [
            {"value": q.value, "what": q.what, "unit": q.unit, "surface": q.surface}
            for q in article.quantities
        ],
        "score": decision.score,
    }


def fact_record(fact: Fact) -> dict[str, object]:
    """One fact as exported: slot, normalised value and unit, the sentence stating it."""
    return {
        "slot": fact.slot,
        "value": fact.value,
        "unit": fact.unit,
        "evidence": fact.evidence,
        "surface": fact.surface,
        "stated": fact.stated,
    }


def article_records(store: StoreReader) -> Iterator[dict[str, object]]:
    """Every stored article, then a copy for each other record that carried the same text.

    A duplicate is stored once, but whoever fed it in under its own id finds it exported.
    """
    aliases = store.aliases_with_ids()  # one query, not one an article
    for article, decision in store.articles():
        record = article_record(article, decision)
        yield record
        for alias in aliases.get(article.id, ()):
            if alias.external_id and alias.external_id != record["id"]:
                yield {
                    **record,
                    "id": alias.external_id,
                    "url": alias.url or record["url"],
                    "duplicate_of": article.id,
                }


def story_records(store: Store) -> Iterator[dict[str, object]]:
    """One record per story: its summary, its articles' ids, where each comes from (original,
    copy, rewrite, translation, independent: by the ids the articles were given) and its ledger.

    A story's articles are read story by story, so memory holds one story at a time.
    """
    for summary in store.stories():
        members = store.story_articles(summary.id)
        articles = [article for article, _ in members]
        ledger = build_ledger(articles, store.translation_links(summary.id))
        named = {a.id: a.external_id or a.id for a in articles}
        yield {
            "story": summary.id,
            "title": summary.title,
            "articles": [a.external_id or a.id for a in articles],
            "languages": list(summary.languages),
            "sources": summary.sources,
            "first_date": summary.first_date.isoformat() if summary.first_date else None,
            "last_date": summary.last_date.isoformat() if summary.last_date else None,
            "provenance": [
                {
                    "article": named[p.article_id],
                    "kind": p.kind,
                    "of": named.get(p.of, p.of) if p.of else None,
                    "confidence": p.confidence,
                }
                for p in ledger.provenance.values()
            ],
            "ledger": ledger_dict(ledger),
            "history": [history_dict(event) for event in story_history(store, summary.id, members)],
        }


def write_records(records: Iterator[dict[str, object]], out: IO[str], fmt: str) -> int:
    """Write records as "jsonl" or "csv" (lists and dicts as JSON in a cell); returns the count."""
    count = 0
    writer: csv.DictWriter[str] | None = None
    for record in records:
        if fmt == "jsonl":
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
        else:
            flat = {
                k: json.dumps(v, ensure_ascii=False) if isinstance(v, (list, dict)) else v
                for k, v in record.items()
            }
            if writer is None:
                writer = csv.DictWriter(out, fieldnames=list(flat))
                writer.writeheader()
            writer.writerow(flat)
        count += 1
    return count
