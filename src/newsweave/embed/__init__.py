"""Embedders behind one protocol, chosen by name."""

from __future__ import annotations

from ._base import Embedder


def open_embedder(name: str, threads: int = 2) -> Embedder:
    """Build the embedder called ``name``: "use-m3" (the default), "e5-small" (slower,
    better at pairs) or "hashing" (tests). ``threads``: the BLAS threads a model's matrix
    products use (one in each of ingest's worker processes, which are as many as the cores).

    Raises:
        ValueError: for an unknown name.
    """
    if name == "use-m3":
        from .use import USEEmbedder

        return USEEmbedder(threads=threads)
    if name == "e5-small":
        from .e5 import E5Embedder

        return E5Embedder(threads=threads)
    if name == "hashing":
        from .hashing import HashingEmbedder

        return HashingEmbedder()
    raise ValueError(f"unknown embedder {name!r}: choose 'use-m3', 'e5-small' or 'hashing'")


__all__ = ["Embedder", "open_embedder"]
