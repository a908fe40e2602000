"""Score two articles as "the same story?", with the components that explain the score."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from typing import IO

import numpy as np

from .cluster import (
    ALL_LANGUAGES,
    ArticleFeatures,
    DocumentFrequencies,
    OnlineClusterer,
    PairWeights,
    StoryState,
    Weights,
    article_features,
    char_grams,
    components,
    embed_articles,
    pair_score,
    sparse_cosine,
)
from .embed import Embedder
from .errors import InputError
from .models import Article, RawDocument
from .prepare import embedding_text, prepare


@dataclass(frozen=True)
class PairScore:
    """The same-story score of two articles and its parts."""

    score: float
    components: dict[str, float | None]


class PairScorer:
    """Scores article pairs against word statistics learned from the texts it is given.

    ``weights`` gives the time scaling (as the clusterer uses it); ``shape`` how the pair
    signals add up (see ``newsweave.cluster.pairs``). ``lead_reader``, when given, is a second,
    slower embedder that reads each article's lead (multilingual-e5-small by default in
    the CLI); its cosine is the ``semantic_lead`` component.
    """

    def __init__(
        self,
        embedder: Embedder,
        weights: Weights,
        shape: PairWeights | None = None,
        lead_reader: Embedder | None = None,
    ) -> None:
        self.embedder = embedder
        self.lead_reader = lead_reader
        self.weights = weights
        self.shape = shape or PairWeights()
        self.df = DocumentFrequencies()
        self.key_df = DocumentFrequencies()
        self.gram_df = DocumentFrequencies(with_prior=False)  # character n-grams
        # Character n-grams and lead vectors by article id: ArticleFeatures (shared with the
        # clusterer) has no slot for them.
        self._grams: dict[str, dict[str, float]] = {}
        self._leads: dict[str, np.ndarray] = {}

    def count_rarity_as(self, clusterer: OnlineClusterer) -> None:
        """Judge word and key rarity by what ``clusterer`` has counted (a store's articles),
        so that two articles are scored against the corpus rather than against each other."""
        self.df, self.key_df = clusterer.document_frequencies()

    def features(self, articles: list[Article]) -> list[ArticleFeatures]:
        """Embed whole articles and count their words, n-grams and keys into the IDF tables."""
        texts = [embedding_text(a) for a in articles]
        vectors = embed_articles(self.embedder, texts)
        found = [article_features(a, v) for a, v in zip(articles, vectors, strict=True)]
        if self.lead_reader is not None:
            self._leads.update(
                zip((f.id for f in found), self.lead_reader.encode(texts), strict=True)
            )
        for f, text in zip(found, texts, strict=True):
            self.df.add(f.lang, f.terms)
            self.key_df.add(ALL_LANGUAGES, dict.fromkeys(f.keys, 1.0))
            self._grams[f.id] = char_grams(text, f.lang)
            self.gram_df.add(f.lang, self._grams[f.id])
        return found

    def score(self, a: ArticleFeatures, b: ArticleFeatures) -> PairScore:
        """Score ``a`` against a one-article story made of ``b``.

        ``lexical`` is the character 4-gram TF-IDF cosine (None across languages).
        """
        story = StoryState(id="b", index=0)
        story.add(b, self.df.unit_vector(b.lang, b.terms))
        parts = components(a, story, self.df, self.key_df, self.weights)
        # A pair is not a stream: no story share of languages, no stream background.
        for stream_only in ("same_language", "background"):
            parts.pop(stream_only, None)
        parts["lexical"] = self._gram_cosine(a, b)
        if a.id in self._leads and b.id in self._leads:
            parts["semantic_lead"] = float(np.dot(self._leads[a.id], self._leads[b.id]))
        return PairScore(round(pair_score(parts, self.shape, self.weights), 4), parts)

    def _gram_cosine(self, a: ArticleFeatures, b: ArticleFeatures) -> float | None:
        """TF-IDF cosine of the two articles' character n-grams; None across languages."""
        if a.lang != b.lang:
            return None
        grams_a = self._grams.get(a.id) or {}
        grams_b = self._grams.get(b.id) or {}
        return sparse_cosine(
            self.gram_df.unit_vector(a.lang, grams_a), self.gram_df.unit_vector(b.lang, grams_b)
        )


def score_pairs_file(
    stream: IO[str], scorer: PairScorer, origin: str
) -> Iterator[dict[str, object]]:
    """Score every pair of a SemEval-style JSONL file: ``{"id", "a": {text, lang}, "b": {...}}``.

    IDF is learned from all texts of the file first, so every pair sees the same statistics.

    Raises:
        InputError: naming the line of a record that is not a valid pair.
    """
    ids, firsts, seconds = [], [], []
    for number, line in enumerate(stream, 1):
        if not line.strip():
            continue
        try:
            record = json.loads(line)
            firsts.append(_article(record["a"], f"{origin}#line {number} a"))
            seconds.append(_article(record["b"], f"{origin}#line {number} b"))
            ids.append(record.get("id", str(number)))
        except (ValueError, KeyError, TypeError) as exc:
            raise InputError(f"{origin}#line {number}", f"not a pair record: {exc}") from exc
    features_a = scorer.features(firsts)
    features_b = scorer.features(seconds)
    for pair_id, fa, fb in zip(ids, features_a, features_b, strict=True):
        yield {"id": pair_id, "score": scorer.score(fa, fb).score}


def _article(side: dict[str, str], origin: str) -> Article:
    """One side of a pair record, prepared like any ingested article."""
    return prepare(
        RawDocument(
            origin=origin, text=side["text"], lang=side.get("lang"), title=side.get("title")
        )
    )
