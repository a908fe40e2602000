"""Claim identity: what a figure counts, its role, and whether it is about the story's event.

"1.200 pessoas foram retiradas de casa" counts people and they were evacuated; "a town of about
9,000 people" is the town's population, background to the story; "three weeks after the floods"
measures the time since another event; "the worst in twenty years" compares. The ledger compares
only figures with the same identity, so each of these gets its own slot or none.

The words of each language live in ``extract/data/lang/<code>/claims.json``; a language without
a pack still gets its counted noun from extract/numbers.py, but no role and no background.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from collections.abc import Callable
from dataclasses import dataclass
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

# How far from a figure its role word may sit, in characters: a clause of a news sentence.
# "350 habitants du lotissement des Grands-Champs, voisin du site, ont été évacués" needs 60
# after; "forcing the authorities to evacuate 350 residents" about 30 before.
ROLE_AFTER = 70
ROLE_BEFORE = 45
# A background cue sits right next to the figure: "a town of about 9,000", "15 km west of",
# "three weeks after the", "hace tres semanas".
NEXT_TO = 25
# "the worst flood in more than twenty years": the comparing word opens the clause the figure ends.
COMPARISON_BEFORE = 45
# The next figure or the sentence's end closes a figure's clause; a comma opens one.
_CLAUSE_END = re.compile(r"[.;:!?\n]|\d")
_CLAUSE_START = re.compile(r"[.;:!?\n,()\u2013\u2014]|\d")
_ROLE_ORDER = ("killed", "injured")  # casualty roles: read by casualties.py, never a slot here
# Tallies of the event: they grow or are revised as news comes in (2 killed, then 4).
TALLIES = ("killed", "injured", "missing", "evacuated", "arrested", "displaced", "sheltered")
# Every role a pack may name: a slot that starts with one states what its figure counts and why.
ROLES = (*TALLIES, "employed", "laid off", "created", "deployed")


@dataclass(frozen=True)
class Claim:
    """The part a figure plays in its sentence, and whether it belongs to the story's event."""

    role: str | None  # "evacuated", "missing", "employed"… (None: the sentence gives none)
    background: str | None  # why the figure is not about the event: "population", "location"…


@dataclass(frozen=True)
class _Pack:
    nouns: dict[str, str]  # surface word -> group
    population_nouns: frozenset[str]
    roles: list[tuple[str, re.Pattern[str]]]
    population: re.Pattern[str] | None
    location: re.Pattern[str] | None
    comparison: re.Pattern[str] | None
    interval: re.Pattern[str] | None
    interval_before: re.Pattern[str] | None
    age: re.Pattern[str] | None
    clause: re.Pattern[str] | None
    update: re.Pattern[str] | None
    hedges: re.Pattern[str] | None  # "about", "cerca de", "rund": between a cue and its figure


def _cues(words: list[str], *, whole: bool = False, anchor: str = "") -> re.Pattern[str] | None:
    """Any cue at a word start ("evacu" matches "evacuated"); whole words if asked."""
    if not words:
        return None
    alternatives = "|".join(
        r"\s+".join(re.escape(p) for p in w.split()) for w in sorted(words, key=len, reverse=True)
    )
    end = r"(?!\w)" if whole else ""
    if anchor == "end":
        return re.compile(rf"(?<!\w)(?:{alternatives}){end}\W*$", re.IGNORECASE)
    if anchor == "start":
        return re.compile(rf"^\W*(?:{alternatives}){end}", re.IGNORECASE)
    return re.compile(rf"(?<!\w)(?:{alternatives}){end}", re.IGNORECASE)


def _pack_from(raw: dict[str, Any]) -> _Pack:
    nouns = {w.lower(): group for group, words in raw.get("nouns", {}).items() for w in words}
    roles = [
        (role, p) for role, words in raw.get("roles", {}).items() if (p := _cues(words)) is not None
    ]
    return _Pack(
        nouns=nouns,
        population_nouns=frozenset(w.lower() for w in raw.get("population_nouns", [])),
        roles=roles,
        population=_cues(raw.get("population", []), anchor="end"),
        location=_cues(raw.get("location", []), whole=True, anchor="start"),
        comparison=_cues(raw.get("comparison", [])),
        interval=_cues(raw.get("interval", []), whole=True, anchor="start"),
        interval_before=_cues(raw.get("interval_before", []), whole=True, anchor="end"),
        age=_cues(raw.get("age", []), whole=True, anchor="end"),
        clause=_cues(raw.get("clause", []), whole=True),
        update=_cues(raw.get("update", [])),
        hedges=_hedges(raw.get("hedges", [])),
    )


def _hedges(words: list[str]) -> re.Pattern[str] | None:
    """Hedges at the end of the words before a figure, however many ("some more than")."""
    if not words:
        return None
    alternatives = "|".join(r"\s+".join(re.escape(p) for p in w.split()) for w in words)
    return re.compile(rf"(?:\s+(?:{alternatives}))+\s*$", re.IGNORECASE)


@functools.cache
def pack(lang: str) -> _Pack | None:
    """The claims pack of a language, or None when it has none (or its file cannot be read)."""
    if not re.fullmatch(r"[a-z]{2,3}", lang or ""):
        return None
    try:
        raw = _read(lang)
        return None if raw is None else _pack_from(raw)
    except (ValueError, TypeError, AttributeError, re.error) as e:
        log.error(
            "claims pack %s/claims.json is unusable (%s): figures in %s get no role", lang, e, lang
        )
        return None


def _read(lang: str) -> Any:
    """The parsed claims.json of a language, or None when the language has none."""
    where = resources.files("newsweave.extract").joinpath(f"data/lang/{lang}/claims.json")
    return json.loads(where.read_text("utf-8")) if where.is_file() else None


def counted_group(lang: str, surface: str, what: str) -> str | None:
    """The group of the noun a figure counts ("350 riverains" -> "people"); None if unknown."""
    found = pack(lang)
    if found is None:
        return None
    words = surface.lower().split()
    for n in (2, 1):  # "postos de trabalho" before "postos"
        for i in range(len(words) - n + 1):
            group = found.nouns.get(" ".join(words[i : i + n]))
            if group:
                return group
    return found.nouns.get(what)


def identify(lang: str, text: str, start: int, end: int, kind: str | None, noun: str) -> Claim:
    """The role and background of the figure at ``text[start:end]`` in a ``lang`` text.

    Args:
        lang: the article's language.
        text: the figure's sentence (or the whole text).
        start, end: where the figure's words are in ``text``.
        kind: its unit kind ("duration", "distance"…) or None for a count.
        noun: its counted noun as written ("habitants"), for population nouns.
    """
    found = pack(lang)
    if found is None or start < 0:
        return Claim(None, None)
    before = text[max(0, start - ROLE_BEFORE) : start]
    after = text[end : end + ROLE_AFTER]
    background = _background(found, text, start, end, kind)
    if background:
        return Claim(None, background)
    role = _role(found, before, after) if kind is None else None
    if role is None and kind is None and noun.lower() in found.population_nouns:
        return Claim(None, "population")
    return Claim(role, None)


def _background(found: _Pack, text: str, start: int, end: int, kind: str | None) -> str | None:
    """Why a figure is background, from the words next to it; None when it is about the event."""
    near_before, near_after = text[max(0, start - NEXT_TO) : start], text[end : end + NEXT_TO]
    if kind is None and found.population and found.population.search(_near(found, near_before)):
        return "population"  # "a town of about 9,000 people"
    if kind == "distance" and found.location and found.location.search(near_after):
        return "location"  # "15 km west of Orléans"
    if kind == "duration":
        if found.age and found.age.search(_near(found, near_before)):
            return "age"  # "um homem de 52 anos"
        if found.interval and found.interval.search(near_after):
            return "interval"  # "three weeks after the floods", "drei Wochen zuvor"
        if found.interval_before and found.interval_before.search(_near(found, near_before)):
            return "interval"  # "hace tres semanas"
        clause = _clause_before(text[max(0, start - COMPARISON_BEFORE) : start])
        if found.comparison and found.comparison.search(clause):
            return "comparison"  # "the worst in more than twenty years"
    return None


def _near(found: _Pack, before: str) -> str:
    """The words before a figure without hedges ("a town of about 9,000" -> "a town of")."""
    return found.hedges.sub("", before) if found.hedges else before


def _clause_before(before: str) -> str:
    """The part of ``before`` in the figure's clause: after the last comma, figure or full stop."""
    cut = max((m.end() for m in _CLAUSE_START.finditer(before)), default=0)
    return before[cut:]


def _role(found: _Pack, before: str, after: str) -> str | None:
    """The nearest role in the figure's clause, after it first ("350 riverains ont été évacués").

    Returns None when the clause names no role.
    """
    stop = _CLAUSE_END.search(after)
    after = after[: stop.start()] if stop else after
    before = _clause_before(before)
    if found.clause:
        parts = found.clause.split(before)
        before = parts[-1] if parts else before
        first_clause = found.clause.search(after)
        after_near = after[: first_clause.start()] if first_clause else after
    else:
        after_near = after
    best: tuple[int, str] | None = None
    windows: tuple[tuple[str, Callable[[re.Match[str]], int]], ...] = (
        (after_near, lambda m: m.start()),
        (before, lambda m: len(before) - m.end()),
    )
    for window, distance in windows:
        for role, pattern in found.roles:
            for m in pattern.finditer(window):
                d = distance(m)
                if best is None or d < best[0]:
                    best = (d, role)
        if best is not None:
            return best[1]
    return None


def is_update(lang: str, evidence: str) -> bool:
    """Whether a sentence reports a figure as revised ("the toll rose to four", "ascendió a")."""
    found = pack(lang)
    return bool(found and found.update and found.update.search(evidence))


def slot_role(slot: str) -> str | None:
    """The role a slot name starts with ("evacuated workers" -> "evacuated"), None for a bare count
    or a measure ("soldiers", "duration"), whose figures are not known to be one claim."""
    return next((r for r in ROLES if slot == r or slot.startswith(r + " ")), None)


def is_casualty(role: str | None) -> bool:
    """Killed and injured figures are read by casualties.py: they get no slot of their own here."""
    return role in _ROLE_ORDER
