"""Quantities: numbers with what they count, in the number formats and words of each language.

The text is cut into tokens once; each number (digits, number words, "a"/"um" before
a person noun) is read with its multiplier, then the words after it say what it counts:
a unit ("37 miles per hour"), a casualty word ("4 killed"), or a noun ("6.000 soldados").
Ages, years, clock times, phone numbers and street numbers are recognised and kept
out of the counts, because they are what most often pollutes casualty figures.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import NamedTuple

from newsweave.models import Quantity

# Words joined by hyphens stay one token; "norte -coreanos" (a machine-translation
# artefact) too, so the noun is still recognised.
_TOKEN = re.compile(
    r"\n|\d+(?:[.,\u00a0\u202f]\d+)*|[^\W\d_]+(?:(?:\s?-|['’])[^\W\d_]+)*|[$€£%]|[^\s\w]"
)
# French groups thousands with spaces ("6 000 soldats"); elsewhere "in 2019 200 people" happens.
_TOKEN_SPACED = re.compile(r"\d{1,3}(?: \d{3})+(?![\d,.])|" + _TOKEN.pattern)
# Number words that are other words in another language: Spanish "once" (11) and
# "dos" (2) are English "once" and Portuguese "dos" (of the); French "sept" is "Sept.".
_COLLIDING = {"once", "dos", "sept", "null", "mal", "both", "ambos", "ambas", "beide"}
_NOBODY = {"nobody", "ninguém", "nadie", "niemand"}
_BREAK = {"\n", ".", "!", "?", ";", ":"}
# Languages writing 1.234,5; English (and "und" text with a 1,234.5 shape) write 1,234.5.
_COMMA_DECIMAL = {"pt", "es", "de", "fr", "it", "nl", "ru", "pl", "tr", "id"}
_TIME_AFTER = re.compile(r"\s?(?:[ap]\.?m\b|[ap]\.m\.|[:h]\d{2})", re.IGNORECASE)
_YEAR = re.compile(r"(?:19|20)\d{2}")
_LOOKAHEAD = 8  # tokens between a counted noun and its casualty word ("were found shot dead")
# In the look-ahead these words usually belong to another clause ("charged in the deaths of").
# The counted people are then the suspects, not the victims ("a man suspected of fatally ...").
_OTHER_ROLE = {
    "suspected",
    "accused",
    "charged",
    "arrested",
    "convicted",
    "sentenced",
    "wanted",
    "acusado",
    "acusados",
    "detenido",
    "detidos",
    "festgenommen",
    "arrêté",
    "arrêtés",
}
# A number after these is a label, not a count ("Route 66", "No. 5").
_LABELS = {"no", "nº", "n°", "number", "route", "highway", "interstate", "i", "us"}
_NOT_IN_LOOKAHEAD = {"death", "deaths", "kill", "killing", "die", "dies", "wounding", "injuring"}


@dataclass(frozen=True)
class _Lexicon:
    """Lookup tables built once from data/numbers.json."""

    words: dict[str, float]  # every language's number words (for stopping look-aheads)
    words_by_lang: dict[str, dict[str, float]]  # "und": all but words that collide
    weak: dict[str, float]
    multipliers: dict[str, float]
    vague_before: dict[str, frozenset[str]]  # per language: "several" before a bare "hundred"
    skip: frozenset[str]
    units: dict[str, tuple[str, str]]
    currency: dict[str, str]
    age_after: tuple[str, ...]
    age_before: frozenset[str]
    nouns: dict[str, str]
    person_nouns: frozenset[str]
    casualty: dict[str, str]
    verbs_before: dict[str, str]
    hedges: frozenset[str]
    stop: frozenset[str]
    starters: frozenset[str]  # first words of every number phrase: other words are skipped fast
    # The opening words of every key of more than one word ("a", "a few", "miles per"): a phrase
    # lookup from any other word tries that word alone.
    phrase_heads: frozenset[str]


def _norm(phrase: str) -> str:
    """A lexicon phrase as tokens joined by spaces, the form lookups build from the text."""
    return " ".join(m[0].lower() for m in _TOKEN.finditer(phrase))


@functools.cache
def _lexicon() -> _Lexicon:
    """Read and index the packaged lexicon (once)."""
    raw = json.loads(
        resources.files("newsweave.extract").joinpath("data/numbers.json").read_text("utf-8")
    )
    by_lang = {
        lang: {_norm(w): float(v) for w, v in table.items()}
        for lang, table in raw["word_numbers"].items()
    }
    words = {w: v for table in by_lang.values() for w, v in table.items()}
    by_lang["und"] = {w: v for w, v in words.items() if w not in _COLLIDING}
    nouns = {_norm(s): lemma for lemma, surfaces in raw["nouns"].items() for s in surfaces}
    persons = {s for s, lemma in nouns.items() if lemma in raw["person_nouns"]} | {"others"}
    casualty = {w: slot for slot, ws in raw["casualty"].items() for w in ws}
    numeric = [*words, *raw["multipliers"], *raw["weak_numbers"], *_NOBODY]
    starters = frozenset(_norm(w).split(" ")[0] for w in numeric) | {w.split("-")[0] for w in words}
    units = {_norm(k): (v[0], v[1]) for k, v in raw["units"].items()}
    multipliers = {_norm(w): float(v) for w, v in raw["multipliers"].items()}
    keys = [*(w for table in by_lang.values() for w in table), *units, *multipliers, *nouns]
    return _Lexicon(
        words=words,
        words_by_lang=by_lang,
        weak={w: float(v) for w, v in raw["weak_numbers"].items()},
        multipliers=multipliers,
        vague_before={
            lang: frozenset(_norm(w) for w in ws)
            for lang, ws in raw["vague_before"].items()
            if lang != "_about"
        },
        skip=frozenset(raw["skip_words"]),
        units=units,
        currency=raw["currency_signs"],
        age_after=tuple(raw["age_after"]),
        age_before=frozenset(_norm(w) for w in raw["age_before"]),
        nouns=nouns,
        person_nouns=frozenset(persons - {"suspects", "suspect"}),
        casualty=casualty,
        verbs_before=raw["casualty_verbs_before"],
        hedges=frozenset(_norm(w) for w in raw["hedges"]),
        stop=frozenset(raw["stop_nouns"]),
        starters=starters,
        phrase_heads=frozenset(k[:at] for k in keys for at, ch in enumerate(k) if ch == " "),
    )


class _Tok(NamedTuple):
    """One token: its span and lowercase form."""

    start: int
    end: int
    text: str
    low: str


def _tokens(text: str, lang: str) -> list[_Tok]:
    """Tokens of the text, with "norte -coreanos" read as "norte-coreanos"."""
    lowered = text.lower()
    if len(lowered) != len(text):  # a few characters change length when lowercased
        lowered = "".join(ch.lower()[0] for ch in text)
    pattern = _TOKEN_SPACED if lang == "fr" else _TOKEN
    make = tuple.__new__  # plain tuples: this runs for every token of every article
    return [
        make(_Tok, (m.start(), m.end(), text[m.start() : m.end()], m[0].replace(" -", "-")))
        for m in pattern.finditer(lowered)
    ]


def _parse_digits(raw: str, lang: str) -> float | None:
    """Read "12.000", "1.234,5", "6,000" or "1,234.5" by the conventions of ``lang``."""
    raw = raw.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")
    comma_decimal = lang in _COMMA_DECIMAL
    if lang not in _COMMA_DECIMAL and lang != "en":
        # Unknown language: a lone separator before exactly three digits groups thousands.
        comma_decimal = bool(re.fullmatch(r"\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+,\d{1,2}", raw))
    thousands, decimal = (".", ",") if comma_decimal else (",", ".")
    if raw.count(decimal) > 1:
        return None
    grouped = rf"\d{{1,3}}(?:\{thousands}\d{{3}})+(?:\{decimal}\d+)?"
    if thousands in raw and not re.fullmatch(grouped, raw):
        return None
    try:
        return float(raw.replace(thousands, "").replace(decimal, "."))
    except ValueError:
        return None


def _phrase(tokens: list[_Tok], i: int, table: Mapping[str, object], longest: int = 3) -> int:
    """How many tokens from ``i`` form the longest key of ``table`` (0 if none)."""
    if (
        longest == 1
        or i + 1 >= len(tokens)
        or tokens[i + 1].low in _BREAK
        or tokens[i].low not in _lexicon().phrase_heads
    ):
        return 1 if i < len(tokens) and tokens[i].low in table else 0
    for n in range(longest, 0, -1):
        if i + n <= len(tokens) and " ".join(t.low for t in tokens[i : i + n]) in table:
            return n
    return 0


def _key(tokens: list[_Tok], i: int, n: int) -> str:
    """The lowercase phrase of ``n`` tokens from ``i``."""
    return " ".join(t.low for t in tokens[i : i + n])


def _read_number(tokens: list[_Tok], i: int, lang: str) -> tuple[float, int, bool] | None:
    """(value, tokens used, is_weak) for a number starting at token ``i``, else None."""
    lex, tok = _lexicon(), tokens[i]
    words = lex.words_by_lang.get(lang) or lex.words_by_lang["und"]
    vague = lex.vague_before.get(lang, frozenset())
    if tok.low[0].isdigit():
        value = _parse_digits(tok.low, lang)
        used = 1
    elif n := _phrase(tokens, i, words):
        value, used = words[_key(tokens, i, n)], n
    elif "-" in tok.low and all(p in words for p in tok.low.split("-")):
        value, used = sum(words[p] for p in tok.low.split("-")), 1  # "twenty-three"
    elif tok.low in lex.multipliers:
        if _after_vague_word(tokens, i, vague):
            return None  # "several hundred", "mehrere tausend": no count
        value, used = 1.0, 0  # a bare "mil soldados" / "thousand times"
    elif tok.low in lex.weak:
        if _key(tokens, i, 2) in vague:
            return None  # the "a" of "a few" is not one
        return lex.weak[tok.low], 1, True
    else:
        return None
    if value is None:
        return None
    return _with_multiplier(tokens, i + used, value, used, lex)


def _after_vague_word(tokens: list[_Tok], i: int, vague: frozenset[str]) -> bool:
    """Whether the one or two words before token ``i`` are a vague quantity word ("a few")."""
    return any(i >= n and _key(tokens, i - n, n) in vague for n in (1, 2))


def _with_multiplier(
    tokens: list[_Tok], j: int, value: float, used: int, lex: _Lexicon
) -> tuple[float, int, bool] | None:
    """Apply "mil", "million", "Tausend" after a number; tens + units ("twenty three")."""
    if j < len(tokens) and value in (20, 30, 40, 50, 60, 70, 80, 90):
        unit = lex.words.get(tokens[j].low)
        if unit is not None and 0 < unit < 10:
            value, used, j = value + unit, used + 1, j + 1
    if n := _phrase(tokens, j, lex.multipliers, longest=2):
        value, used = value * lex.multipliers[_key(tokens, j, n)], used + n
    return (value, used, False) if used else None


def _is_excluded(text: str, tok: _Tok, prev: _Tok | None, nxt: _Tok | None) -> bool:
    """Digits that are clock times, years, phone numbers, ordinals, addresses or list numbers."""
    after, before = text[tok.end : tok.end + 4], text[max(0, tok.start - 2) : tok.start]
    if _TIME_AFTER.match(after) or before.endswith(":"):
        return True
    # Phone numbers and ranges ("555-0199"), model names ("AR-15", "Covid-19"), "#3".
    if re.match(r"-\d|\)\s?\d", after) or re.search(r"\w-$|\($|#$", before):
        return True
    if after[:1].isalpha() and not re.match(r"(?:km|mph|kph|m\b|ft\b|mi\b)", after, re.I):
        return True  # "1st", "4th", "10am"
    if _YEAR.fullmatch(tok.text):
        return True
    if prev is not None and prev.low in _LABELS:
        return True
    # A street number: "1200 block of", "123 Main Street".
    if nxt is None:
        return False
    known = nxt.low in _lexicon().nouns or nxt.low in _lexicon().units
    return nxt.low == "block" or (nxt.text[:1].isupper() and not known)


def _is_age(text: str, tokens: list[_Tok], i: int, used: int) -> bool:
    """ "23-year-old", "23 years old", "aged 23", "John Smith, 23," all state ages."""
    lex, tok = _lexicon(), tokens[i]
    tail = text[tokens[i + used - 1].end : tokens[i + used - 1].end + 20].lower()
    if any(tail.startswith(a) for a in lex.age_after) or tail.startswith("-jähr"):
        return True
    if i > 0 and tokens[i - 1].low in lex.age_before:
        return True
    if i > 1 and " ".join(t.low for t in tokens[i - 2 : i]) in lex.age_before:
        return True
    comma_around = i > 1 and tokens[i - 1].text == "," and tail[:1] == ","
    return comma_around and tokens[i - 2].text[:1].isupper() and tok.low.isdigit()


def _casualty_ahead(tokens: list[_Tok], j: int, window: int = _LOOKAHEAD) -> tuple[str, int] | None:
    """The casualty slot and token index the clause after a counted noun reports, if any."""
    lex = _lexicon()
    shot: int | None = None
    for k in range(j, min(j + window, len(tokens))):
        tok = tokens[k]
        if tok.low in _BREAK or tok.low in _OTHER_ROLE:
            break
        if tok.low[0].isdigit() or tok.low in lex.words:
            break  # another number: another count
        slot = lex.casualty.get(tok.low)
        if slot in ("killed", "injured") and tok.low not in _NOT_IN_LOOKAHEAD:
            return slot, k
        if slot == "shot" and shot is None:
            shot = k
    return ("shot", shot) if shot is not None else None


def _casualty_before(tokens: list[_Tok], i: int) -> tuple[str, int] | None:
    """ "killing two", "wounded at least three": the slot the verb before the number names."""
    lex = _lexicon()
    k = i - 1
    while k >= 0 and (tokens[k].low in lex.hedges or tokens[k].low in {"least", "at", "about"}):
        k -= 1
    slot = lex.verbs_before.get(tokens[k].low) if k >= 0 else None
    return (slot, k) if slot else None


def _make(
    text: str, tokens: list[_Tok], i: int, last: int, value: float, what: str, unit: str | None
) -> Quantity:
    """A Quantity whose surface runs from token ``i`` to token ``last``."""
    surface = text[tokens[i].start : tokens[last].end]
    return Quantity(value=value, what=what, unit=unit, surface=surface)


def _describe(text: str, tokens: list[_Tok], i: int, used: int, value: float) -> Quantity | None:
    """Decide what the number at token ``i`` counts, from the words after it."""
    lex = _lexicon()
    j = i + used
    while j < len(tokens) and tokens[j].low in lex.skip and j < i + used + 2:
        j += 1
    if j >= len(tokens):
        return None
    if n := _phrase(tokens, j, lex.units, longest=4):
        unit, what = lex.units[_key(tokens, j, n)]
        return _make(text, tokens, i, j + n - 1, value, what, unit)
    slot = lex.casualty.get(tokens[j].low)
    if slot:
        return _make(text, tokens, i, j, value, slot, None)
    n = _phrase(tokens, j, lex.nouns, longest=2)
    noun = _key(tokens, j, n) if n else tokens[j].low
    counted = noun in lex.person_nouns
    before = _casualty_before(tokens, i)
    if before is not None and (counted or not n):
        # "killing two", "killed three victims and wounded": the verb before names the slot.
        last = j if counted else i + used - 1
        return _make(text, tokens, before[1], last, value, before[0], None)
    if counted or (not n and (tokens[j].low in lex.stop or tokens[j].text.islower())):
        # "four people were found shot dead", "two were wounded", "cinco ficaram feridas"
        found = _casualty_ahead(tokens, j + 1 if counted else j, _LOOKAHEAD if counted else 4)
        if found:
            return _make(text, tokens, i, found[1], value, found[0], None)
    word = tokens[j]
    if n or (word.low.isalpha() and word.low not in lex.stop and word.text.islower()):
        return _make(text, tokens, i, j + max(n, 1) - 1, value, lex.nouns.get(noun, noun), None)
    return None


def _weak_casualty(text: str, tokens: list[_Tok], i: int, value: float) -> Quantity | None:
    """ "a 23-year-old man was killed" is one killed; "no one was hurt" is zero injured."""
    lex = _lexicon()
    for k in range(i + 1, min(i + 6, len(tokens))):
        low = tokens[k].low
        if low in _BREAK or low in lex.casualty:
            return None
        if low in lex.person_nouns or (value == 0 and low == "one"):
            found = _casualty_ahead(tokens, k + 1)
            if found and found[0] != "shot":
                return _make(text, tokens, i, found[1], value, found[0], None)
            return None
    return None


def find_quantities(text: str, lang: str) -> list[Quantity]:
    """Find the numbers a text states, with what they count.

    Reads digits in the language's format ("12.000" pt, "6,000" en, "1.234,5" de),
    number words and multipliers ("four", "quatro", "vier", "a dozen", "mil",
    "Millionen"), units ("37 miles per hour" -> 37 mph speed, "20 hours" -> hour
    duration, "60 km/h"), nouns normalised to English lemmas ("6.000 soldados" ->
    "soldiers"), and casualty counts ("four people were found shot dead" -> 4 "killed",
    "a 23-year-old man was killed" -> 1 "killed"). Ages come out with what "age";
    years, clock times, phone and street numbers are left out.

    Args:
        text: cleaned article text.
        lang: ISO 639-1 code or "und".

    Returns:
        Quantities in text order.
    """
    tokens = _tokens(text, lang)
    starters = _lexicon().starters
    found: list[Quantity] = []
    i = 0
    while i < len(tokens):
        low = tokens[i].low
        if not low[0].isdigit() and low not in starters and low.partition("-")[0] not in starters:
            i += 1
            continue
        quantities, used = _at(text, tokens, i, lang)
        found.extend(quantities)
        i += max(used, 1)
    return found


def _at(text: str, tokens: list[_Tok], i: int, lang: str) -> tuple[list[Quantity], int]:
    """The quantities starting at token ``i`` and how many tokens its number used."""
    if tokens[i].low in _NOBODY:
        return _zero_casualty(text, tokens, i), 1
    read = _read_number(tokens, i, lang)
    if read is None:
        return [], 1
    value, used, weak = read
    if weak:
        found = _weak_casualty(text, tokens, i, value)
        # Step over the whole phrase so "no one was hurt" does not also read "one".
        return ([found] if found else []), (found.surface.count(" ") + 1 if found else used)
    prev = tokens[i - 1] if i else None
    nxt = tokens[i + used] if i + used < len(tokens) else None
    if tokens[i].low[0].isdigit() and _is_excluded(text, tokens[i], prev, nxt):
        return [], used
    if _is_age(text, tokens, i, used):
        return _age(text, tokens, i, used, value), used
    currency = _lexicon().currency.get(prev.text) if prev is not None else None
    if currency:
        return [_make(text, tokens, i - 1, i + used - 1, value, "money", currency)], used
    found = _describe(text, tokens, i, used, value)
    return ([found] if found else []), used


def _zero_casualty(text: str, tokens: list[_Tok], i: int) -> list[Quantity]:
    """ "nobody was hurt": zero in the slot named after it."""
    found = _casualty_ahead(tokens, i + 1, 4)
    if not found or found[0] == "shot":
        return []
    return [_make(text, tokens, i, found[1], 0.0, found[0], None)]


def _age(text: str, tokens: list[_Tok], i: int, used: int, value: float) -> list[Quantity]:
    """The age, and for "John Smith, 23, was killed" also one casualty."""
    ages = [_make(text, tokens, i, i + used - 1, value, "age", "year")]
    after = i + used
    if after < len(tokens) and tokens[after].text == "," and tokens[i - 1].text == ",":
        found = _casualty_ahead(tokens, after + 1, 4)
        if found and found[0] != "shot":
            ages.append(_make(text, tokens, i - 2, found[1], 1.0, found[0], None))
    return ages


def counted_nouns() -> frozenset[str]:
    """The English lemmas of the nouns the lexicon counts ("soldiers", "people", "north koreans")."""
    return frozenset(_lexicon().nouns.values())


@functools.cache
def demonym_nouns() -> frozenset[str]:
    """Counted nouns that name people by nationality ("north koreans"): troops, in a war story."""
    raw = resources.files("newsweave.extract").joinpath("data/numbers.json").read_text("utf-8")
    return frozenset(json.loads(raw)["nationality_nouns"])


def more_words() -> frozenset[str]:
    """Words that mark a count as added to an earlier one ("6,000 more", "outros 6.000")."""
    return frozenset(
        w for w in _lexicon().skip if w not in {"de", "d'", "of the", "new", "other", "more than"}
    )
