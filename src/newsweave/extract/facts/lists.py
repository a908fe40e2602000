"""Victims named in a list without a number: "shot his wife, her friend and a deputy" is three."""

from __future__ import annotations

import re

from .background import cue_in_background
from .count import Count
from .cues import figures, unnumbered
from .evidence import Sentences


def listed_victims(sentences: Sentences, year: int | None) -> tuple[Count | None, Count | None]:
    """Victims named in a list without a number, as (shot, wounded): "shot his wife, her friend and a deputy" is
    three shot, the dead among them; "injuring a girl and a man", "her mother, grandmother and a friend were
    wounded" are wounded besides the dead."""
    text = sentences.text
    found: dict[str, re.Match[str]] = {}  # "shot" or "wounded": the first list of each
    for verb in unnumbered.LIST_VERB.finditer(text):
        kind = "shot" if verb[1] else "wounded"
        if kind in found or not _and_within(text, verb.end(), 100):
            continue  # no list without its "and": the slower match is skipped
        if text.endswith(("fatally", "killed and"), 0, verb.start()):
            continue  # "fatally shot his wife and two sons": the dead, counted as such
        listed = unnumbered.A_LIST.match(text, verb.end())
        if listed and not cue_in_background(listed, sentences, year):
            found[kind] = listed
    for verb in unnumbered.PLURAL_HURT.finditer(text):
        kind = "shot" if verb[1].lower() == "shot" else "wounded"
        listed = (
            None
            if kind in found
            else unnumbered.LISTED_BEFORE.search(text, max(0, verb.start() - 120), verb.start())
        )
        if listed and not cue_in_background(listed, sentences, year):
            found[kind] = listed
    return _list_count(found.get("shot")), _list_count(found.get("wounded"))


def _and_within(text: str, start: int, length: int) -> bool:
    """Whether "and" (or "&") follows ``start`` within ``length`` characters."""
    end = start + length
    return any(text.find(word, start, end) >= 0 for word in (" and ", " And ", " & "))


def _list_count(found: re.Match[str] | None) -> Count | None:
    """How many a list names: "his wife and two young sons" is three."""
    if found is None:
        return None
    value = 0
    for one in unnumbered.LIST_SPLIT.split(found[1]):
        number = unnumbered.LISTED_NUMBER.match(one)  # "his two daughters": two
        value += figures.count_word(number[1]) if number else 1
    return Count(float(value), found[0], found.start(), False)
