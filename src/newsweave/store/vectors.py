"""The search index over article vectors: an HNSW graph (usearch) kept in a file with the store.

Search by meaning used to read every stored vector per query: 2 KB an article, ~200 MB and
seconds at 100k articles. This index answers from a graph instead and is kept where the store is
(SQLite: ``<db>.vectors.usearch`` beside the database; PostgreSQL: a local cache file named after
the server and database, see ``PostgresStore.vector_index_path``), with a small JSON beside it
saying what it holds: the vectors' size, the newest arrival number and update time it has
taken in, the article at that number, and how many vectors. Before each search it catches up:
articles stored since (a look at the newest arrival number, one indexed lookup) are added, and
articles updated since are replaced. A file that does not match the store (another database
behind the same path, a different embedder, a count that does not add up) is rebuilt.

Keys are arrival numbers (``seq``), never story ids: a correction moves articles between
stories, so the story of a hit is read from the store at search time.
"""

from __future__ import annotations

import json
import os
import threading
from collections.abc import Iterable
from dataclasses import asdict, dataclass
from pathlib import Path

import numpy as np
from usearch.index import Index

from ._base import StoreReader

EXACT_BELOW = 20_000
"""Below this many vectors a search compares the query with every one (5 ms at 20k, 512-d):
the same hits a plain scan finds. Above it, the HNSW graph answers (about 1 ms at 100k)."""

SAVE_EVERY = 1_000
"""Vectors taken in after the file was last written before it is written again: a restart then
catches up on fewer than this from the store, and a trickle of posts does not rewrite 200 MB."""


_EPOCH = "1970-01-01T00:00:00+00:00"  # before any update


@dataclass
class _Held:
    """What an index file holds, kept beside it as JSON."""

    dim: int = 0
    last: int = 0  # the newest arrival number taken in
    updated: str = ""  # the latest update time taken in
    anchor: str = ""  # the id of article ``last``: tells this database from another
    count: int = 0


class VectorIndex:
    """Nearest stored articles to a query vector, by inner product (the embedder's vectors
    are unit length: it is their cosine, the score a plain scan gave)."""

    def __init__(self, path: str | None) -> None:
        self.path = path
        self._lock = threading.Lock()  # one search or catch-up at a time: usearch's graph is not
        self._index: Index | None = None
        self._held = _Held()
        self._unsaved = 0

    def nearest(self, store: StoreReader, query: np.ndarray, count: int) -> list[tuple[int, float]]:
        """(arrival number, score) of the ``count`` stored vectors nearest ``query``, best first."""
        with self._lock:
            self._catch_up(store, len(query))
            index = self._index
            if index is None or len(index) == 0:
                return []
            found = index.search(
                np.asarray(query, np.float32), count, exact=len(index) < EXACT_BELOW
            )
            return [
                (int(k), 1.0 - float(d)) for k, d in zip(found.keys, found.distances, strict=True)
            ]

    def _catch_up(self, store: StoreReader, dim: int) -> None:
        last, updated = store.vector_state()
        if self._index is None or self._held.dim != dim:
            self._open(store, dim, last)
        held = self._held
        if last < held.last:  # articles gone: not this store's history any more
            self._rebuild(store, dim)
            return
        if last > held.last:
            # Articles committed since vector_state was read come too: the newest taken counts.
            held.last = max(last, self._take(store.vectors_after(held.last)))
            held.anchor = self._anchor(store, held.last)
        if updated > held.updated:
            self._take(store.vectors_after(updated_after=held.updated or _EPOCH), replace=True)
            held.updated = updated
        if self._unsaved >= SAVE_EVERY:
            self._save()

    def _open(self, store: StoreReader, dim: int, last: int) -> None:
        """The index from its file when the file matches the store, else built afresh."""
        held = self._read_held()
        if (
            held
            and held.dim == dim
            and held.last <= last
            and held.anchor == self._anchor(store, held.last)
            and self.path
        ):
            try:
                index = Index.restore(self.path)
            except (OSError, RuntimeError, ValueError):
                index = None
            if index is not None and len(index) == held.count:
                self._index, self._held, self._unsaved = index, held, 0
                return
        self._rebuild(store, dim)

    def _rebuild(self, store: StoreReader, dim: int) -> None:
        self._index = Index(
            ndim=dim, metric="ip", dtype="f32", expansion_add=64, expansion_search=256
        )
        self._held = _Held(dim=dim)
        last, updated = store.vector_state()
        self._held.last = max(last, self._take(store.vectors_after(0)))
        self._held.updated = updated
        self._held.anchor = self._anchor(store, self._held.last)
        self._save()

    def _take(self, vectors: Iterable[tuple[int, np.ndarray]], replace: bool = False) -> int:
        """Add (or with ``replace``, put in place of their old ones) vectors of this index's
        size; the newest arrival number read (0 for none)."""
        assert self._index is not None
        keys: list[int] = []
        rows: list[np.ndarray] = []
        newest = 0
        for seq, vector in vectors:
            newest = max(newest, seq)
            if len(vector) == self._held.dim:  # another embedder's vectors cannot be compared
                keys.append(seq)
                rows.append(vector)
        if not keys:
            return newest
        known = np.asarray(self._index.contains(np.array(keys, np.uint64)), bool)
        if replace:
            self._index.remove([k for k, seen in zip(keys, known, strict=True) if seen])
        elif known.any():  # already taken in (read twice by a race): added once
            kept = [i for i, seen in enumerate(known) if not seen]
            keys, rows = [keys[i] for i in kept], [rows[i] for i in kept]
            if not keys:
                return newest
        self._index.add(np.array(keys, np.uint64), np.stack(rows))
        self._held.count = len(self._index)
        self._unsaved += len(keys)
        return newest

    @staticmethod
    def _anchor(store: StoreReader, seq: int) -> str:
        found = store.articles_at([seq]) if seq else {}
        return found[seq][0] if seq in found else ""

    def _read_held(self) -> _Held | None:
        if not self.path:
            return None
        try:
            return _Held(**json.loads(Path(self.path + ".json").read_text("utf-8")))
        except (OSError, ValueError, TypeError):
            return None

    def _save(self) -> None:
        """Write the index and what it holds, each whole (a reader never meets half a file); a
        store that cannot be written beside (read-only) keeps its index in memory."""
        if not self.path or self._index is None:
            return
        try:
            Path(self.path).parent.mkdir(parents=True, exist_ok=True)
            partial = f"{self.path}.{os.getpid()}.partial"
            self._index.save(partial)
            os.replace(partial, self.path)
            Path(partial + ".json").write_text(json.dumps(asdict(self._held)), "utf-8")
            os.replace(partial + ".json", self.path + ".json")
            self._unsaved = 0
        except OSError:
            pass
