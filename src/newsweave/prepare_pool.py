"""Prepare and embed on local worker processes while this process assigns stories and commits.

Extraction and the embedder's tokenizer are Python that holds the GIL, so threads cannot
put a second core to work on them: processes can. Inputs are read here (stdin, resumed
WARC records and the fetch rules stay where they are), sent to the workers in chunks, and
their results come back in input order, so stories are assigned exactly as one process
assigns them. Each worker runs ``prepare.prepare_input`` and ``prepare.embed_prepared``,
the functions a single process and the Dask workers run.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import islice

from .embed import Embedder, open_embedder
from .models import RawDocument, Rejection
from .prepare import Prepared, embed_prepared, prepare_input

Item = RawDocument | Rejection

# Inputs a task carries: enough for the embedder to fill its token budget many times over and
# for the transfer to cost little next to the work (a chunk of gva-dev: ~0.2 s of work).
CHUNK = 16
# Chunks in flight a worker: one running, one waiting, so a worker never idles on this process.
_AHEAD = 2
# How often a worker checks that the process that started it still lives: a kill -9 of
# ``newsweave ingest`` must not leave its workers behind.
_ORPHAN_CHECK_SECONDS = 0.5

_embedder: Embedder | None = None  # a worker's own, opened when the worker starts


def _start_worker(embedder_name: str, threads: int, max_chars: int, parent: int) -> None:
    global _embedder
    _embedder = open_embedder(embedder_name, threads=threads, max_chars=max_chars)
    threading.Thread(target=_exit_when_orphaned, args=(parent,), daemon=True).start()


def _exit_when_orphaned(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(_ORPHAN_CHECK_SECONDS)
    os._exit(0)


def _prepare_chunk(items: list[Item], max_chars: int) -> list[Prepared]:
    """In a worker: the per-article stages for one chunk of inputs, in order."""
    assert _embedder is not None, "the worker was started with its embedder"
    return embed_prepared([prepare_input(item, max_chars) for item in items], _embedder)


class PreparePool:
    """Worker processes that prepare and embed inputs, handing them back in input order."""

    def __init__(self, workers: int, embedder: str, threads: int, embed_chars: int) -> None:
        """``embed_chars``: the embedder's window (Settings.embed_chars)."""
        self._workers = workers
        self._initargs = (embedder, threads, embed_chars, os.getpid())
        self._executor = self._start()
        self._ahead = workers * _AHEAD

    def _start(self) -> ProcessPoolExecutor:
        # fork: a worker starts in milliseconds with this process's modules already imported;
        # the pool is started before this process holds a write lock or runs a model.
        return ProcessPoolExecutor(
            max_workers=self._workers,
            mp_context=multiprocessing.get_context("fork"),
            initializer=_start_worker,
            initargs=self._initargs,
        )

    def __enter__(self) -> PreparePool:
        return self

    def __exit__(self, *_: object) -> None:
        self._executor.shutdown(wait=True, cancel_futures=True)

    def prepare(self, items: Iterable[Item], max_chars: int) -> Iterator[tuple[Item, Prepared]]:
        """Each input with its prepared result, in input order, ``_AHEAD`` chunks a worker ahead."""
        in_flight: deque[tuple[list[Item], Future[list[Prepared]]]] = deque()
        source = iter(items)
        while chunk := list(islice(source, CHUNK)):
            in_flight.append((chunk, self._submit(chunk, max_chars)))
            if len(in_flight) > self._ahead:
                yield from self._results(*in_flight.popleft(), max_chars)
        while in_flight:
            yield from self._results(*in_flight.popleft(), max_chars)

    def _submit(self, chunk: list[Item], max_chars: int) -> Future[list[Prepared]]:
        try:
            return self._executor.submit(_prepare_chunk, chunk, max_chars)
        except BrokenProcessPool:  # a worker died on an earlier chunk: a fresh pool goes on
            self._executor.shutdown(wait=False, cancel_futures=True)
            self._executor = self._start()
            return self._executor.submit(_prepare_chunk, chunk, max_chars)

    def _results(
        self, chunk: list[Item], future: Future[list[Prepared]], max_chars: int
    ) -> Iterator[tuple[Item, Prepared]]:
        """A chunk's inputs with their results. When its worker died (killed, out of memory; the pool then fails
        every chunk in flight), the chunk is tried once more on a fresh pool; failing again, its
        inputs are rejected and the run goes on, as on a Dask worker."""
        for attempt in (1, 2):
            try:
                return zip(chunk, future.result(), strict=True)
            except Exception as exc:
                if attempt == 2 or not isinstance(exc, BrokenProcessPool):
                    reason = f"failed on a worker: {type(exc).__name__}: {exc}"
                    return ((item, (Rejection(item.origin, reason), ())) for item in chunk)
                future = self._submit(chunk, max_chars)
        raise AssertionError("unreachable")
