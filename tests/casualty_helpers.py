"""Shared by the casualty tests: the killed and injured facts ``prepare`` reads from one English report."""

from __future__ import annotations

from newsweave.models import RawDocument
from newsweave.prepare import prepare


def counts(
    text: str, title: str = "Shooting report", published: str = "2016-05-02"
) -> dict[str, tuple[float, bool]]:
    article = prepare(
        RawDocument(origin="t", title=title, text=text, published=published, lang="en")
    )
    return {f.slot: (f.value, f.stated) for f in article.facts if f.slot in ("killed", "injured")}
