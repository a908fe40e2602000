"""The Embedder protocol: texts in, L2-normalised vectors out."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any, Protocol, runtime_checkable

import numpy as np


@runtime_checkable
class Embedder(Protocol):
    """Turns texts into unit-length vectors whose dot product is their similarity.

    Backends load their model lazily, on the first ``encode``, never at import.
    """

    name: str
    dim: int

    @property
    def identity(self) -> str:
        """What its vectors were made with: the model and how much of each text it reads.
        Vectors of two identities are not comparable (see cluster.snapshot.fingerprint)."""
        ...

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Return a float32 array of shape (len(texts), dim), each row of unit length."""
        ...


class ClippedModel:
    """A packaged model that reads the first ``max_chars`` of each text, loaded on first use.

    Subclasses say how to open the model (``_open``) and how it embeds a list of texts
    (``_embed``); clipping, empty texts and unit length are handled here once.
    """

    name: str
    dim: int

    def __init__(self, threads: int = 2, max_chars: int = 600) -> None:
        # max_chars: the lead names the event; longer inputs cost time (ingest chooses its own
        # window: Settings.embed_chars).
        self.threads = threads
        self.max_chars = max_chars
        self._model: Any = None

    @property
    def identity(self) -> str:
        """The model's name and its window, e.g. "use-m3, first 600 characters"."""
        return f"{self.name}, first {self.max_chars} characters"

    def _open(self) -> Any:
        raise NotImplementedError

    def _embed(self, model: Any, texts: list[str]) -> np.ndarray:
        raise NotImplementedError

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts (clipped to ``max_chars``) into unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        if self._model is None:
            self._model = self._open()
        clipped = [t[: self.max_chars] or " " for t in texts]
        vectors = np.asarray(self._embed(self._model, clipped), dtype=np.float32).reshape(
            len(clipped), self.dim
        )
        unit: np.ndarray = vectors / np.maximum(
            np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12
        )
        return unit
