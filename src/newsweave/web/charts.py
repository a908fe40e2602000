"""Geometry for the server-drawn SVG charts: a story's timeline and coverage strip, and a list
entry's sparkline.

Drawn on the server as inline SVG, so pages need no script and no chart library.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from .coverage_schemas import CoverageOut, FirstReportOut
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


# The coverage strip: a row a language, then a row a source country; each row's dot sits at its
# first report's lag after the story's first report, its source named in a column to the right.
_LANE = 30  # room for the 20-unit labels a phone needs (see the stylesheet)
_LABEL = 44  # the row's language or country code
_BARS = 280  # the lag axis ends here; the source column starts after it
TEXT_X = 290  # where the source column starts
_NAME_CHARS = 15  # a longer source name is cut: the column holds ~25 characters at phone size


@dataclass(frozen=True)
class Lane:
    """One language's or country's first report on the coverage strip."""

    label: str  # "pt" for a language, "DE" for a country
    y: float
    x: float | None  # the dot; None when none of its articles can be placed in time
    text: str  # "+1d iberiaherald.example"
    title: str  # the tooltip: who, when, how late
    country: bool  # a country's row (drawn in the accent colour), else a language's
    colour: int  # a language's colour, as on the timeline
    first: bool  # it is the story's first report


@dataclass(frozen=True)
class CoverageStrip:
    """What story.html draws for coverage: who first reported the story in each language and
    country, and how many days after the story's first report."""

    height: int
    start_x: float  # day 0: the story's first report
    text_x: float  # where each row's lag and source are written
    lanes: list[Lane]
    divider: float | None  # y of the rule between the language and the country rows
    ticks: list[tuple[float, str, str]]  # (x, text, text-anchor) under the lag axis


def coverage_strip(
    coverage: CoverageOut, colour: dict[str, int] | None = None
) -> CoverageStrip | None:
    """Lay out a story's first reports per language and country; None when none is placed."""
    if coverage.first is None or coverage.first.day is None:
        return None
    reports = [*coverage.languages, *coverage.countries]
    span = max([r.lag_days for r in reports if r.lag_days is not None] + [1])
    langs = sorted(r.lang for r in coverage.languages)
    colour = {lang: (colour or {}).get(lang, i % 6) for i, lang in enumerate(langs)}

    def x(lag: int) -> float:
        return round(_LABEL + 12 + (_BARS - _LABEL - 24) * lag / span, 1)

    lanes = []
    for row, report in enumerate(reports):
        is_lang = row < len(coverage.languages)
        label = report.lang if is_lang else report.country or ""
        lanes.append(
            Lane(
                label=label,
                y=TOP + _LANE * row + _LANE / 2,
                x=None if report.lag_days is None else x(report.lag_days),
                text=_lane_text(report),
                title=_lane_title(report, label),
                country=not is_lang,
                colour=colour.get(report.lang, 0),
                first=report.article == coverage.first.article,
            )
        )
    rows = len(reports)
    divider = TOP + _LANE * len(coverage.languages) if coverage.countries else None
    first_day = coverage.first.day.isoformat()
    ticks = [(x(0), first_day, "start"), (x(span), f"+{span}d", "end")]
    return CoverageStrip(TOP + _LANE * rows + 24, x(0), TEXT_X, lanes, divider, ticks)


def _lane_text(report: FirstReportOut) -> str:
    name = report.source if len(report.source) <= _NAME_CHARS else report.source[:_NAME_CHARS] + "…"
    return f"{'undated' if report.lag_days is None else f'+{report.lag_days}d'} {name}"


def _lane_title(report: FirstReportOut, label: str) -> str:
    where = report.country_name or report.country
    when = (
        f"{report.day}, {report.lag_days} day(s) after the first report"
        if report.day
        else "undated"
    )
    return (
        f"{label}: first reported by {report.source}{f' ({where})' if where else ''}, {when}; "
        f"{report.articles} article(s) from {report.sources} source(s)"
    )
