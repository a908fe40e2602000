"""Plain data passed between the pipeline stages. No I/O here.

The path of one article through newsweave::

    RawDocument  (ingest/: what a file, page, feed entry or record said)
      -> CleanText (normalise.py: body, title, captions, header date)
      -> Article   (pipeline.py: + language, dates, entities, quantities, embedding)
      -> Decision  (cluster/: which story it joined and why)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date


@dataclass(frozen=True)
class RawDocument:
    """One article as a source gave it, before any cleaning.

    ``origin`` names where it came from in messages: a file path, a URL,
    ``path#line 7`` for a JSON Lines record, ``feed.xml#entry 3`` for a feed entry.
    """

    origin: str
    text: str
    title: str | None = None
    published: str | None = None  # the date as the metadata states it, unparsed
    url: str | None = None
    lang: str | None = None
    external_id: str | None = None
    source: str | None = None  # publisher, feed title, or the file's path
    source_country: str | None = None  # ISO 3166-1 alpha-2, as the record or its feed tells it
    notes: tuple[str, ...] = ()  # repairs worth telling the user, e.g. "decoded as cp1252"


@dataclass(frozen=True)
class Rejection:
    """An input that could not become an article, and why (one line)."""

    origin: str
    reason: str


@dataclass(frozen=True)
class CleanText:
    """Text after normalisation: metadata header lines and captions taken out of the body."""

    title: str
    body: str
    captions: tuple[str, ...] = ()
    header_date: str | None = None  # a date found in a metadata-like first line, unparsed


@dataclass(frozen=True)
class DateMention:
    """A date stated in the text, resolved to a calendar day.

    ``relative`` is True when it was resolved against the publication date
    ("on Monday", "yesterday"), so it is only as good as that date.
    """

    value: date
    surface: str
    relative: bool = False


@dataclass(frozen=True)
class Entity:
    """A person, organisation or place, with a language-independent key.

    Variants share a key: "Kim Jong-un", "Kim Jong Un" and "Mr. Kim" all map to
    ``person:kim jong un``; "Coréia do Norte" and "North Korea" to ``place:KP``.
    """

    key: str
    kind: str  # "person" | "org" | "place"
    surface: str


@dataclass(frozen=True)
class Quantity:
    """A number with what it counts, e.g. 12000 "soldiers", 37 "mph" "speed"."""

    value: float
    what: str  # normalised English noun/slot: "soldiers", "killed", "injured", "hours", "speed"
    unit: str | None  # normalised unit where it has one: "mph", "km/h", "hour", None for counts
    surface: str  # the words as written, e.g. "12.000 norte-coreanos"


@dataclass(frozen=True)
class Fact:
    """One thing an article states about its event, in a ledger slot.

    ``slot`` says what the value is about: "killed", "injured", "soldiers", "soldiers (more)",
    "speed", "duration", "event_date". ``value`` is normalised (speeds in km/h, durations in
    hours; the event date as an ISO date string with unit "date");
    ``evidence`` is the sentence that states it, as written, in the article's language.
    ``stated`` is False for a value the article implies rather than states (0 injured when
    a shooting report names no injured), and then ``evidence`` is empty.
    """

    slot: str
    value: float | str
    unit: str | None
    evidence: str
    surface: str = ""
    stated: bool = True


HEADER_DATE = "header"
"""``Article.published_from`` for a date read off a plain-text header line: not trusted (see
``Article.date_trusted``; the stores' SQL says the same in ``store._base.TRUSTED_PUBLISHED_SQL``)."""


@dataclass
class Article:
    """An article ready to be stored and clustered."""

    id: str  # stable: derived from the content
    origin: str
    title: str
    text: str
    lang: str
    content_hash: str
    captions: tuple[str, ...] = ()
    external_id: str | None = None
    url: str | None = None
    source: str | None = None
    source_country: str | None = None  # ISO 3166-1 alpha-2 (ingest/countries.py); None: unknown
    published: date | None = None
    published_from: str | None = None  # "metadata" | HEADER_DATE | "page" | None when unknown
    event_dates: list[DateMention] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quantities: list[Quantity] = field(default_factory=list)
    event_date: date | None = None  # the day the article's event happened, as best it says
    facts: list[Fact] = field(default_factory=list)
    embedding: list[float] | None = None
    # What made ``embedding`` (Embedder.identity: model and window); None in rows stored before
    # it was recorded. A run whose embedder differs reads the article again (prepare.stored_vector).
    embedded_by: str | None = None

    @property
    def date_trusted(self) -> bool:
        """Whether ``published`` may place the article in time: a date read off a header line of a
        plain-text file is often a re-publication or archive date (README), so it is not."""
        return self.published_from != HEADER_DATE


@dataclass(frozen=True)
class Decision:
    """Why an article joined a story: the winning score and its components."""

    article_id: str
    story_id: str
    new_story: bool
    score: float
    components: dict[str, float]
    candidates: int
    shared: tuple[str, ...] = ()  # entity keys and numbers the article shares with the story


@dataclass(frozen=True)
class TranslationLink:
    """Two stored articles found to be one text in two languages, and how sure that is (0..1).

    Which one is the original is decided when a story is read (the earlier one), because an
    article with an earlier trusted date may arrive later.
    """

    article_id: str
    other_id: str
    confidence: float
