"""WARC archives (``.warc``, ``.warc.gz``) to page payloads, one record at a time, with warcio.

Only ``response`` records whose HTTP status is 2xx and whose content type is a page or a feed
are articles; requests, metadata, revisits, images, scripts and redirects are passed over
silently. Each record is named ``archive.warc.gz#record N`` (N counts every record from 1), so
a rejection says which record, and a re-run can pass over records an earlier run stored.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from newsweave.ingest import text
from newsweave.models import Rejection

_SUFFIXES = (".warc", ".warc.gz")
_KIND_BY_CONTENT_TYPE = {
    "text/html": "html",
    "application/xhtml+xml": "html",
    "application/rss+xml": "feed",
    "application/atom+xml": "feed",
    "application/xml": "feed",
    "text/xml": "feed",
}
RECORD_MARK = "#record "


@dataclass(frozen=True)
class Payload:
    """One response record's page: its bytes and what the archive says about it."""

    origin: str  # archive.warc.gz#record N
    data: bytes
    kind: str  # "html" or "feed"
    url: str | None  # WARC-Target-URI
    captured: str | None  # WARC-Date as YYYY-MM-DD: when the page was archived, not published


def is_warc(path: Path | str) -> bool:
    """Whether a file name is a WARC archive's."""
    return str(path).lower().endswith(_SUFFIXES)


def record_origin(archive: str, number: int) -> str:
    """How record ``number`` of ``archive`` is named in messages and in the store."""
    return f"{archive}{RECORD_MARK}{number}"


def warc_payloads(
    path: Path, max_bytes: int, skip: Callable[[str], bool] | None = None
) -> Iterator[Payload | Rejection]:
    """Each page in a WARC archive, streamed record by record (gzip members are inflated one at a time).

    Args:
        path: the archive.
        max_bytes: the largest payload of one record; a larger record is rejected, the archive
            itself may be any size.
        skip: called with a record's origin before its payload is read; True passes over it
            (a record an earlier, interrupted run already stored).

    Yields:
        A Payload per page, a Rejection per record that cannot be read. A record whose WARC
        framing is broken ends the archive: warcio cannot find the next record after it.
    """
    from warcio.archiveiterator import ArchiveIterator

    archive = str(path)
    number = 0
    try:
        with path.open("rb") as stream:
            records = ArchiveIterator(stream)
            records.INC_RECORD = (
                ""  # warcio prints this warning to stderr, over a run's progress bar
            )
            while True:
                try:
                    record = next(records, None)
                except Exception as exc:
                    yield Rejection(
                        record_origin(archive, number + 1),
                        f"broken WARC record, the rest of the archive is not read: {_broken(exc, number)}",
                    )
                    return
                if record is None:
                    unread = os.fstat(stream.fileno()).st_size - (records.offset or 0)
                    if unread > 0:  # warcio ends quietly at a gzip member cut short
                        detail = f"its last {unread:,} bytes hold no whole record"
                        yield Rejection(archive, cut_reason(number + 1, detail))
                    return
                number += 1
                if (
                    getattr(record, "format", "warc") != "warc"
                ):  # warcio reads any lines as an old ARC record
                    yield Rejection(
                        archive,
                        "not a WARC archive: no WARC/1.x header where its records should start",
                    )
                    return
                origin = record_origin(archive, number)
                kind = _page_kind(record)
                if kind is None or (skip is not None and skip(origin)):
                    continue
                yield _payload(record, origin, kind, max_bytes, archive, number)
    except OSError as exc:
        yield Rejection(archive, f"cannot read: {exc.strerror or exc}".lower())


def _page_kind(record: object) -> str | None:
    """ "html" or "feed" for a successful response with a page; None for any other record."""
    if getattr(record, "rec_type", None) != "response" or record.http_headers is None:  # type: ignore[attr-defined]
        return None
    status = record.http_headers.get_statuscode() or ""  # type: ignore[attr-defined]
    if not status.startswith("2"):  # a redirect or an error page is not the article
        return None
    content_type = (record.http_headers.get_header("Content-Type") or "").split(";")[0]  # type: ignore[attr-defined]
    return _KIND_BY_CONTENT_TYPE.get(content_type.strip().lower())


def cut_reason(number: int, detail: str) -> str:
    """Why record ``number`` of an archive was not stored: the archive ends inside it.

    Such a rejection names the archive, not the record (``a.warc``, not ``a.warc#record 7``):
    a record's own origin in the store marks it done, and a later run over the whole archive,
    downloaded again, must read it.
    """
    return f"record {number} is cut short ({detail}): not stored; a run over the whole archive reads it"


def _broken(exc: Exception, number: int) -> str:
    """What a warcio failure says about the archive, for a user."""
    from warcio.exceptions import ArchiveLoadFailed

    if isinstance(exc, ArchiveLoadFailed):
        return str(exc).strip()
    if isinstance(
        exc, (AttributeError, ValueError, IndexError)
    ):  # warcio on bytes that are no WARC header
        return (
            "not a WARC archive"
            if number == 0
            else "no WARC header where the next record should start"
        )
    return f"{type(exc).__name__}: {exc}".strip()


def _payload(
    record: object, origin: str, kind: str, max_bytes: int, archive: str, number: int
) -> Payload | Rejection:
    """A record's decoded payload (chunked and gzip transfer undone), within the size limit."""
    headers = record.rec_headers  # type: ignore[attr-defined]
    try:
        data = record.content_stream().read(max_bytes + 1)  # type: ignore[attr-defined]
        if (
            len(data) <= max_bytes
        ):  # the rest of the record (a chunked body's end): is it all there?
            while record.raw_stream.read(65_536):  # type: ignore[attr-defined]
                pass
    except Exception as exc:
        return Rejection(origin, f"cannot read the record's payload: {type(exc).__name__}: {exc}")
    if len(data) > max_bytes:
        return Rejection(origin, text.size_reason("record", len(data), max_bytes, at_least=True))
    missing = getattr(record.raw_stream, "limit", 0)  # type: ignore[attr-defined]
    if missing:  # stored as it is, the page would be cut for good: a re-run skips stored records
        declared = headers.get_header("Content-Length") or "?"
        return Rejection(
            archive, cut_reason(number, f"{missing:,} of its {declared} bytes are missing")
        )
    date = headers.get_header("WARC-Date") or ""
    return Payload(
        origin=origin,
        data=data,
        kind=kind,
        url=headers.get_header("WARC-Target-URI") or None,
        captured=date[:10] if len(date) >= 10 else None,
    )
