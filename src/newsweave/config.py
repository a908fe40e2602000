"""One frozen Settings object: every default with its reason, built once where a run starts."""

from __future__ import annotations

import os
from dataclasses import dataclass, field

from .cluster import Weights


@dataclass(frozen=True)
class Settings:
    """How a newsweave run behaves."""

    db: str = "newsweave.db"
    """Where the store lives: a SQLite path (or sqlite:///path), or a postgresql:// URL."""

    embedder: str = "use-m3"
    """Which embedder turns text into vectors: "use-m3" (Multilingual USE v3) or "hashing" (tests)."""

    lead_reader: str = "e5-small"
    """The second, slower embedder ``compare`` reads each article's lead with ("none": only
    ``embedder``): multilingual-e5-small tells same-story pairs better than USE but is far too
    slow to keep up with ingest."""

    batch_size: int = 64
    """Articles embedded and committed together: big enough for fast embedding, small enough
    that a killed run loses little work."""

    max_bytes: int = 20_000_000
    """Largest input file or page read, in bytes; larger ones are rejected with the reason."""

    weights: Weights = field(default_factory=Weights)
    """How the same-story score is combined, and the threshold to join a story."""

    @classmethod
    def from_env(cls, **overrides: object) -> "Settings":
        """Settings from NEWSWEAVE_DB / NEWSWEAVE_EMBEDDER, then explicit overrides (None = unset)."""
        values: dict[str, object] = {}
        if os.environ.get("NEWSWEAVE_DB"):
            values["db"] = os.environ["NEWSWEAVE_DB"]
        if os.environ.get("NEWSWEAVE_EMBEDDER"):
            values["embedder"] = os.environ["NEWSWEAVE_EMBEDDER"]
        if os.environ.get("NEWSWEAVE_LEAD_READER"):
            values["lead_reader"] = os.environ["NEWSWEAVE_LEAD_READER"]
        values.update({k: v for k, v in overrides.items() if v is not None})
        return cls(**values)  # type: ignore[arg-type]
