"""The API's models of a story's coverage: first reports, lags, countries, the silent list.

Validated from ``newsweave.ledger.coverage_report.coverage_dict``, so `story --json` and the API
give the same fields.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field


class FirstReportOut(BaseModel):
    """The first report of a story or claim, overall or within one language or country."""

    article: str = Field(description="the article's id")
    source: str = Field(description="its publisher: web site, feed or record source, else file")
    lang: str
    country: str | None = Field(description="ISO 3166-1 alpha-2 of its source; null: unknown")
    country_name: str | None
    day: date | None = Field(
        description="its trusted date (a text file's header date is not trusted), or the day "
        "received when no article of the story is dated; null: it cannot be placed in time"
    )
    lag_days: int | None = Field(description="days after the story's first report")
    articles: int = Field(description="the group's articles (this language's, this country's)")
    sources: int = Field(description="the group's publishers")


class ClaimFirstOut(BaseModel):
    """Who first gave one value of a ledger slot, overall and in each language."""

    slot: str
    value: float | str
    unit: str | None
    display: str
    first: FirstReportOut
    languages: list[FirstReportOut]


class SilentOut(BaseModel):
    """A source that covered stories about this story's people or places, but not this story."""

    source: str
    country: str | None
    country_name: str | None
    stories: int = Field(description="related stories it covered in the window")
    articles: int
    shared: list[str] = Field(description="this story's entity keys it named")
    last_day: date


class CoverageOut(BaseModel):
    """Who covered a story, how fast, and who did not."""

    placed_by: Literal["published", "received"] | None = Field(
        description="what places articles in time: their trusted dates, or (no article dated) "
        "the days received"
    )
    first: FirstReportOut | None = Field(description="the story's first report")
    languages: list[FirstReportOut] = Field(description="each language's first report")
    countries: list[FirstReportOut] = Field(description="each source country's first report")
    unknown_country: int = Field(description="publishers whose country is unknown (.com, files)")
    unplaced: int = Field(description="articles without a trusted date: never first")
    claims: list[ClaimFirstOut] = Field(description="each ledger value's first reporter")
    silent_days: int = Field(description="how far before the first report the silent list looks")
    silent_entities: list[str] = Field(description="the story's entities it matched others on")
    silent: list[SilentOut] = Field(
        description="sources that covered stories naming these entities in the window "
        "(silent_days before the first report to the last), but not this story; most first"
    )
