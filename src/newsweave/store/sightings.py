"""Who else wrote about a story's people and places: the one query behind a story's silent list.

Each backend runs its dialect's text of the same query: every article naming one of the given
entity keys, dated in a window (its trusted date, else the day it was stored, as the story's
timeline places it), outside the story itself. One query per story page, never one per story;
the day window is read off an index on that day (0008_source_country.sql).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ._base import Sighting

_COLUMNS = "x.id, x.url, x.source, x.origin, x.source_country, x.story_id"

# An article's day, written exactly as the articles_day index of 0008_source_country.sql is, so
# the window is an index range: 0.4 ms for a month of gva-dev against 34 ms scanning every
# article's entities. No DISTINCT either: SQLite then gives up the index (the caller counts sets).
SQLITE_DAY = (
    "COALESCE(CASE WHEN x.published_from IS NOT 'header' THEN x.published END, "
    "substr(x.ingested_at, 1, 10))"
)
SQLITE = f"""
    SELECT {_COLUMNS}, json_extract(e.value, '$.key') AS entity, {SQLITE_DAY} AS day
    FROM articles x, json_each(x.entities) e
    WHERE {SQLITE_DAY} BETWEEN ? AND ? AND json_extract(e.value, '$.key') IN ({{marks}})
      AND x.story_id <> ?"""

POSTGRES_DAY = (
    "COALESCE(CASE WHEN x.published_from IS DISTINCT FROM 'header' THEN x.published END, "
    "(x.ingested_at AT TIME ZONE 'UTC')::date)"
)
POSTGRES = f"""
    SELECT {_COLUMNS}, e->>'key' AS entity, {POSTGRES_DAY} AS day
    FROM articles x, jsonb_array_elements(x.entities) e
    WHERE {POSTGRES_DAY} BETWEEN %s AND %s AND e->>'key' = ANY(%s) AND x.story_id <> %s"""


def sighting_from_row(row: Mapping[str, Any]) -> Sighting:
    """One row of either dialect's query as a Sighting."""
    day = row["day"]
    return Sighting(
        article_id=row["id"],
        url=row["url"],
        source=row["source"],
        origin=row["origin"],
        country=row["source_country"],
        story_id=row["story_id"],
        entity=row["entity"],
        day=day if isinstance(day, date) else date.fromisoformat(str(day)[:10]),
    )
