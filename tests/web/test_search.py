"""Search in the store: the FTS5 index follows every write, and fills itself on an older store."""

from __future__ import annotations

import json
import sqlite3
from datetime import date
from pathlib import Path

from newsweave.config import Settings
from newsweave.pipeline import Pipeline
from newsweave.store.sqlite import SQLiteStore
from newsweave.web.charts import sparkline, timeline
from newsweave.web.schemas import TimelinePoint


def _record(tmp_path: Path, name: str, **fields: str) -> str:
    path = tmp_path / name
    path.write_text(json.dumps(fields) + "\n", encoding="utf-8")
    return str(path)


def test_updated_article_is_found_by_its_new_words_only(tmp_path: Path, db_path: str) -> None:
    pipeline = Pipeline(Settings(db=db_path, embedder="hashing"))
    url = "https://news.example.org/storm"
    pipeline.ingest(
        [
            _record(
                tmp_path,
                "a.jsonl",
                url=url,
                title="Storm nears the coast",
                text="A storm named Ophelia is nearing the coast; ferries are cancelled.",
            )
        ]
    )
    assert len(pipeline.store.search_text("ophelia ferries")) == 1
    summary = pipeline.ingest(
        [
            _record(
                tmp_path,
                "b.jsonl",
                url=url,
                title="Storm reaches the coast",
                text="Storm Ophelia made landfall overnight; the harbour flooded.",
            )
        ]
    )
    assert summary.updated == 1
    assert pipeline.store.search_text("ferries") == []
    hits = pipeline.store.search_text("landfall harbour")
    assert len(hits) == 1 and "\x02landfall\x03" in hits[0].snippet


def test_a_store_made_before_search_is_indexed_when_opened(db_path: str, tmp_path: Path) -> None:
    pipeline = Pipeline(Settings(db=db_path, embedder="hashing"))
    pipeline.ingest(
        [
            _record(
                tmp_path,
                "a.jsonl",
                title="Bridge closed in Coimbra",
                text="The Santa Clara bridge in Coimbra was closed after the flood.",
            )
        ]
    )
    pipeline.store.close()
    with sqlite3.connect(db_path) as db:  # as a store from before 0004_search.sql looked
        db.execute("DROP TABLE articles_fts")
        db.execute("DELETE FROM schema_migrations WHERE name = '0004_search.sql'")
    reopened = SQLiteStore(db_path)
    assert [h.score > 0 for h in reopened.search_text("coimbra bridge")] == [True]
    assert reopened.search_text("") == [] and reopened.search_text("***") == []


def test_story_list_filters_page_through_without_overlap(
    fast_pipeline: Pipeline, tmp_path: Path
) -> None:
    texts = [
        "Earthquake shakes Lisbon, buildings cracked",
        "Football final ends after extra time in Madrid",
        "Central bank raises interest rates again",
        "Volcano erupts in Iceland, flights grounded",
        "Orchestra opens season with Mahler symphony",
    ]
    lines = [
        json.dumps(
            {
                "title": t,
                "text": f"{t}. Reporters described what happened there on the day.",
                "published": f"2026-01-{i + 1:02d}",
            }
        )
        for i, t in enumerate(texts)
    ]
    (tmp_path / "many.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    fast_pipeline.ingest([str(tmp_path / "many.jsonl")])
    store = fast_pipeline.store
    everything = [s.id for s in store.stories()]
    pages = [s.id for offset in range(0, 5, 2) for s in store.stories(limit=2, offset=offset)]
    assert pages == everything and len(everything) == 5
    assert len(store.stories(since=date(2026, 1, 2), until=date(2026, 1, 4))) == 3


def test_timeline_and_sparkline_geometry() -> None:
    one_day = timeline(
        [
            TimelinePoint(day=date(2025, 6, 30), lang="en", articles=1, basis="received"),
            TimelinePoint(day=date(2025, 6, 30), lang="pt", articles=3, basis="received"),
        ]
    )
    assert one_day and [lang for lang, _ in one_day.rows] == ["en", "pt"]
    (x,) = {d.x for d in one_day.dots}
    assert x == (one_day.ticks[0][0] + one_day.ticks[-1][0]) / 2  # one day sits in the middle
    assert one_day.dots[1].r > one_day.dots[0].r and all(d.received for d in one_day.dots)
    assert timeline([]) is None
    bars = sparkline([date(2025, 1, 1), date(2025, 1, 1), date(2025, 1, 20)])
    assert [b.x for b in bars] == [0.0, 95.0] and bars[0].height == 18.0 and bars[1].height == 9.0
    assert sparkline([]) == []
