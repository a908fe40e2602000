"""Language packs for names: how one language writes the names the gazetteer keys.

Each language may have ``extract/data/lang/<code>/names.json``. The file holds only words;
``entities.py`` reads them through ``language_gazetteer(lang)``. Its keys, all optional:

- ``titles``: words written before a person's name that are not part of it
  ("Bundeskanzlerin", "Başbakan", "Papa"): titles of one language only, so that "Papa" is
  a title in Spanish text and a name in English;
- ``stopwords``: words that open sentences and start no name (Russian "В", in; "Позже", later):
  a capitalised run is not begun with one;
- ``org_words``: words that make a name an organisation's (Turkish "Bakanlığı", Polish
  "Ministerstwo", "Sądu"), written in each case they are met in;
- ``title_endings``: endings that make a compound a title (German "-minister": "Außenminister",
  "Gesundheitsministerin");
- ``endings``: ``[ending, replacement]`` pairs, the case endings of proper nouns (an empty ending
  adds the replacement: Polish "Chin" is "Chiny"). A name the gazetteer does not know as
  written is looked up again with an ending replaced: German
  "Deutschlands" is "Deutschland", Polish "w Polsce" is "Polska", "Stanów Zjednoczonych" is
  "Stany Zjednoczone". Only a form the gazetteer knows is taken, so a wrong guess finds nothing;
  a lone surname is matched the same way to a person the text names in full ("Floyds" to
  "George Floyd");
- ``capitalised_nouns``: true for a language that capitalises every noun (German). Then a
  one-word name read with its ending replaced is never a city: "Zahlen" is not Zahlé, nor
  "Viren" Viru, though "Frankreichs" is France (in any language, such a guessed city is not
  taken from a sentence's first word either);
- ``articles``: words after which a capitalised word is a common noun in such a language
  ("die Lage" is no city of Lage, "die Soldaten" no person; countries and regions take one:
  "die Türkei", "die Lombardei");
- ``elisions``: elided articles written onto a name ("L'" in French "L'Union européenne");
- ``apostrophe_endings``: true where a proper noun's case ending follows an apostrophe
  (Turkish "Ankara'da", "Macron'un"): the word is read up to the apostrophe;
- ``aliases``: key -> spellings of this language the shared lists lack (Turkish "ABD",
  the United States).

Words are written as the language writes them; they are matched in the gazetteer's lookup form
(``normalise``: ASCII, lowercase), so "Polsce" and "polsce" are one. A pack that cannot be read
is reported (the file and the reason) and treated as absent: that language then gets the names
the shared lists hold, as written.
"""

from __future__ import annotations

import dataclasses
import functools
import json
import logging
from collections.abc import Mapping
from dataclasses import dataclass
from importlib import resources

from .gazetteer import Gazetteer, gazetteer, normalise

log = logging.getLogger(__name__)


_MIN_STEM = 3  # letters left once an ending is taken off: "Są" (are) is not "Say"


class NamePackError(ValueError):
    """A names.json that is not as this module documents it."""


@dataclass(frozen=True)
class NamePack:
    """One language's name data, in lookup form."""

    titles: frozenset[str] = frozenset()
    org_words: frozenset[str] = frozenset()
    stopwords: frozenset[str] = frozenset()
    title_endings: tuple[str, ...] = ()
    endings: tuple[tuple[str, str], ...] = ()  # longest ending first
    capitalised_nouns: bool = False
    articles: frozenset[str] = frozenset()
    elisions: tuple[str, ...] = ()  # lowercase, "'" for either apostrophe
    apostrophe_endings: bool = False
    aliases: tuple[tuple[str, str], ...] = ()  # (lookup form, key)

    def forms(self, norm: str) -> tuple[str, ...]:
        """``norm`` with each of its case endings replaced, most specific ending first."""
        return _forms(self.endings, norm) if self.endings else ()

    def is_title_compound(self, norm: str) -> bool:
        """True for one written word (hyphens are spaces in ``norm``) that ends in a title ending:
        "aussenminister", "cdu politiker" (CDU-Politiker)."""
        last = norm.rsplit(" ", 1)[-1]
        return any(last.endswith(e) and len(norm) > len(e) for e in self.title_endings)


@functools.lru_cache(maxsize=1 << 16)  # a text names the same few words again and again
def _forms(endings: tuple[tuple[str, str], ...], norm: str) -> tuple[str, ...]:
    found: list[str] = []
    for ending, replacement in endings:
        if norm.endswith(ending) and len(norm) - len(ending) >= _MIN_STEM:
            form = norm[: len(norm) - len(ending)] + replacement
            if form != norm and form not in found:
                found.append(form)
    return tuple(found)


NO_PACK = NamePack()


def name_pack(lang: str | None) -> NamePack:
    """The names pack of a language code as the detector gives it ("de", "zh-tw" -> "zh")."""
    code = _language_code(lang)
    return _load(code) if code else NO_PACK


def _language_code(lang: str | None) -> str:
    """ "de", "zh-tw" -> "zh", "pt_BR" -> "pt"; "" for what is no language code."""
    code = (lang or "").lower().replace("_", "-").split("-")[0]
    return code if code.isalpha() else ""


@functools.cache
def _load(code: str) -> NamePack:
    path = resources.files("newsweave.extract").joinpath(f"data/lang/{code}/names.json")
    if not path.is_file():
        return NO_PACK
    try:
        return compile_name_pack(json.loads(path.read_text("utf-8")))
    except (OSError, ValueError) as error:  # JSONDecodeError and NamePackError are ValueErrors
        log.error("language pack %s not used: %s", f"lang/{code}/names.json", error)
        return NO_PACK


def compile_name_pack(raw: object) -> NamePack:
    """A NamePack from the parsed JSON of a names.json; NamePackError names what is wrong."""
    if not isinstance(raw, dict):
        raise NamePackError("the file must hold one JSON object")
    known = (
        "_about",
        "titles",
        "org_words",
        "stopwords",
        "title_endings",
        "endings",
        "capitalised_nouns",
        "articles",
        "elisions",
        "apostrophe_endings",
        "aliases",
    )
    unknown = set(raw) - set(known)
    if unknown:
        raise NamePackError(f"unknown keys {sorted(unknown)}")
    endings = []
    for pair in raw.get("endings", []):
        if not (
            isinstance(pair, list) and len(pair) == 2 and all(isinstance(p, str) for p in pair)
        ):
            raise NamePackError(f'"endings": {pair!r} is not an [ending, replacement] pair')
        endings.append((_form(pair[0]), _form(pair[1])))
    aliases_raw = raw.get("aliases", {})
    if not isinstance(aliases_raw, dict):
        raise NamePackError('"aliases" must map keys to lists of spellings')
    aliases = [
        (normalise(name), key)
        for key, names in aliases_raw.items()
        for name in _strings(names, key)
    ]
    flags = {name: raw.get(name, False) for name in ("capitalised_nouns", "apostrophe_endings")}
    for name, flag in flags.items():
        if not isinstance(flag, bool):
            raise NamePackError(f'"{name}" must be true or false')
    return NamePack(
        titles=frozenset(normalise(t) for t in _strings(raw.get("titles", []), "titles")),
        org_words=frozenset(normalise(w) for w in _strings(raw.get("org_words", []), "org_words")),
        stopwords=frozenset(normalise(w) for w in _strings(raw.get("stopwords", []), "stopwords")),
        title_endings=tuple(
            _form(e) for e in _strings(raw.get("title_endings", []), "title_endings")
        ),
        endings=tuple(sorted(endings, key=lambda p: -len(p[0]))),
        capitalised_nouns=flags["capitalised_nouns"],
        articles=frozenset(a.lower() for a in _strings(raw.get("articles", []), "articles")),
        elisions=tuple(
            e.lower().replace("’", "'") for e in _strings(raw.get("elisions", []), "elisions")
        ),
        apostrophe_endings=flags["apostrophe_endings"],
        aliases=tuple(aliases),
    )


def _form(text: str) -> str:
    """An ending or word in lookup form; unlike ``normalise`` it keeps an empty string."""
    return normalise(text) if text.strip() else ""


def _strings(value: object, name: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise NamePackError(f'"{name}" must be a list of strings')
    return value


def language_gazetteer(lang: str | None) -> tuple[Gazetteer, NamePack]:
    """The gazetteer as text in ``lang`` reads it (its titles and aliases added), and its pack."""
    return _for_language(_language_code(lang))


@functools.cache  # once a language: asked for every article
def _for_language(code: str) -> tuple[Gazetteer, NamePack]:
    pack = name_pack(code)
    base = gazetteer()
    if pack is NO_PACK:
        return base, pack
    merged = dataclasses.replace(
        base,
        titles=base.titles | pack.titles,
        org_words=base.org_words | pack.org_words,
        stopwords=base.stopwords | pack.stopwords,
        places=_with_aliases(base.places, pack, org=False),
        orgs=_with_aliases(base.orgs, pack, org=True),
    )
    return merged, pack


def _with_aliases(table: Mapping[str, str], pack: NamePack, org: bool) -> Mapping[str, str]:
    """``table`` with the pack's aliases of that kind: the shared table itself when it has none
    (no copy of 64,000 names for each language), else a copy (a dict: looked up per word, where
    a ChainMap's lookups cost five times as much)."""
    mine = {name: key for name, key in pack.aliases if key.startswith("org:") == org}
    return {**table, **mine} if mine else table
