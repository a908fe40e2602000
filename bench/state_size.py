"""How big an online clusterer's state is: entries per growing part, and their bytes (bench/scale.py).

Probes read the clusterer's fields by name and leave out what a version lacks, so the same
script measures older layouts too.
"""

from __future__ import annotations

import random
import sys
from collections.abc import Callable
from contextlib import suppress
from typing import Any


def live_stories(clusterer: Any) -> int:
    """Stories an article can still join: a retiring clusterer holds only those in ``stories_``."""
    return len(clusterer.stories_)


def state_sizes(clusterer: Any) -> dict[str, int]:
    """How many entries each growing part of the clusterer's state holds (what is absent is left out)."""
    index = getattr(clusterer, "candidates_", None)
    probes: dict[str, Callable[[], int]] = {
        "live stories": lambda: len(clusterer.stories_),
        "retired": lambda: clusterer.retired_,
        "story ids": lambda: len(clusterer.story_index_),
        "words counted": lambda: sum(len(v) for v in clusterer.df_.df.values()),
        "keys counted": lambda: sum(len(v) for v in clusterer.key_df_.df.values()),
        "postings": lambda: sum(len(p) for p in _postings(index)),
        "ANN labels": lambda: len(index._label_story),
        "decisions_": lambda: len(clusterer.decisions_),
    }
    sizes = {}
    for name, probe in probes.items():
        with suppress(AttributeError, TypeError):  # a field this version lacks: no figure
            sizes[name] = probe()
    return sizes


def _postings(index: Any) -> list[dict[str, Any]]:
    """The candidate index's word and key postings, in either layout (one dict, or words and keys)."""
    found = [
        getattr(index, name) for name in ("_postings", "_words", "_keys") if hasattr(index, name)
    ]
    if not found:
        raise AttributeError("no postings")
    return found


def state_mb(clusterer: Any, sample: int = 300) -> dict[str, float]:
    """Approximate MB held by the biggest growing parts (sys.getsizeof of each part and its entries).

    Stories are sized on a sample (their word sums, counters and embedding sum) and scaled up.
    """
    sizes: dict[str, float] = {}
    try:
        sizes["postings"] = (
            sum(
                sys.getsizeof(p) + sum(sys.getsizeof(k) + sys.getsizeof(v) for k, v in p.items())
                for p in _postings(clusterer.candidates_)
            )
            / 1e6
        )
        counts = [c for df in (clusterer.df_, clusterer.key_df_) for c in df.df.values()]
        sizes["word and key counts"] = (
            sum(sys.getsizeof(c) + sum(sys.getsizeof(k) for k in c) for c in counts) / 1e6
        )
        stories = list(getattr(clusterer.stories_, "values", lambda: clusterer.stories_)())
        picked = random.Random(0).sample(stories, min(sample, len(stories)))
        sizes["stories"] = (
            sum(_story_bytes(s) for s in picked) / max(len(picked), 1) * len(stories) / 1e6
        )
    except AttributeError:  # a clusterer laid out otherwise: RSS still tells the whole
        pass
    return sizes


def _story_bytes(story: Any) -> int:
    """Bytes of one story's state: the object, its per-language word sums, counters and embedding sum."""
    parts = [
        story.__dict__,
        story.lexical,
        story.lexical_norm_sq,
        story.lexical_count,
        story.keys,
        story.numbers,
        story.days,
        *story.lexical.values(),
    ]
    total = sys.getsizeof(story) + sum(sys.getsizeof(p) for p in parts)
    return total + (story.embedding_sum.nbytes if story.embedding_sum is not None else 0)
