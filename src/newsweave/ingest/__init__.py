"""Sources to raw documents: files, folders, stdin, URLs; text, HTML, feeds, JSON and JSON Lines.

    read_inputs(paths, limits)  ->  RawDocument | Rejection, one at a time

``sources`` walks paths and picks a reader; ``text``, ``html``, ``feeds`` and ``records``
read one format each; ``urls`` fetches http(s) pages.
"""

from __future__ import annotations

from newsweave.ingest.limits import ReadLimits
from newsweave.ingest.sources import input_units, read_inputs

__all__ = ["ReadLimits", "input_units", "read_inputs"]
