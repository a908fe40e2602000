"""A casualty count as one article tells it."""

from __future__ import annotations

from typing import NamedTuple


class Count(NamedTuple):
    """A casualty count for one slot, with the words that state or imply it."""

    value: float
    surface: str
    position: int  # where the words are in the text; -1 when nothing states it
    stated: bool
