"""From the quantities an article states to ledger facts: slot names and normalised units.

A slot is what a number is about, the same in every language: "6.000 soldados" (pt) and
"6,000 more personnel" (en) are both "soldiers"; a count added to an earlier one
("outros 6.000", "6,000 more") gets its own slot, "soldiers (more)", so it is not read
as disagreeing with the first. Units are converted so 37 mph and 60 km/h compare.
"""

from __future__ import annotations

import re

from ..numbers import counted_nouns, demonym_nouns, more_words
from ...models import Fact, Quantity
from .evidence import Sentences

# Unit -> (canonical unit, factor). Speeds in km/h, durations in hours, distances in km.
CONVERSIONS: dict[str, tuple[str, float]] = {
    "mph": ("km/h", 1.609344), "km/h": ("km/h", 1.0),
    "minute": ("hour", 1 / 60), "hour": ("hour", 1.0), "day": ("hour", 24.0),
    "week": ("hour", 168.0), "month": ("hour", 730.5), "year": ("hour", 8766.0),
    "mile": ("km", 1.609344), "km": ("km", 1.0), "m": ("km", 0.001), "ft": ("km", 0.0003048),
}
# Slots that say nothing about the story's event: ages of people named, "a thousand times".
_NOT_FACTS = {"age", "times", "shots", "shot", "killed", "injured"}
# Words of war: a count of nationals sent "to fight" is a count of troops.
_MILITARY = re.compile(
    r"\b(?:troops?|soldiers?|fight\w*|battle\w*|front|army|military|deploy\w*|"
    r"lutar|combat\w*|batalha|guerra|tropas|soldados|luchar|batalla|"
    r"kämpf\w*|front|truppen|soldaten|krieg|combattre|bataille|troupes|soldats)\b",
    re.IGNORECASE,
)


def quantity_facts(quantities: list[Quantity], sentences: Sentences) -> list[Fact]:
    """Facts for the counts and measures an article states (casualties are read elsewhere).

    Args:
        quantities: what extract/numbers.py found, in text order.
        sentences: the sentence index of the text they were found in.

    Returns:
        One fact per stated quantity in a known slot, with its sentence as evidence.
    """
    facts: list[Fact] = []
    cursor = 0
    for q in quantities:
        position = sentences.find(q.surface, cursor)
        cursor = max(cursor, position + 1)
        slot = _slot(q, sentences, position)
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


def _slot(q: Quantity, sentences: Sentences, position: int) -> str | None:
    """The slot of one quantity, or None when it is not a fact about the event."""
    if q.what in _NOT_FACTS or not (q.unit or q.what in counted_nouns() or q.what == "money"):
        return None
    slot = q.what
    if slot in demonym_nouns() and position >= 0:
        start, end = sentences.at(position)
        if _MILITARY.search(sentences.text[start:end]):
            slot = "soldiers"
    if _is_more(q, sentences, position):
        slot += " (more)"
    return slot


def _is_more(q: Quantity, sentences: Sentences, position: int) -> bool:
    """"6,000 more personnel", "outros 6.000 soldados", "weitere 6.000 Soldaten"."""
    words = more_words()
    if any(w in words for w in q.surface.lower().split()):
        return True
    before = sentences.text[max(0, position - 20) : max(position, 0)].lower().split()
    return bool(before) and before[-1] in words
