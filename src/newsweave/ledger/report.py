"""A ledger as JSON-ready values and as the lines `newsweave story` prints."""

from __future__ import annotations

from typing import Any

from .provenance import SAME_ORIGIN, Provenance
from .story import Ledger, Slot, Value

# Said wherever the ledger's source counts are shown, so nobody reads a reprint as corroboration.
COUNTING = (
    "sources are counted once per origin: a copy or translation of an article, or another "
    "article of its publisher, agreeing with it is not corroboration; agreed needs two "
    "independent origins"
)


def ledger_dict(ledger: Ledger) -> dict[str, Any]:
    """The ledger as plain values (for `story --json` and `export stories`)."""
    d = ledger.dates
    return {
        "event_date": d.event_date.isoformat() if d.event_date else None,
        "event_date_confidence": d.confidence,
        "event_date_sureness": sureness(d.confidence, d.sources, d.support),
        "event_date_sources": [d.sources, d.of_sources],
        "unfit_dates": [{"article": a, "why": why} for a, why in d.unfit],
        "slots": [_slot_dict(s) for s in ledger.slots],
        "entities": [
            {"kind": k, "key": key, "name": n, "sources": c} for k, key, n, c in ledger.entities
        ],
        "counting": COUNTING,
        "provenance": [provenance_dict(p) for p in ledger.provenance.values()],
    }


def provenance_dict(p: Provenance) -> dict[str, Any]:
    """One article's provenance as plain values."""
    return {"article": p.article_id, "kind": p.kind, "of": p.of, "confidence": p.confidence}


def provenance_label(p: Provenance, name_of: dict[str, str]) -> str:
    """What a reader sees beside an article: "translation of <title> (0.93)", "original"."""
    if p.of is None:
        return p.kind
    return f"{p.kind} of {name_of.get(p.of, p.of)} ({p.confidence:.2f})"


def _slot_dict(slot: Slot) -> dict[str, Any]:
    return {
        "slot": slot.name,
        "status": slot.status,
        "majority": slot.majority,
        "updates": [
            {
                "value": u.value.value,
                "unit": u.value.unit,
                "display": display(u.value),
                "article": u.witness.article_id,
                "publisher": u.witness.publisher,
                "published": u.witness.published.isoformat() if u.witness.published else None,
                "evidence": u.witness.evidence,
            }
            for u in slot.updates
        ],
        "values": [
            {
                "value": v.value,
                "unit": v.unit,
                "display": display(v),
                "sources": v.sources,
                "first_reporter": v.first_reporter,
                "articles": [
                    {
                        "article": w.article_id,
                        "lang": w.lang,
                        "publisher": w.publisher,
                        "published": w.published.isoformat() if w.published else None,
                        "surface": w.surface,
                        "evidence": w.evidence,
                        "stated": w.stated,
                    }
                    for w in v.witnesses
                ],
            }
            for v in slot.values
        ],
    }


def _readable(amount: float, unit: str | None) -> tuple[float, str | None]:
    """Durations (kept in hours) in the unit a reader would use: 20 h, 3 days, 2 years; 500 m, not 0.5 km."""
    if unit == "km" and amount < 1:
        return round(amount * 1000, 2), "m"
    if unit != "hour":
        return amount, unit
    if amount >= 8766 * 0.95:
        return round(amount / 8766, 2), "years"
    if amount >= 48:
        return round(amount / 24, 2), "days"
    return amount, "h"


def sureness(confidence: float, sources: int, support: float) -> str:
    """A word for how sure the consensus date is: low when no source states it plainly."""
    if support < 0.5:
        return "low"
    if confidence >= 0.75 and sources >= 2:
        return "high"
    return "medium" if confidence >= 0.5 and sources >= 1 else "low"


def display(value: Value) -> str:
    """A value as a reader would say it: "37 mph" as stated, with its canonical form when converted."""
    if isinstance(value.value, str):
        return value.value
    amount, unit = _readable(value.value, value.unit)
    number = f"{amount:,.4g}" if amount < 10_000 else f"{amount:,.0f}"
    canonical = f"{number} {unit}" if unit else number
    stated = next((w.surface for w in value.witnesses if w.stated and w.surface), "")
    return (
        f"{canonical} ({stated})"
        if unit and stated and not stated.startswith(number)
        else canonical
    )


def ledger_lines(ledger: Ledger) -> list[str]:
    """The ledger as indented text lines."""
    d = ledger.dates
    when = (
        f"{d.event_date} ({sureness(d.confidence, d.sources, d.support)}: {d.confidence:.2f} of the date evidence, "
        f"{d.sources} of {d.of_sources} source(s))"
        if d.event_date
        else "unknown"
    )
    lines = [f"event date: {when}", f"({COUNTING})"]
    lines += [f"  ! {article}: {why}" for article, why in d.unfit]
    for slot in ledger.slots:
        majority = (
            ""
            if slot.status != "conflict"
            else (
                f"; most sources: {_majority(slot)}"
                if slot.majority is not None
                else "; sources split evenly"
            )
        )
        if slot.updates:
            majority = f"; now {display(slot.updates[-1].value)}"
        elif slot.status == "distinct":
            majority = "; different figures, not known to be of one thing"
        lines.append(f"{slot.name}: {slot.status}{majority}")
        for n, update in enumerate(slot.updates):
            w = update.witness
            source = (
                w.publisher.split(":", 1)[-1]
                if not w.publisher.startswith("article:")
                else "its own source"
            )
            lines.append(
                f"  {'first' if n == 0 else 'then'} {display(update.value)}: {w.published or 'undated'}, "
                f"{source} ({w.article_id})"
            )
        for value in slot.values:
            lines.append(
                f"  {display(value)}  {value.sources} source(s), first {value.first_reporter}"
            )
            for w in value.witnesses:
                quoted = f'"{w.evidence}"' if w.evidence else "(no sentence states it)"
                if not w.stated:
                    quoted = f"implied by {quoted}" if w.evidence else f"implied {quoted}"
                lines.append(
                    f"    [{w.lang}] {w.article_id}{_derived(ledger, w.article_id)}: {quoted}"
                )
    for kind, label in (("place", "places"), ("person", "people"), ("org", "organisations")):
        rows = [(name, n) for k, _, name, n in ledger.entities if k == kind][:10]
        if rows:
            lines.append(
                f"{label}: "
                + ", ".join(f"{name} ({n} source{'s' if n > 1 else ''})" for name, n in rows)
            )
    return lines


def _derived(ledger: Ledger, article_id: str) -> str:
    """ " (translation of ID)" for a witness that counts with another article, else ""."""
    p = ledger.provenance.get(article_id)
    return f" ({p.kind} of {p.of})" if p and p.of and p.kind in SAME_ORIGIN else ""


def _majority(slot: Slot) -> str:
    top = next(v for v in slot.values if v.value == slot.majority)
    return display(top)
