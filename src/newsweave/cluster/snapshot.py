"""The clusterer's learned state as bytes, so a restart need not replay every stored article.

Replaying costs about 2 ms an article (reading it, counting its words, re-indexing): half an
hour for a million-article store, at every start. A snapshot taken at article ``seq`` plus
the replay of what came after gives the same state as replaying everything, down to the ANN
graph (see ``CandidateIndex.state``).

Each part of the state says what it holds (``state`` / ``from_state`` on its class); this
module keeps only the file format and what a snapshot must match to be used.

msgpack, not pickle: the snapshot lives in the store, a store may come from someone else,
and reading data must never run code.
"""

from __future__ import annotations

import json
from collections import OrderedDict
from dataclasses import asdict
from typing import Any

import msgpack

from .. import __version__
from .candidates import CandidateIndex
from .features import StoryState
from .lexical import DocumentFrequencies
from .online import OnlineClusterer
from .scoring import EmbeddingBackground

# Part of the fingerprint: a snapshot of another format is not loaded, the store is replayed
# once and a snapshot of this format made. 2: the embedding background; 3: every part by name.
FORMAT = 3


def fingerprint(clusterer: OnlineClusterer, embedder: str) -> str:
    """What a snapshot must have been made with to stand in for a replay under these settings.

    ``embedder``: the embedder's identity (``Embedder.identity``: its model and its window),
    so that a state built from 600-character vectors is not reused by a run embedding 1,000.
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
    state = {
        "founded": clusterer.founded_,
        "stories": [story.state() for story in clusterer.stories_.values()],
        "df": clusterer.df_.state(),
        "key_df": clusterer.key_df_.state(),
        "candidates": clusterer.candidates_.state(),
        "corrections": clusterer.corrections_seen_,
        "background": clusterer.background_.state(),
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
    stories = [StoryState.from_state(row) for row in state["stories"]]
    clusterer.stories_ = OrderedDict((story.index, story) for story in stories)
    clusterer.story_index_ = {story.id: story.index for story in stories}
    clusterer.founded_ = state["founded"]
    clusterer.df_ = DocumentFrequencies.from_state(state["df"])
    clusterer.key_df_ = DocumentFrequencies.from_state(state["key_df"])
    clusterer.candidates_ = CandidateIndex.from_state(
        state["candidates"], clusterer.dim, clusterer.neighbours, clusterer.window_days
    )
    clusterer.corrections_seen_ = state["corrections"]
    clusterer.background_ = EmbeddingBackground.from_state(state["background"], clusterer.dim)
