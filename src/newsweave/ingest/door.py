"""The door every input passes before it is prepared: text fields made storable and XML-safe,
names made printable, and the length limit.

Two paths reach the pipeline: files, folders, URLs and stdin (``read_inputs``, in this process or
on a cluster's workers) and the API's POST (``Pipeline.ingest_documents``). Both call ``admit``,
so what one path cleans the other cannot skip. What is stored must survive every way out: the
SQLite and PostgreSQL writes (no lone surrogates, no NUL), the Atom feeds (XML 1.0 carries no
other control characters, nor U+FFFE/U+FFFF), and the one-line messages of a run's summary.
"""

from __future__ import annotations

import re
from dataclasses import replace

from newsweave.models import RawDocument, Rejection

# What XML 1.0 cannot carry (https://www.w3.org/TR/xml/#charsets), and lone surrogates.
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")
# Characters that would break a one-line message: every C0/C1 control and the line separators.
_NOT_PRINTABLE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029]")
_TEXT_FIELDS = ("text", "title", "published", "url", "lang", "external_id", "source")


def xml_safe(value: str) -> str:
    """``value`` without what XML 1.0 cannot carry: a lone surrogate becomes U+FFFD, the rest is dropped.

    Tab, newline and carriage return stay: they are text, and XML carries them.
    """
    if _NOT_XML.search(value) is None:
        return value
    return _NOT_XML.sub(lambda m: "\ufffd" if _SURROGATE.match(m.group()) else "", value)


def printable(name: str) -> str:
    """A name as one printable line: bytes that are not UTF-8 (a file name's ``surrogateescape``)
    and control characters are written as escapes (``caf\\xe9.txt``, ``a\\nb.txt``)."""
    fixed = _SURROGATE.sub(_escaped_surrogate, name)
    return _NOT_PRINTABLE.sub(lambda m: repr(m.group())[1:-1], fixed)


def _escaped_surrogate(match: re.Match[str]) -> str:
    """A byte ``surrogateescape`` kept (U+DC80-U+DCFF) written as ``\\xNN``, another lone surrogate as ``\\uNNNN``."""
    code = ord(match.group())
    return f"\\x{code - 0xDC00:02x}" if 0xDC80 <= code <= 0xDCFF else f"\\u{code:04x}"


def name_problem(name: str) -> str | None:
    """Why a file name cannot be an article's origin (it is stored and shown), or None when it can."""
    if _SURROGATE.search(name):
        return "file name is not valid UTF-8; rename the file to read it"
    if _NOT_PRINTABLE.search(name):
        return "file name holds a control character (a line break?); rename the file to read it"
    return None


def admit(item: RawDocument | Rejection, max_chars: int) -> RawDocument | Rejection:
    """An input as it may be stored: every text field XML-safe, its origin printable, within ``max_chars``.

    A Rejection gets a printable origin and a one-line reason (both are stored and printed).
    A document whose text is over ``max_chars`` becomes a Rejection: extraction grows with the
    text, an 18 MB one-article file took 100-200 s and 1.4 GB (RELIABILITY.md), while real
    articles stay under 100,000 characters.
    """
    origin = printable(item.origin)
    if isinstance(item, Rejection):
        reason = " ".join(xml_safe(item.reason).split())
        return item if (origin, reason) == (item.origin, item.reason) else Rejection(origin, reason)
    if len(item.text) > max_chars:
        return Rejection(
            origin,
            f"text is {len(item.text):,} characters, over the {max_chars:,} limit for one article",
        )
    changes: dict[str, str | tuple[str, ...] | None] = {}  # RawDocument fields: text, notes
    dropped = []
    for name in _TEXT_FIELDS:
        value = getattr(item, name)
        if value is None:
            continue
        safe: str | None = xml_safe(value)
        if safe != value:
            dropped.append(name)
        if name != "text" and safe:  # metadata is one line: a line break in a URL is never meant
            safe = " ".join(safe.split()) or None
        if safe != value:
            changes[name] = safe
    if origin != item.origin:
        changes["origin"] = origin
    if not changes:
        return item
    if dropped:
        changes["notes"] = (
            *item.notes,
            f"removed characters XML cannot carry from: {', '.join(dropped)}",
        )
    return replace(item, **changes)  # type: ignore[arg-type]
