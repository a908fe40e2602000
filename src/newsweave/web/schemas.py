"""What the API sends and accepts: pydantic models, so the OpenAPI document is the real contract.

The HTML pages render the same models, so a page and its API twin never disagree.
"""

from __future__ import annotations

from datetime import date
from typing import Literal

from pydantic import BaseModel, Field, field_validator

from ..extract.dates import parse_date
from .coverage_schemas import CoverageOut
from .provenance_schemas import ProvenanceOut

MAX_PAGE = 100
"""Largest page of stories or hits one request returns: bounds the work a single GET can ask for."""

MAX_POST = 500
"""Most articles one POST may carry: one request stays one bounded pipeline run."""


NO_NUL = r"^[^\x00]*$"
"""A field kept as sent must hold no NUL character: PostgreSQL text cannot store one, so the store
would refuse the whole batch (text and title are cleaned of control characters; these are not)."""

TimelineBasis = Literal["published", "received"]
"""What places an article on a story's timeline: its own date, or the day newsweave stored it."""


class StoryOut(BaseModel):
    """One story in a list."""

    id: str
    title: str
    languages: list[str] = Field(description="ISO 639-1 codes of its articles' languages")
    articles: int
    sources: int
    first_date: date | None
    last_date: date | None
    hits: list[HitOut] = Field(
        default_factory=list, description="the articles that matched the search, best first"
    )


class HitOut(BaseModel):
    """An article found by a search."""

    article_id: str
    story_id: str
    title: str
    lang: str
    score: float = Field(
        description="cosine similarity (meaning) or BM25 relevance (text); higher is better"
    )
    snippet: str | None = Field(
        None, description="text mode: the matching passage, matches between \\u0002 and \\u0003"
    )
    found_by: str = Field(
        "meaning", description='what found it: "words", "meaning" or "words and meaning"'
    )


class StoryPage(BaseModel):
    """A page of stories; ``next_offset`` is null on the last page."""

    items: list[StoryOut]
    total: int = Field(
        description="how many stories match in all (with a search: among its best 200 articles)"
    )
    limit: int
    offset: int
    next_offset: int | None


class SearchPage(BaseModel):
    """Articles matching a search, best first."""

    query: str
    mode: Literal["both", "text", "meaning"]
    items: list[HitOut]


class EntityOut(BaseModel):
    """A person, organisation or place and how many articles name it."""

    key: str
    kind: str
    surface: str
    articles: int


class QuantityOut(BaseModel):
    """A number with what it counts, as an article states it."""

    value: float
    what: str
    unit: str | None
    surface: str


class DateOut(BaseModel):
    """A date stated in the text; ``relative`` when resolved against the publication date."""

    value: date
    surface: str
    relative: bool


class WhyOut(BaseModel):
    """Why an article is in its story: the decision with its score components."""

    new_story: bool = Field(description="true when the article founded the story")
    score: float
    components: dict[str, float]
    candidates: int
    shared: list[str] = Field(description="entity keys and numbers shared with the story")


class ArticleBrief(BaseModel):
    """An article as a story lists it."""

    id: str
    external_id: str | None
    title: str
    lang: str
    source: str = Field(
        description="the source as the ledger names it: the web site, else the named source, "
        "else the file's name"
    )
    origin: str = Field(
        "", description="where newsweave read it: a path (#line or #entry), a URL, or api#record"
    )
    url: str | None
    published: date | None
    published_from: str | None
    why: WhyOut
    provenance: ProvenanceOut | None = Field(
        None, description="where it comes from within its story (none in a story's feed)"
    )
    derives_from: str | None = Field(
        None, description="the title of the article it derives from, as the page names it"
    )


class TimelinePoint(BaseModel):
    """How many of a story's articles in one language fall on one day."""

    day: date
    lang: str
    articles: int
    basis: TimelineBasis = Field(
        description="published: the articles' own date; received: undated articles, placed on the day newsweave stored them"
    )


class FactOut(BaseModel):
    """One thing an article states about its event, in a ledger slot."""

    slot: str = Field(
        description='what the value is about: "killed", "injured", "speed", "event_date" ...'
    )
    value: float | str = Field(
        description="normalised: counts as numbers, speeds in km/h, durations in hours, "
        "dates as ISO dates"
    )
    unit: str | None
    evidence: str = Field(
        description="the sentence stating it, as written, in the article's language; "
        "empty when the value is implied"
    )
    surface: str = Field(description="the words that state the value, as written")
    stated: bool = Field(
        description="false when the article implies the value rather than states it"
    )


class LedgerWitness(BaseModel):
    """One article stating one value of a slot."""

    article: str = Field(description="the article's id: GET /api/articles/{article}")
    lang: str
    publisher: str = Field(
        description="the source it counts as: an article and its reprints are one source"
    )
    published: date | None
    surface: str = Field(description="the words that state the value, as written")
    evidence: str = Field(
        description="the sentence stating it, as written, in the article's language"
    )
    stated: bool = Field(
        description="false when the article implies the value rather than states it"
    )


class LedgerValue(BaseModel):
    """One value of a slot and the articles that state it."""

    value: float | str = Field(description="normalised, as in FactOut.value")
    unit: str | None
    display: str = Field(description="the value as a reader would say it")
    sources: int = Field(description="independent sources stating it")
    first_reporter: str = Field(
        description="id of the earliest article (by its own date) stating it"
    )
    articles: list[LedgerWitness]


class LedgerUpdate(BaseModel):
    """A slot's value where it changed, and the article that first gave it then."""

    value: float | str
    unit: str | None
    display: str
    article: str
    publisher: str
    published: date | None
    evidence: str


class LedgerSlot(BaseModel):
    """What a fact is about, the values sources give, and whether they agree."""

    slot: str = Field(
        description='what the figures count and their role or kind: "killed", "evacuated", '
        '"evacuated workers", "responders", "duration", "area" ...'
    )
    status: Literal["agreed", "conflict", "updated", "distinct", "single source"] = Field(
        description="agreed: several independent sources, one value; conflict: independent sources give "
        "different values for one claim at the same time (the same day, or undated); updated: "
        "a tally (killed, evacuated...) whose values differ only over time (see updates); "
        "distinct: a measure or bare count with different values, not known to be one claim "
        "(24 hours of rain, 20 years since the last flood); single source: one independent source"
    )
    majority: float | str | None = Field(
        description="the value most sources give; null when they split evenly"
    )
    updates: list[LedgerUpdate] = Field(
        default_factory=list,
        description="when updated: each value in the order "
        "it was reported, with the article first giving it; the last is the current",
    )
    values: list[LedgerValue] = Field(description="most supported first")


class UnfitDate(BaseModel):
    """An article whose own date does not fit the story's event, and why."""

    article: str
    why: str


class LedgerEntity(BaseModel):
    """A person, organisation or place and how many independent sources name it."""

    kind: str
    key: str
    name: str
    sources: int


class LedgerOut(BaseModel):
    """A story's ledger, as ``newsweave story --json`` and ``export stories`` give it."""

    event_date: date | None = Field(description="the consensus date of the event")
    event_date_confidence: float = Field(
        description="share of the date evidence pointing to event_date (0..1)"
    )
    event_date_sureness: Literal["high", "medium", "low"]
    event_date_sources: tuple[int, int] = Field(
        description="[independent sources giving event_date, independent sources giving any date]"
    )
    unfit_dates: list[UnfitDate] = Field(
        description="articles whose own date does not fit the event: not trusted"
    )
    slots: list[LedgerSlot]
    entities: list[LedgerEntity]
    counting: str = Field(
        "", description="how sources are counted: once per origin (copies and translations not)"
    )
    provenance: list[ProvenanceOut] = Field(
        default_factory=list, description="each article's provenance within the story"
    )


class StoryDetail(BaseModel):
    """A story with its articles, timeline, entities, numbers and ledger."""

    id: str
    title: str
    languages: list[str]
    articles: list[ArticleBrief]
    timeline: list[TimelinePoint]
    undated: int = Field(
        description="articles with no trusted date of their own (none, or only a text file's header line): left off the timeline, unless no article "
        "of the story is dated, when every article is placed by the day it was received"
    )
    entities: list[EntityOut]
    quantities: list[QuantityOut]
    ledger: LedgerOut = Field(
        description="the story's ledger: per slot, the value each source states, whether "
        "sources agree, and the story's event date"
    )
    coverage: CoverageOut = Field(
        description="who reported the story first, in which languages and countries, how late, "
        "and which sources that cover its people and places stayed silent"
    )
    history: list[HistoryOut] = Field(
        default_factory=list,
        description="how the story came to be, oldest first: "
        "who founded it, each join with its score, each analyst's correction",
    )


class ArticleOut(BaseModel):
    """One article: its cleaned text and everything extracted from it."""

    id: str
    external_id: str | None
    story_id: str
    title: str
    text: str
    captions: list[str]
    lang: str
    source: str = Field(
        description="the source as the ledger names it: the web site, else the named source, "
        "else the file's name"
    )
    origin: str = Field(
        "", description="where newsweave read it: a path (#line or #entry), a URL, or api#record"
    )
    source_country: str | None = Field(
        None,
        description="ISO 3166-1 alpha-2 of the source: the record's or feed's own, else the "
        "url's country-code domain; null when unknown (.com gives none)",
    )
    url: str | None
    published: date | None
    published_from: str | None
    event_dates: list[DateOut]
    event_date: date | None = Field(
        description="the day the article's event happened, as best the article says"
    )
    facts: list[FactOut] = Field(
        description="what the article states for the story's ledger: the event_date slot "
        "first when known, then casualty counts, then other counts and measures"
    )
    entities: list[EntityOut]
    quantities: list[QuantityOut]
    why: WhyOut


class ArticleIn(BaseModel):
    """An article to ingest: only ``text`` is required (the fields of a JSON Lines record)."""

    text: str = Field(min_length=1, max_length=20_000_000)
    title: str | None = None
    id: str | None = Field(
        None, description="your id for it, kept as its external id", pattern=NO_NUL
    )
    published: str | None = Field(
        None,
        description="a full date as the source states it (2025-06-30, "
        "2025-06-30T10:00:00Z, 'Tue, 10 Jun 2003 04:00:00 GMT', '19 de junho de 2025'); "
        "'yesterday' or 'June' is refused with 422",
    )
    url: str | None = Field(None, pattern=NO_NUL)
    lang: str | None = Field(None, description="ISO 639-1, when known; detected otherwise")
    source: str | None = None
    source_country: str | None = Field(
        None,
        description="the source's country (DE, DEU or Germany); read off the url's "
        "country-code domain otherwise (.de: Germany; .com: none)",
        max_length=100,
    )

    @field_validator("text", "title", "id", "published", "url", "lang", "source", "source_country")
    @classmethod
    def _encodable(cls, value: str | None) -> str | None:
        # JSON may escape a lone surrogate ("\\ud800"); neither store can encode one, and the
        # pipeline's write would fail for the whole batch.
        if value is not None:
            try:
                value.encode("utf-8")
            except UnicodeEncodeError as error:
                raise ValueError(
                    f"not valid Unicode: a lone surrogate at character {error.start}"
                ) from None
        return value

    @field_validator("published")
    @classmethod
    def _full_date(cls, value: str | None) -> str | None:
        # A date that cannot be read would be stored as "no date" without a word: say so instead.
        if value is not None and value.strip() and parse_date(value) is None:
            raise ValueError(
                f"not a full date newsweave can read: {value[:80]!r} (e.g. 2025-06-30 or ISO 8601)"
            )
        return value


class Stored(BaseModel):
    """What became of one posted article."""

    id: str
    status: Literal["new", "duplicate", "updated"]
    story_id: str | None


class Rejected(BaseModel):
    """A posted article that could not be stored, and why."""

    origin: str
    reason: str


class IngestResult(BaseModel):
    """What a POST of articles did."""

    new: int
    duplicate: int
    updated: int
    new_stories: int
    articles: list[Stored]
    rejected: list[Rejected]


class Problem(BaseModel):
    """An error: ``detail`` says what was wrong and how to put it right."""

    detail: str


HistoryKind = Literal["founded", "joined", "merge", "move", "split", "undo"]
CorrectionKind = Literal["merge", "move", "split", "undo"]


class HistoryOut(BaseModel):
    """One event of a story's history: the machine's founding and joins, an analyst's corrections."""

    kind: HistoryKind
    at: str = Field(description="when (ISO 8601, UTC)")
    by: str = Field(
        description="'newsweave' for the machine; the analyst (CLI user or token name) for a correction"
    )
    text: str
    why: str = ""
    article: str | None = Field(None, description="the article that founded or joined")
    score: float | None = Field(None, description="a join's score")
    entry: int | None = Field(
        None,
        description="a correction's history entry id: POST /api/history/{entry}/undo reverts it",
    )
    undone_by: int | None = None


StoryOut.model_rebuild()
StoryDetail.model_rebuild()
