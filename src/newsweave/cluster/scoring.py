"""The same-story score: five signals, each in [0, 1], and how they combine.

Every decision records these components, so a user can see why an article joined.
- lexical: TF-IDF cosine with the centroid of the story's articles in the same language;
- semantic: cosine of multilingual sentence embeddings (the only signal that reads
  across languages word by word);
- entities: the share of the article's entity weight (rare keys weigh more) the story has;
- numbers: the same for counted things ("killed=4", "age=23");
- time: closeness of the article's day to the days the story spans.

The first four make the *content* score, a weighted mean. Time scales it rather than
adding to it: two shootings in one city read alike, and only the calendar tells them
apart, while being published the same week says nothing about two unrelated texts.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, replace
from datetime import date
from typing import Mapping

import numpy as np

from .features import ArticleFeatures, StoryState
from .lexical import DocumentFrequencies

Parts = dict[str, float | None]


@dataclass(frozen=True)
class Weights:
    """How the components add up, and the score an article needs to join a story."""

    lexical: float = 0.45
    semantic: float = 0.25
    entities: float = 0.2
    numbers: float = 0.1
    threshold: float = 0.5
    time_scale_days: float = 7.0
    time_floor: float = 0.3  # the factor left for a story far away in time (follow-ups happen)
    unknown_time: float = 1.0  # factor when a date is missing: content alone decides

    @classmethod
    def for_pairs(cls) -> "Weights":
        """Weights for scoring two single articles, as ``compare`` does."""
        return replace(cls())


def lexical_similarity(
    a: ArticleFeatures, story: StoryState, df: DocumentFrequencies,
    vector: Mapping[str, float] | None = None,
) -> float | None:
    """TF-IDF cosine with the story's same-language centroid; None when it has none.

    ``vector`` is ``a``'s unit TF-IDF vector, when the caller has it already.
    """
    bag = story.lexical.get(a.lang)
    if not bag:
        return None
    if vector is None:
        vector = df.unit_vector(a.lang, a.terms)
    dot = sum(x * bag[t] for t, x in vector.items() if t in bag)
    norm_sq = story.lexical_norm_sq[a.lang]
    return max(0.0, dot / math.sqrt(norm_sq)) if norm_sq > 0 else 0.0


def key_overlap(mine: frozenset[str], theirs: Mapping[str, int], key_df: DocumentFrequencies) -> float:
    """Share of ``mine`` (weighted by rarity, rare keys weigh more) that ``theirs`` has."""
    if not mine:
        return 0.0
    weights = {k: key_df.idf("*", k) for k in mine}
    shared = sum(w for k, w in weights.items() if k in theirs)
    return shared / sum(weights.values())


def time_closeness(day: date | None, story: StoryState, scale_days: float) -> float | None:
    """exp(-gap/scale) for the gap in days to the span of the story; None when unknown."""
    if day is None or story.first_day is None or story.last_day is None:
        return None
    gap = max((story.first_day - day).days, (day - story.last_day).days, 0)
    return math.exp(-gap / scale_days)


def components(
    a: ArticleFeatures,
    story: StoryState,
    df: DocumentFrequencies,
    key_df: DocumentFrequencies,
    weights: Weights,
    vector: Mapping[str, float] | None = None,
) -> Parts:
    """Each signal of the same-story score for article ``a`` against ``story``."""
    semantic = float(np.dot(a.embedding, story.centroid()))
    return {
        "lexical": lexical_similarity(a, story, df, vector),
        "semantic": max(0.0, semantic),
        "entities": key_overlap(a.keys, story.keys, key_df),
        "numbers": key_overlap(a.numbers, story.numbers, key_df),
        "time": time_closeness(a.day, story, weights.time_scale_days),
    }


def combine(parts: Parts, weights: Weights) -> float:
    """Content score (weighted mean of four parts) scaled by the time factor.

    A missing lexical part (the story has no article in this language) is stood in for
    by the semantic one; a missing time gives the factor ``weights.unknown_time``.
    """
    lexical = parts["lexical"] if parts["lexical"] is not None else parts["semantic"]
    content = (
        weights.lexical * (lexical or 0.0)
        + weights.semantic * (parts["semantic"] or 0.0)
        + weights.entities * (parts["entities"] or 0.0)
        + weights.numbers * (parts["numbers"] or 0.0)
    ) / (weights.lexical + weights.semantic + weights.entities + weights.numbers)
    time = parts["time"]
    if time is None:
        return content * weights.unknown_time
    return content * (weights.time_floor + (1.0 - weights.time_floor) * time)
