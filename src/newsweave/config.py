"""One frozen Settings object: every default with its reason, built once where a run starts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .cluster import Weights
from .ingest.limits import ReadLimits


@dataclass(frozen=True)
class Settings:
    """How a newsweave run behaves."""

    db: str = "newsweave.db"
    """Where the store lives: a SQLite path (or sqlite:///path), or a postgresql:// URL."""

    embedder: str = "use-m3"
    """Which embedder turns text into vectors: "use-m3" (Multilingual USE v3) or "hashing" (tests)."""

    embed_chars: int = 600
    """How much of each article (headline, then text) the ingest embedder reads, in characters
    (its ``max_chars``). 1,000 reads same-story pairs better one by one (USE's best-threshold F1
    0.764 -> 0.788 monolingual) but not through the stream (0.763 -> 0.761 with margins
    re-chosen) at ~1.5x the embedding CPU (BENCHMARKS.md, Same-story pairs, third round). Part
    of the embedder's identity: a run with another window neither loads the store's clusterer
    snapshot nor reuses its stored vectors (prepare.stored_vector)."""

    lead_reader: str = "e5-small"
    """The second, slower embedder ``compare`` reads each article's lead with ("none": only
    ``embedder``): multilingual-e5-small tells same-story pairs better than USE but is far too
    slow to keep up with ingest."""

    live_stories: int = 100_000
    """Stories new articles may still join. Beyond it the story joined longest ago is retired:
    it stays in the store, but the clusterer forgets it (its sums, its ANN entries, the words
    only it used), so memory stays bounded however long the stream. Every process writing
    to one store should use the same value, so that each replays the others' decisions alike."""

    snapshot_every: int = 10_000
    """Articles taken in between two snapshots of the clusterer's state in the store (or as
    many as there are live stories, when more). A restart then replays only the articles
    stored since the last snapshot instead of all of them (about 2 ms an article)."""

    batch_size: int = 64
    """Articles embedded and committed together: big enough for fast embedding, small enough
    that a killed run loses little work."""

    prepare_workers: int = 2
    """Worker processes that prepare and embed the inputs of ``ingest`` while the ingesting
    process assigns stories and commits (0: all in one process; NEWSWEAVE_PREPARE_WORKERS). Extraction and the
    tokenizer hold the GIL, so a second core needs a second process; see BENCHMARKS.md, Speed."""

    embed_threads: int = 1
    """BLAS threads each ingest worker's embedder uses. With two workers on two cores, one each:
    gva-dev on a quiet machine, ingest against the embedder alone 0.76 and 0.82 with one thread
    a worker, 0.27 with two (four BLAS threads spinning on two cores); BENCHMARKS.md, Speed."""

    max_bytes: int = ReadLimits.max_bytes
    """Largest input file or page read, in bytes (ReadLimits.max_bytes)."""

    max_chars: int = ReadLimits.max_chars
    """Longest text one article may have, in characters (ReadLimits.max_chars)."""

    web_threads: int = 4
    """Requests the web server runs at once (its thread pool; FastAPI's default is 40). They
    share one GIL: 40 at once slice it between them and every answer takes as long as the
    slowest; four keep the tail short (20 clients on gva-dev, p99 of all requests 465-480 ms
    with 40, 257-268 with 4, 227 with 2) while a slow one (a first search building the vector
    index) leaves three free. NEWSWEAVE_WEB_THREADS; BENCHMARKS.md, Reads under load."""

    max_request_bytes: int = 5_000_000
    """Largest request body the web server reads, in bytes; larger ones get 413 before they fill
    memory (a JSON body is parsed whole). 5 MB carries a full POST of articles of typical length
    (a few KB each); one article near ``max_chars`` still fits."""

    fetch_allowed_addresses: tuple[str, ...] = ReadLimits.allowed_addresses
    """Private addresses URLs may be fetched from anyway (ReadLimits.allowed_addresses). Only a
    test with a local server sets it; there is no environment variable for it."""

    silent_days: int = 30
    """How far before a story's first report its silent list looks for sources that covered
    stories about the same people and places (NEWSWEAVE_SILENT_DAYS): a month holds a source's
    usual beat without reaching back to unrelated events that share a country."""

    weights: Weights = field(default_factory=Weights)
    """How the same-story score is combined, and the threshold to join a story."""

    def read_limits(self) -> ReadLimits:
        """What a run under these settings may read, wherever it reads."""
        return ReadLimits(self.max_bytes, self.max_chars, self.fetch_allowed_addresses)

    @classmethod
    def from_env(cls, **overrides: object) -> Settings:
        """Settings from NEWSWEAVE_DB / NEWSWEAVE_EMBEDDER, then explicit overrides (None = unset)."""
        values: dict[str, object] = {}
        if os.environ.get("NEWSWEAVE_DB"):
            values["db"] = os.environ["NEWSWEAVE_DB"]
        if os.environ.get("NEWSWEAVE_EMBEDDER"):
            values["embedder"] = os.environ["NEWSWEAVE_EMBEDDER"]
        if os.environ.get("NEWSWEAVE_LEAD_READER"):
            values["lead_reader"] = os.environ["NEWSWEAVE_LEAD_READER"]
        if os.environ.get("NEWSWEAVE_SILENT_DAYS", "").isdigit():
            values["silent_days"] = int(os.environ["NEWSWEAVE_SILENT_DAYS"])
        if os.environ.get("NEWSWEAVE_WEB_THREADS", "").isdigit():
            values["web_threads"] = max(1, int(os.environ["NEWSWEAVE_WEB_THREADS"]))
        if os.environ.get("NEWSWEAVE_PREPARE_WORKERS", "").isdigit():
            values["prepare_workers"] = int(os.environ["NEWSWEAVE_PREPARE_WORKERS"])
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
