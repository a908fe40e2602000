"""Who else wrote about a story's people and places: the one query behind a story's silent list.

Each backend runs its dialect's text of the same query: every article naming one of the given
entity keys, dated in a window (its trusted date, else the day it was stored, as the story's
timeline places it), outside the story itself. One query per story page, never one per story.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any

from ._base import Sighting

_COLUMNS = "x.id, x.url, x.source, x.origin, x.source_country, x.story_id"

SQLITE = f"""
    SELECT DISTINCT {_COLUMNS}, json_extract(e.value, '$.key') AS entity,
           COALESCE(CASE WHEN x.published_from IS NOT 'header' THEN x.published END,
                    substr(x.ingested_at, 1, 10)) AS day
    FROM articles x, json_each(x.entities) e
    WHERE json_extract(e.value, '$.key') IN ({{marks}}) AND x.story_id <> ?
      AND day BETWEEN ? AND ?"""

POSTGRES = f"""
    SELECT DISTINCT {_COLUMNS}, e->>'key' AS entity, d.day
    FROM articles x, jsonb_array_elements(x.entities) e,
         LATERAL (SELECT COALESCE(CASE WHEN x.published_from IS DISTINCT FROM 'header'
                                       THEN x.published END,
                                  (x.ingested_at AT TIME ZONE 'UTC')::date) AS day) d
    WHERE e->>'key' = ANY(%s) AND x.story_id <> %s AND d.day BETWEEN %s AND %s"""


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
