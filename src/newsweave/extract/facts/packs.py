"""Language packs for casualty reading: the words of one language, loaded from data files.

Each language has a folder ``extract/data/lang/<code>/`` and its casualty words in
``casualties.json``. The file holds only words; ``roles.py`` is the engine that reads them.
A term is lowercase text with these marks: ``*`` at the end matches any ending of the word
("verletz*" is "verletzt", "verletzte", "Verletzten"), at the start any beginning ("*fahrer" is
"Radfahrer"), and ``…`` stands for up to three words
("wurde … verletzt" is "wurde bei dem Brand schwer verletzt"). In a language written without
spaces between words (``"script": "unspaced"``) terms match anywhere in the text.

The keys of a pack (all but ``roles`` optional):

- ``roles``: role -> its words (killed, injured, missing, evacuated, arrested, and ``casualties``
  for words meaning killed or injured); ``one``: role -> forms that tell of one person ("starb");
- ``nobody`` ("niemand", reaches a role word a few words away), ``none_of`` ("keine", the next
  one only), ``none_after`` ("нет", the one just before), ``not`` ("nicht": denies, no zero),
  ``else`` ("sonst": others spared);
- ``people`` (counted nouns of people), ``numbers`` (number words numbers.json lacks),
  ``one_words`` (articles read as one before a noun: "ein"), ``age`` / ``age_before`` (words that
  make a number an age), ``and``, ``and_prefixes`` ("و" written on the next word);
- ``hedges`` ("mindestens") and ``auxiliaries`` ("wurden"): words that do not part a number
  from its role word; ``background``: words of a tally over time or place;
- ``script`` ("spaced" or "unspaced"), ``proclitics`` (letters that may open any word: Arabic).

A pack that cannot be read is reported (the file and the reason) and treated as absent:
that language then gets only what the pack-free rules can read.
"""

from __future__ import annotations

import functools
import json
import logging
import re
from dataclasses import dataclass
from importlib import resources
from typing import Any

log = logging.getLogger(__name__)

ROLES = ("killed", "injured", "missing", "evacuated", "arrested")
# "victims", "casualties": killed or injured. A count of them says neither, a denial denies both.
EITHER = "casualties"
_LISTS = (
    "nobody",
    "none_of",
    "none_after",
    "not",
    "else",
    "people",
    "background",
    "age",
    "and",
    "one_words",
    "hedges",
    "auxiliaries",
    "age_before",
)
_GAP_WORDS = 3  # words "…" stands for: "wurde bei dem Brand verletzt" keeps the auxiliary in reach
_GAP_CHARS = 8  # characters "…" stands for in a language written without spaces


class PackError(ValueError):
    """A language pack that is not as ``packs.py`` documents it."""


@dataclass(frozen=True)
class Pack:
    """One language's casualty words, compiled."""

    lang: str
    spaced: bool
    roles: dict[str, re.Pattern[str]]  # role (and EITHER) -> any of its words
    one: dict[str, re.Pattern[str]]  # role -> forms that by themselves tell of one person
    lists: dict[str, re.Pattern[str] | None]  # the word lists of _LISTS
    numbers: dict[str, float]  # number words, the pack's and numbers.json's
    number_words: re.Pattern[str] | None  # any of them


def pack_for(lang: str | None) -> Pack | None:
    """The pack of a language code as the detector gives it ("de", "zh-tw" -> "zh"), else None."""
    code = (lang or "").lower().replace("_", "-").split("-")[0]
    return _load(code) if code.isalpha() else None


@functools.cache
def _load(code: str) -> Pack | None:
    path = resources.files("newsweave.extract").joinpath(f"data/lang/{code}/casualties.json")
    if not path.is_file():
        return None
    try:
        raw = json.loads(path.read_text("utf-8"))
        return compile_pack(code, raw, _numbers_json_words(code))
    except (OSError, ValueError) as error:  # JSONDecodeError and PackError are ValueErrors
        log.error("language pack %s not used: %s", f"lang/{code}/casualties.json", error)
        return None


def compile_pack(code: str, raw: object, shared_numbers: dict[str, float] | None = None) -> Pack:
    """A Pack from the parsed JSON of a casualties.json; PackError names what is wrong."""
    if not isinstance(raw, dict):
        raise PackError("the file must hold one JSON object")
    script = raw.get("script", "spaced")
    if script not in ("spaced", "unspaced"):
        raise PackError(f'"script" must be "spaced" or "unspaced", not {script!r}')
    spaced = script == "spaced"
    proclitics = _strings(raw, "proclitics")
    roles_raw = raw.get("roles")
    if not isinstance(roles_raw, dict) or not roles_raw:
        raise PackError('"roles" must map role names to lists of words')
    unknown = set(roles_raw) - set(ROLES) - {EITHER}
    if unknown:
        raise PackError(f"unknown roles {sorted(unknown)}; known: {', '.join((*ROLES, EITHER))}")
    roles = {role: _pattern(_strings(roles_raw, role), spaced, proclitics) for role in roles_raw}
    one_raw = raw.get("one", {})
    if not isinstance(one_raw, dict) or set(one_raw) - set(ROLES):
        raise PackError('"one" must map roles to the forms that tell of one person')
    one = {role: _pattern(_strings(one_raw, role), spaced, proclitics) for role in one_raw}
    lists = {name: _pattern(_strings(raw, name), spaced, proclitics) for name in _LISTS}
    # "وإصابة": "and" written as the first letter of the next word
    joined = _strings(raw, "and_prefixes")
    lists["and_prefixes"] = (
        re.compile(rf"(?<!\w)(?:{'|'.join(map(re.escape, joined))})(?=\w)") if joined else None
    )
    numbers = dict(shared_numbers or {})
    for word, value in (raw.get("numbers") or {}).items():
        if not isinstance(value, (int, float)) or isinstance(value, bool):
            raise PackError(f'"numbers": {word!r} must map to a number, not {value!r}')
        numbers[word.lower()] = float(value)
    return Pack(
        code,
        spaced,
        {r: p for r, p in roles.items() if p},
        {r: p for r, p in one.items() if p},
        lists,
        numbers,
        _pattern(list(numbers), spaced, []),
    )


def _strings(raw: dict[str, Any], key: str) -> list[str]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) and v.strip() for v in value):
        raise PackError(f'"{key}" must be a list of non-empty strings')
    return value


def _pattern(terms: list[str], spaced: bool, proclitics: list[str]) -> re.Pattern[str] | None:
    """One pattern for a list of terms, the longest first so "ums leben" wins over "um".

    A look-ahead at the first letters the terms (and proclitics) can open with lets the search
    skip most positions at once: the alternatives are tried only where one of them may start.
    It comes before the word-start look-behind, so most positions fail at one test: the
    English role words are found in 0.51 ms an article instead of 0.71 (gva-dev).
    """
    if not terms:
        return None
    ordered = sorted({t.lower() for t in terms}, key=len, reverse=True)
    body = "|".join(_term(t, spaced) for t in ordered)
    if any(t.startswith("*") for t in ordered):
        first = ""  # "*fahrer": any letter may open it
    else:
        first = "".join(sorted({t[0] for t in ordered} | {c[0] for c in proclitics}))
    ahead = f"(?=[{re.escape(first)}])" if first else ""
    if not spaced:
        return re.compile(f"{ahead}(?:{body})")
    clitics = "|".join(re.escape(c) for c in sorted(proclitics, key=len, reverse=True))
    lead = f"(?:{clitics})?" if clitics else ""
    return re.compile(rf"{ahead}(?<!\w){lead}(?:{body})")


def _term(term: str, spaced: bool) -> str:
    open_ended, any_start = term.endswith("*"), term.startswith("*")
    segments = [part.split() for part in term.strip("*").split("…")]
    if spaced:
        gap, between = rf"\s+(?:\S+\s+){{0,{_GAP_WORDS}}}?", r"\s+"
    else:
        gap, between = f".{{0,{_GAP_CHARS}}}?", ""
    text = gap.join(between.join(re.escape(w) for w in words) for words in segments if words)
    if not spaced:
        return text
    if any_start:  # "*fahrer": "Radfahrer", "Autofahrer"
        text = r"\w*" + text
    if open_ended:
        return text + r"\w*"
    return text + (r"(?!\w)" if term[-1:].isalnum() else "")


def _numbers_json_words(code: str) -> dict[str, float]:
    """The number words extract/data/numbers.json has for the language (packs add the rest)."""
    raw = json.loads(
        resources.files("newsweave.extract").joinpath("data/numbers.json").read_text("utf-8")
    )
    return {w.lower(): float(v) for w, v in raw["word_numbers"].get(code, {}).items()}
