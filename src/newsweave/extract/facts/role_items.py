"""Where a language pack's words stand in a text: the items roles.py reads, and the words between.

Every role word, negation, counted noun, number, age and "and" of a text is found once (one search
per list of the pack), overlaps resolved (the longer wins); each sentence then takes its own items,
with ages told apart from counts and articles read as "one" kept only before a noun or a role word.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from .packs import Pack

COMMA_WORDS = 4  # a comma often ends a clause: it weighs as much as four words
CLAUSE_END = re.compile(r"[.;:!?。；！？]")
_COMMA = re.compile(r"[,،、，]")
_WORD = re.compile(r"\w+")
# Digits, thousands grouped by . , or a space ("1.200", "2 892"); the rest of a decimal is checked
# after.
_DIGITS = re.compile(
    r"(?<![\d.,])\d{1,3}(?:[.,\u00a0\u202f ]\d{3})+(?![\d])|(?<![\d.,])\d+(?![\d])"
)
YEAR = re.compile(r"(?<!\d)(?:19|20)\d{2}(?!\d)")


@dataclass
class Item:
    start: int
    end: int
    kind: str  # "role", "number", or a list of the pack ("nobody", "people", ...)
    role: str | None = None
    value: float = 0.0
    one: bool = False  # a role word in a singular form
    weak: bool = (
        False  # a number word that is also an article ("ein", "un"): counts only before a noun
    )
    denied: bool = False
    bound: bool = False  # a number read as the count of a role word


# When two items overlap, the longer wins; at equal length, this order.
_RANK = {
    "role": 0,
    "nobody": 1,
    "none_of": 2,
    "none_after": 2,
    "not": 3,
    "number": 4,
    "people": 5,
    "else": 6,
    "and": 7,
    "age": 8,
    "age_before": 8,
}


def all_items(text: str, pack: Pack, start: int, end: int) -> list[Item]:
    """The pack's words and the numbers of ``text[start:end]``, in order, overlaps resolved."""
    found: list[Item] = []
    for role, pattern in pack.roles.items():
        found += [
            Item(m.start(), m.end(), "role", role) for m in pattern.finditer(text, start, end)
        ]
    for role, pattern in pack.one.items():
        found += [
            Item(m.start(), m.end(), "role", role, one=True)
            for m in pattern.finditer(text, start, end)
        ]
    for kind in (
        "nobody",
        "none_of",
        "none_after",
        "not",
        "people",
        "else",
        "and",
        "age",
        "age_before",
    ):
        listed = pack.lists[kind]
        if listed is not None:
            found += [Item(m.start(), m.end(), kind) for m in listed.finditer(text, start, end)]
    found += _numbers(text, start, end, pack)
    found.sort(key=lambda i: (i.start, -(i.end - i.start), _RANK[i.kind], not i.one))
    kept: list[Item] = []
    for item in found:
        if kept and item.start < kept[-1].end:
            continue
        kept.append(item)
    return kept


def sentence_items(text: str, start: int, end: int, pack: Pack) -> list[Item]:
    """The items of one sentence, with ages told apart from counts and bare articles left out."""
    kept = all_items(text, pack, start, end)
    for item in kept:
        if item.kind == "number" and _not_a_count(item, kept, text, pack):
            item.kind = (
                "age"  # "Radfahrer (27)", "de 8 años": a person named by age (its value kept)
            )
        elif item.kind == "age" and re.search(r"\d-$", text[max(0, item.start - 2) : item.start]):
            item.value = 1.0  # "24-Jähriger", "34-latek": an age word joined to its number
    # an article read as "one" before no noun ("bei einem Lawinenabgang") is no number
    return [
        i
        for i in kept
        if not (
            i.weak
            and people_after(kept, kept.index(i), text, pack) is None
            and not role_right_after(kept, i, text, pack)
        )
    ]


def role_right_after(items: list[Item], item: Item, text: str, pack: Pack) -> bool:
    """ "un blessé", "ein Toter": a number word right before a role word."""
    following = _next(items, item)
    return (
        following is not None and following.kind == "role" and gap(text, item, following, pack) == 0
    )


def _numbers(text: str, start: int, end: int, pack: Pack) -> list[Item]:
    """Digits and the pack's number words (the ones that are also articles marked weak)."""
    found = []
    for m in _DIGITS.finditer(text, start, end):
        value = _digits_value(m[0], text, m.end(), pack.spaced)
        if value is not None:
            found.append(Item(m.start(), m.end(), "number", value=value))
    if pack.number_words is not None:
        # without spaces, a number word may be part of another word ("一起"): it counts only before a
        # noun
        found += [
            Item(
                m.start(),
                m.end(),
                "number",
                value=pack.numbers[" ".join(m[0].split())],
                weak=not pack.spaced,
            )
            for m in pack.number_words.finditer(text, start, end)
        ]
    if pack.lists["one_words"] is not None:
        found += [
            Item(m.start(), m.end(), "number", value=1.0, weak=True)
            for m in pack.lists["one_words"].finditer(text, start, end)
        ]
    return found


def _digits_value(digits: str, text: str, end: int, spaced: bool) -> float | None:
    """A whole count from digits; None for a decimal, a percentage, a time, a date, an ordinal, a year."""
    after = text[end : end + 2]
    if re.match(r"[.,:]\d|\s?%|-\w|°", after) or (spaced and after[:1].isalpha()):
        # "21.3", "30 %", "13:30", "27-jährige", "1st"; but "3명", "60'tan" keep their count
        return None
    if YEAR.fullmatch(digits):
        return None
    return float(re.sub(r"\D", "", digits)) if not digits.isdigit() else float(int(digits))


def _not_a_count(number: Item, items: list[Item], text: str, pack: Pack) -> bool:
    """An age: "(27)", "de 8 años", "27 yaşında", "a man of 71"."""
    if text[number.start - 1 : number.start] == "(" and text[number.end : number.end + 1] == ")":
        return True
    index = items.index(number)
    if (
        index
        and items[index - 1].kind == "age_before"
        and gap(text, items[index - 1], number, pack) == 0
    ):
        return True
    following = _next(items, number)
    return (
        following is not None
        and following.kind == "age"
        and not number.weak
        and gap(text, number, following, pack) == 0
    )


def _next(items: list[Item], item: Item) -> Item | None:
    index = items.index(item)
    return items[index + 1] if index + 1 < len(items) else None


def gap(text: str, first: Item, second: Item, pack: Pack, comma_words: int = COMMA_WORDS) -> float:
    """Words between two items of a sentence; infinite across the end of a clause."""
    between = (
        text[first.end : second.start]
        if first.end <= second.start
        else text[second.end : first.start]
    )
    if CLAUSE_END.search(between):
        return math.inf
    commas = len(_COMMA.findall(between))
    for light in ("hedges", "auxiliaries"):  # "60'tan fazla kişi", "Cinque sono rimasti feriti"
        words = pack.lists[light]
        if words is not None:
            between = words.sub(" ", between)
    if pack.spaced:
        return len(_WORD.findall(between)) + comma_words * commas
    return math.ceil(len("".join(between.split())) / 2)


def people_after(items: list[Item], index: int, text: str, pack: Pack) -> int | None:
    """The counted noun after the number at ``index`` ("3 personnes", "zwei Feuerwehrleute")."""
    number, following = items[index], index + 1
    while following < len(items) and items[following].kind == "age":
        following += 1  # "ein 24-jähriger Mann", "dos niños de 16 años"
    if following < len(items) and items[following].kind == "people":
        reach = 0 if number.weak or not pack.spaced else 1
        reach += 2 * (following - index - 1)
        if gap(text, number, items[following], pack) <= reach:
            return following
    return None
