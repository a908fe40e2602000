"""Articles and decisions to and from plain column values, shared by every backend."""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import fields
from datetime import UTC, date, datetime
from typing import Any

import numpy as np

from ..models import Article, DateMention, Decision, Entity, Fact, Quantity
from ._base import ArticleLine, Correction, StorySummary

ARTICLE_COLUMNS = (
    "id",
    "content_hash",
    "external_id",
    "url",
    "source",
    "origin",
    "title",
    "text",
    "captions",
    "lang",
    "published",
    "published_from",
    "event_dates",
    "entities",
    "quantities",
    "embedding",
    "story_id",
    "decision",
    "event_date",
    "facts",
    "source_country",
    "embedded_by",
)


def article_values(article: Article, decision: Decision) -> dict[str, Any]:
    """Column values for one article row."""
    return {
        **content_values(article),
        "id": article.id,
        "story_id": decision.story_id,
        "decision": json.dumps(decision_dict(decision)),
    }


def content_values(article: Article) -> dict[str, Any]:
    """The columns an update may change: everything read or extracted from the text."""
    embedding = article.embedding
    return {
        "content_hash": article.content_hash,
        "external_id": article.external_id,
        "url": article.url,
        "source": article.source,
        "origin": article.origin,
        "title": article.title,
        "text": article.text,
        "captions": json.dumps(list(article.captions), ensure_ascii=False),
        "lang": article.lang,
        "published": article.published.isoformat() if article.published else None,
        "published_from": article.published_from,
        "event_dates": json.dumps(
            [
                {"value": d.value.isoformat(), "surface": d.surface, "relative": d.relative}
                for d in article.event_dates
            ],
            ensure_ascii=False,
        ),
        "entities": json.dumps([_flat(e) for e in article.entities], ensure_ascii=False),
        "quantities": json.dumps([_flat(q) for q in article.quantities], ensure_ascii=False),
        "embedding": None if embedding is None else np.asarray(embedding, np.float32).tobytes(),
        "event_date": article.event_date.isoformat() if article.event_date else None,
        "facts": json.dumps([_flat(f) for f in article.facts], ensure_ascii=False),
        "source_country": article.source_country,
        "embedded_by": article.embedded_by,
    }


def _flat(value: Entity | Quantity | Fact) -> dict[str, Any]:
    """A flat dataclass's fields by name: what ``dataclasses.asdict`` gives without its deep copy,
    which was a fifth of the ingesting process's CPU on gva-dev (BENCHMARKS.md, Speed)."""
    return {f.name: getattr(value, f.name) for f in fields(value)}


def decision_dict(decision: Decision) -> dict[str, Any]:
    """A decision as JSON-ready values (the article and story ids live in their columns)."""
    return {
        "new_story": decision.new_story,
        "score": decision.score,
        "components": decision.components,
        "candidates": decision.candidates,
        "shared": list(decision.shared),
    }


def article_from_row(row: Mapping[str, Any]) -> Article:
    """Rebuild an Article from its stored columns."""
    blob = row["embedding"]
    return Article(
        id=row["id"],
        origin=row["origin"],
        title=row["title"],
        text=row["text"],
        lang=row["lang"],
        content_hash=row["content_hash"],
        captions=tuple(json.loads(row["captions"])),
        external_id=row["external_id"],
        url=row["url"],
        source=row["source"],
        source_country=row["source_country"],
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        event_dates=[
            DateMention(date.fromisoformat(d["value"]), d["surface"], d["relative"])
            for d in json.loads(row["event_dates"])
        ],
        entities=[Entity(**e) for e in json.loads(row["entities"])],
        quantities=[Quantity(**q) for q in json.loads(row["quantities"])],
        embedding=None if blob is None else np.frombuffer(blob, dtype=np.float32).tolist(),
        event_date=date.fromisoformat(row["event_date"]) if row["event_date"] else None,
        facts=[Fact(**f) for f in json.loads(row["facts"])],
        embedded_by=row["embedded_by"],
    )


def decision_from_row(row: Mapping[str, Any]) -> Decision:
    """Rebuild the decision that placed a stored article."""
    data = json.loads(row["decision"])
    return Decision(
        article_id=row["id"],
        story_id=row["story_id"],
        new_story=data.get("new_story", True),
        score=data.get("score", 0.0),
        components=data.get("components", {}),
        candidates=data.get("candidates", 0),
        shared=tuple(data.get("shared", ())),
    )


def summary_from_row(row: Mapping[str, Any]) -> StorySummary:
    """One story list line from its aggregate columns (id, title, n, sources, langs, first, last)."""
    return StorySummary(
        id=row["id"],
        title=row["title"],
        articles=row["n"],
        sources=row["sources"],
        languages=tuple(sorted((row["langs"] or "").split(","))),
        first_date=date.fromisoformat(row["first"]) if row["first"] else None,
        last_date=date.fromisoformat(row["last"]) if row["last"] else None,
    )


def line_from_row(row: Mapping[str, Any]) -> ArticleLine:
    """One article line from a bulk read (dates as ISO text or, from PostgreSQL, as values)."""
    changed = row["changed"]
    if isinstance(changed, str):
        changed = datetime.fromisoformat(changed)
    return ArticleLine(
        id=row["id"],
        story_id=row["story_id"],
        title=row["title"],
        lang=row["lang"],
        lead=row["lead"] or "",
        published=date.fromisoformat(row["published"]) if row["published"] else None,
        published_from=row["published_from"],
        received=date.fromisoformat(str(row["received"])[:10]),
        changed=changed.astimezone(UTC),
        founded=bool(row["founded"]),
    )


def correction_values(correction: Correction) -> dict[str, Any]:
    """Column values for one history entry (id, at and seq are the store's to give)."""
    return {
        "kind": correction.kind,
        "by_whom": correction.by,
        "why": correction.why,
        "stories": json.dumps(list(correction.stories)),
        "moves": json.dumps([list(m) for m in correction.moves]),
        "aliases": json.dumps([list(a) for a in correction.aliases]),
        "undoes": correction.undoes,
    }


def correction_from_row(row: Mapping[str, Any]) -> Correction:
    """Rebuild a history entry from its stored columns."""
    at = row["at"]
    return Correction(
        kind=row["kind"],
        by=row["by_whom"],
        why=row["why"],
        stories=tuple(json.loads(row["stories"])),
        moves=tuple(tuple(m) for m in json.loads(row["moves"])),
        aliases=tuple(tuple(a) for a in json.loads(row["aliases"])),
        undoes=row["undoes"],
        id=int(row["id"]),
        at=at if isinstance(at, str) else at.isoformat(),
        seq=int(row["seq"]),
        undone_by=row["undone_by"],
    )
