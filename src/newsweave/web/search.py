"""Finding stories: filters, full-text search (SQLite FTS5) and search by meaning (the embedder)."""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import date
from typing import Literal, TypedDict

import numpy as np

from ..embed import Embedder
from ..extract.gazetteer import gazetteer, normalise
from ..store import StoreReader, StorySummary
from ..store.vectors import VectorIndex

Mode = Literal["both", "text", "meaning"]
Order = Literal["updated", "sources"]
"""updated: the story that changed last first (with a search: the best match first); sources: the most sources first."""
"""both: the words (full text) and the meaning, merged; text: only the words; meaning: only the meaning."""

MIN_SIMILARITY = 0.3
"""Least cosine for a search by meaning to count as a hit. Multilingual USE puts unrelated news
around 0.0-0.25 and a query about the same event, in any language, well above 0.3; without a
floor every article would "match" a query about anything."""

FUSION_K = 60
"""Reciprocal rank fusion's constant (Cormack et al. 2009): a hit's share is 1 / (K + its rank) in
each list that holds it. Rank fusion, not score sums: BM25 and cosine are on unrelated scales."""

QUERY_CACHE = 256
"""Query vectors kept: 2 KB each."""

MAX_HITS = 200
"""Articles a search ranks before they are grouped into stories: enough for 100 stories of hits."""


@dataclass(frozen=True)
class StoryQuery:
    """What the stories page and /api/stories filter and search by."""

    lang: str | None = None
    since: date | None = None
    until: date | None = None
    entity: str | None = None
    q: str | None = None
    mode: Mode = "both"
    min_sources: int = 0
    order: Order = "updated"
    limit: int = 20
    offset: int = 0


@dataclass(frozen=True)
class Hit:
    """An article a search found."""

    article_id: str
    story_id: str
    score: float
    snippet: str | None = None
    found_by: str = "meaning"
    """What found it: "words" (full text), "meaning" (the embedder) or "words and meaning"."""


class Searcher:
    """Runs searches against a store with the embedder that embedded its articles.

    The app hands it an embedder that serialises calls (the model is not documented as thread-safe).
    """

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder
        self._indexes: dict[str, VectorIndex] = {}
        self._opening = threading.Lock()
        self._queries: OrderedDict[str, np.ndarray] = OrderedDict()

    def hits(self, store: StoreReader, q: str, mode: Mode, limit: int = MAX_HITS) -> list[Hit]:
        """Articles matching ``q``, best first."""
        if mode == "meaning":
            return self._by_meaning(store, q, limit)
        by_words = [
            Hit(h.article_id, h.story_id, h.score, h.snippet, "words")
            for h in store.search_text(q, limit)
        ]
        if mode == "text":
            return by_words
        return fused(by_words, self._by_meaning(store, q, limit))[:limit]

    def _by_meaning(self, store: StoreReader, q: str, limit: int) -> list[Hit]:
        if not q.strip():
            return []
        query = self._embedded(q)
        # The store's vector index answers (store/vectors.py): 1 ms at 100k articles where
        # reading every stored vector took seconds.
        nearest = [
            (seq, score)
            for seq, score in self._index(store).nearest(store, query, limit)
            if score >= MIN_SIMILARITY
        ]
        found = store.articles_at([seq for seq, _ in nearest])
        return [Hit(*found[seq], score) for seq, score in nearest if seq in found]

    def _embedded(self, q: str) -> np.ndarray:
        """The query's vector, from the last QUERY_CACHE queries when asked again (a saved
        search's feed is polled; a page of results is paged through): 10-70 ms an embedding
        on a quiet machine, and the embedder is shared with the writer."""
        with self._opening:
            known = self._queries.get(q)
            if known is not None:
                self._queries.move_to_end(q)
                return known
        vector = np.asarray(self.embedder.encode([q])[0], np.float32)
        with self._opening:
            self._queries[q] = vector
            while len(self._queries) > QUERY_CACHE:
                self._queries.popitem(last=False)
        return vector

    def _index(self, store: StoreReader) -> VectorIndex:
        """The vector index of ``store``'s database, one per database for every thread."""
        path = store.vector_index_path()
        key = path or f"memory:{id(store)}"
        with self._opening:
            if key not in self._indexes:
                self._indexes[key] = VectorIndex(path)
            return self._indexes[key]


def fused(by_words: list[Hit], by_meaning: list[Hit]) -> list[Hit]:
    """Both lists as one, by reciprocal rank fusion; an article in both is one hit found both ways.

    Names and single words are found by their words (a one-word query embeds too thinly to pass
    the meaning floor: "Mondego" scores 0.25 against its own story), whole sentences in another
    language by their meaning; a hit keeps the score and snippet of the list that found it.
    """
    fusion: dict[str, float] = {}
    merged: dict[str, Hit] = {}
    for hits in (by_words, by_meaning):
        for rank, hit in enumerate(hits):
            fusion[hit.article_id] = fusion.get(hit.article_id, 0.0) + 1.0 / (FUSION_K + rank + 1)
            known = merged.get(hit.article_id)
            merged[hit.article_id] = replace(known, found_by="words and meaning") if known else hit
    return sorted(merged.values(), key=lambda h: -fusion[h.article_id])


def entity_alternatives(name: str) -> list[str]:
    """What an entity filter matches: the name as typed (a key or a surface) and the key the
    extractor gives that name ("Deutschland", "Alemanha", "Allemagne" -> place:DE; "Kim Jong-un"
    -> person:kim jong un), looked up in the gazetteer that made the stored keys."""
    name = name.strip()
    if ":" in name:  # already a key
        return [name]
    lookup = gazetteer()
    norm = normalise(name)
    keys = [key for key in (lookup.places.get(norm), lookup.orgs.get(norm)) if key]
    return [name, *keys, f"person:{norm}", f"org:{norm}"]


@dataclass(frozen=True)
class Found:
    """A story in a result list, with the articles of it that matched the search."""

    summary: StorySummary
    hits: Sequence[Hit]


class _Filters(TypedDict):
    """The story filters every store query of one search shares."""

    until: date | None
    entity: list[str] | None
    min_sources: int


def find_stories(
    store: StoreReader, query: StoryQuery, searcher: Searcher
) -> tuple[list[Found], int]:
    """Stories for one page of the list, and how many match in all: filtered, and when ``q`` is
    given, ranked by their best hit (or by sources).

    The list holds one more than ``query.limit`` when a further page exists.
    """
    entity = entity_alternatives(query.entity) if query.entity else None
    filters = _Filters(until=query.until, entity=entity, min_sources=query.min_sources)
    by_sources = query.order == "sources"
    if not (query.q and query.q.strip()):
        found, total = store.story_page(  # the page and its total in one query
            query.lang,
            query.since,
            query.limit + 1,
            offset=query.offset,
            by_sources=by_sources,
            **filters,
        )
        return [Found(s, ()) for s in found], total
    by_story: dict[str, list[Hit]] = {}
    for hit in searcher.hits(store, query.q, query.mode):
        by_story.setdefault(hit.story_id, []).append(hit)
    summaries = {
        s.id: s for s in store.stories(query.lang, query.since, ids=list(by_story), **filters)
    }
    ranked = [Found(summaries[i], hits) for i, hits in by_story.items() if i in summaries]
    if by_sources:  # stable: among equals, the better match first
        ranked.sort(key=lambda f: -f.summary.sources)
    return ranked[query.offset : query.offset + query.limit + 1], len(ranked)
