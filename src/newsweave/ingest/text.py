"""Bytes to text: size limits, binary sniffing, encoding detection, plain-text documents."""

from __future__ import annotations

import codecs

from newsweave.models import RawDocument
from newsweave.normalise import looks_like_headline

# How much of the start of a payload the binary sniff looks at.
_SNIFF_BYTES = 8192
# Above this share of control bytes a payload is not text (real text has almost none).
_MAX_CONTROL_SHARE = 0.10
# Bytes that are fine in text: tab, newline, form feed, carriage return, escape.
_TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b")
_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def is_binary(data: bytes) -> bool:
    """Whether ``data`` looks like a binary file rather than text.

    UTF-16 with a byte-order mark is text even though it is full of NUL bytes.
    """
    head = data[:_SNIFF_BYTES]
    if head.startswith(_UTF16_BOMS):
        return False
    if b"\x00" in head:
        return True
    controls = sum(1 for byte in head if byte < 32 and byte not in _TEXT_CONTROLS)
    return bool(head) and controls / len(head) > _MAX_CONTROL_SHARE


# Compressed and archive formats by their first bytes: named so the user knows what to do.
# They are never decompressed (a few kB of gzip can expand to gigabytes).
_COMPRESSED = {
    b"\x1f\x8b": "gzip",
    b"PK\x03\x04": "zip",
    b"BZh": "bzip2",
    b"\xfd7zXZ\x00": "xz",
    b"\x28\xb5\x2f\xfd": "zstd",
    b"7z\xbc\xaf\x27\x1c": "7z",
}


def binary_reason(data: bytes) -> str | None:
    """Why ``data`` is not text ("compressed file (gzip) ..."), or None when it reads as text."""
    for magic, name in _COMPRESSED.items():
        if data.startswith(magic):
            return f"compressed file ({name}), not read: decompress it first"
    return "binary file, not text" if is_binary(data) else None


def size_reason(what: str, size: int, limit: int, *, at_least: bool = False) -> str:
    """The message for an input over the size limit: "file is 50.0 MB, over the 20.0 MB limit"."""
    more = "over " if at_least else ""
    return f"{what} is {more}{_human_size(size)}, over the {_human_size(limit)} limit"


def _human_size(size: int) -> str:
    """A byte count in decimal units, as people read file sizes."""
    if size >= 1_000_000:
        return f"{size / 1_000_000:.1f} MB"
    if size >= 1_000:
        return f"{size / 1_000:.1f} kB"
    return f"{size} bytes"


def decode(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode bytes as UTF-8 (BOM aware), else cp1252, else latin-1.

    Returns:
        The text and the notes to pass on ("decoded as cp1252" when a fallback was used).
    """
    if data.startswith(_UTF16_BOMS):
        try:
            return data.decode("utf-16"), ("decoded as utf-16",)
        except UnicodeDecodeError:
            # It says UTF-16: read as anything else it is NUL-riddled noise.
            return data.decode("utf-16", "replace"), ("invalid utf-16: bad bytes replaced",)
    try:
        return data.decode("utf-8-sig"), ()
    except UnicodeDecodeError:
        pass
    # cp1252 leaves five bytes undefined, so a clean decode is good evidence for it;
    # latin-1 decodes anything and is the last resort.
    try:
        return data.decode("cp1252"), ("decoded as cp1252",)
    except UnicodeDecodeError:
        return data.decode("latin-1"), ("decoded as latin-1",)


def first_line(text: str) -> str:
    """The first non-empty line of ``text``, stripped ("" when there is none)."""
    for line in text.splitlines():
        if line.strip():
            return line.strip()
    return ""


def headline_of(text: str) -> str | None:
    """The first line when it reads as a headline and more text follows, else None."""
    line = first_line(text)
    rest = text.strip()[len(line) :].strip()
    if not line or not rest or not looks_like_headline(line):
        return None
    return line.lstrip("#").strip()


def text_document(
    origin: str, text: str, *, source: str | None, notes: tuple[str, ...] = ()
) -> RawDocument:
    """A plain-text (or Markdown) file as one document.

    The text is passed on whole; a date line at the top is left for normalise to read.
    """
    return RawDocument(
        origin=origin, text=text, title=headline_of(text), source=source, notes=notes
    )
