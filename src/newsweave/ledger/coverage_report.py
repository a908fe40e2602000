"""A story's coverage as JSON-ready values and as the lines `newsweave story` prints."""

from __future__ import annotations

from typing import Any

from .coverage import ClaimFirst, Coverage, Report, Silent, country_label


def coverage_dict(coverage: Coverage) -> dict[str, Any]:
    """The coverage as plain values (for `story --json` and the API)."""
    return {
        "placed_by": coverage.placed_by,
        "first": report_dict(coverage.first) if coverage.first else None,
        "languages": [report_dict(r) for r in coverage.languages],
        "countries": [report_dict(r) for r in coverage.countries],
        "unknown_country": coverage.unknown_country,
        "unplaced": coverage.unplaced,
        "claims": [_claim_dict(c) for c in coverage.claims],
        "silent_days": coverage.silent_days,
        "silent_entities": list(coverage.silent_entities),
        "silent": [_silent_dict(s) for s in coverage.silent],
    }


def report_dict(report: Report) -> dict[str, Any]:
    """One first report as plain values."""
    return {
        "article": report.article_id,
        "source": report.source,
        "lang": report.lang,
        "country": report.country,
        "country_name": country_label(report.country) if report.country else None,
        "day": report.day.isoformat() if report.day else None,
        "lag_days": report.lag_days,
        "articles": report.articles,
        "sources": report.sources,
    }


def _claim_dict(claim: ClaimFirst) -> dict[str, Any]:
    return {
        "slot": claim.slot,
        "value": claim.value,
        "unit": claim.unit,
        "display": claim.display,
        "first": report_dict(claim.first),
        "languages": [report_dict(r) for r in claim.languages],
    }


def _silent_dict(silent: Silent) -> dict[str, Any]:
    return {
        "source": silent.source,
        "country": silent.country,
        "country_name": country_label(silent.country) if silent.country else None,
        "stories": silent.stories,
        "articles": silent.articles,
        "shared": list(silent.shared),
        "last_day": silent.last_day.isoformat(),
    }


def coverage_lines(coverage: Coverage, claims_shown: int = 5) -> list[str]:
    """The coverage block of `newsweave story`: first report, languages, countries, the first
    reporters of the first ``claims_shown`` claims, and the silent sources."""
    if coverage.first is None:
        return ["no article can be placed in time: no first report"]
    basis = (
        " (by the day received: no article is dated)" if coverage.placed_by == "received" else ""
    )
    lines = [f"first report: {_who(coverage.first)}{basis}"]
    lines.append("languages: " + ", ".join(_group(r, r.lang) for r in coverage.languages))
    countries = ", ".join(_group(r, r.country or "") for r in coverage.countries)
    unknown = coverage.unknown_country
    tail = f"{'; ' if countries else ''}{unknown} source(s) of unknown country" if unknown else ""
    lines.append(f"countries: {countries}{tail}" if countries or tail else "countries: none known")
    if coverage.unplaced:
        lines.append(f"undated (not placed): {coverage.unplaced} article(s)")
    for claim in coverage.claims[:claims_shown]:
        langs = ", ".join(f"{r.lang} {_lag(r)}" for r in claim.languages)
        lines.append(f"first to say {claim.slot} = {claim.display}: {_who(claim.first)} [{langs}]")
    if len(coverage.claims) > claims_shown:
        lines.append(f"... and {len(coverage.claims) - claims_shown} more claims (--json)")
    if coverage.silent:
        lines.append(
            f"silent ({coverage.silent_days} days before the first report, same people/places): "
            + ", ".join(
                f"{s.source} ({s.stories} stor{'y' if s.stories == 1 else 'ies'})"
                for s in coverage.silent
            )
        )
    return lines


def _who(report: Report) -> str:
    where = f", {report.country}" if report.country else ""
    return f"{report.source or report.article_id} ({report.lang}{where}) {report.day or 'undated'} [{report.article_id}]"


def _group(report: Report, name: str) -> str:
    return f"{name} {_lag(report)} {report.source}"


def _lag(report: Report) -> str:
    """A lag after the story's first report as "+2d" ("undated" when unplaced)."""
    return "undated" if report.lag_days is None else f"+{report.lag_days}d"
