"""Embedders behind one protocol, chosen by name."""

from __future__ import annotations

from ._base import Embedder


def open_embedder(name: str, threads: int = 2, max_chars: int | None = None) -> Embedder:
    """Build the embedder called ``name``: "use-m3" (the default), "e5-small" (slower,
    better at pairs) or "hashing" (tests). ``threads``: the BLAS threads a model's matrix
    products use (one in each of ingest's worker processes, which are as many as the cores).
    ``max_chars``: how much of each text a model reads (None: the model's own default; ingest
    passes Settings.embed_chars). Opening is cheap: the model loads on the first ``encode``.

    Raises:
        ValueError: for an unknown name.
    """
    window = {} if max_chars is None else {"max_chars": max_chars}
    if name == "use-m3":
        from .use import USEEmbedder

        return USEEmbedder(threads=threads, **window)
    if name == "e5-small":
        from .e5 import E5Embedder

        return E5Embedder(threads=threads, **window)
    if name == "hashing":
        from .hashing import HashingEmbedder

        return HashingEmbedder()
    raise ValueError(f"unknown embedder {name!r}: choose 'use-m3', 'e5-small' or 'hashing'")


__all__ = ["Embedder", "open_embedder"]
