"""Signals for scoring one article against one other, and how they add up.

The clusterer's score (``scoring``) is tuned to decide joins in a stream; a pair
judgement is graded (SemEval 2022 task 8: 1 = same story ... 4 = unrelated) and is
measured by Pearson correlation, so the *shape* of the score matters as well as its order.
What helped on semeval-pairs-dev (1,269 pairs, 7 languages), from USE cosine alone at 0.70:

- the whole article, not its first 600 characters: embedded in 600-character chunks,
  the vector is the lead chunk plus the mean of all chunks (the lead counts twice, as it
  names the event): 0.70 -> 0.71;
- that cosine read through a logistic curve: below ~0.3 pairs are unrelated and above
  ~0.7 the same story, whatever the exact value, while the middle is where it decides:
  -> 0.72;
- words as character 4-grams inside words, TF-IDF weighted: inflected languages
  (de, pl, tr, ar) share stems, not word forms; the square root of that cosine, since a
  few shared names already say a lot and more overlap says less and less: -> 0.74.

Dates weigh less than in the clusterer (see ``PairWeights.time_floor``): 0.74.

A second reader, multilingual-e5-small on the article's lead (``embed/e5.py``), judges
"same story?" better than USE (its cosine alone: 0.746 against USE's 0.70) but reads
cosines on its own scale (unrelated news ~0.8); through its own logistic curve, it counts
three quarters of the semantic part and USE a quarter: 0.768 (halves 0.775 / 0.762).
Entity keys did not help there (the extractor is noisy on these texts); counted things
help a little. All are still reported so a user can see why two articles scored as they did.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

import numpy as np

from ..embed import Embedder
from .lexical import stop_words
from .scoring import Parts, Weights, time_factor, weighted_mean

# USE reads up to ~600 characters well (USEEmbedder clips there), so longer articles go
# in chunks of that size; past 4,000 characters the tail adds cost rather than evidence.
_CHUNK_CHARS = 600
_MAX_CHARS = 4000
_WORD = re.compile(r"[^\W_]{2,}", re.UNICODE)
_GRAM = 4  # 4-grams of " word ": long enough to carry a stem, short enough to survive inflection


@dataclass(frozen=True)
class PairWeights:
    """The shape of the pair score; round values checked on both halves of the dev file."""

    semantic_centre: float = 0.5  # the cosine scored 0.5: as often the same story as not
    semantic_steepness: float = 10.0  # 0.3 -> 0.12, 0.7 -> 0.88
    # The lead reader's (e5) curve: its cosines crowd into 0.75-0.95.
    lead_centre: float = 0.87
    lead_steepness: float = 40.0
    lead_share: float = 0.75  # of the semantic part, when the lead reader is there
    semantic: float = 1.0
    lexical: float = 0.75
    numbers: float = 0.2
    entities: float = 0.0
    # The factor left for a pair far apart in time. Softer than the clusterer's (0.1): a
    # pair's days are mostly read off its text, which often names a background date
    # (on the dev file 0.1 cost 0.008 Pearson; 0.5 and 0.75 both gain 0.001 over no time).
    time_floor: float = 0.5


def chunks(text: str, size: int = _CHUNK_CHARS, limit: int = _MAX_CHARS) -> list[str]:
    """Cut ``text`` (up to ``limit`` characters) into pieces of at most ``size``, at spaces."""
    text = text[:limit].strip()
    found = []
    while len(text) > size:
        cut = text.rfind(" ", size // 2, size)
        cut = cut if cut > 0 else size  # no space in reach (Thai, a URL): cut the word
        found.append(text[:cut])
        text = text[cut:].lstrip()
    if text or not found:
        found.append(text)
    return found


def embed_articles(embedder: Embedder, texts: Sequence[str]) -> np.ndarray:
    """Unit vectors of whole articles: lead chunk plus the mean of all chunks.

    All chunks go to the embedder in one call, so it can batch them.
    """
    pieces = [chunks(t) for t in texts]
    vectors = embedder.encode([c for p in pieces for c in p])
    found = np.zeros(
        (len(texts), vectors.shape[1] if len(vectors) else embedder.dim), dtype=np.float32
    )
    start = 0
    for row, piece in enumerate(pieces):
        own = vectors[start : start + len(piece)]
        start += len(piece)
        vector = own[0] + own.mean(axis=0)
        norm = float(np.linalg.norm(vector))
        found[row] = vector / norm if norm else vector
    return found


def char_grams(text: str, lang: str) -> dict[str, float]:
    """Log-scaled counts of the character 4-grams of the content words of ``text``."""
    stops = stop_words(lang)
    counts: Counter[str] = Counter()
    for word in _WORD.findall(text.lower()):
        if word in stops:
            continue
        padded = f" {word} "
        counts.update(padded[i : i + _GRAM] for i in range(max(1, len(padded) - _GRAM + 1)))
    return {g: 1.0 + math.log(n) for g, n in counts.items()}


def sparse_cosine(a: Mapping[str, float], b: Mapping[str, float]) -> float:
    """Dot product of two unit sparse vectors."""
    if len(a) > len(b):
        a, b = b, a
    return sum(x * b[k] for k, x in a.items() if k in b)


def calibrated(cosine: float, centre: float, steepness: float) -> float:
    """An embedding cosine read as the chance of one story (a logistic curve)."""
    return 1.0 / (1.0 + math.exp(-steepness * (cosine - centre)))


def pair_score(parts: Parts, shape: PairWeights, weights: Weights) -> float:
    """Weighted mean of the calibrated parts, scaled by time closeness when both dates are known.

    Across languages there is no lexical part; the calibrated semantic part stands in,
    so such pairs keep the same scale as same-language ones. ``semantic_lead`` (the
    lead reader's cosine), when present, takes ``lead_share`` of the semantic part.
    """
    semantic = calibrated(parts["semantic"] or 0.0, shape.semantic_centre, shape.semantic_steepness)
    lead = parts.get("semantic_lead")
    if lead is not None:
        semantic = (1.0 - shape.lead_share) * semantic + shape.lead_share * calibrated(
            lead, shape.lead_centre, shape.lead_steepness
        )
    lexical = parts["lexical"]
    words = semantic if lexical is None else math.sqrt(max(0.0, lexical))
    content = weighted_mean(
        (shape.semantic, semantic),
        (shape.lexical, words),
        (shape.numbers, parts["numbers"] or 0.0),
        (shape.entities, parts["entities"] or 0.0),
    )
    return content * time_factor(parts["time"], shape.time_floor, weights.unknown_time)
