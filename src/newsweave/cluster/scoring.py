"""The same-story score: five signals, each in [0, 1], and how they combine.

Every decision records these components, so a user can see why an article joined.
- lexical: TF-IDF cosine against the story's articles in the same language;
- semantic: cosine of multilingual sentence embeddings (the only signal that reads
  across languages word by word);
- entities: the share of the article's entity weight (rare keys weigh more) the story has;
- numbers: the share of the article's event counts ("killed=4") the story states too;
- time: closeness of the article's day to the story's days. Soft, because header
  dates can be wrong (seed 002 and 004 are dated eight months apart for one event).
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np

from .features import ArticleFeatures, StoryState
from .lexical import DocumentFrequencies


@dataclass(frozen=True)
class Weights:
    """How the components add up, and the score an article needs to join a story."""

    lexical: float = 0.45
    semantic: float = 0.25
    entities: float = 0.2
    numbers: float = 0.1
    time: float = 0.25
    threshold: float = 0.5
    time_scale_days: float = 7.0
    unknown_time: float = 0.5  # neither near nor far when a date is missing


def lexical_similarity(
    a: ArticleFeatures, story: StoryState, df: DocumentFrequencies
) -> float | None:
    """TF-IDF cosine with the story's same-language articles; None when it has none."""
    bag = story.terms.get(a.lang)
    if not bag:
        return None
    idf = {t: df.idf(a.lang, t) for t in a.terms}
    dot = sum(w * idf[t] * idf[t] * bag[t] for t, w in a.terms.items() if t in bag)
    if dot == 0.0:
        return 0.0
    a_norm = math.sqrt(sum((w * idf[t]) ** 2 for t, w in a.terms.items()))
    return dot / (a_norm * math.sqrt(_story_norm_sq(story, a.lang, df)))


def _story_norm_sq(story: StoryState, lang: str, df: DocumentFrequencies) -> float:
    """Squared TF-IDF norm of the story's terms, recomputed when IDF has drifted by 10%."""
    docs = df.docs[lang]
    cached = story.term_norm_sq.get(lang)
    if cached is None or docs > cached[1] * 1.1:
        bag = story.terms[lang]
        cached = (sum((c * df.idf(lang, t)) ** 2 for t, c in bag.items()), docs)
        story.term_norm_sq[lang] = cached
    return cached[0]


def entity_overlap(a: ArticleFeatures, story: StoryState, key_df: DocumentFrequencies) -> float:
    """Share of the article's entity weight that the story also names."""
    if not a.keys:
        return 0.0
    weights = {k: key_df.idf("*", k) for k in a.keys}
    shared = sum(w for k, w in weights.items() if k in story.keys)
    return shared / sum(weights.values())


def number_overlap(a: ArticleFeatures, story: StoryState) -> float:
    """Share of the article's event counts that the story states too."""
    if not a.numbers:
        return 0.0
    return sum(1 for n in a.numbers if n in story.numbers) / len(a.numbers)


def time_closeness(day: date | None, story: StoryState, scale_days: float) -> float | None:
    """exp(-gap/scale) for the gap in days to the story's nearest day; None when unknown."""
    if day is None or not story.days:
        return None
    gap = min(abs((day - d).days) for d in (min(story.days), max(story.days)))
    if min(story.days) <= day <= max(story.days):
        gap = 0
    return math.exp(-gap / scale_days)


def components(
    a: ArticleFeatures,
    story: StoryState,
    df: DocumentFrequencies,
    key_df: DocumentFrequencies,
    weights: Weights,
) -> dict[str, float | None]:
    """Each signal of the same-story score for article ``a`` against ``story``."""
    semantic = float(np.dot(a.embedding, story.centroid()))
    return {
        "lexical": lexical_similarity(a, story, df),
        "semantic": max(0.0, semantic),
        "entities": entity_overlap(a, story, key_df),
        "numbers": number_overlap(a, story),
        "time": time_closeness(a.day, story, weights.time_scale_days),
    }


def combine(parts: dict[str, float | None], weights: Weights) -> float:
    """Weighted sum of the components, scaled so that 1.0 means every signal agrees.

    A missing lexical part (the story has no article in this language) is stood in for
    by the semantic one; a missing time by ``weights.unknown_time``.
    """
    lexical = parts["lexical"] if parts["lexical"] is not None else parts["semantic"]
    time = parts["time"] if parts["time"] is not None else weights.unknown_time
    total = (
        weights.lexical * (lexical or 0.0)
        + weights.semantic * (parts["semantic"] or 0.0)
        + weights.entities * (parts["entities"] or 0.0)
        + weights.numbers * (parts["numbers"] or 0.0)
        + weights.time * time
    )
    scale = weights.lexical + weights.semantic + weights.entities + weights.numbers + weights.time
    return total / scale
