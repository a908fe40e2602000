"""Stores behind one protocol, opened by URL or path.

A backend implements ``Store``; a caller names the part it uses: ``StoreWriter`` (ingest),
``StoreReader`` (the web, the CLI, exports), ``CorrectionLog`` (corrections and their history).
"""

from __future__ import annotations

from ._base import (
    Alias,
    ArticleLine,
    Batch,
    Correction,
    CorrectionLog,
    Sighting,
    Store,
    StoreReader,
    StoreWriter,
    StorySummary,
    TextHit,
)
from .locations import POSTGRES_SCHEMES, redacted


def open_store(location: str) -> Store:
    """Open the store at ``location``: a file path, ``sqlite:///path`` or ``postgresql://…``.

    Raises:
        StoreError: when it cannot be opened.
    """
    if location.startswith(POSTGRES_SCHEMES):
        from .postgres import PostgresStore  # psycopg is imported only by those who use it

        return PostgresStore(location)
    from .sqlite import SQLiteStore

    if location.startswith("sqlite:///"):
        location = location[len("sqlite:///") :]
    return SQLiteStore(location)


__all__ = [
    "POSTGRES_SCHEMES",
    "Alias",
    "ArticleLine",
    "Batch",
    "Correction",
    "CorrectionLog",
    "Sighting",
    "Store",
    "StoreReader",
    "StoreWriter",
    "StorySummary",
    "TextHit",
    "open_store",
    "redacted",
]
