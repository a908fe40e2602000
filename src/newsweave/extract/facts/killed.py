"""How many were killed, as an English shooting report tells it (see casualties.py).

The first count stated wins; without one, murder charges, the dead told without a number ("a double
homicide"), or one death told in words ("was shot and killed").
"""

from __future__ import annotations

import re

from ...models import Quantity
from .background import first_cue
from .count import Count
from .cues import figures, harm, unnumbered
from .evidence import Sentences
from .stated_counts import first_count, lead_end


def count_killed(
    text: str, quantities: list[Quantity], sentences: Sentences, year: int | None
) -> Count:
    """Killed: the first count stated, else charges, several dead, or one death told in words."""
    stated = first_count(quantities, "killed", sentences, year)
    if stated:
        return stated
    # A lead that counts the wounded and tells of no death: a death told later is another event's
    # ("Five wounded at a nightclub ... a fatal shooting last week") or a victim's who might die.
    wounded = first_count(quantities, "injured", sentences, year) or first_count(
        quantities, "shot", sentences, year
    )
    lead = lead_end(sentences)
    lead = lead if wounded is not None and wounded.position < lead else len(text)
    charges = harm.MURDER_COUNTS.search(text)
    if charges:
        return Count(float(figures.count_word(charges[1])), charges[0], charges.start(), False)
    several = _several_dead(text, sentences)
    if several:
        return several
    death, suicide = (
        first_cue(harm.DEATH, sentences, year, lead),
        first_cue(harm.SUICIDE, sentences, year, lead),
    )
    death = death or _death_more(text, sentences, year, lead)
    if suicide and _told_twice(death, suicide, text):
        suicide = None
    value = (1.0 if death else 0.0) + (1.0 if suicide else 0.0)
    cue = death or suicide
    return Count(value, cue[0], cue.start(), False) if cue else Count(0.0, "", -1, False)


def _death_more(
    text: str, sentences: Sentences, year: int | None, lead: int
) -> re.Match[str] | None:
    """One death told in words DEATH does not know: "pronounced clinically dead", "a charge of negligent homicide"."""
    lowered = text.lower()
    if not any(
        word in lowered for word in harm.DEATH_MORE_WORDS
    ):  # most texts have none: skip the search
        return None
    return first_cue(harm.DEATH_MORE, sentences, year, lead)


def _several_dead(text: str, sentences: Sentences) -> Count | None:
    """Several dead without a number ("a double homicide", "Woman, 3-year-old dead"), and a killer's suicide after."""
    found = unnumbered.SEVERAL.search(text) or _two_named_dead(text)
    if found is None:
        return None
    value = unnumbered.MULTIPLE.get(
        ((found[1] if found.re is unnumbered.SEVERAL else None) or "").lower(), 2
    )
    end = sentences.at(found.start())[1]
    # "double murder-suicide", "kills his girlfriend and her daughter, turns the gun on himself"
    value += bool(
        harm.THEN_SUICIDE.search(text, found.start(), end)
        or harm.AND_SUICIDE.match(text, found.end())
    )
    return Count(float(value), found[0], found.start(), False)


def _told_twice(death: re.Match[str] | None, suicide: re.Match[str], text: str) -> bool:
    """A self-shooting that is no second death: "boy killed himself" (one death told twice), or an accident
    ("accidentally shot himself": a wound, or the one death told)."""
    if "murder" in suicide[0].lower():  # "murder-suicide": two deaths
        return False
    overlap = death is not None and death.start() < suicide.end() and suicide.start() < death.end()
    return overlap or bool(harm.ACCIDENT.search(text))


def _two_named_dead(text: str) -> re.Match[str] | None:
    """ "Woman, 3-year-old dead", "a suspect and a bystander were killed": two dead without a number."""
    for word in harm.DEAD_WORD.finditer(text):
        two = unnumbered.TWO_BEFORE_DEAD.search(text, max(0, word.start() - 90), word.start())
        if two:
            return two
    return None
