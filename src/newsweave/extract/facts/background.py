"""Where a casualty cue sits: in a sentence about the event reported on, or in the page's background.

Counts and cues in page furniture, in tallies over several shootings or a span of time, about
harm other than gunfire, in a count corrected in the same sentence, or in a sentence dated to an
earlier year are not the event's; every casualty reading passes them over.
"""

from __future__ import annotations

import functools
import re

from .cues import scope
from .evidence import Sentences


def first_cue(
    pattern: re.Pattern[str], sentences: Sentences, year: int | None, before: int | None = None
) -> re.Match[str] | None:
    """The first match of a cue pattern in a sentence about this event (see ``casualties._first``), before ``before``."""
    return next(
        (
            m
            for m in pattern.finditer(
                sentences.text, 0, len(sentences.text) if before is None else before
            )
            if not cue_in_background(m, sentences, year)
        ),
        None,
    )


def cue_in_background(cue: re.Match[str], sentences: Sentences, year: int | None) -> bool:
    """Whether a cue sits in page furniture or in a sentence about an earlier year."""
    start, end = sentences.at(cue.start())
    return in_background(sentences.text[start:end], year)


# The casualty readers ask this of the same few sentences again and again (each cue's sentence).
@functools.lru_cache(maxsize=4096)
def in_background(sentence: str, year: int | None) -> bool:
    """Page furniture, a tally over a period or several shootings, harm other than gunfire, a count corrected,
    or a sentence dated to a year before the article's."""
    return (
        bool(scope.FURNITURE.search(sentence))
        or _roundup(sentence)
        # "originally said that seven were shot, but amended"; "wounded or killed by children", "if anyone was hurt"
        or bool(scope.CORRECTED.search(sentence) or scope.EITHER_OR.search(sentence))
        # "a DUI crash"
        or (bool(scope.NOT_GUNFIRE.search(sentence)) and not scope.GUNFIRE.search(sentence))
        or (year is not None and _earlier_year(sentence, year))
    )


def _roundup(sentence: str) -> bool:
    """A tally over several shootings or a span of time: "6 hurt in 2 downtown shootings", "11 shot in 30 hours"."""
    lowered = sentence.lower()
    return any(word in lowered for word in scope.ROUNDUP_WORDS) and bool(
        scope.ROUNDUP.search(sentence)
    )


def _earlier_year(sentence: str, year: int) -> bool:
    """Whether the sentence dates what it tells to a year before the article's."""
    if scope.YEAR_OF_EVENT.search(sentence):
        return False  # "Three charged in 2014 shooting that left teen dead": the event reported on, tried later
    earlier = any(int(y) < year for y in scope.YEAR.findall(sentence))
    if earlier and scope.ADDRESS_NUMBER.search(sentence):  # "the 1900 block of Prospect" is no year
        return any(
            int(y) < year for y in scope.YEAR.findall(scope.ADDRESS_NUMBER.sub("", sentence))
        )
    return earlier
