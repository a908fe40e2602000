"""Where an article of a story comes from, as the API gives it (beside the story schemas)."""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, Field


class ProvenanceOut(BaseModel):
    """Where an article of a story comes from."""

    article: str
    kind: Literal["original", "copy", "rewrite", "translation", "independent"] = Field(
        description="original: others derive from it; copy: same language, near identical to an "
        "earlier article; rewrite: same language, substantially reworded from one; translation: "
        "another language, the same text sentence by sentence; independent: none of these"
    )
    of: str | None = Field(
        None,
        description="the earlier article it derives from (earliest trusted date, then arrival)",
    )
    confidence: float = Field(
        description="shingle overlap for a copy or rewrite, share of sentences aligned for a "
        "translation; 1 for an original or an independent report"
    )
