"""Whether one article is a translation of another: the same text, sentence by sentence.

Language-free evidence only, so no language needs its own rules:
- the two articles' stored embeddings (a cheap first look: a translation reads as the same lead),
- their sentence counts (a translation keeps them within a factor of two),
- the figures they state (a translation keeps the digits), and the facts read from them (a
  translation does not make three dead into four: a stated count that differs rules it out),
- and, for the pairs that pass those, a monotone alignment of their sentence vectors (the
  multilingual embedder already loaded): the share of sentences that find their counterpart in
  order. Two reports of one event in two languages share the lead's topic and a few figures,
  but not most sentences in the same order.

Sentence vectors are the expensive part (about 15 ms a sentence on a loaded 2-core VM), so
they are computed only for pairs the cheap evidence lets through, and at ingest (see
``TranslationFinder``), never when a story is read.
"""

from __future__ import annotations

import re
import time
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ..embed import Embedder
from ..models import Article, TranslationLink

# Thresholds measured on the SemEval dev files (bench/provenance.py, BENCHMARKS.md).
# Stored-embedding cosine under which two articles are not one text. The 167 dev translations sit
# at 0.614 or more (lowest per pair: en->zh 0.614, pl->en 0.627, en->it 0.69, en->es 0.739);
# 0.60 instead of 0.55 leaves 476 of 669 same-story pairs to align and 4,961 of 5,549
# sentences to embed, with every stored link kept (BENCHMARKS.md, issue 20).
_LEAD_COSINE = 0.60
# Fewer sentences than this share of the other's: not one text. Low, because a translation is
# often of the first part of a long article only (6 of the 167 dev translations: 3 of 19 sentences).
_SENTENCE_RATIO = 0.15
_MIN_ALIGNED = 2  # sentences aligned, at least: one shared sentence is a quote, not a translation
_SAME_SENTENCE = 0.6  # sentence-vector cosine at which two sentences are taken as one
_ALIGNED_SHARE = 0.6  # share of the shorter article's sentences aligned for a translation
_FIGURES_KEPT = 0.5  # share of figures two translations must share, when both state some
_MAX_SENTENCES = 40  # sentences compared per article: bounds the cost of a long text
_CACHE = 256  # articles whose sentence vectors are kept between candidate pairs

_SENTENCE_END = re.compile(r"(?<=[.!?。！？؟])\s+|(?<=[。！？])|\n+")
_FIGURE = re.compile(r"\d[\d.,\u00a0 ]*\d|\d")


def sentences(text: str) -> list[str]:
    """The text's sentences (and lines), each with some letters, at most _MAX_SENTENCES."""
    parts = (s.strip() for s in _SENTENCE_END.split(text))
    return [s for s in parts if sum(c.isalpha() for c in s) >= 3][:_MAX_SENTENCES]


def figures(text: str) -> set[str]:
    """The numbers a text states, as bare digits ("12.000", "12,000" and "12 000" are one)."""
    return {re.sub(r"\D", "", m) for m in _FIGURE.findall(text)} - {""}


def aligned_share(a: np.ndarray, b: np.ndarray) -> float:
    """Share of the shorter side's sentences matched, in order, to one of the other side.

    A longest-common-subsequence over sentence pairs whose cosine reaches _SAME_SENTENCE:
    a translation keeps the order of its sentences, a second report of the event does not.
    """
    if not len(a) or not len(b):
        return 0.0
    same = (a @ b.T) >= _SAME_SENTENCE
    best = np.zeros(len(b) + 1, dtype=np.int32)
    for i in range(len(a)):
        row = np.zeros(len(b) + 1, dtype=np.int32)
        for j in range(len(b)):
            row[j + 1] = max(row[j], best[j + 1], best[j] + 1 if same[i, j] else 0)
        best = row
    return float(best[-1]) / min(len(a), len(b)) if best[-1] >= _MIN_ALIGNED else 0.0


def figures_agree(a: Article, b: Article) -> bool:
    """Whether two texts keep each other's figures (true when either states fewer than two)."""
    fa, fb = figures(a.text), figures(b.text)
    if len(fa) < 2 or len(fb) < 2:
        return True
    return len(fa & fb) >= _FIGURES_KEPT * min(len(fa), len(fb))


def facts_agree(a: Article, b: Article) -> bool:
    """Whether every count both articles state (killed, injured...) is read alike on one side.

    Counts only: they are often written in words ("al menos cuatro muertos" against "three
    dead"), which ``figures_agree`` cannot see. Measures (durations, distances: a unit) are
    left out because their digits are already compared there, and each language's unit reading
    differs (SemEval dev, re-ingested: 3 of the 167 gold translations were vetoed by a duration or
    distance read differently). A text may state several counts for a slot ("Two dead in
    separate shootings ... a woman was killed") and two languages' rules may choose different
    ones, so a slot agrees when either side's chosen count is among the counts the other text
    states for it (SemEval dev: 2 gold translations had been vetoed so). The event date is left
    out: a weekday read against two publication dates can differ.
    """
    chosen_a, chosen_b = _chosen_counts(a), _chosen_counts(b)
    stated_a, stated_b = _stated_counts(a, chosen_a), _stated_counts(b, chosen_b)
    return all(
        chosen_a[slot] & stated_b[slot] or chosen_b[slot] & stated_a[slot]
        for slot in chosen_a.keys() & chosen_b.keys()
    )


def _chosen_counts(article: Article) -> dict[str, set[float | str]]:
    """Slot -> the counts the article's facts give for it."""
    found: dict[str, set[float | str]] = {}
    for fact in article.facts:
        if fact.stated and fact.unit is None:
            found.setdefault(fact.slot, set()).add(fact.value)
    return found


def _stated_counts(
    article: Article, chosen: dict[str, set[float | str]]
) -> dict[str, set[float | str]]:
    """Slot -> the chosen counts and every other count the text states for that slot."""
    found = {slot: set(values) for slot, values in chosen.items()}
    for quantity in article.quantities:
        if quantity.unit is None and quantity.what in found:
            found[quantity.what].add(quantity.value)
    return found


def may_be_translations(a: Article, b: Article) -> bool:
    """The cheap evidence: two languages, alike leads, comparable length, the same figures."""
    if a.lang == b.lang or a.embedding is None or b.embedding is None:
        return False
    if len(a.embedding) != len(b.embedding):
        return False
    cosine = float(np.dot(np.asarray(a.embedding), np.asarray(b.embedding)))
    if cosine < _LEAD_COSINE:
        return False
    na, nb = len(sentences(a.text)), len(sentences(b.text))
    if not na or not nb or min(na, nb) < _SENTENCE_RATIO * max(na, nb):
        return False
    return figures_agree(a, b) and facts_agree(a, b)


class TranslationFinder:
    """Finds which earlier articles of its story a new article translates (or is translated by).

    Keeps the sentence vectors of recently compared articles, since a story's articles are
    compared with each newcomer.
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._vectors: OrderedDict[str, np.ndarray] = OrderedDict()
        # What it cost, for the benchmark: pairs aligned, sentences embedded, seconds spent.
        self.aligned_pairs = 0
        self.sentences_embedded = 0
        self.seconds = 0.0

    def links(self, article: Article, others: Sequence[Article]) -> list[TranslationLink]:
        """``article``'s translation links with ``others`` (articles of the same story)."""
        found = []
        for other in others:
            if other.id == article.id or not may_be_translations(article, other):
                continue
            started = time.perf_counter()
            share = aligned_share(self._sentence_vectors(article), self._sentence_vectors(other))
            self.aligned_pairs += 1
            self.seconds += time.perf_counter() - started
            if share >= _ALIGNED_SHARE:
                found.append(TranslationLink(article.id, other.id, round(share, 3)))
        return found

    def score(self, a: Article, b: Article) -> float:
        """The aligned share of two articles' sentences (0 when the cheap evidence rules it out)."""
        if not may_be_translations(a, b):
            return 0.0
        return aligned_share(self._sentence_vectors(a), self._sentence_vectors(b))

    def _sentence_vectors(self, article: Article) -> np.ndarray:
        cached = self._vectors.get(article.id)
        if cached is None:
            text = sentences(article.text)
            cached = self.embedder.encode(text)
            self.sentences_embedded += len(text)
            self._vectors[article.id] = cached
            while len(self._vectors) > _CACHE:
                self._vectors.popitem(last=False)
        self._vectors.move_to_end(article.id)
        return cached
