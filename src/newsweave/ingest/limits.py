"""What one run may read: the limits every reader of inputs applies, in one value.

Serial ingest, the ingest workers, a Dask worker, ``compare`` and the web writer all read with
the ``ReadLimits`` a store's Settings give (``Settings.read_limits()``), so a limit a user sets
holds wherever an input is read; the defaults live here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class ReadLimits:
    """The limits of one run's reading."""

    max_bytes: int = 20_000_000
    """Largest input file, page or stdin payload read, in bytes; larger ones are rejected unread."""

    max_chars: int = 200_000
    """Longest text one article may have, in characters; longer ones are rejected with the reason.
    Real articles stay under 100,000 (gva-dev's longest is 100,000); extraction grows with the
    text, and an 18 MB single-article file took 100-200 s and 1.4 GB (RELIABILITY.md)."""

    allowed_addresses: tuple[str, ...] = ()
    """Private addresses (e.g. "127.0.0.1") that URLs may be fetched from anyway. Empty: every
    private, loopback, link-local, multicast and reserved address is refused, so a URL (or a
    redirect, or a DNS answer) cannot reach the machine's own or its network's services."""
