"""The per-article stages on a Dask cluster: each input is read, parsed, prepared and embedded on a worker.

Story assignment stays in the one process that runs ``ingest``: the workers' results come back
in input order and are clustered there, one after another, exactly as a single process clusters
them, so a cluster run makes the same stories as a single-process run on the same input. Dask
(not Ray) because it is pure Python, starts as two plain commands (``dask scheduler``,
``dask worker``) and adds no daemon or object store to run beside the database; see BENCHMARKS.md.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from .embed import Embedder, open_embedder
from .errors import NotInstalled
from .ingest import ReadLimits, input_units, read_inputs
from .models import Rejection
from .prepare import Prepared, embed_prepared, prepare_input

try:
    from distributed import Client, Future, LocalCluster, WorkerPlugin, get_worker
except ImportError as exc:  # an extra: the message says how to install it
    raise NotInstalled("distributed", "cluster") from exc


_PLUGIN = "newsweave-embedder"
# Inputs a task reads together: enough articles for the embedder to work in batches, few enough
# that the tasks spread over every worker on a small run.
_CHUNK = 8
# Tasks in flight at once: keeps every worker busy while bounding what waits in memory.
_WINDOW = 64


class EmbedderPlugin(WorkerPlugin):
    """Loads the embedder once a worker, when the worker joins, rather than once a task."""

    name = _PLUGIN

    def __init__(self, embedder: str, embed_chars: int) -> None:
        self.embedder_name = embedder
        self.embed_chars = embed_chars
        self.embedder: Embedder | None = None

    def setup(self, worker: Any) -> None:
        """Open the embedder in the worker's process."""
        self.embedder = open_embedder(self.embedder_name, max_chars=self.embed_chars)


def prepare_inputs(units: Sequence[str], limits: ReadLimits) -> list[Prepared]:
    """On a worker: read some files or URLs, prepare every article in them and embed them in one call,
    within the run's limits (the user's settings, not a worker's defaults)."""
    plugin = get_worker().plugins[_PLUGIN]
    assert isinstance(plugin, EmbedderPlugin) and plugin.embedder is not None, (
        "the embedder plugin set the worker up"
    )
    items = read_inputs(units, limits)
    return embed_prepared(
        [prepare_input(item, limits.max_chars) for item in items], plugin.embedder
    )


class Cluster:
    """A Dask client that prepares a run's inputs on the cluster's workers."""

    def __init__(self, client: Client) -> None:
        self.client = client

    def prepare(
        self, paths: Iterable[str], limits: ReadLimits, embedder: str, embed_chars: int
    ) -> Iterator[Prepared]:
        """Every input under ``paths`` prepared and embedded, in the order a single process reads
        them, by ``embedder`` reading ``embed_chars`` of each (Settings.embed_chars)."""
        self.client.register_plugin(EmbedderPlugin(embedder, embed_chars))
        in_flight: deque[tuple[list[str], Future[list[Prepared]] | None, list[Prepared]]] = deque()
        for chunk in _chunks(input_units(paths)):
            if isinstance(chunk, Rejection):  # a folder that could not be listed keeps its place
                in_flight.append(([], None, [(chunk, ())]))
            else:
                in_flight.append(
                    (chunk, self.client.submit(prepare_inputs, chunk, limits, pure=False), [])
                )
            if len(in_flight) >= _WINDOW:
                yield from _collect(*in_flight.popleft())
        while in_flight:
            yield from _collect(*in_flight.popleft())


def _chunks(units: Iterable[str | Rejection]) -> Iterator[list[str] | Rejection]:
    """Inputs in runs of up to _CHUNK, in order; a rejection between them stands alone."""
    chunk: list[str] = []
    for unit in units:
        if isinstance(unit, Rejection) or len(chunk) == _CHUNK:
            if chunk:
                yield chunk
            chunk = []
        if isinstance(unit, Rejection):
            yield unit
        else:
            chunk.append(unit)
    if chunk:
        yield chunk


def _collect(
    units: list[str], future: Future[list[Prepared]] | None, ready: list[Prepared]
) -> list[Prepared]:
    """A task's results; a task that failed (a worker died, say) rejects its inputs and the run goes on."""
    if future is None:
        return ready
    try:
        results: list[Prepared] = future.result()
    except Exception as exc:
        results = [
            (Rejection(u, f"failed on a worker: {type(exc).__name__}: {exc}"), ()) for u in units
        ]
    finally:
        future.release()
    return results


@contextmanager
def open_cluster(workers: int | None = None, scheduler: str | None = None) -> Iterator[Cluster]:
    """The cluster at ``scheduler`` (``tcp://host:8786``), else ``workers`` local worker processes.

    Local workers are processes with one thread each: extraction is Python that holds the GIL.
    """
    if scheduler:
        with Client(scheduler) as client:
            yield Cluster(client)
        return
    with (
        LocalCluster(
            n_workers=workers or 1, threads_per_worker=1, processes=True, dashboard_address=None
        ) as local,
        Client(local) as client,
    ):
        yield Cluster(client)
