"""A story's ledger: per slot, the value each source states, whether sources agree, and the dates.

Built on demand from the story's stored articles (their facts were read at ingest), so it
always reflects every article the story has.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Sequence
from collections.abc import Set as AbstractSet
from dataclasses import dataclass, field
from datetime import date, timedelta

from ..extract.facts.claims import TALLIES, is_update, slot_role
from ..models import Article, Fact, TranslationLink
from .names import entity_name
from .provenance import Provenance, origins, story_provenance
from .sources import publisher, source_groups

_TOLERANCE = (
    0.03  # relative difference under which two normalised values are one (37 mph ~ 60 km/h)
)
_IMPLIED_WEIGHT = 0.5  # a value an article implies counts half as much as one it states
# A date read off a plain-text header line is often a re-publication or archive date, and a
# day resolved against it ("on Sunday") is no better: they weigh little in the consensus.
_DATE_WEIGHTS = {"stated": 1.0, "relative": 0.6, "publication": 0.4, "header": 0.15}
_DATE_FITS = timedelta(
    days=30
)  # an article's own date further than this from the event's does not fit


@dataclass(frozen=True)
class Witness:
    """One article stating one value."""

    article_id: str
    publisher: str
    lang: str
    published: date | None
    surface: str
    evidence: str
    stated: bool
    revises: bool = False  # its sentence reports the figure as revised ("the toll rose to four")
    date_trusted: bool = True  # False for a header line's date: it never makes a first reporter


@dataclass
class Value:
    """One value of a slot and the articles that state it."""

    value: float | str
    unit: str | None
    witnesses: list[Witness] = field(default_factory=list)
    sources: int = 0  # independent sources among the witnesses
    weight: float = 0.0
    first_reporter: str = ""


@dataclass(frozen=True)
class Update:
    """A slot's value as it changed: the value, and the article that first gave it then."""

    value: Value
    witness: Witness


@dataclass
class Slot:
    """What a fact is about, its values, and whether the sources agree.

    "conflict" is two independent sources giving different values for one claim at the same time
    (the same day, or a day unknown, and neither reporting a revision); a tally whose values differ
    only over time (2 killed on Monday, 4 on Tuesday, or "the toll rose to four") is "updated",
    with ``updates`` the values in the order they were reported and the last one the current.
    A slot with no role (a measure, a bare count: "duration", "money", "soldiers") does not say
    what its figures are of, so different values in it are "distinct", never a conflict.
    """

    name: str
    values: list[Value]
    status: str  # "agreed" | "conflict" | "updated" | "distinct" | "single source"
    majority: float | str | None  # the value most sources give (None on a tie between values)
    updates: list[Update] = field(default_factory=list)


@dataclass(frozen=True)
class StoryDates:
    """The story's event date, how sure it is, and the articles whose own date does not fit."""

    event_date: date | None
    confidence: float  # share of the date evidence that points to event_date (0..1)
    sources: int  # independent sources giving that date
    of_sources: int  # independent sources giving any date
    unfit: list[tuple[str, str]]  # (article id, why its own date does not fit)
    support: float = 0.0  # summed weight behind event_date: under 0.5 no source states it plainly


@dataclass(frozen=True)
class Ledger:
    """Everything the ledger says about one story."""

    slots: list[Slot]
    dates: StoryDates
    entities: list[tuple[str, str, str, int]]  # (kind, key, name, independent sources)
    provenance: dict[str, Provenance] = field(default_factory=dict)  # by article id


def build_ledger(articles: list[Article], links: Sequence[TranslationLink] = ()) -> Ledger:
    """The ledger of a story from its articles, in arrival order, and their stored translation
    links. A claim counts once per origin: a copy or a translation of an article, and articles
    of one publisher, are one source with it, so agreeing with it is no corroboration."""
    provenance = story_provenance(articles, links)
    groups = source_groups(articles, origins(provenance))
    by_slot: dict[str, list[tuple[Article, Fact]]] = defaultdict(list)
    for article in articles:
        for fact in article.facts:
            if fact.slot != "event_date":
                by_slot[fact.slot].append((article, fact))
    slots = [_slot(name, claims, groups) for name, claims in by_slot.items()]
    slots.sort(
        key=lambda s: (_SLOT_ORDER.get(s.name, 9), -max(v.sources for v in s.values), s.name)
    )
    return Ledger(slots, story_dates(articles, groups), _entities(articles, groups), provenance)


_SLOT_ORDER = {"killed": 0, "injured": 1, "missing": 2, "evacuated": 3}


def _slot(name: str, claims: list[tuple[Article, Fact]], groups: dict[str, int]) -> Slot:
    """One slot: its values (equal within _TOLERANCE) with their witnesses, status and majority."""
    values: list[Value] = []
    for article, fact in claims:
        value = next(
            (v for v in values if _same(v.value, fact.value) and v.unit == fact.unit), None
        )
        if value is None:
            value = Value(fact.value, fact.unit)
            values.append(value)
        if any(w.article_id == article.id for w in value.witnesses):
            continue  # an article repeating its own figure is still one witness
        value.witnesses.append(
            Witness(
                article.id,
                publisher(article),
                article.lang,
                article.published,
                fact.surface,
                fact.evidence,
                fact.stated,
                fact.stated and is_update(article.lang, fact.evidence),
                article.date_trusted,
            )
        )
    for value in values:
        _tally(value, groups)
    values.sort(key=lambda v: (-v.weight, -v.sources))
    # A value only implied (0 injured where a report names none) never makes a conflict
    # with values sources state; it counts when nothing is stated.
    stated = [v for v in values if any(w.stated for w in v.witnesses)] or values
    sources = {groups[w.article_id] for v in stated for w in v.witnesses}
    role = slot_role(name)
    tally = role in TALLIES
    updates = _updates(stated) if len(stated) > 1 and tally else []
    if len(sources) < 2:
        status = "updated" if updates else "single source"
    elif len(stated) > 1 and role is None:
        status = "distinct"  # "24 hours" of rain and "20 years" since the last flood: not one claim
    elif len(stated) > 1 and not updates:
        status = (
            "conflict"  # two independent sources, two values, and no order in time between them
        )
    else:
        status = "updated" if updates else "agreed"
    tie = len(values) > 1 and values[0].weight == values[1].weight
    return Slot(name, values, status, None if tie else values[0].value, updates)


def _updates(values: list[Value]) -> list[Update]:
    """The values in the order they were reported, each where it first replaced the one before.

    Empty unless every change comes later than the value it replaces (a later day, or a
    revision reported the same day): two values at one time are no sequence.
    """
    said = [(v, w) for v in values for w in v.witnesses if w.stated and w.published is not None]
    said.sort(key=lambda vw: _when(vw[1]))
    changes: list[Update] = []
    for n, (value, witness) in enumerate(said):
        before, earlier = said[n - 1] if n else (None, None)
        if earlier is not None and before is not value and _when(earlier) == _when(witness):
            return []  # two values at one time: a disagreement, not a sequence
        if changes and changes[-1].value is value:
            continue
        if any(u.value is value for u in changes):
            return []  # back to an earlier figure: sources disagree, it is no update
        changes.append(Update(value, witness))
    undated = any(w.stated and w.published is None for v in values for w in v.witnesses)
    return changes if len(changes) > 1 and not undated else []


def _when(witness: Witness) -> tuple[date, bool]:
    """When a witness reported: its day, and a revision after the figures it revises."""
    assert witness.published is not None
    return witness.published, witness.revises


def _same(a: float | str, b: float | str) -> bool:
    """Whether two normalised values are one: equal dates, or numbers within _TOLERANCE."""
    if isinstance(a, str) or isinstance(b, str):
        return a == b
    return abs(a - b) <= _TOLERANCE * max(abs(a), abs(b))


def _tally(value: Value, groups: dict[str, int]) -> None:
    """Independent sources, weight (stated counts fully) and the first reporter of one value."""
    best: dict[int, float] = {}
    for w in value.witnesses:
        g = groups[w.article_id]
        best[g] = max(best.get(g, 0.0), 1.0 if w.stated else _IMPLIED_WEIGHT)
    value.sources, value.weight = len(best), sum(best.values())
    # Earliest by the article's own trusted date (as coverage reads it); arrival order breaks ties.
    first = min(
        enumerate(value.witnesses),
        key=lambda iw: ((iw[1].published if iw[1].date_trusted else None) or date.max, iw[0]),
    )
    value.first_reporter = first[1].article_id


def story_dates(articles: list[Article], groups: dict[str, int] | None = None) -> StoryDates:
    """The consensus event date, its confidence, and the articles whose own date does not fit it."""
    groups = groups if groups is not None else source_groups(articles)
    # Weights, not counts: per source group, the best-founded vote for each day.
    votes: dict[int, dict[date, float]] = defaultdict(dict)
    for article in articles:
        fact = next((f for f in article.facts if f.slot == "event_date"), None)
        if fact is not None and article.event_date is not None:
            basis = _date_basis(article, fact)
            if basis == "header":  # untrusted (README): a header date, or a day counted from one
                continue
            weight = _DATE_WEIGHTS[basis]
            group = votes[groups[article.id]]
            group[article.event_date] = max(group.get(article.event_date, 0.0), weight)
    total: dict[date, float] = defaultdict(float)
    for group in votes.values():
        for day, vote in group.items():
            total[day] += vote
    if not total:
        return StoryDates(None, 0.0, 0, 0, _spread(articles, None))
    day, weight = max(total.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))
    agreeing = sum(1 for g in votes.values() if day in g)
    confidence = round(weight / sum(total.values()), 2)
    # An article that gave the event date is its witness, whatever its own date says.
    witnesses = {a.id for a in articles if a.event_date == day}
    return StoryDates(
        day, confidence, agreeing, len(votes), _spread(articles, day, witnesses), round(weight, 2)
    )


def _date_basis(article: Article, fact: Fact) -> str:
    """How an article's event date was found: stated outright, relative, or only its own date."""
    header = not article.date_trusted
    if not fact.stated:
        return "header" if header else "publication"
    mention = next((d for d in article.event_dates if d.surface == fact.surface), None)
    if mention is not None and mention.relative:
        return "header" if header else "relative"
    return "stated"


def _spread(
    articles: list[Article], event: date | None, witnesses: AbstractSet[str] = frozenset()
) -> list[tuple[str, str]]:
    """Articles whose own date does not fit the event: far from it, or far from each other."""
    unfit: list[tuple[str, str]] = []
    dated = [a for a in articles if a.published is not None]
    for article in dated:
        assert article.published is not None
        if article.id in witnesses:
            continue
        if event is not None and article.published < event - timedelta(days=1):
            unfit.append((article.id, f"dated {article.published}, before the event ({event})"))
        elif event is not None and article.published - event > _DATE_FITS:
            unfit.append(
                (
                    article.id,
                    f"dated {article.published}, {(article.published - event).days} days after the event ({event})",
                )
            )
    dated = [a for a in dated if a.id not in witnesses]
    if len(dated) > 1:
        early = min(dated, key=lambda a: a.published or date.max)
        late = max(dated, key=lambda a: a.published or date.min)
        assert early.published is not None and late.published is not None
        gap = (late.published - early.published).days
        if gap > _DATE_FITS.days:
            why = f"own dates {early.published} and {late.published} are {gap} days apart for one event"
            unfit.extend((a.id, why) for a in (early, late))
    merged: dict[str, list[str]] = defaultdict(list)
    for article_id, why in unfit:
        merged[article_id].append(why)
    return [(article_id, "; ".join(whys)) for article_id, whys in merged.items()]


def _entities(articles: list[Article], groups: dict[str, int]) -> list[tuple[str, str, str, int]]:
    """People, organisations and places, each under one name, with the number of independent sources naming it."""
    names: dict[str, Counter[str]] = defaultdict(Counter)
    kinds: dict[str, str] = {}
    sources: dict[str, set[int]] = defaultdict(set)
    for article in articles:
        for e in article.entities:
            names[e.key][e.surface] += 1
            kinds[e.key] = e.kind
            sources[e.key].add(groups[article.id])
    rows = [(kinds[k], k, entity_name(k, names[k]), len(sources[k])) for k in names]
    return sorted(rows, key=lambda r: (r[0], -r[3], r[1]))
