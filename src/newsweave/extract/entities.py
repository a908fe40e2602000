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
import itertools
import re
from collections import Counter
from dataclasses import dataclass

from newsweave.extract.caseless import caseless_places
from newsweave.extract.gazetteer import Gazetteer, gazetteer, is_region, normalise
from newsweave.extract.name_packs import NO_PACK, NamePack, language_gazetteer
from newsweave.extract.name_runs import (
    Word,
    capitalised_runs,
    drop_sentence_openers,
    lowercase_words,
    nouns_after_articles,
)
from newsweave.models import Entity

_MAX_PERSON = 4
# A name read with case endings replaced: at most this many words and spellings tried, so a
# run of capitalised German nouns costs a bounded number of lookups.
_MAX_INFLECTED_WORDS = 3
_MAX_FORMS = 24
# English capitalises demonyms ("North Korean"), so the capitalised-run scan finds them.
_CAPITALISED_DEMONYMS = {"en"}


@dataclass(frozen=True)
class _Context:
    """What every step needs to know about the text being scanned."""

    text: str
    gaz: Gazetteer
    lower: frozenset[str]  # words the text writes in lowercase somewhere
    names: NamePack = NO_PACK  # the language's titles and case endings
    nouns: frozenset[str] = frozenset()  # words written after an article (lowercased): nouns


@dataclass
class _Found:
    """What one run yields before single surnames are resolved across the text."""

    entities: list[tuple[int, Entity]]
    singles: list[tuple[int, Word, bool]]  # lone surnames; bool: came after a title


def _lookup(
    run: list[Word], i: int, gaz: Gazetteer, names: NamePack = NO_PACK
) -> tuple[str, str, int] | None:
    """(kind, key, length) of the longest gazetteer name starting at run[i]; failing that, of
    the longest once the language's case endings are replaced ("Deutschlands", "w Polsce")."""
    word = run[i]
    if word.text.lower() in gaz.abbreviations:
        return "place", gaz.abbreviations[word.text.lower()], 1
    for n in range(min(gaz.longest, len(run) - i), 0, -1):
        if run[i + n - 1].norm in gaz.connectors and n > 1:
            continue
        name = " ".join(w.norm for w in run[i : i + n])
        if name in gaz.titles or (n == 1 and _title_compound(name, gaz, names)):
            return "title", name, n
        hit = _name_hit(name, n, word, gaz)
        if hit is not None:
            return hit if hit[1] else None
    return _lookup_inflected(run, i, gaz, names) if names.endings else None


def _name_hit(name: str, n: int, word: Word, gaz: Gazetteer) -> tuple[str, str, int] | None:
    """An organisation or place called ``name`` (n words from ``word``); ("place", "", 1) for a
    name that must not be read as one."""
    if name in gaz.orgs and (n > 1 or _acronym_ok(word)):
        return "org", gaz.orgs[name], n
    if name in gaz.places and (n > 1 or not word.text.islower()):
        if n == 1 and word.text.isupper() and len(word.text) > 3 and name in gaz.cities:
            return "place", "", 1  # "CHICAGO" in a shouted headline is not worth the risk
        if n == 1 and word.after_article and name in gaz.cities:
            # German "die Lage" is a noun: a city takes no article (regions do: "die Lombardei").
            return "place", "", 1
        return "place", gaz.places[name], n
    return None


def _lookup_inflected(
    run: list[Word], i: int, gaz: Gazetteer, names: NamePack
) -> tuple[str, str, int] | None:
    """``_lookup`` with case endings replaced in each word of the name ("Vereinigten Staaten")."""
    for n in range(min(_MAX_INFLECTED_WORDS, len(run) - i), 0, -1):
        words = run[i : i + n]
        if words[-1].norm in gaz.connectors:
            continue
        first = [words[0].norm, *names.forms(words[0].norm)]
        if n > 1:  # a longer name starts with a word some name starts with: most runs stop here
            first = [f for f in first if f in _name_heads()]
            if not first:
                continue
        rest = [
            [w.norm] if w.norm in gaz.connectors else [w.norm, *names.forms(w.norm)]
            for w in words[1:]
        ]
        for parts in itertools.islice(itertools.product(first, *rest), _MAX_FORMS):
            name = " ".join(parts)
            if n == 1 and name in gaz.titles:
                return "title", name, 1
            hit = _name_hit(name, n, run[i], gaz)
            if hit is None or not hit[1]:
                continue
            # German capitalises nouns ("Zahlen" is not Zahlé), and any language the first word
            # of a sentence (Polish "Aby", "in order to", is not Aba): a city's name is guessed
            # from an inflected form only where nothing else capitalises it.
            guessed_city = n == 1 and hit[1].startswith("place:city:")
            if guessed_city and (names.capitalised_nouns or run[i].first_in_sentence):
                continue
            return hit
    return None


@functools.cache
def _name_heads() -> frozenset[str]:
    """The first words of the places' and organisations' names of more than one word."""
    gaz = gazetteer()
    return frozenset(name.split(" ", 1)[0] for name in (*gaz.places, *gaz.orgs) if " " in name)


def _title_compound(norm: str, gaz: Gazetteer, names: NamePack) -> bool:
    """A title written as one word: "US-Präsident", "Ex-Minister" (one part before a title:
    "Port-au-Prince" is a city), or a compound of the language's title endings
    ("Außenministerin")."""
    parts = norm.split(" ")
    return (len(parts) == 2 and parts[1] in gaz.titles) or names.is_title_compound(norm)


def _acronym_ok(word: Word) -> bool:
    """Short organisation names ("UN", "AP") only when written in capitals."""
    return len(word.norm) > 3 or word.text.replace(".", "").isupper()


def _person_key(words: list[Word]) -> str:
    """person: + lowercase ASCII tokens, hyphens as spaces ("Kim Jong-un" -> kim jong un)."""
    return "person:" + " ".join(w.norm for w in words)


def _scan_run(run: list[Word], ctx: _Context) -> _Found:
    """Cut a run at titles and gazetteer names; classify what remains."""
    gaz, text = ctx.gaz, ctx.text
    found = _Found([], [])
    plain: list[Word] = []
    titled = False
    # A place right before an organisation word belongs to its name: "Tulsa Police Department".
    place: list[Word] = []
    segments: list[tuple[list[Word], bool, list[Word]]] = []
    i = 0
    while i < len(run):
        hit = _lookup(run, i, gaz, ctx.names)
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
    run: list[Word], i: int, hit: tuple[str, str, int], plain: list[Word], gaz: Gazetteer
) -> bool:
    """True for a one-word city inside a longer name: "Austin Smith", "Choe Son Hui"."""
    kind, key, n = hit
    if kind != "place" or n != 1 or not _may_be_a_name(key) or run[i].cut:
        return False  # "Erdoğan Ankara'da": the case ending shows where the city's name is
    return _next_plain(run, i, gaz) or bool(plain and plain[-1] is run[i - 1])


def _may_be_a_name(key: str) -> bool:
    """Cities and other countries' regions share their names with people ("Austin Smith",
    "Lori Dooley": Lori is an Armenian province); countries and US states keep theirs."""
    return key.startswith("place:city:") or is_region(key)


def _next_plain(run: list[Word], i: int, gaz: Gazetteer) -> bool:
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
    words: list[Word], after_title: bool, place: list[Word], ctx: _Context, found: _Found
) -> None:
    """An organisation, a person, or a lone surname to resolve later."""
    gaz, text, lower = ctx.gaz, ctx.text, ctx.lower
    # Connectors and function words ("His Plan" in a title-case headline) start no name.
    while (
        words
        and words[0].norm not in gaz.org_words
        and (words[0].norm in gaz.connectors or words[0].norm in gaz.stopwords)
    ):
        words = words[1:]
    # No name ends in a lowercase word: a connector ("Regierung der" before a place; "Trung Le"
    # keeps its capital) or a word only a gazetteer name would have taken ("La estrella de").
    while words and words[-1].text.islower():
        words = words[:-1]
    if not words:
        return
    if any(w.norm in gaz.org_words for w in words):
        words = place + words
        surface = text[words[0].start : words[-1].end]
        key = "org:" + " ".join(w.norm for w in words)
        found.entities.append((words[0].start, Entity(key=key, kind="org", surface=surface)))
        return
    surface = text[words[0].start : words[-1].end]
    if len(words) == 1:
        _single(words[0], after_title, gaz, text, found)
        return
    if len(words) > _MAX_PERSON or any(w.text.isupper() and len(w.text) > 1 for w in words):
        return  # a title-case headline or a shouted phrase, not a name
    if words[0].after_article:
        return  # German capitalises nouns: "die Soldaten" is not a person
    if any(w.text.lower() in ctx.nouns for w in words):
        return  # "Tausende Menschen" opening a sentence: the text writes "die Menschen" too
    if all(w.text.lower() in lower for w in words):
        return  # "His Plan", "Shoot Up": words the text also writes in lowercase
    found.entities.append((words[0].start, Entity(_person_key(words), "person", surface)))


def _single(word: Word, after_title: bool, gaz: Gazetteer, text: str, found: _Found) -> None:
    """A lone capitalised word: an acronym organisation, or a surname to resolve."""
    bare = word.text.replace(".", "")
    if bare.isupper() and 3 <= len(bare) <= 5 and bare.lower() not in gaz.not_acronyms:
        found.entities.append((word.start, Entity("org:" + word.norm, "org", word.text)))
        return
    if word.text.isupper():
        return
    found.singles.append((word.start, word, after_title))


def _resolve_singles(
    singles: list[tuple[int, Word, bool]],
    persons: list[Entity],
    gaz: Gazetteer,
    names: NamePack = NO_PACK,
) -> list[tuple[int, Entity]]:
    """Give each lone surname the longest (then most mentioned) person containing it, also
    with a case ending replaced ("Floyds", "Dudy")."""
    counts = Counter(p.key for p in persons)
    by_token: dict[str, str] = {}
    for key in sorted(counts, key=lambda k: (-k.count(" "), -counts[k], k)):
        for token in key.removeprefix("person:").split():
            by_token.setdefault(token, key)
    resolved: list[tuple[int, Entity]] = []
    for start, word, after_title in singles:
        person = next(
            (by_token[f] for f in (word.norm, *names.forms(word.norm)) if f in by_token), None
        )
        if person is None and word.norm in gaz.places and not word.after_article:
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
        lang: ISO 639-1 code or "und": it chooses the language's names pack
            (extract/data/lang/<code>/names.json: titles, case endings, articles).

    Returns:
        Entities in text order, one per mention.
    """
    gaz, names = language_gazetteer(lang)
    # Words written with a lowercase initial somewhere in the text (mixed case is rare).
    lower = lowercase_words(text)
    ctx = _Context(text, gaz, lower, names, nouns_after_articles(text, names))
    entities: list[tuple[int, Entity]] = []
    singles: list[tuple[int, Word, bool]] = []
    for run in capitalised_runs(text, gaz, names):
        run = drop_sentence_openers(run, gaz, lower)
        if not run:
            continue
        found = _scan_run(run, ctx)
        entities += found.entities
        singles += found.singles
    if lang not in _CAPITALISED_DEMONYMS:
        entities += _demonym_mentions(text, gaz)
    entities += caseless_places(text)  # scripts without capitals have no runs to scan
    if names.endings:
        entities = _inflected_persons(entities, names)
    persons = [e for _, e in entities if e.kind == "person"]
    entities += _resolve_singles(singles, persons, gaz, names)
    return [e for _, e in sorted(entities, key=lambda pair: pair[0])]


def _inflected_persons(
    entities: list[tuple[int, Entity]], names: NamePack
) -> list[tuple[int, Entity]]:
    """A person named in an inflected case takes the key of the same person named in another
    case in the text: "Andrzeja Dudy" -> "Andrzej Duda" when the text has both. A name never
    written otherwise keeps its own key; of two forms that each read as the other, the one
    written more often is kept."""
    counts = Counter(e.key for _, e in entities if e.kind == "person")
    merged = []
    for start, entity in entities:
        if entity.kind == "person":
            known = [
                k
                for k in _person_forms(entity.key, names)
                if counts[k]
                and (counts[k] > counts[entity.key] or entity.key not in _person_forms(k, names))
            ]
            if known:
                entity = dataclasses.replace(entity, key=max(known, key=lambda k: (counts[k], k)))
        merged.append((start, entity))
    return merged


def _person_forms(key: str, names: NamePack) -> list[str]:
    """The keys ``key`` gives with case endings replaced in its words (bounded)."""
    spellings = [[t, *names.forms(t)] for t in key.removeprefix("person:").split()]
    forms = itertools.islice(itertools.product(*spellings), 1, _MAX_FORMS)
    return ["person:" + " ".join(f) for f in forms]
