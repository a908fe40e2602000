"""JSON and JSON Lines records: one document per object with a ``text`` field."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from typing import Any

from newsweave.ingest.countries import country_code
from newsweave.models import RawDocument, Rejection

# Record fields copied onto the document; ``id`` becomes ``external_id``.
_FIELDS = ("title", "published", "url", "lang", "source")
# Fields that may name the source's country ("DE", "deu", "Germany"); the first one readable wins.
_COUNTRY_FIELDS = ("source_country", "country")
# What a JSON string can hold but text cannot: an unpaired surrogate ("\udc80" escapes a half of
# an emoji) cannot be written as UTF-8, and NUL is refused by PostgreSQL; either would fail the
# whole batch's write, so they are repaired here, record by record.
_NOT_TEXT = re.compile("[\ud800-\udfff\x00]")


def jsonl_documents(
    origin: str, text: str, notes: tuple[str, ...] = ()
) -> Iterator[RawDocument | Rejection]:
    """Each line of a JSON Lines payload as a document (origin ``file.jsonl#line 7``).

    A broken line is rejected on its own; the lines after it go on. Blank lines are skipped.
    """
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        line_origin = f"{origin}#line {number}"
        try:
            value = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Rejection(line_origin, f"invalid JSON: {exc.msg} at column {exc.colno}")
            continue
        except RecursionError:
            yield Rejection(line_origin, "invalid JSON: nested too deeply")
            continue
        yield record_document(line_origin, value, notes)


def json_documents(
    origin: str, text: str, notes: tuple[str, ...] = ()
) -> Iterator[RawDocument | Rejection]:
    """A JSON payload: one object, or a list of objects (origin ``file.json#record 3``).

    A ``.json`` file that turns out to hold one object per line is read as JSON Lines.
    """
    try:
        value = json.loads(text)
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data" and text.lstrip().startswith("{"):
            yield from jsonl_documents(origin, text, notes)
            return
        yield Rejection(origin, f"invalid JSON: {exc.msg} at line {exc.lineno} column {exc.colno}")
        return
    except RecursionError:
        yield Rejection(origin, "invalid JSON: nested too deeply")
        return
    if not isinstance(value, list):
        yield record_document(origin, value, notes)
        return
    if not value:
        yield Rejection(origin, "JSON list has no records")
    for number, item in enumerate(value, start=1):
        yield record_document(f"{origin}#record {number}", item, notes)


def record_document(
    origin: str, value: Any, notes: tuple[str, ...] = ()
) -> RawDocument | Rejection:
    """One decoded JSON value as a document, or a Rejection saying what is missing."""
    if not isinstance(value, dict):
        return Rejection(origin, f"record is a JSON {_json_type(value)}, not an object")
    text = value.get("text")
    if text is not None and not isinstance(text, str):
        return Rejection(origin, f"record text is a JSON {_json_type(text)}, not a string")
    if not text or not text.strip():
        return Rejection(origin, "record has no text")
    fields = {name: _scalar(value.get(name)) for name in (*_FIELDS, "id")}
    repaired = sum(len(_NOT_TEXT.findall(v)) for v in (text, *fields.values()) if v)
    if repaired:
        text = _repaired(text)
        fields = {name: _repaired(v) if v else v for name, v in fields.items()}
        notes = (
            *notes,
            f"replaced {repaired} character(s) that are not text (unpaired surrogates, NUL)",
        )
    external_id = fields.pop("id")
    country = next(
        (c for c in (country_code(_scalar(value.get(f))) for f in _COUNTRY_FIELDS) if c), None
    )
    return RawDocument(
        origin=origin,
        text=text,
        external_id=external_id,
        source_country=country,
        notes=notes,
        **fields,
    )


def _repaired(value: str) -> str:
    """``value`` with NUL dropped and unpaired surrogates replaced by U+FFFD."""
    return _NOT_TEXT.sub(lambda m: "" if m.group() == "\x00" else "\ufffd", value)


def _scalar(value: Any) -> str | None:
    """A record field as a string: numbers are written out, objects and blanks are None."""
    if isinstance(value, bool) or value is None:
        return None
    if isinstance(value, (int, float)):
        return str(value)
    if isinstance(value, str):
        return value.strip() or None
    return None


def _json_type(value: Any) -> str:
    """The JSON name of a decoded value's type, for messages."""
    names = {list: "list", str: "string", int: "number", float: "number", bool: "boolean"}
    return "null" if value is None else names.get(type(value), "object")
