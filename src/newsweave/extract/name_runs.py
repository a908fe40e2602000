"""Runs of capitalised words: where entity spotting looks for names.

A run is a sequence of capitalised words separated only by spaces, or joined by connectors
("Coreia do Norte"), extended by the lowercase words that complete a name the gazetteer knows
(French "Union européenne"). Each word carries its lookup form and what its language says
about it: an elided article taken off ("L'Union"), a case ending after an apostrophe cut
(Turkish "Ankara'da"), an article before it in a language that capitalises nouns.
"""

from __future__ import annotations

import dataclasses
import functools
import re
from dataclasses import dataclass

from newsweave.extract.gazetteer import Gazetteer, gazetteer, is_region, normalise
from newsweave.extract.name_packs import NO_PACK, NamePack

_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = set('.!?:;"“”‘«»\n')
_APOSTROPHES = "'’"


@dataclass(frozen=True)
class Word:
    """A capitalised word (or connector) inside a run."""

    text: str  # as written, without a trailing dot unless it is an abbreviation
    start: int
    end: int
    norm: str
    sentence_start: bool  # opens a sentence, or follows only the openers dropped before it
    possessive: bool
    cut: bool = False  # read up to an apostrophe, a case ending after it ("Ankara'da")
    after_article: bool = False  # after an article of a language that capitalises nouns
    first_in_sentence: bool = False  # written first: its capital may be the sentence's alone


def _cased_letters(upper: bool) -> str:
    """The capitals (or the lowercase letters) of the cased scripts, Latin to Armenian, as the
    inside of a character class: the re module has no \\p{Lu} or \\p{Ll}."""
    is_case = str.isupper if upper else str.islower
    return "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if is_case(chr(c)))


@functools.cache
def _capitalised() -> re.Pattern[str]:
    """Capitalised words only.

    The look-ahead at a capital comes first: most positions fail it at once, where the word-start
    look-behind would pass and the alternatives be tried (0.06 ms an article instead of 0.12).
    """
    upper = _cased_letters(upper=True)
    return re.compile(
        rf"(?=[{upper}])(?<![^\W\d_])"
        rf"(?:(?:[{upper}]\.){{2,}}|[{upper}][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?)"
    )


def capitalised_runs(text: str, gaz: Gazetteer, names: NamePack = NO_PACK) -> list[list[Word]]:
    """Runs of capitalised words separated only by spaces (connectors may join them)."""
    runs: list[list[Word]] = []
    current: list[Word] = []
    last_end = -1
    for m in _capitalised().finditer(text):
        joined = _join(text, last_end, m.start(), gaz) if current and last_end >= 0 else None
        if joined is None:
            if current:
                runs.append(_with_lowercase_tail(text, current, gaz))
            current = []
        else:
            current += joined
        word = _word(text, m, gaz, names)
        current.append(word)
        # A case ending after an apostrophe ("Ankara'da") ends the name, as a possessive does.
        closed = word.possessive or _ends_clause(text, word.end) or word.end < m.end()
        last_end = -1 if closed else word.end
    if current:
        runs.append(_with_lowercase_tail(text, current, gaz))
    return runs


_TAIL_WORD = re.compile(r"[ \u00a0]([^\W\d_][\w'’-]*)")


def _with_lowercase_tail(text: str, run: list[Word], gaz: Gazetteer) -> list[Word]:
    """The run, with the lowercase words after it that complete a name the gazetteer knows:
    French writes "Union européenne", "Arabie saoudite", "Nations unies"."""
    tail: list[Word] = []
    pos = run[-1].end
    while len(tail) < 2:
        m = _TAIL_WORD.match(text, pos)
        if m is None or not m[1].islower() or normalise(m[1]) not in _name_tails():
            break
        tail.append(Word(m[1], m.start(1), m.end(1), normalise(m[1]), False, False))
        pos = m.end()
    for k in range(len(tail), 0, -1):
        for back in range(1, min(len(run), gaz.longest - k) + 1):
            name = " ".join(w.norm for w in run[-back:] + tail[:k])
            if name in gaz.places or name in gaz.orgs:
                return run + tail[:k]
    return run


@functools.cache
def _name_tails() -> frozenset[str]:
    """Words that follow the first word of a place's or organisation's name ("unies" in
    "nations unies"): only these can extend a run of capitalised words."""
    gaz = gazetteer()
    return frozenset(w for name in (*gaz.places, *gaz.orgs) for w in name.split()[1:])


def _join(text: str, end: int, start: int, gaz: Gazetteer) -> list[Word] | None:
    """The connector words between two capitalised words in one name, or None if apart."""
    gap = text[end:start]
    if gap in (" ", "\u00a0"):
        return []
    words = gap.split(" ")
    # " do " in "Coreia do Norte", " de la " in "Ministerio de la Defensa".
    if len(words) > 4 or words[0] or words[-1]:
        return None
    if not all(w in gaz.connectors for w in words[1:-1]):
        return None
    joined, pos = [], end + 1
    for w in words[1:-1]:
        joined.append(Word(w, pos, pos + len(w), w, False, False))
        pos += len(w) + 1
    return joined


def _ends_clause(text: str, end: int) -> bool:
    """True when punctuation right after a word closes the run ("Tulsa, Okla.")."""
    return end < len(text) and text[end] in '.,;:()!?"“”'


def _word(text: str, m: re.Match[str], gaz: Gazetteer, names: NamePack = NO_PACK) -> Word:
    """A word with its lookup form; a trailing dot is kept only on abbreviations, and in a
    language that writes case endings after an apostrophe, the word ends there."""
    raw, start = m[0], m.start()
    k = start - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    sentence_start = k < 0 or text[k] in _SENTENCE_END
    elided = _elision(raw, names)
    raw, start = raw[elided:], start + elided
    cut = -1
    if names.apostrophe_endings:
        cut = min((raw.find(a) for a in _APOSTROPHES if a in raw), default=-1)
        if cut > 0:
            raw = raw[:cut]
    if raw.endswith(".") and raw.count(".") == 1:
        low = raw.lower()
        if low not in gaz.abbreviations and normalise(raw) not in gaz.titles:
            raw = raw[:-1]
    possessive = bool(_POSSESSIVE.search(raw))
    bare = _POSSESSIVE.sub("", raw) if possessive else raw
    article = bool(names.articles) and after_article(text, start, names)
    return Word(
        bare,
        start,
        start + len(bare),
        normalise(bare),
        sentence_start,
        possessive,
        cut > 0,
        article,
        sentence_start,
    )


def _elision(raw: str, names: NamePack) -> int:
    """Length of an elided article opening the word ("L'" in "L'Union", at a sentence's start or
    in a title), else 0. The packs list no "D'": that capital is a name's ("D'Alema", "Dell'Utri")."""
    low = raw[:8].lower().replace("’", "'")
    for prefix in names.elisions:
        if low.startswith(prefix) and raw[len(prefix) : len(prefix) + 1].isupper():
            return len(prefix)
    return 0


def drop_sentence_openers(run: list[Word], gaz: Gazetteer, lower: frozenset[str]) -> list[Word]:
    """Remove capitalised common words that only open a sentence ("The", "According")."""
    while (
        run
        and run[0].sentence_start
        and (run[0].norm in gaz.stopwords or run[0].text.lower() in lower)
    ):
        place = gaz.places.get(run[0].norm)
        # A region's name that the text also writes lowercase is the word (Spanish "Para" is
        # "for", not Brazil's Pará); countries and cities keep the benefit of the doubt.
        if run[0].norm in gaz.titles or run[0].norm in gaz.orgs or (place and not is_region(place)):
            break
        run = run[1:]
        if run:
            run[0] = dataclasses.replace(run[0], sentence_start=True)
    return run


def after_article(text: str, start: int, names: NamePack) -> bool:
    """True when the word before ``start`` is one of the language's articles ("die", "im")."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in names.articles


def lowercase_words(text: str) -> frozenset[str]:
    """The words ``text`` writes with a lowercase initial, in any cased script ("в", "ł", "ş"
    as well as "a"): a capitalised word the text also writes so may open a sentence only."""
    return frozenset(_lowercase().findall(text))


@functools.cache
def _lowercase() -> re.Pattern[str]:
    return re.compile(rf"(?<![^\W\d_])[{_cased_letters(upper=False)}][\w'’-]*")


def nouns_after_articles(text: str, names: NamePack) -> frozenset[str]:
    """In a language that capitalises nouns, the words ``text`` writes after an article ("die
    Menschen"), lowercased: a name is seldom written so, a noun often."""
    if not names.articles:
        return frozenset()
    return frozenset(m[2].lower() for m in _after_articles(names.articles).finditer(text))


@functools.cache
def _after_articles(articles: frozenset[str]) -> re.Pattern[str]:
    words = "|".join(sorted(map(re.escape, articles), key=len, reverse=True))
    return re.compile(rf"(?<![^\W\d_])({words})\s+([^\W\d_][\w-]*)", re.IGNORECASE)
