"""Entities: people, organisations and places, with language-independent keys.

Runs of capitalised words are cut at titles ("President", "Mr."), matched against the
gazetteer (countries in many languages, demonyms, US states, cities, organisations),
and what is left becomes a person (2-4 words) or an organisation (when it holds an
organisation word such as "Police" or "Ministério"). A lone surname ("Kim") joins the
longest person in the same text that contains it, so "Mr. Kim" meets "Kim Jong Un".
"""

from __future__ import annotations

import dataclasses
import functools
import re
from collections import Counter
from dataclasses import dataclass

from newsweave.extract.caseless import caseless_places
from newsweave.extract.gazetteer import Gazetteer, gazetteer, normalise
from newsweave.models import Entity

_POSSESSIVE = re.compile(r"['’]s$")
_SENTENCE_END = set('.!?:;"“”‘«»\n')
_GERMAN_DETERMINERS = {
    "der",
    "die",
    "das",
    "den",
    "dem",
    "des",
    "ein",
    "eine",
    "einen",
    "einem",
    "einer",
    "eines",
    "zum",
    "zur",
    "im",
    "am",
    "vom",
    "beim",
    "kein",
    "keine",
}
_LOWER_WORD = re.compile(r"\b[a-zà-ÿ][\w'’-]*")
_MAX_PERSON = 4
# English capitalises demonyms ("North Korean"), so the capitalised-run scan finds them.
_CAPITALISED_DEMONYMS = {"en"}


@dataclass(frozen=True)
class _Word:
    """A capitalised word (or connector) inside a run."""

    text: str  # as written, without a trailing dot unless it is an abbreviation
    start: int
    end: int
    norm: str
    sentence_start: bool
    possessive: bool


@dataclass(frozen=True)
class _Context:
    """What every step needs to know about the text being scanned."""

    text: str
    lang: str
    gaz: Gazetteer
    lower: frozenset[str]  # words the text writes in lowercase somewhere


@dataclass
class _Found:
    """What one run yields before single surnames are resolved across the text."""

    entities: list[tuple[int, Entity]]
    singles: list[tuple[int, _Word, bool]]  # lone surnames; bool: came after a title


@functools.cache
def _capitalised() -> re.Pattern[str]:
    """Capitalised words only: the re module has no \\p{Lu}, so the class is spelled out.

    The look-ahead at a capital comes first: most positions fail it at once, where the word-start
    look-behind would pass and the alternatives be tried (0.06 ms an article instead of 0.12).
    """
    upper = "".join(re.escape(chr(c)) for c in range(0x41, 0x530) if chr(c).isupper())
    return re.compile(
        rf"(?=[{upper}])(?<![^\W\d_])"
        rf"(?:(?:[{upper}]\.){{2,}}|[{upper}][^\W\d_]*(?:[-'’][^\W\d_]+)*\.?)"
    )


def _runs(text: str, gaz: Gazetteer) -> list[list[_Word]]:
    """Runs of capitalised words separated only by spaces (connectors may join them)."""
    runs: list[list[_Word]] = []
    current: list[_Word] = []
    last_end = -1
    for m in _capitalised().finditer(text):
        joined = _join(text, last_end, m.start(), gaz) if current and last_end >= 0 else None
        if joined is None:
            if current:
                runs.append(current)
            current = []
        else:
            current += joined
        word = _word(text, m, gaz)
        current.append(word)
        closed = word.possessive or _ends_clause(text, word.end)
        last_end = -1 if closed else word.end
    if current:
        runs.append(current)
    return runs


def _join(text: str, end: int, start: int, gaz: Gazetteer) -> list[_Word] | None:
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
        joined.append(_Word(w, pos, pos + len(w), w, False, False))
        pos += len(w) + 1
    return joined


def _ends_clause(text: str, end: int) -> bool:
    """True when punctuation right after a word closes the run ("Tulsa, Okla.")."""
    return end < len(text) and text[end] in '.,;:()!?"“”'


def _word(text: str, m: re.Match[str], gaz: Gazetteer) -> _Word:
    """A word with its lookup form; a trailing dot is kept only on abbreviations."""
    raw, start = m[0], m.start()
    if raw.endswith(".") and raw.count(".") == 1:
        low = raw.lower()
        if low not in gaz.abbreviations and normalise(raw) not in gaz.titles:
            raw = raw[:-1]
    possessive = bool(_POSSESSIVE.search(raw))
    bare = _POSSESSIVE.sub("", raw) if possessive else raw
    k = start - 1
    while k >= 0 and text[k] in " \t\u00a0":
        k -= 1
    sentence_start = k < 0 or text[k] in _SENTENCE_END
    return _Word(bare, start, start + len(bare), normalise(bare), sentence_start, possessive)


def _drop_sentence_openers(run: list[_Word], gaz: Gazetteer, lower: frozenset[str]) -> list[_Word]:
    """Remove capitalised common words that only open a sentence ("The", "According")."""
    while (
        run
        and run[0].sentence_start
        and (run[0].norm in gaz.stopwords or run[0].text.lower() in lower)
    ):
        if run[0].norm in gaz.titles or run[0].norm in gaz.places or run[0].norm in gaz.orgs:
            break
        run = run[1:]
        if run:
            run[0] = dataclasses.replace(run[0], sentence_start=True)
    return run


def _lookup(run: list[_Word], i: int, gaz: Gazetteer) -> tuple[str, str, int] | None:
    """(kind, key, length) of the longest gazetteer name starting at run[i]."""
    word = run[i]
    if word.text.lower() in gaz.abbreviations:
        return "place", gaz.abbreviations[word.text.lower()], 1
    for n in range(min(gaz.longest, len(run) - i), 0, -1):
        if run[i + n - 1].norm in gaz.connectors and n > 1:
            continue
        name = " ".join(w.norm for w in run[i : i + n])
        if name in gaz.titles:
            return "title", name, n
        if name in gaz.orgs and (n > 1 or _acronym_ok(word)):
            return "org", gaz.orgs[name], n
        if name in gaz.places and (n > 1 or not word.text.islower()):
            if n == 1 and word.text.isupper() and len(word.text) > 3 and name in gaz.cities:
                return None  # "CHICAGO" in a shouted headline is not worth the risk
            return "place", gaz.places[name], n
    return None


def _acronym_ok(word: _Word) -> bool:
    """Short organisation names ("UN", "AP") only when written in capitals."""
    return len(word.norm) > 3 or word.text.replace(".", "").isupper()


def _person_key(words: list[_Word]) -> str:
    """person: + lowercase ASCII tokens, hyphens as spaces ("Kim Jong-un" -> kim jong un)."""
    return "person:" + " ".join(w.norm for w in words)


def _scan_run(run: list[_Word], ctx: _Context) -> _Found:
    """Cut a run at titles and gazetteer names; classify what remains."""
    gaz, text = ctx.gaz, ctx.text
    found = _Found([], [])
    plain: list[_Word] = []
    titled = False
    # A place right before an organisation word belongs to its name: "Tulsa Police Department".
    place: list[_Word] = []
    segments: list[tuple[list[_Word], bool, list[_Word]]] = []
    i = 0
    while i < len(run):
        hit = _lookup(run, i, gaz)
        if hit is None or _inside_name(run, i, hit, plain, gaz):
            if not plain:
                segments.append((plain, titled, place))
            plain.append(run[i])
            i += 1
            continue
        kind, key, n = hit
        plain, titled = [], kind == "title"
        place = run[i : i + n] if kind == "place" else []
        if kind != "title":
            surface = text[run[i].start : run[i + n - 1].end]
            found.entities.append((run[i].start, Entity(key=key, kind=kind, surface=surface)))
        i += n
    for words, after_title, before in segments:
        _classify(words, after_title, before, ctx, found)
    return found


def _inside_name(
    run: list[_Word], i: int, hit: tuple[str, str, int], plain: list[_Word], gaz: Gazetteer
) -> bool:
    """True for a one-word city inside a longer name: "Austin Smith", "Choe Son Hui"."""
    kind, _, n = hit
    if kind != "place" or n != 1 or run[i].norm not in gaz.cities:
        return False
    return _next_plain(run, i, gaz) or bool(plain and plain[-1] is run[i - 1])


def _next_plain(run: list[_Word], i: int, gaz: Gazetteer) -> bool:
    """True when run[i+1] is a capitalised word that is no title, org word or country/state.

    Then a one-word city name is part of a longer name: "Austin Smith",
    "Fairmont Terrace" (two small towns' names, one apartment block).
    """
    if i + 1 >= len(run) or run[i + 1].norm in gaz.connectors:
        return False
    nxt = run[i + 1]
    if nxt.norm in gaz.org_words:
        return False
    hit = _lookup(run, i + 1, gaz)
    return hit is None or (hit[0] == "place" and hit[2] == 1 and nxt.norm in gaz.cities)


def _classify(
    words: list[_Word], after_title: bool, place: list[_Word], ctx: _Context, found: _Found
) -> None:
    """An organisation, a person, or a lone surname to resolve later."""
    gaz, text, lang, lower = ctx.gaz, ctx.text, ctx.lang, ctx.lower
    # Connectors and function words ("His Plan" in a title-case headline) start no name.
    while (
        words
        and words[0].norm not in gaz.org_words
        and (words[0].norm in gaz.connectors or words[0].norm in gaz.stopwords)
    ):
        words = words[1:]
    if not words:
        return
    surface = text[words[0].start : words[-1].end]
    if any(w.norm in gaz.org_words for w in words):
        words = place + words
        surface = text[words[0].start : words[-1].end]
        key = "org:" + " ".join(w.norm for w in words)
        found.entities.append((words[0].start, Entity(key=key, kind="org", surface=surface)))
        return
    if len(words) == 1:
        _single(words[0], after_title, gaz, text, found)
        return
    if len(words) > _MAX_PERSON or any(w.text.isupper() and len(w.text) > 1 for w in words):
        return  # a title-case headline or a shouted phrase, not a name
    if lang == "de" and _after_determiner(text, words[0].start):
        return  # German capitalises nouns: "die Soldaten" is not a person
    if all(w.text.lower() in lower for w in words):
        return  # "His Plan", "Shoot Up": words the text also writes in lowercase
    found.entities.append((words[0].start, Entity(_person_key(words), "person", surface)))


def _single(word: _Word, after_title: bool, gaz: Gazetteer, text: str, found: _Found) -> None:
    """A lone capitalised word: an acronym organisation, or a surname to resolve."""
    bare = word.text.replace(".", "")
    if bare.isupper() and 3 <= len(bare) <= 5 and bare.lower() not in gaz.not_acronyms:
        found.entities.append((word.start, Entity("org:" + word.norm, "org", word.text)))
        return
    if word.text.isupper():
        return
    found.singles.append((word.start, word, after_title))


def _after_determiner(text: str, start: int) -> bool:
    """True when the word before ``start`` is a German article or contraction."""
    before = text[max(0, start - 8) : start].split()
    return bool(before) and before[-1].lower() in _GERMAN_DETERMINERS


def _resolve_singles(
    singles: list[tuple[int, _Word, bool]], persons: list[Entity], gaz: Gazetteer
) -> list[tuple[int, Entity]]:
    """Give each lone surname the longest (then most mentioned) person containing it."""
    counts = Counter(p.key for p in persons)
    by_token: dict[str, str] = {}
    for key in sorted(counts, key=lambda k: (-k.count(" "), -counts[k], k)):
        for token in key.removeprefix("person:").split():
            by_token.setdefault(token, key)
    resolved: list[tuple[int, Entity]] = []
    for start, word, after_title in singles:
        person = by_token.get(word.norm)
        if person is None and word.norm in gaz.places:
            resolved.append((start, Entity(gaz.places[word.norm], "place", word.text)))
            continue
        if person is None and after_title and word.norm not in gaz.stopwords:
            person = "person:" + word.norm  # "Mr. Kim" with no full name: still a person
        if person is not None:
            resolved.append((start, Entity(person, "person", word.text)))
    return resolved


@functools.cache
def _lowercase_demonyms() -> re.Pattern[str]:
    """Demonyms as Portuguese, Spanish and French write them: lowercase ("norte-coreanos")."""
    names = sorted({normalise(n) for n in gazetteer().demonyms}, key=len, reverse=True)
    # Machine translation leaves "norte -coreanos"; accents are matched loosely via \w.
    parts = [r"(?:\s?-|\s)".join(_loose(w) for w in name.split()) for name in names]
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])")


def _loose(word: str) -> str:
    """A regex for an ASCII word that also matches its accented spellings (e -> é, è, ê)."""
    return "".join(f"[{ch}{_ACCENTED[ch]}]" if ch in _ACCENTED else re.escape(ch) for ch in word)


_ACCENTED = {
    "a": "áàâãä",
    "e": "éèêë",
    "i": "íìîï",
    "o": "óòôõö",
    "u": "úùûü",
    "c": "ç",
    "n": "ñ",
}


def _demonym_mentions(text: str, gaz: Gazetteer) -> list[tuple[int, Entity]]:
    """Lowercase demonyms ("os soldados norte-coreanos") as place mentions."""
    found = []
    for m in _lowercase_demonyms().finditer(text):
        key = gaz.places.get(normalise(m[0]))
        if key:
            found.append((m.start(), Entity(key=key, kind="place", surface=m[0])))
    return found


def find_entities(text: str, lang: str) -> list[Entity]:
    """Find the people, organisations and places a text names.

    Keys do not depend on language or spelling: "Kim Jong-un", "Kim Jong Un" and
    "Mr. Kim" give ``person:kim jong un``; "Coréia do Norte", "North Korea",
    "Nordkorea", "Corée du Nord" and "North Korean" give ``place:KP``; "Okla." and
    "Oklahoma" give ``place:US-OK``; "Tulsa" gives ``place:city:tulsa``.

    Args:
        text: cleaned article text.
        lang: ISO 639-1 code or "und" (only German changes the rules: it capitalises nouns).

    Returns:
        Entities in text order, one per mention.
    """
    gaz = gazetteer()
    # Words written with a lowercase initial somewhere in the text (mixed case is rare).
    lower = frozenset(_LOWER_WORD.findall(text))
    ctx = _Context(text, lang, gaz, lower)
    entities: list[tuple[int, Entity]] = []
    singles: list[tuple[int, _Word, bool]] = []
    for run in _runs(text, gaz):
        run = _drop_sentence_openers(run, gaz, lower)
        if not run:
            continue
        found = _scan_run(run, ctx)
        entities += found.entities
        singles += found.singles
    if lang not in _CAPITALISED_DEMONYMS:
        entities += _demonym_mentions(text, gaz)
    entities += caseless_places(text)  # scripts without capitals have no runs to scan
    persons = [e for _, e in entities if e.kind == "person"]
    entities += _resolve_singles(singles, persons, gaz)
    return [e for _, e in sorted(entities, key=lambda pair: pair[0])]
