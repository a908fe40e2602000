"""From the quantities an article states to ledger facts: slot names and normalised units.

A slot is what a number is about, the same in every language: "6.000 soldados" (pt) and
"6,000 more personnel" (en) are both "soldiers"; a count added to an earlier one
("outros 6.000", "6,000 more") gets its own slot, "soldiers (more)", so it is not read
as disagreeing with the first. Units are converted so 37 mph and 60 km/h compare.
"""

from __future__ import annotations

import re

from ...models import Fact, Quantity
from ..numbers import counted_nouns, demonym_nouns, more_words
from .claims import counted_group, identify, is_casualty, pack
from .evidence import Sentences

# Unit -> (canonical unit, factor). Speeds in km/h, durations in hours, distances in km.
CONVERSIONS: dict[str, tuple[str, float]] = {
    "mph": ("km/h", 1.609344),
    "km/h": ("km/h", 1.0),
    "minute": ("hour", 1 / 60),
    "hour": ("hour", 1.0),
    "day": ("hour", 24.0),
    "week": ("hour", 168.0),
    "month": ("hour", 730.5),
    "year": ("hour", 8766.0),
    "mile": ("km", 1.609344),
    "km": ("km", 1.0),
    "m": ("km", 0.001),
    "ft": ("km", 0.0003048),
    # Areas in m²: "12 000 mètres carrés" is a floor area, never 12 km.
    "m2": ("m²", 1.0),
    "km2": ("m²", 1e6),
    "ha": ("m²", 1e4),
    "acre": ("m²", 4046.8564),
    "sq ft": ("m²", 0.09290304),
}
# A figure's words "more"/"outros" sit just before it: "outros 6.000 soldados" (characters).
_MORE_BEFORE = 20
# Roles that name the people they count when they stand for the noun ("1,200 evacuated", "430
# desalojados"); "150 neue [Arbeitsplätze]" is not a count of people created.
_PEOPLE_ROLES = {"evacuated", "missing", "arrested", "displaced", "sheltered", "killed", "injured"}
# Counted people whose noun says nothing of their part in the event: with no role word ("6,000
# people use the line every day", "two men"), two such counts are not known to count the same
# thing, so they are not compared (casualties.py reads the victims).
_ANYONE = {
    "people",
    "men",
    "women",
    "children",
    "teenagers",
    "boys",
    "girls",
    "victims",
    "adults",
    "students",
    "others",
    "suspects",
}
# Groups whose count is already of those sent to the scene: "deployed" adds nothing to them.
_SENT = {"soldiers", "responders", "vehicles"}
# Slots that say nothing about the story's event: ages of people named, "a thousand times".
_NOT_FACTS = {"age", "times", "shots", "shot", "killed", "injured"}
# Words of war: a count of nationals sent "to fight" is a count of troops.
_MILITARY = re.compile(
    r"\b(?:troops?|soldiers?|fight\w*|battle\w*|front|army|military|deploy\w*|"
    r"lutar|combat\w*|batalha|guerra|tropas|soldados|luchar|batalla|"
    r"kämpf\w*|front|truppen|soldaten|krieg|combattre|bataille|troupes|soldats)\b",
    re.IGNORECASE,
)


def quantity_facts(
    quantities: list[Quantity], sentences: Sentences, lang: str = "und"
) -> list[Fact]:
    """Facts for the counts and measures an article states (casualties are read elsewhere).

    Args:
        quantities: what extract/numbers.py found, in text order.
        sentences: the sentence index of the text they were found in.
        lang: the text's language, whose claims pack names counted nouns, roles and background.

    Returns:
        One fact per stated quantity about the event, in the slot of its identity (what it
        counts, its role, its unit's kind), with its sentence as evidence. Background figures
        (a town's population, "15 km west of", an age, "three weeks after" another event)
        and casualty counts (read by casualties.py) give none.
    """
    facts: list[Fact] = []
    cursor = 0
    for q in quantities:
        position = sentences.find(q.surface, cursor)
        cursor = max(cursor, position + 1)
        slot = _slot(q, sentences, position, lang)
        if slot is None:
            continue
        value, unit = normalise(q.value, q.unit)
        facts.append(Fact(slot, value, unit, sentences.quote(position, len(q.surface)), q.surface))
    return facts


def normalise(value: float, unit: str | None) -> tuple[float, str | None]:
    """A value in its slot's canonical unit (37 mph -> 59.55 km/h); counts are left as they are."""
    if unit in CONVERSIONS:
        canonical, factor = CONVERSIONS[unit]
        return round(value * factor, 4), canonical
    return value, unit


def _slot(q: Quantity, sentences: Sentences, position: int, lang: str) -> str | None:
    """The slot of one quantity ("evacuated", "evacuated workers", "area"), or None when it is not
    a fact about the event."""
    if q.what in _NOT_FACTS:
        return None
    kind = q.what if q.unit else None
    noun = q.surface.split()[-1] if q.surface.split() else ""
    group = noun_role = None
    if kind is None:
        group = counted_group(lang, q.surface, q.what) or (
            q.what if q.what in counted_nouns() else None
        )
        if group is None:
            # "1,200 evacuated", "430 desalojados": the role word stands for the people it counts.
            noun_role = _role_noun(q, lang)
            group = "people" if noun_role else None
        if group is None:
            return None
    claim = identify(lang, sentences.text, position, position + len(q.surface), kind, noun)
    if claim.background is not None:
        return None
    role = noun_role or claim.role
    if is_casualty(role):
        return None  # casualties.py reads killed and injured, with their negations
    if kind is not None:
        return kind
    assert group is not None
    if group in demonym_nouns() and position >= 0:
        start, end = sentences.at(position)
        if _MILITARY.search(sentences.text[start:end]):
            group = "soldiers"
    if role == "deployed" and group == "people":
        group = "responders"  # "ont engagé 95 hommes": the men sent are firefighters
    if role == "deployed" and group in _SENT:
        role = None
    if role is None and group in _ANYONE:
        return None
    slot = group if role is None else role if group == "people" else f"{role} {group}"
    if _is_more(q, sentences, position):
        slot += " (more)"
    return slot


def _role_noun(q: Quantity, lang: str) -> str | None:
    """The role of a figure whose noun is a role word ("1,200 evacuated", "430 desalojados")."""
    found = pack(lang)
    words = q.surface.split()
    if found is None or len(words) < 2:
        return None
    for name, pattern in found.roles:
        if name in _PEOPLE_ROLES and pattern.match(words[-1]):
            return name
    return None


def _is_more(q: Quantity, sentences: Sentences, position: int) -> bool:
    """ "6,000 more personnel", "outros 6.000 soldados", "weitere 6.000 Soldaten"."""
    words = more_words()
    if any(w in words for w in q.surface.lower().split()):
        return True
    before = sentences.text[max(0, position - _MORE_BEFORE) : max(position, 0)].lower().split()
    return bool(before) and before[-1] in words
