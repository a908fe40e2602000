"""Embedders behind one protocol, chosen by name."""

from __future__ import annotations

from ._base import Embedder


def open_embedder(name: str) -> Embedder:
    """Build the embedder called ``name``: "use-m3" (default model) or "hashing" (tests).

    Raises:
        ValueError: for an unknown name.
    """
    if name == "use-m3":
        from .use import USEEmbedder

        return USEEmbedder()
    if name == "hashing":
        from .hashing import HashingEmbedder

        return HashingEmbedder()
    raise ValueError(f"unknown embedder {name!r}: choose 'use-m3' or 'hashing'")


__all__ = ["Embedder", "open_embedder"]
