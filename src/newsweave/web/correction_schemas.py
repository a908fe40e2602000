"""What the API accepts and answers for an analyst's corrections (merge, move, split, undo)."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, Field

from .schemas import MAX_POST, NO_NUL, CorrectionKind

_WHY = Field("", max_length=2000, pattern=NO_NUL, description="why: kept in the history")
_ID = Field(min_length=1, max_length=200, pattern=NO_NUL)


class MergeIn(BaseModel):
    """Stories to merge with the one in the path; the oldest survives, the others' ids become its aliases."""

    stories: list[Annotated[str, _ID]] = Field(min_length=1, max_length=100)
    why: str = _WHY


class MoveIn(BaseModel):
    """Where an article goes: an existing ``story``, or ``new: true`` for a story of its own."""

    story: Annotated[str, _ID] | None = None
    new: bool = False
    why: str = _WHY


class SplitIn(BaseModel):
    """The articles of the story in the path that become a new story (not all of them)."""

    articles: list[Annotated[str, _ID]] = Field(min_length=1, max_length=MAX_POST)
    why: str = _WHY


class UndoIn(BaseModel):
    """Why the correction is undone."""

    why: str = _WHY


class MoveOut(BaseModel):
    """One article a correction moved."""

    article: str
    from_story: str
    to_story: str


class CorrectionOut(BaseModel):
    """A correction as recorded in the history."""

    entry: int = Field(description="its history entry id, to undo it by")
    kind: CorrectionKind
    at: str
    by: str
    why: str
    story: str = Field(
        description="the story that results: the survivor of a merge, the story moved or split to"
    )
    stories: list[str] = Field(description="every story it touched")
    moves: list[MoveOut]
    text: str
