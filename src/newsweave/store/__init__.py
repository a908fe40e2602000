"""Stores behind one protocol, opened by URL or path."""

from __future__ import annotations

from ._base import Alias, Batch, Store, StorySummary, TextHit


def open_store(location: str) -> Store:
    """Open the store at ``location``: a file path or ``sqlite:///path``.

    Raises:
        StoreError: when it cannot be opened.
    """
    from .sqlite import SQLiteStore

    if location.startswith("sqlite:///"):
        location = location[len("sqlite:///"):]
    return SQLiteStore(location)


__all__ = ["Alias", "Batch", "Store", "StorySummary", "TextHit", "open_store"]
