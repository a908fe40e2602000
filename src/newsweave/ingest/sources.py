"""Where inputs come from (files, folders, stdin, URLs) and which reader each one gets."""

from __future__ import annotations

import errno
import os
import re
import stat
import sys
from collections.abc import Callable, Collection, Iterable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import BinaryIO
from urllib.parse import urlparse

from newsweave.errors import InputError
from newsweave.ingest import feeds, html, records, text, urls, warc
from newsweave.ingest.door import admit, name_problem, printable
from newsweave.ingest.limits import ReadLimits
from newsweave.models import RawDocument, Rejection

Item = RawDocument | Rejection

STDIN_ORIGIN = "<stdin>"
_KIND_BY_EXTENSION = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".markdown": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".xml": "feed",
    ".rss": "feed",
    ".atom": "feed",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".json": "json",
}
_KIND_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
    "application/json": "json",
    "application/x-ndjson": "jsonl",
    "application/jsonl": "jsonl",
    "application/x-jsonlines": "jsonl",
}
_FEED_ROOT = re.compile(r"<(rss|feed|rdf:rdf)\b")
_HTML_START = re.compile(r"<(!doctype html|html|head|body|p|div|article)\b")
# A DOCTYPE with an internal subset ("<!DOCTYPE x [ ... ]>") is where entities are declared.
_DOCTYPE = re.compile(rb"<!DOCTYPE", re.IGNORECASE)
_JSON_START = re.compile(r'^(\[\s*[{\]]|\{\s*["}])')


def read_inputs(
    paths: Iterable[str],
    limits: ReadLimits | None = None,
    *,
    stdin: BinaryIO | None = None,
    skip_record: Callable[[str], bool] | None = None,
) -> Iterator[RawDocument | Rejection]:
    """Read every input and yield its documents, or a Rejection for each bad one.

    Args:
        paths: files, folders (read recursively, in sorted order, hidden entries skipped),
            ``-`` for standard input, or http(s) URLs.
        limits: the largest input and text, and the private addresses URLs may reach
            (``Settings.read_limits()``; see ReadLimits); None: the defaults.
        stdin: the binary stream ``-`` reads; ``sys.stdin.buffer`` when None.
        skip_record: called with each WARC record's origin (``a.warc.gz#record 7``); True
            passes over the record unread. A resumed run uses it to skip what is stored.

    Yields:
        A RawDocument per article found, and a Rejection (origin + one-line reason) per
        input, entry, line or record that could not become one. Never raises for bad input.
    """
    limits = limits or ReadLimits()
    if isinstance(paths, str):
        paths = [paths]  # one path passed bare would otherwise be read letter by letter
    for item in paths:
        name = os.fspath(item)
        if name == "-":
            found = _read_stdin(stdin or sys.stdin.buffer, limits.max_bytes)
        elif urls.is_url(name):
            found = _read_url(name, limits.max_bytes, limits.allowed_addresses)
        else:
            found = _read_path(Path(name), limits.max_bytes, skip_record)
        yield from (admit(doc, limits.max_chars) for doc in found)


def input_units(paths: Iterable[str]) -> Iterator[str | Rejection]:
    """What ``read_inputs(paths)`` reads, as files and URLs each readable on its own, in its order.

    Folders are walked (a folder that cannot be listed is a Rejection); ``read_inputs([unit])``
    then yields exactly what ``read_inputs(paths)`` yields for that unit. This is how a cluster
    splits a run into tasks. Standard input is not a unit: it can be read only once, here.
    """
    for item in paths:
        name = os.fspath(item)
        if name != "-" and not urls.is_url(name) and Path(name).is_dir():
            for found in _folder_files(Path(name)):
                yield found if isinstance(found, Rejection) else str(found)
        else:
            yield name


def kind_of(path: Path) -> str | None:
    """The format a file's extension names ("text", "html", "feed", "json", "jsonl"), if any."""
    return _KIND_BY_EXTENSION.get(path.suffix.lower())


def sniff(data: bytes) -> str:
    """Guess a payload's format from its first bytes."""
    head = data[:2048].decode("utf-8", "ignore").lstrip("\ufeff \t\r\n").lower()
    if head.startswith("<"):
        if _FEED_ROOT.search(head):
            return "feed"
        if _HTML_START.search(head):
            return "html"
        return "feed" if head.startswith("<?xml") else "html"
    if _JSON_START.match(head):
        return "json"
    return "text"


def _read_path(
    path: Path, max_bytes: int, skip_record: Callable[[str], bool] | None = None
) -> Iterator[Item]:
    """A path given on the command line: a folder is walked, anything else read as a file."""
    if not os.path.lexists(path):
        yield Rejection(str(path), "no such file or directory")
    elif path.is_dir():
        for found in _folder_files(path):
            if isinstance(found, Rejection):
                yield found
            else:
                yield from _read_file(found, max_bytes, skip_record)
    else:
        yield from _read_file(path, max_bytes, skip_record)


def _folder_files(root: Path) -> Iterator[Path | Rejection]:
    """Files under ``root`` depth-first in name order, skipping hidden entries.

    READMEs and licences are skipped too. Only files with a known extension, or none, are taken: a folder often also holds
    images, scripts and style sheets that are not articles. Symlinked folders are
    followed once each (by device and inode), so a link loop ends.
    """
    seen: set[tuple[int, int]] = set()
    stack: list[Iterator[os.DirEntry[str]]] = []
    listing = _list_folder(root, seen)
    if isinstance(listing, Rejection):
        yield listing
        return
    stack.append(listing or iter(()))
    while stack:
        entry = next(stack[-1], None)
        if entry is None:
            stack.pop()
            continue
        if entry.name.startswith(".") or _is_documentation(entry.name):
            continue
        if _is_dir(entry):
            listing = _list_folder(Path(entry.path), seen)
            if isinstance(listing, Rejection):
                yield listing
            elif listing is not None:
                stack.append(listing)
        elif kind_of(Path(entry.name)) or not Path(entry.name).suffix or warc.is_warc(entry.name):
            yield Path(entry.path)


# A corpus folder's README or LICENSE describes the articles; it is not one of them
# (../shared/seeds has a README.md beside its five articles). Named explicitly, it is read.
_DOCUMENTATION = {"readme", "license", "licence", "changelog", "copying", "authors", "notice"}


def _is_documentation(name: str) -> bool:
    """Whether a file in a walked folder is the folder's own documentation."""
    return Path(name).stem.lower() in _DOCUMENTATION


def _list_folder(
    folder: Path, seen: set[tuple[int, int]]
) -> Iterator[os.DirEntry[str]] | Rejection | None:
    """A folder's entries sorted by name; None when it was visited already."""
    try:
        info = folder.stat()
        key = (info.st_dev, info.st_ino)
        if key in seen:
            return None
        seen.add(key)
        with os.scandir(folder) as scan:
            return iter(sorted(scan, key=lambda entry: entry.name))
    except OSError as exc:
        return Rejection(str(folder), f"cannot read folder: {_os_reason(exc)}")


def _is_dir(entry: os.DirEntry[str]) -> bool:
    """Whether a folder entry is a folder (following symlinks); False when it cannot be told."""
    try:
        return entry.is_dir()
    except OSError:
        return False


def _read_file(
    path: Path, max_bytes: int, skip_record: Callable[[str], bool] | None = None
) -> Iterator[Item]:
    """One file: size and type checks, then the reader its extension or content calls for."""
    bad_name = name_problem(str(path))
    if bad_name:  # its name is stored and printed as the origin of all it holds
        yield Rejection(printable(str(path)), bad_name)
        return
    if warc.is_warc(path):  # before the size and compression checks: those apply per record
        yield from _read_warc(path, max_bytes, skip_record)
        return
    data = _load(path, max_bytes)
    if isinstance(data, Rejection):
        yield data
        return
    yield from parse_payload(
        str(path),
        data,
        kind_of(path),
        source=str(path),
        base_dir=path.parent,
        max_bytes=max_bytes,
    )


def _load(path: Path, max_bytes: int) -> bytes | Rejection:
    """A file's bytes, checked against the size limit before anything is read."""
    origin = str(path)
    try:
        info = path.stat()
        if not stat.S_ISREG(info.st_mode):
            return Rejection(origin, "not a regular file")
        if info.st_size > max_bytes:
            return Rejection(origin, text.size_reason("file", info.st_size, max_bytes))
        with path.open("rb") as handle:
            # Read one byte past the limit: a file can grow between stat and read.
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        return Rejection(origin, f"cannot read: {_os_reason(exc)}")
    if len(data) > max_bytes:
        return Rejection(origin, text.size_reason("file", len(data), max_bytes, at_least=True))
    return data


def _read_warc(
    path: Path, max_bytes: int, skip_record: Callable[[str], bool] | None
) -> Iterator[Item]:
    """A WARC archive's pages, each read as a fetched page would be.

    The capture date (WARC-Date) becomes the publication date only when the page states
    none: a page is archived on or after the day it is published, often long after.
    """
    for found in warc.warc_payloads(path, max_bytes, skip_record):
        if isinstance(found, Rejection):
            yield found
            continue
        host = urlparse(found.url).hostname if found.url else None
        for doc in parse_payload(
            found.origin, found.data, found.kind, source=host, url=found.url, max_bytes=max_bytes
        ):
            if isinstance(doc, RawDocument) and not doc.published and found.captured:
                doc = replace(doc, published=found.captured)
            yield doc


def _read_stdin(stream: BinaryIO, max_bytes: int) -> Iterator[Item]:
    """Standard input, its format sniffed from the content."""
    try:
        data = stream.read(max_bytes + 1)
    except (OSError, ValueError) as exc:
        yield Rejection(STDIN_ORIGIN, f"cannot read: {exc}")
        return
    if len(data) > max_bytes:
        yield Rejection(
            STDIN_ORIGIN, text.size_reason("input", len(data), max_bytes, at_least=True)
        )
        return
    yield from parse_payload(STDIN_ORIGIN, data, None, source=None, max_bytes=max_bytes)


def _read_url(url: str, max_bytes: int, allowed: Collection[str]) -> Iterator[Item]:
    """An http(s) URL, its format told by the content type, the URL's extension, or sniffing."""
    try:
        fetched = urls.fetch(url, max_bytes=max_bytes, allowed=allowed)
    except InputError as exc:
        yield Rejection(url, exc.reason)
        return
    kind = _KIND_BY_CONTENT_TYPE.get(fetched.content_type)
    if kind is None or fetched.content_type == "text/plain":
        kind = kind_of(Path(urlparse(fetched.url).path))
    host = urlparse(fetched.url).hostname
    yield from parse_payload(
        url, fetched.data, kind, source=host, url=fetched.url, max_bytes=max_bytes
    )


def parse_payload(
    origin: str,
    data: bytes,
    kind: str | None,
    *,
    source: str | None,
    url: str | None = None,
    base_dir: Path | None = None,
    max_bytes: int = 20_000_000,
) -> Iterator[Item]:
    """Turn one payload's bytes into documents with the reader for ``kind`` (sniffed when None).

    Args:
        origin: the payload's name in messages.
        data: its bytes.
        kind: "text", "html", "feed", "json", "jsonl", or None to sniff.
        source: the publisher or file path to record on plain-text documents.
        url: the URL the payload was fetched from, if any.
        base_dir: for a local feed, the folder its relative entry links point into.
        max_bytes: the size limit for pages that feed entries link to.
    """
    if not data.strip():
        yield Rejection(origin, "empty file")
        return
    binary = text.binary_reason(data)
    if binary:
        yield Rejection(origin, binary)
        return
    kind = kind or sniff(data)
    if kind in ("feed", "html") and _declares_entities(data):
        # No reader here expands entities, but a document that declares its own is an
        # entity-expansion ("billion laughs") or external-entity attack, never an article.
        yield Rejection(origin, f"{kind} declares its own XML entities in its DOCTYPE; refused")
        return
    try:
        yield from _parse_kind(origin, data, kind, source, url, base_dir, max_bytes)
    except Exception as exc:
        # Third-party parsers meet arbitrary bytes here; one bad payload must not end the run.
        yield Rejection(origin, f"could not read {kind}: {type(exc).__name__}: {exc}")


def _declares_entities(data: bytes) -> bool:
    """Whether an XML or HTML payload declares entities, wherever its DOCTYPE sits.

    The whole payload is searched: comments or white space may push the DOCTYPE past any
    prefix. NUL bytes are dropped first, so a UTF-16 or UTF-32 document is searched as its
    ASCII letters (those encodings put NULs beside each of them). A DOCTYPE declares entities
    when a "[" comes before its closing ">". Linear in the payload: the next "[" and ">" are
    looked up only when passed (a regex over "<!DOCTYPE" repeated took 24 s for 180 kB).
    """
    if b"\x00" in data:
        data = data.replace(b"\x00", b"")
    next_bracket = next_close = -1
    for found in _DOCTYPE.finditer(data):
        at = found.end()
        if next_bracket < at:
            next_bracket = data.find(b"[", at)
            if next_bracket < 0:
                return False  # no "[" left: no later DOCTYPE can have a subset either
        if next_close < at:
            next_close = data.find(b">", at)
        if next_close < 0 or next_bracket < next_close:
            return True
    return False


def _parse_kind(
    origin: str,
    data: bytes,
    kind: str,
    source: str | None,
    url: str | None,
    base_dir: Path | None,
    max_bytes: int,
) -> Iterator[Item]:
    """Dispatch a checked payload to its reader."""
    if kind == "html":
        yield html.html_document(origin, data, url=url, source=source)
    elif kind == "feed":

        def read_page(path: Path) -> Item:
            return _read_page(path, max_bytes)

        yield from feeds.feed_documents(origin, data, base_dir=base_dir, read_page=read_page)
    else:
        decoded, notes = text.decode(data)
        if kind == "jsonl":
            yield from records.jsonl_documents(origin, decoded, notes)
        elif kind == "json":
            yield from records.json_documents(origin, decoded, notes)
        elif not decoded.strip():  # a byte-order mark, or whitespace, alone
            yield Rejection(origin, "empty file")
        else:
            doc = text.text_document(origin, decoded, source=source, notes=notes)
            yield doc if url is None else replace(doc, url=url)


def _read_page(path: Path, max_bytes: int) -> Item:
    """A local page a feed entry links to, read as HTML or plain text."""
    kind = kind_of(path)
    if kind not in ("html", "text"):
        return Rejection(str(path), feeds.NOT_A_PAGE)
    data = _load(path, max_bytes)
    if isinstance(data, Rejection):
        return data
    if not data.strip() or text.binary_reason(data):
        return Rejection(str(path), "linked page has no text")
    if kind == "html":
        return html.html_document(str(path), data)
    decoded, notes = text.decode(data)
    return text.text_document(str(path), decoded, source=str(path), notes=notes)


def _os_reason(exc: OSError) -> str:
    """A short, stable reason for an OS error ("permission denied")."""
    if exc.errno is not None and exc.errno in errno.errorcode:
        return os.strerror(exc.errno).lower()
    return str(exc)
