"""Which stories an article is scored against: a bounded set, whatever the number of stories.

Two sources, both with a bounded cost per article:
- an ANN index (usearch HNSW) over story centroid embeddings: the semantically nearest;
- an inverted index from rare words and entity keys to the stories that most recently used
  them, because embeddings alone cannot tell one shooting in one city from another.
Candidates whose days are far from the article's fall out (the time window).
"""

from __future__ import annotations

import sys
from array import array
from collections.abc import Mapping
from datetime import date
from itertools import zip_longest
from typing import Any, cast

import numpy as np
from usearch.index import Index

from .features import ArticleFeatures, StoryState
from .lexical import ALL_LANGUAGES, DocumentFrequencies

_POSTINGS = (
    12  # stories remembered per word or key, most recent first (24 added cost, no recall on GVA)
)
_RARE_TERMS = 8  # how many of an article's rarest words look up stories
# The ceiling on stories scored per article, whatever the store's size. On gva-dev 12 ANN
# neighbours and 24 in all score as well as 20 and 32 (B3 0.944, pairwise 0.840 against
# 0.943 / 0.838) with 16 candidates an article instead of 23.
_MAX_CANDIDATES = 24
_SLACK_LABELS = 1024  # retired labels tolerated before a rebuild, however few stories live


class CandidateIndex:
    """Finds the stories worth scoring for an article."""

    def __init__(self, dim: int, neighbours: int, window_days: int) -> None:
        self.dim = dim
        self.neighbours = neighbours
        self.window_days = window_days
        self._ann = self._new_graph()
        # ANN label -> story index. A story re-indexed under a new label keeps its old
        # centroids in the graph: usearch's add after a remove costs time in proportion to
        # the index (3 ms at 100k stories, against 0.3 ms for a plain add).
        self._label_story = array("q")
        self._dead_labels = 0  # labels of retired stories, dropped at the next rebuild
        # Postings are tuples, newest story first: a deque costs 760 bytes even when it holds
        # one story, and most words and keys are used by one or two.
        self._words: dict[str, tuple[int, ...]] = {}  # "lang:word" -> stories
        self._keys: dict[str, tuple[int, ...]] = {}  # "place:KP" -> stories

    def state(self) -> dict[str, Any]:
        """The index as plain values and bytes (``from_state`` reads them back).

        The graph is kept as its vectors in label order, not as usearch's own file: usearch
        draws each node's level from a generator it does not save, so only adding the same
        vectors in the same order rebuilds a graph that grows on exactly as the original.
        """
        labels = len(self._label_story)
        vectors = (
            # a tuple of vectors; no None in it, as every label was added
            np.stack(cast("tuple[np.ndarray, ...]", self._ann.get(np.arange(labels))))
            if labels
            else np.zeros((0, self.dim), np.int8)
        )
        return {
            "label_story": self._label_story.tobytes(),
            "label_vectors": np.ascontiguousarray(vectors, dtype=np.int8).tobytes(),
            "dead_labels": self._dead_labels,
            "words": self._words,
            "keys": self._keys,
        }

    @classmethod
    def from_state(
        cls, state: Mapping[str, Any], dim: int, neighbours: int, window_days: int
    ) -> CandidateIndex:
        """An index holding what ``state`` wrote; ValueError when its vectors do not fit."""
        index = cls(dim, neighbours, window_days)
        index._label_story.frombytes(state["label_story"])
        vectors = np.frombuffer(state["label_vectors"], dtype=np.int8).reshape(-1, dim)
        if len(vectors) != len(index._label_story):
            raise ValueError(f"{len(vectors)} vectors for {len(index._label_story)} ANN labels")
        if len(vectors):
            index._ann.add(np.arange(len(vectors)), vectors, threads=1)
        index._dead_labels = state["dead_labels"]
        index._words = {sys.intern(token): tuple(ids) for token, ids in state["words"].items()}
        index._keys = {sys.intern(token): tuple(ids) for token, ids in state["keys"].items()}
        return index

    def _new_graph(self) -> Index:
        # int8 vectors: 4x less memory and 2-5x faster search than float32 at 30k+ stories,
        # and the ANN only proposes candidates; the scores are computed exactly.
        # expansion_add 48 (default 128): inserts are the ANN's main cost at 100k stories.
        return Index(ndim=self.dim, metric="cos", dtype="i8", expansion_add=48, expansion_search=32)

    def candidates(
        self,
        a: ArticleFeatures,
        stories: Mapping[int, StoryState],
        df: DocumentFrequencies,
        key_df: DocumentFrequencies | None = None,
    ) -> list[StoryState]:
        """Live stories near ``a`` by embedding, shared rare words or shared entity keys."""
        found: dict[int, None] = {}
        if len(self._ann):
            count = min(self.neighbours, len(self._ann))
            for label in self._ann.search(a.embedding, count, threads=1).keys:
                found[self._label_story[int(label)]] = None
        for postings, token in self._lookup_tokens(
            a, df, key_df
        ):  # rarest first: they point most precisely
            if len(found) >= _MAX_CANDIDATES:
                break
            found.update(dict.fromkeys(postings.get(token, ())))
        live = (stories.get(i) for i in list(found)[:_MAX_CANDIDATES])
        return [s for s in live if s is not None and self._in_window(a.day, s)]

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
        index = story.index
        for postings, tokens in (
            (self._words, [f"{a.lang}:{t}" for t in a.terms]),
            (self._keys, a.keys),
        ):
            for token in tokens:
                posting = postings.get(token, ())
                if posting[:1] == (index,):
                    continue
                if index in posting:  # rare: a story's own earlier article used the word
                    posting = tuple(i for i in posting if i != index)
                postings[token] = (index, *posting[: _POSTINGS - 1])

    def retire(self, story: StoryState) -> None:
        """Forget ``story`` as a candidate: its labels are dead from now on (see ``compact``)."""
        # Indexed at sizes 1, 2, 4, ...: bit_length labels, or fewer since a rebuild, so this
        # may count a few too many and rebuild a little early.
        self._dead_labels += story.size.bit_length()

    def needs_compacting(self) -> bool:
        """Whether retired stories hold over half the graph's labels."""
        return self._dead_labels > max(len(self._label_story) - self._dead_labels, _SLACK_LABELS)

    def compact(self, stories: Mapping[int, StoryState]) -> tuple[list[str], list[str]]:
        """Rebuild the graph and postings from the live ``stories`` alone.

        The graph gets one label per live story (its current centroid), the postings lose
        retired stories. Returns the words ("lang:word") and keys no live story uses any
        more, for the document frequencies to forget. Each rebuild follows at least as
        many retirements as live stories, so its cost per article stays bounded.
        """
        self._ann = self._new_graph()
        self._label_story = array("q", stories.keys())
        self._dead_labels = 0
        if stories:
            vectors = np.stack([story.centroid() for story in stories.values()])
            self._ann.add(np.arange(len(stories)), vectors, threads=1)
        return _prune(self._words, stories), _prune(self._keys, stories)

    def _lookup_tokens(
        self, a: ArticleFeatures, df: DocumentFrequencies, key_df: DocumentFrequencies | None
    ) -> list[tuple[dict[str, tuple[int, ...]], str]]:
        """Rare words and entity keys, rarest first, taking turns.

        Keys take turns with words because they are the only tokens shared across
        languages: a Portuguese article finds an English story through "place:KP".
        """
        counts: Mapping[str, int] = df.df.get(a.lang) or {}
        seen = [t for t in a.terms if counts.get(t, 0) > 0]
        words = [
            (self._words, f"{a.lang}:{t}")
            for t in sorted(seen, key=lambda t: (counts[t], t))[:_RARE_TERMS]
        ]
        key_counts: Mapping[str, int] = (key_df.df.get(ALL_LANGUAGES) if key_df else None) or {}
        keys = [(self._keys, k) for k in sorted(a.keys, key=lambda k: (key_counts.get(k, 0), k))]
        return [t for pair in zip_longest(words, keys) for t in pair if t is not None]

    def _in_window(self, day: date | None, story: StoryState) -> bool:
        gap = None if day is None else story.days_from_span(day)
        return gap is None or gap <= self.window_days


def _prune(postings: dict[str, tuple[int, ...]], live: Mapping[int, StoryState]) -> list[str]:
    """Drop retired stories from ``postings``; return the tokens left with none."""
    emptied = []
    for token, stories in list(postings.items()):
        kept = tuple(i for i in stories if i in live)
        if kept:
            if len(kept) < len(stories):
                postings[token] = kept
        else:
            del postings[token]
            emptied.append(token)
    return emptied
