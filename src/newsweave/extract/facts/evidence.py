"""Sentences as evidence: the sentence of a text that holds a given position or phrase."""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterator

# A sentence ends at . ! ? followed by space and a capital, digit or quote, or at a line break.
# Abbreviations not listed below still cut a sentence: a sentence cut short is still readable
# evidence, and running together two sentences would be worse.
_END = re.compile(r"(?<=[.!?])[\"'”’)]?\s+(?=[\"'“‘(]?[A-ZÀ-ÖØ-Þ\d])|\n+")
# Words ending in a dot that do not end a sentence ("shot on Dec. 12", "Mr. Kim", "St. Louis").
_ABBREVIATIONS = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "st",
        "sr",
        "jr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "no",
        "nr",
        "sra",
        "sr",
        "dra",
        "prof",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "fev",
        "abr",
        "mai",
        "ago",
        "set",
        "out",
        "dez",
        "ene",
        "dic",
        "okla",
        "calif",
        "ariz",
        "fla",
        "ga",
        "ill",
        "ind",
        "kan",
        "ky",
        "la",
        "md",
        "mass",
        "mich",
        "minn",
        "miss",
        "mo",
        "mont",
        "neb",
        "nev",
        "pa",
        "tenn",
        "tex",
        "va",
        "wash",
        "wis",
        "u.s",
        "a.m",
        "p.m",
        "co",
        "inc",
        "corp",
        "ave",
        "blvd",
        "mt",
        "ft",
        "ofc",
        "cpl",
        "pvt",
        "insp",
        "supt",
        "atty",
        "hon",
    ]
)
# Titles always lead into a name; other abbreviations ("9 p.m.", "Main St.", "Tulsa, Okla.") can
# also close a sentence, which they do when the next word is one that opens sentences. "Det." is not
# among the titles: on gva-dev it moved an event date the wrong way (see BENCHMARKS.md, sixth round).
_TITLES = frozenset(
    [
        "mr",
        "mrs",
        "ms",
        "dr",
        "gen",
        "col",
        "lt",
        "sgt",
        "capt",
        "gov",
        "sen",
        "rep",
        "rev",
        "prof",
        "sra",
        "dra",
        "mt",
        "ft",
        "ofc",
        "cpl",
        "pvt",
        "insp",
        "supt",
        "atty",
        "hon",
    ]
)
_OPENERS = frozenset(
    [
        "the",
        "a",
        "an",
        "he",
        "she",
        "it",
        "they",
        "we",
        "i",
        "his",
        "her",
        "their",
        "its",
        "this",
        "that",
        "these",
        "those",
        "there",
        "police",
        "officers",
        "authorities",
        "investigators",
        "deputies",
        "witnesses",
        "officials",
        "when",
        "after",
        "while",
        "according",
        "one",
        "two",
        "three",
        "both",
        "no",
        "another",
        "neighbors",
        "family",
    ]
)
_LONGEST = 400  # characters of evidence kept around the phrase in a run-on "sentence"


class Sentences:
    """The sentence boundaries of one text, found once and looked up by position."""

    def __init__(self, text: str) -> None:
        self.text = text
        self._starts = [0] + [
            m.end() for m in _END.finditer(text) if not _abbreviated(text, m.start())
        ]

    def at(self, position: int) -> tuple[int, int]:
        """(start, end) of the sentence that holds ``position``."""
        i = bisect_right(self._starts, position) - 1
        start = self._starts[max(i, 0)]
        end = self._starts[i + 1] if i + 1 < len(self._starts) else len(self.text)
        return start, end

    def spans(self) -> Iterator[tuple[int, int]]:
        """(start, end) of every sentence, in order."""
        ends = [*self._starts[1:], len(self.text)]
        yield from zip(self._starts, ends, strict=True)

    def quote(self, position: int, length: int = 0) -> str:
        """The sentence around ``position`` as written, trimmed to a readable length."""
        start, end = self.at(position)
        if end - start > _LONGEST:
            start = max(start, position - _LONGEST // 2)
            end = min(end, position + length + _LONGEST // 2)
        return " ".join(self.text[start:end].split())

    def find(self, phrase: str, after: int = 0) -> int:
        """Where ``phrase`` first occurs at or after ``after`` (else anywhere; -1 if nowhere)."""
        found = self.text.find(phrase, after)
        return found if found >= 0 else self.text.find(phrase)

    def occurrences(self, phrase: str) -> Iterator[int]:
        """Every position of ``phrase`` in the text."""
        found = self.text.find(phrase)
        while found >= 0:
            yield found
            found = self.text.find(phrase, found + 1)


def _abbreviated(text: str, end: int) -> bool:
    """Whether the dot before ``end`` closes an abbreviation rather than a sentence."""
    if text[end - 1 : end] != ".":
        return False
    word = (text[max(0, end - 6) : end - 1].rsplit(None, 1)[-1:] or [""])[0].lower().lstrip("(\"'")
    if word not in _ABBREVIATIONS:
        return False
    if word in _TITLES:
        return True
    following = text[end : end + 20].split(None, 1)
    return not following or following[0].strip("\"'“‘(,").lower() not in _OPENERS
