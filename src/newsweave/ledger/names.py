"""One name for each entity of a story, whatever language its articles spell it in.

A story told in Portuguese and English names North Korea "Coréia do Norte", "Coreia" and
"North Korean"; its ledger shows one name. Countries and regions take their English name from
CLDR (through babel: "Russia", not pycountry's "Russian Federation") and pycountry, since the key
already says which one it is. Cities and people take the commonest spelling that spells the key
itself ("Moscow" over "Moscou", "Kim Jong Un" over "Mr. Kim"), else the key in capitals.
Organisations keep their commonest spelling: their keys are often acronyms ("KCNA").
"""

from __future__ import annotations

from collections import Counter
from pathlib import PurePath

from ..extract.gazetteer import normalise, region_name


def entity_name(key: str, spellings: Counter[str]) -> str:
    """The name to show for ``key`` ("place:KP", "person:kim jong un") given how articles spell it."""
    kind, _, code = key.partition(":")
    if kind == "place" and ":" not in code:
        return region_name(code) or spellings.most_common(1)[0][0]
    if kind == "org":
        return spellings.most_common(1)[0][0]
    return _spelled(code.rsplit(":", 1)[-1], spellings)


def _spelled(canonical: str, spellings: Counter[str]) -> str:
    """The commonest spelling that reads as ``canonical`` (a normalised name), else ``canonical`` in capitals."""
    exact = Counter({name: n for name, n in spellings.items() if normalise(name) == canonical})
    if exact:
        return exact.most_common(1)[0][0]
    return (
        " ".join(word.capitalize() for word in canonical.split()) or spellings.most_common(1)[0][0]
    )


def publisher_name(key: str) -> str:
    """The ledger's publisher key ("site:example.pt", "source:reuters") as pages name it: a
    file's path (the reader's stand-in for a publisher) by its file name; "" for a lone article."""
    kind, _, name = key.partition(":")
    if kind == "article":
        return ""
    return PurePath(name.split("#", 1)[0]).name if path_like(name) else name


def path_like(name: str) -> bool:
    """Whether a source name looks like a file's path rather than a publisher: a slash, no space."""
    return ("/" in name or "\\" in name) and not any(c.isspace() for c in name)
