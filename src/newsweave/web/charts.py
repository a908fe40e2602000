"""Geometry for the server-drawn SVG charts: a story's timeline and a list entry's sparkline.

Drawn on the server as inline SVG, so pages need no script and no chart library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .schemas import TimelinePoint

WIDTH = 600  # viewBox units; the SVG scales to the page's width
ROW = 28
LEFT = 36  # room for the language code
TOP = 10


@dataclass(frozen=True)
class Dot:
    """One day's articles in one language: a circle on the timeline."""

    x: float
    y: float
    r: float
    lang: str
    label: str
    received: bool  # placed by the day it was received: drawn hollow


@dataclass(frozen=True)
class Timeline:
    """What story.html draws: one row a language, one dot a day with articles."""

    height: int
    rows: list[tuple[str, float]]  # (language, y)
    dots: list[Dot]
    ticks: list[tuple[float, str, str]]  # (x, date, text-anchor) along the bottom, inside the box
    colour: dict[str, int]  # language -> one of the stylesheet's six colours


def timeline(points: Sequence[TimelinePoint]) -> Timeline | None:
    """Lay out a story's articles by day and language; None when no article is dated."""
    if not points:
        return None
    langs = sorted({p.lang for p in points})
    first, last = min(p.day for p in points), max(p.day for p in points)
    if first == last:  # one day: give it room on both sides so the dot sits in the middle
        first, last = first - timedelta(days=1), last + timedelta(days=1)
    span = (last - first).days

    def x(day: date) -> float:
        return LEFT + 12 + (WIDTH - LEFT - 24) * (day - first).days / span

    y = {lang: TOP + ROW * i + ROW / 2 for i, lang in enumerate(langs)}
    dots = [
        Dot(
            round(x(p.day), 1),
            y[p.lang],
            round(4 + 3 * math.sqrt(p.articles), 1),
            p.lang,
            f"{p.day.isoformat()} · {p.lang} · {p.articles} article{'s' if p.articles != 1 else ''}"
            + (" (undated, received that day)" if p.basis == "received" else ""),
            p.basis == "received",
        )
        for p in points
    ]
    height = TOP + ROW * len(langs) + 24
    days = _tick_days(first, last)
    anchors = {first: "start", last: "end"}
    ticks = [(round(x(d), 1), d.isoformat(), anchors.get(d, "middle")) for d in days]
    return Timeline(
        height=height,
        rows=[(lang, y[lang]) for lang in langs],
        dots=dots,
        ticks=ticks,
        colour={lang: i % 6 for i, lang in enumerate(langs)},
    )


def _tick_days(first: date, last: date) -> list[date]:
    """Three dates along the axis: the ends and the middle."""
    middle = first + timedelta(days=(last - first).days // 2)
    return sorted({first, middle, last})


@dataclass(frozen=True)
class Bar:
    """One bar of a sparkline, in its 100 x 20 box."""

    x: float
    y: float
    width: float
    height: float


def sparkline(days: Sequence[date], buckets: int = 20) -> list[Bar]:
    """Articles over a story's span as bars; a story told in one day is one bar in the middle."""
    if not days:
        return []
    first, last = min(days), max(days)
    span = (last - first).days + 1
    if span == 1:
        return [Bar(45.0, 2.0, 10.0, 18.0)]
    counts = [0] * buckets
    for day in days:
        counts[(day - first).days * buckets // span] += 1
    top, width = max(counts), 100 / buckets
    return [
        Bar(
            round(i * width, 2),
            round(20 - 18 * c / top, 2),
            round(width * 0.8, 2),
            round(18 * c / top, 2),
        )
        for i, c in enumerate(counts)
        if c
    ]
