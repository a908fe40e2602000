"""Words and their weights: tokenising, and document frequencies learned as articles arrive.

IDF is kept per language, because a word's rarity only means something among texts of
its own language; other languages meet through entities, numbers and embeddings.
"""

from __future__ import annotations

import functools
import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Mapping
from typing import Any

import wordfreq
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
    # Interned: a story's word sums and the postings hold these words for as long as the run,
    # and one shared copy of "shooting" beats one per article (~4 KB an article on gva-dev).
    return {sys.intern(word): 1.0 + math.log(n) for word, n in top}


# How many articles' worth of evidence the general-language prior is worth: a store with
# far fewer articles of a language leans on it, a large one on its own counts.
_PRIOR_WEIGHT = 20
_WORDS_PER_ARTICLE = 300  # turns a word's frequency into the chance an article contains it
_UNSEEN_FREQUENCY = 1e-8  # names and rare words wordfreq does not list
# The "language" entity keys and numbers are counted under: they are shared across languages.
ALL_LANGUAGES = "*"


@functools.cache
def _word_frequencies(lang: str) -> Mapping[str, float] | None:
    """wordfreq's frequency table for ``lang``, or None for a language it does not cover."""
    if lang not in wordfreq.available_languages():
        return None
    return wordfreq.get_frequency_dict(lang)


def prior_idf(lang: str, term: str) -> float | None:
    """IDF expected from general-language word frequency (wordfreq), None without a table.

    A young store cannot tell "kim" from "cosmodrome" by counting five articles;
    general usage can.
    """
    table = _word_frequencies(lang)
    if table is None:
        return None
    chance = min(1.0, _WORDS_PER_ARTICLE * table.get(term, _UNSEEN_FREQUENCY))
    return 1.0 - math.log(chance)


class DocumentFrequencies:
    """How many articles of each language contain each term; grows one article at a time.

    The IDF blends the store's own counts with a general-language prior, weighted by how
    many articles of that language the store has seen. ``with_prior=False`` counts only
    what it is given (for character n-grams, which word-frequency tables say nothing of).
    """

    def __init__(self, with_prior: bool = True) -> None:
        self.with_prior = with_prior
        self.docs: Counter[str] = Counter()
        self.df: dict[str, Counter[str]] = {}

    def add(self, lang: str, terms: Mapping[str, float]) -> None:
        """Count one article's terms."""
        self.docs[lang] += 1
        self.df.setdefault(lang, Counter()).update(terms.keys())

    def forget(self, tokens: Iterable[str]) -> None:
        """Stop counting terms given as "lang:term": they read as unseen from now on."""
        for token in tokens:
            lang, term = token.split(":", 1)
            self.forget_terms(lang, (term,))

    def forget_terms(self, lang: str, terms: Iterable[str]) -> None:
        """Stop counting ``terms`` of ``lang``: they read as unseen from now on."""
        counts = self.df.get(lang)
        if counts is not None:
            for term in terms:
                counts.pop(term, None)

    def state(self) -> dict[str, Any]:
        """The counts as plain maps (``from_state`` reads them back)."""
        return {
            "docs": dict(self.docs),
            "df": {lang: dict(counts) for lang, counts in self.df.items()},
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any], with_prior: bool = True) -> DocumentFrequencies:
        """Frequencies holding the counts ``state`` wrote."""
        frequencies = cls(with_prior)
        frequencies.docs = Counter(state["docs"])
        # Interned as term_counts interns them: one copy of each word however many use it.
        frequencies.df = {
            lang: Counter({sys.intern(t): n for t, n in counts.items()})
            for lang, counts in state["df"].items()
        }
        return frequencies

    def idf(self, lang: str, term: str) -> float:
        """Smoothed inverse document frequency of ``term`` among articles in ``lang``."""
        n = self.docs[lang]
        df = self.df[lang][term] if lang in self.df else 0
        own = math.log((n + 1) / (df + 1)) + 1.0
        prior = prior_idf(lang, term) if self.with_prior else None
        if prior is None:
            return own
        return (n * own + _PRIOR_WEIGHT * prior) / (n + _PRIOR_WEIGHT)

    def unit_vector(self, lang: str, terms: Mapping[str, float]) -> dict[str, float]:
        """The TF-IDF vector of ``terms`` scaled to length 1 (empty when there are none)."""
        vector = {t: w * self.idf(lang, t) for t, w in terms.items()}
        norm = math.sqrt(sum(x * x for x in vector.values()))
        return {t: x / norm for t, x in vector.items()} if norm else {}
