"""A deterministic, dependency-free embedder for tests and for machines without the model.

Character trigrams hashed into a fixed number of signed buckets: texts sharing
words come out similar, across runs and machines, with no model to load.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence

import numpy as np


class HashingEmbedder:
    """Signed feature hashing of character trigrams of each word."""

    name = identity = "hashing"  # reads every word of a text: no window

    def __init__(self, dim: int = 256) -> None:
        self.dim = dim

    def _bucket(self, gram: str) -> tuple[int, float]:
        digest = hashlib.blake2b(gram.encode("utf-8"), digest_size=8).digest()
        value = int.from_bytes(digest, "little")
        return value % self.dim, 1.0 if value >> 63 else -1.0

    def _one(self, text: str) -> np.ndarray:
        vector = np.zeros(self.dim, dtype=np.float32)
        for word in text.lower().split():
            padded = f"<{word}>"
            for i in range(max(1, len(padded) - 2)):
                index, sign = self._bucket(padded[i : i + 3])
                vector[index] += sign
        norm = float(np.linalg.norm(vector))
        return vector / norm if norm else vector

    def encode(self, texts: Sequence[str]) -> np.ndarray:
        """Embed texts into unit vectors (all-zero for empty text)."""
        if not texts:
            return np.zeros((0, self.dim), dtype=np.float32)
        return np.stack([self._one(t) for t in texts])
