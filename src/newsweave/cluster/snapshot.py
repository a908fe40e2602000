"""The clusterer's learned state as bytes, so a restart need not replay every stored article.

Replaying costs about 2 ms an article (reading it, counting its words, re-indexing): half an
hour for a million-article store, at every start. A snapshot taken at article ``seq`` plus
the replay of what came after gives the same state as replaying everything, down to the ANN
graph: usearch draws each node's level from a generator it does not save, so the graph is
rebuilt here from its stored vectors, added in their original order, which draws the same
levels (a saved graph, loaded, would place the nodes added after it differently).

msgpack, not pickle: the snapshot lives in the store, a store may come from someone else,
and reading data must never run code.
"""

from __future__ import annotations

import json
import sys
from array import array
from collections import Counter, OrderedDict
from dataclasses import asdict
from datetime import date
from typing import Any, cast

import msgpack
import numpy as np

from .. import __version__
from .candidates import CandidateIndex
from .features import StoryState
from .lexical import DocumentFrequencies
from .online import OnlineClusterer

FORMAT = 2  # 2: the embedding background


def fingerprint(clusterer: OnlineClusterer, embedder: str) -> str:
    """What a snapshot must have been made with to stand in for a replay under these settings.

    The version is part of it: another release may read articles into features differently.
    """
    return json.dumps(
        {
            "format": FORMAT,
            "newsweave": __version__,
            "embedder": embedder,
            "dim": clusterer.dim,
            "neighbours": clusterer.neighbours,
            "window_days": clusterer.window_days,
            "live_stories": clusterer.live_stories,
            "weights": asdict(clusterer.weights),
        },
        sort_keys=True,
    )


def dump(clusterer: OnlineClusterer) -> bytes:
    """The clusterer's learned state (not its decisions) as msgpack bytes."""
    index = clusterer.candidates_
    labels = len(index._label_story)
    vectors = (
        # a tuple of vectors; no None in it, as every label was added
        np.stack(cast("tuple[np.ndarray, ...]", index._ann.get(np.arange(labels))))
        if labels
        else np.zeros((0, clusterer.dim), np.int8)
    )
    state = {
        "founded": clusterer.founded_,
        "stories": [_story(story) for story in clusterer.stories_.values()],
        "df": _frequencies(clusterer.df_),
        "key_df": _frequencies(clusterer.key_df_),
        "label_story": index._label_story.tobytes(),
        "label_vectors": np.ascontiguousarray(vectors, dtype=np.int8).tobytes(),
        "dead_labels": index._dead_labels,
        "words": index._words,
        "keys": index._keys,
        "corrections": clusterer.corrections_seen_,
        "background": [
            clusterer.background_.count,
            clusterer.background_.sum.astype(np.float64).tobytes(),
        ],
    }
    packed: bytes = msgpack.packb(state, use_bin_type=True)  # msgpack is untyped
    return packed


def load(data: bytes, clusterer: OnlineClusterer) -> None:
    """Fill a clusterer that has taken in nothing yet with the state ``dump`` wrote.

    Raises ValueError (or msgpack's errors) on bytes that are not such a state.
    """
    state: dict[str, Any] = msgpack.unpackb(data, raw=False, use_list=False, strict_map_key=False)
    clusterer.partial_fit([])
    if clusterer.founded_ or clusterer.stories_:
        raise ValueError("a snapshot is loaded into a clusterer that has taken in nothing")
    stories = [_story_from(row) for row in state["stories"]]
    clusterer.stories_ = OrderedDict((story.index, story) for story in stories)
    clusterer.story_index_ = {story.id: story.index for story in stories}
    clusterer.founded_ = state["founded"]
    _frequencies_from(state["df"], clusterer.df_)
    _frequencies_from(state["key_df"], clusterer.key_df_)
    index: CandidateIndex = clusterer.candidates_
    index._label_story = array("q")
    index._label_story.frombytes(state["label_story"])
    vectors = np.frombuffer(state["label_vectors"], dtype=np.int8).reshape(-1, clusterer.dim)
    if len(vectors) != len(index._label_story):
        raise ValueError(f"{len(vectors)} vectors for {len(index._label_story)} ANN labels")
    if len(vectors):
        index._ann.add(np.arange(len(vectors)), vectors, threads=1)
    index._dead_labels = state["dead_labels"]
    index._words = {sys.intern(token): tuple(ids) for token, ids in state["words"].items()}
    index._keys = {sys.intern(token): tuple(ids) for token, ids in state["keys"].items()}
    # A snapshot from before corrections were kept has none: every entry is applied after it.
    clusterer.corrections_seen_ = state.get("corrections", 0)
    count, total = state["background"]
    clusterer.background_.count = count
    clusterer.background_.sum = np.frombuffer(total, dtype=np.float64).copy()
    if clusterer.background_.sum.shape != (clusterer.dim,):
        raise ValueError(
            f"a background of {clusterer.background_.sum.shape} for {clusterer.dim} dimensions"
        )


def _story(story: StoryState) -> list[Any]:
    assert story.embedding_sum is not None
    return [
        story.id,
        story.index,
        story.size,
        story.lexical,
        story.lexical_norm_sq,
        dict(story.lexical_count),
        dict(story.keys),
        dict(story.numbers),
        _day(story.first_day),
        _day(story.last_day),
        [(day.toordinal(), count) for day, count in story.days.items()],
        story.embedding_sum.astype(np.float32).tobytes(),
    ]


def _story_from(row: tuple[Any, ...]) -> StoryState:
    (
        id_,
        index,
        size,
        lexical,
        norm_sq,
        lexical_count,
        keys,
        numbers,
        first,
        last,
        days,
        embedding,
    ) = row
    return StoryState(
        id=id_,
        index=index,
        size=size,
        # Interned as term_counts interns them: one copy of each word however many stories use it.
        lexical={lang: {sys.intern(t): w for t, w in bag.items()} for lang, bag in lexical.items()},
        lexical_norm_sq=dict(norm_sq),
        lexical_count=Counter(lexical_count),
        keys=Counter({sys.intern(k): n for k, n in keys.items()}),
        numbers=Counter(numbers),
        first_day=_day_from(first),
        last_day=_day_from(last),
        days=Counter({date.fromordinal(day): count for day, count in days}),
        embedding_sum=np.frombuffer(embedding, dtype=np.float32).copy(),
    )


def _frequencies(frequencies: DocumentFrequencies) -> dict[str, Any]:
    return {
        "docs": dict(frequencies.docs),
        "df": {lang: dict(counts) for lang, counts in frequencies.df.items()},
    }


def _frequencies_from(state: dict[str, Any], frequencies: DocumentFrequencies) -> None:
    frequencies.docs = Counter(state["docs"])
    frequencies.df = {
        lang: Counter({sys.intern(t): n for t, n in counts.items()})
        for lang, counts in state["df"].items()
    }


def _day(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def _day_from(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)
