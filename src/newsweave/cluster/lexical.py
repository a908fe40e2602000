"""Words and their weights: tokenising, and document frequencies learned as articles arrive.

IDF is kept per language, because a word's rarity only means something among texts of
its own language; other languages meet through entities, numbers and embeddings.
"""

from __future__ import annotations

import functools
import math
import re
from collections import Counter
from typing import Mapping

from stop_words import LANGUAGE_MAPPING, get_stop_words

_WORD = re.compile(r"[^\W\d_]{2,}", re.UNICODE)
_MAX_TERMS = 400  # a long article's tail adds noise and cost, not evidence
_TITLE_BOOST = 2  # a headline names the event: its words count as two more mentions


@functools.cache
def stop_words(lang: str) -> frozenset[str]:
    """Function words of ``lang`` (empty for languages without a list).

    IDF alone cannot demote them while a store is young: with a handful of articles,
    "the" is as rare as "cosmodrome".
    """
    if lang not in LANGUAGE_MAPPING:
        return frozenset()
    return frozenset(get_stop_words(lang))


def term_counts(title: str, body: str, lang: str) -> dict[str, float]:
    """Log-scaled term frequencies; title words count extra (a headline names the event)."""
    stops = stop_words(lang)
    counts: Counter[str] = Counter(w for w in _WORD.findall(body.lower()) if w not in stops)
    for word in _WORD.findall(title.lower()):
        if word not in stops:
            counts[word] += _TITLE_BOOST
    top = counts.most_common(_MAX_TERMS)
    return {word: 1.0 + math.log(n) for word, n in top}


class DocumentFrequencies:
    """How many articles of each language contain each term; grows one article at a time."""

    def __init__(self) -> None:
        self.docs: Counter[str] = Counter()
        self.df: dict[str, Counter[str]] = {}

    def add(self, lang: str, terms: Mapping[str, float]) -> None:
        """Count one article's terms."""
        self.docs[lang] += 1
        self.df.setdefault(lang, Counter()).update(terms.keys())

    def idf(self, lang: str, term: str) -> float:
        """Smoothed inverse document frequency of ``term`` among articles in ``lang``."""
        n = self.docs[lang]
        df = self.df.get(lang, {}).get(term, 0)
        return math.log((n + 1) / (df + 1)) + 1.0

    def unit_vector(self, lang: str, terms: Mapping[str, float]) -> dict[str, float]:
        """The TF-IDF vector of ``terms`` scaled to length 1 (empty when there are none)."""
        n = self.docs[lang] + 1
        counts = self.df.get(lang, {})
        # log(n+1) once, not per term: this runs for every article over hundreds of words.
        log_n = math.log(n)
        vector = {t: w * (log_n - math.log(counts.get(t, 0) + 1) + 1.0) for t, w in terms.items()}
        norm = math.sqrt(sum(x * x for x in vector.values()))
        return {t: x / norm for t, x in vector.items()} if norm else {}
