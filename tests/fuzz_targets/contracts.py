"""The contract each parser keeps on generated input: no exception escapes, the answer keeps its shape."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsweave.extract.dates import find_event_dates, parse_date
from newsweave.extract.numbers import find_quantities
from newsweave.ingest import feeds, html, records, sources, text, urls
from newsweave.models import CleanText, DateMention, Quantity, RawDocument, Rejection
from newsweave.normalise import clean
from newsweave.prepare import prepare


def _items(found: Any) -> None:
    """Every item a reader yields is a document with text, or a rejection with a reason."""
    for item in found:
        if isinstance(item, Rejection):
            assert item.reason and item.origin
            # The reader's safety net (sources.parse_payload) names an escaped exception
            # "could not read <kind>: <Exception>": that is a crash, even though it was caught.
            assert not item.reason.startswith("could not read"), item.reason
        else:
            assert isinstance(item, RawDocument) and item.text.strip(), item


def check_payload(data: bytes) -> None:
    _items(sources.parse_payload("fuzz", data, None, source=None))


def check_decode(data: bytes) -> None:
    decoded, notes = text.decode(data)
    assert isinstance(decoded, str) and all(isinstance(n, str) for n in notes)
    assert sources.sniff(data) in ("text", "html", "feed", "json")
    assert text.binary_reason(data) is None or text.binary_reason(data)


def check_text(value: str) -> None:
    doc = text.text_document("fuzz", value, source=None)
    assert doc.title is None or doc.title.strip()


def check_jsonl(value: str) -> None:
    _items(records.jsonl_documents("fuzz", value))
    _items(records.json_documents("fuzz", value))


def check_feed(data: bytes) -> None:
    _items(sources.parse_payload("fuzz", data, "feed", source=None))
    _items(feeds.feed_documents("fuzz", data))


def check_html(data: bytes) -> None:
    _items(sources.parse_payload("fuzz", data, "html", source=None))
    assert isinstance(html.fragment_text(data.decode("utf-8", "replace")), str)


def check_normalise(args: tuple[str, str | None, str]) -> None:
    value, title, _lang = args  # the language no longer matters: header dates read in any
    cleaned = clean(value, title)
    assert isinstance(cleaned, CleanText)
    assert "\x00" not in cleaned.body and "\x00" not in cleaned.title


def check_parse_date(args: tuple[str, str]) -> None:
    value, lang = args
    found = parse_date(value, lang or None)
    assert found is None or isinstance(found, date)


def check_event_dates(args: tuple[str, str, date | None]) -> None:
    value, lang, published = args
    assert all(isinstance(m, DateMention) for m in find_event_dates(value, lang, published))


def check_numbers(args: tuple[str, str]) -> None:
    value, lang = args
    for quantity in find_quantities(value, lang):
        assert isinstance(quantity, Quantity) and quantity.what


def check_url(value: str) -> None:
    reason = urls.check_url(value)
    assert reason is None or isinstance(reason, str)
    assert isinstance(urls.is_url(value), bool)
    host = value.split("://", 1)[-1].split("/", 1)[0].strip("[]")
    refused = urls.check_address(host)
    assert refused is None or isinstance(refused, str)


def check_prepare(args: tuple[str, str | None, str | None, str]) -> None:
    body, title, published, lang = args
    if not body.strip():
        return
    article = prepare(
        RawDocument("fuzz", body, title=title, published=published, lang=lang or None)
    )
    assert article.id and article.lang is not None


def check_warc(args: tuple[bytes, bool]) -> None:
    import tempfile
    from pathlib import Path

    data, gzipped = args
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("a.warc.gz" if gzipped else "a.warc")
        path.write_bytes(data)
        _items(sources.read_inputs([str(path)]))
