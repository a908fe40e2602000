"""Which stories an article is scored against: a bounded set, whatever the number of stories.

Two sources, both with a bounded cost per article:
- an ANN index (usearch HNSW) over story centroid embeddings: the semantically nearest;
- an inverted index from rare words and entity keys to the stories that most recently used
  them, because embeddings alone cannot tell one shooting in one city from another.
Candidates whose days are far from the article's fall out (the time window).
"""

from __future__ import annotations

from array import array
from collections import deque
from itertools import zip_longest
from datetime import date
from typing import Mapping

from usearch.index import Index

from .features import ArticleFeatures, StoryState
from .lexical import DocumentFrequencies

_POSTINGS = 12  # stories remembered per word or key, most recent first (24 added cost, no recall on GVA)
_RARE_TERMS = 8  # how many of an article's rarest words look up stories
_MAX_CANDIDATES = 32  # the ceiling on stories scored per article, whatever the store's size


class CandidateIndex:
    """Finds the stories worth scoring for an article."""

    def __init__(self, dim: int, neighbours: int, window_days: int) -> None:
        self.neighbours = neighbours
        self.window_days = window_days
        # int8 vectors: 4x less memory and 2-5x faster search than float32 at 30k+ stories,
        # and the ANN only proposes candidates; the scores are computed exactly.
        # expansion_add 48 (default 128): inserts are the ANN's main cost at 100k stories.
        self._ann = Index(ndim=dim, metric="cos", dtype="i8", expansion_add=48, expansion_search=32)
        # ANN label -> story index. A story re-indexed under a new label keeps its old
        # centroids in the graph: usearch's add after a remove costs time in proportion to
        # the index (3 ms at 100k stories, against 0.3 ms for a plain add).
        self._label_story = array("q")
        self._postings: dict[str, deque[int]] = {}

    def candidates(
        self, a: ArticleFeatures, stories: list[StoryState], df: DocumentFrequencies,
        key_df: DocumentFrequencies | None = None,
    ) -> list[StoryState]:
        """Stories near ``a`` by embedding, shared rare words or shared entity keys."""
        found: dict[int, None] = {}
        if len(self._ann):
            count = min(self.neighbours, len(self._ann))
            for label in self._ann.search(a.embedding, count, threads=1).keys:
                found[self._label_story[int(label)]] = None
        for token in self._lookup_tokens(a, df, key_df):  # rarest first: they point most precisely
            if len(found) >= _MAX_CANDIDATES:
                break
            for index in self._postings.get(token, ()):
                found[index] = None
        return [stories[i] for i in found if self._in_window(a.day, stories[i])]

    def update(self, a: ArticleFeatures, story: StoryState) -> None:
        """Record that ``a`` joined ``story`` (its centroid moved; its words now point to it).

        The centroid is indexed again when the story reaches 1, 2, 4, 8 ... articles: a big
        story's centroid barely moves with one more article, and inserting into the graph
        is what costs most as stories grow. Its earlier centroids stay (see ``__init__``);
        they still point near the story, so at most log2(size) labels a story.
        """
        if story.size & (story.size - 1) == 0:
            self._ann.add(len(self._label_story), story.centroid(), threads=1)
            self._label_story.append(story.index)
        for token in self._index_tokens(a):
            posting = self._postings.setdefault(token, deque(maxlen=_POSTINGS))
            if story.index in posting:
                posting.remove(story.index)
            posting.appendleft(story.index)

    def _index_tokens(self, a: ArticleFeatures) -> list[str]:
        return [f"{a.lang}:{t}" for t in a.terms] + list(a.keys)

    def _lookup_tokens(
        self, a: ArticleFeatures, df: DocumentFrequencies, key_df: DocumentFrequencies | None
    ) -> list[str]:
        """Rare words and entity keys, rarest first, taking turns.

        Keys take turns with words because they are the only tokens shared across
        languages: a Portuguese article finds an English story through "place:KP".
        """
        counts: Mapping[str, int] = df.df.get(a.lang) or {}
        seen = [t for t in a.terms if counts.get(t, 0) > 0]
        words = [f"{a.lang}:{t}" for t in sorted(seen, key=lambda t: (counts[t], t))[:_RARE_TERMS]]
        key_counts: Mapping[str, int] = (key_df.df.get("*") if key_df else None) or {}
        keys = sorted(a.keys, key=lambda k: (key_counts.get(k, 0), k))
        return [t for pair in zip_longest(words, keys) for t in pair if t is not None]

    def _in_window(self, day: date | None, story: StoryState) -> bool:
        gap = None if day is None else story.days_from_span(day)
        return gap is None or gap <= self.window_days

