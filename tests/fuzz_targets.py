"""Every parser that takes outside input, with a hypothesis strategy and the contract it must keep.

A target's ``check`` raises on a broken contract (an exception escaping, or an answer of the
wrong shape). ``tests/test_fuzz.py`` runs each for a few seconds in ``make test``;
``bench/fuzz.py`` runs them for 100,000+ inputs and records the figures in RELIABILITY.md.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date
from typing import Any

from hypothesis import strategies as st

from newsweave.extract.dates import find_event_dates, parse_date
from newsweave.extract.numbers import find_quantities
from newsweave.ingest import feeds, html, records, sources, text, urls
from newsweave.models import CleanText, DateMention, Quantity, RawDocument, Rejection
from newsweave.normalise import clean
from newsweave.prepare import prepare

LANGS = ["en", "pt", "es", "fr", "de", "it", "ru", "ar", "tr", "pl", "zh", "xx", ""]
# Words the parsers look for, so generated text reaches past their first checks.
_WORDS = [
    "Monday",
    "yesterday",
    "last week",
    "March",
    "3",
    "2023-11-15",
    "May 19, 2024",
    "15/11/2023",
    "12.000",
    "1,200",
    "6,000",
    "soldiers",
    "killed",
    "injured",
    "mph",
    "km/h",
    "people",
    "hours",
    "two",
    "dozens",
    "segunda-feira",
    "ontem",
    "março",
    "mortos",
    "feridos",
    "lundi",
    "mars",
    "tués",
    "Montag",
    "März",
    "Kim Jong Un",
    "North Korea",
    "Coréia do Norte",
    "Putin",
    "Russia",
    "the",
    "on",
    "at",
    "in",
    "-",
    "%",
    "$",
    "€",
    "½",
    "٣",
    "١٢",
    "‐",
    "\u200b",
    "\u00ad",
    "\n",
    "\n\n",
    "  ",
    ".",
    ",",
    ":",
    "'",
    '"',
    "<p>",
    "</p>",
    "<br>",
    "&amp;",
    "&#0;",
    "&#xD800;",
    "\x00",
    "\x85",
    "\ufeff",
    "\U0001f600",
    "🇵🇹",
]
words_text = st.lists(st.one_of(st.sampled_from(_WORDS), st.text(max_size=12)), max_size=40).map(
    " ".join
)
any_text = st.one_of(st.text(max_size=400), words_text)
langs = st.sampled_from(LANGS)
dates = st.one_of(st.none(), st.dates(min_value=date(1, 1, 1), max_value=date(9999, 12, 31)))


def _encoded(value: str, encoding: str) -> bytes:
    return value.encode(encoding, "ignore")


encodings = st.sampled_from(
    ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "cp1252", "latin-1", "shift_jis", "koi8-r"]
)
payload_bytes = st.one_of(
    st.binary(max_size=600),
    st.builds(_encoded, any_text, encodings),
    st.builds(
        lambda head, body: head + body,
        st.sampled_from(
            [
                b"\xef\xbb\xbf",
                b"\xff\xfe",
                b"\xfe\xff",
                b"\x1f\x8b",
                b"PK\x03\x04",
                b"<",
                b"{",
                b"[",
            ]
        ),
        st.binary(max_size=300),
    ),
)


def _json_value() -> st.SearchStrategy[Any]:
    scalars = st.one_of(
        st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True), any_text
    )
    return st.recursive(
        scalars,
        lambda inner: st.one_of(
            st.lists(inner, max_size=4),
            st.dictionaries(
                st.sampled_from(["id", "title", "text", "published", "url", "lang", "source", "x"]),
                inner,
                max_size=6,
            ),
        ),
        max_leaves=12,
    )


def _mangle(value: str, cut: int) -> str:
    """A JSON text with a slice removed: broken the way truncated downloads are."""
    if not value:
        return value
    at = cut % len(value)
    return value[:at] + value[at + 1 + cut % 7 :]


records_text = st.one_of(
    st.lists(st.builds(json.dumps, _json_value()), max_size=5).map("\n".join),
    st.builds(_mangle, st.builds(json.dumps, _json_value()), st.integers(0, 10_000)),
    any_text,
)

_FEED = [
    '<?xml version="1.0"?><rss version="2.0"><channel><title>{0}</title><item><title>{1}</title>'
    "<link>{2}</link><pubDate>{0}</pubDate><description>{1}</description></item></channel></rss>",
    '<feed xmlns="http://www.w3.org/2005/Atom"><title>{0}</title><entry><title>{1}</title>'
    '<link href="{2}"/><updated>{0}</updated><content type="html">{1}</content></entry></feed>',
    "<rss><channel><item><description><![CDATA[{1}]]></description><link>{2}</link></item>{0}",
]
feed_bytes = st.one_of(
    st.builds(
        lambda template, a, b, c: template.format(a, b, c).encode("utf-8", "surrogatepass"),
        st.sampled_from(_FEED),
        any_text,
        any_text,
        any_text,
    ),
    st.binary(max_size=400).map(lambda b: b"<rss><channel><item><description>" + b),
)
html_bytes = st.one_of(
    st.builds(
        lambda title, body, lang: (
            f'<html lang="{lang}"><head><meta charset="{lang}"><title>{title}</title></head>'
            f"<body><article><h1>{title}</h1><p>{body}</p><p>{body}</p></article></body></html>"
        ).encode("utf-8", "surrogatepass"),
        any_text,
        any_text,
        st.sampled_from([*LANGS, "utf-8", "bogus", "utf-16"]),
    ),
    st.binary(max_size=400).map(lambda b: b"<html><body><p>" + b),
)
url_text = st.one_of(
    st.text(max_size=80),
    st.builds(
        lambda scheme, host, rest: f"{scheme}://{host}{rest}",
        st.sampled_from(["http", "https", "HTTP", "file", "ftp", "javascript", ""]),
        st.one_of(
            st.text(max_size=30),
            st.ip_addresses().map(str),
            st.ip_addresses(v=6).map(lambda a: f"[{a}]"),
            st.sampled_from(
                ["localhost", "127.1", "0x7f.1", "user:pw@host", "host:99999", "[::1", "xn--"]
            ),
        ),
        st.text(max_size=30),
    ),
)


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


# WARC archives: a small valid one (plain and gzipped per record), cut, spliced or overwritten.
def _archive(gzipped: bool) -> bytes:
    from io import BytesIO

    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    out = BytesIO()
    writer = WARCWriter(out, gzip=gzipped)
    for n, body in enumerate(
        ["The pier at Vigo reopened on Friday.", "Flood waters rose in Tulsa on Monday."]
    ):
        http = StatusAndHeaders("200 OK", [("Content-Type", "text/html")], protocol="HTTP/1.1")
        page = f"<html><body><article><p>{body}</p></article></body></html>".encode()
        writer.write_record(
            writer.create_warc_record(
                f"https://news.example/{n}", "response", payload=BytesIO(page), http_headers=http
            )
        )
    return out.getvalue()


def _mangled_archive(gzipped: bool, cut: int, at: int, insert: bytes) -> bytes:
    data = _archive(gzipped)
    at %= len(data) + 1
    return data[:at] + insert + data[at:][: max(0, len(data) - at - cut % (len(data) + 1))]


warc_bytes = st.one_of(
    st.builds(
        _mangled_archive,
        st.booleans(),
        st.integers(0, 5000),
        st.integers(0, 5000),
        st.binary(max_size=40),
    ),
    st.binary(max_size=400),
    st.builds(lambda b: b"WARC/1.0\r\n" + b, st.binary(max_size=300)),
)


def check_warc(args: tuple[bytes, bool]) -> None:
    import tempfile
    from pathlib import Path

    data, gzipped = args
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / ("a.warc.gz" if gzipped else "a.warc")
        path.write_bytes(data)
        _items(sources.read_inputs([str(path)]))


# Every stored text field through every page, feed and API route: a value is written straight to
# a store (as a store filled before the door cleaned inputs may hold it), or passed through the
# door and prepare as an input would be; then no route may answer 5xx, and every feed must parse.
_STORED_FIELDS = [
    "title",
    "text",
    "source",
    "lang",
    "url",
    "origin",
    "external_id",
    "caption",
    "entity",
    "quantity",
]
_NASTY = [
    "\uffff",
    "\ufffe",
    "\x17",
    "\x01",
    "\x0b",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "]]>",
    "<script>",
    "&#1;",
    "\U0001f600",
    "\u202e",
    "'\"",
    "\\",
    "%01",
    "{{",
    "{%",
    "\r\n",
]
stored_value = st.one_of(
    any_text, st.lists(st.sampled_from(_NASTY), min_size=1, max_size=6).map("".join)
)
stored_field = st.tuples(st.sampled_from(_STORED_FIELDS), stored_value, st.booleans())
_web: dict[str, Any] = {}


def _web_client() -> Any:
    """One app over one SQLite store for the whole run: each input adds an article to it."""
    if not _web:
        import tempfile

        from fastapi.testclient import TestClient

        from newsweave.config import Settings
        from newsweave.embed import open_embedder
        from newsweave.web import create_app

        folder = tempfile.mkdtemp(prefix="newsweave-fuzz-")
        app = create_app(
            Settings(db=f"{folder}/s.db", embedder="hashing"), embedder=open_embedder("hashing")
        )
        _web["client"] = TestClient(app, raise_server_exceptions=False).__enter__()
        _web["count"] = 0
    return _web["client"]


def _stored_article(field: str, value: str, through_door: bool, n: int) -> Any:
    import dataclasses

    from newsweave.ingest.door import admit
    from newsweave.models import Article, Entity

    base = {
        "title": "Pier reopens",
        "text": "The pier at Vigo reopened on Friday after repairs.",
        "source": "Harbour",
        "lang": "en",
        "url": f"https://news.example/{n}",
        "origin": f"fuzz{n}.txt",
        "external_id": f"x{n}",
    }
    if through_door:
        raw = RawDocument(
            base["origin"],
            base["text"],
            title=base["title"],
            url=base["url"],
            source=base["source"],
            external_id=base["external_id"],
            lang=base["lang"],
        )
        if field in ("title", "text", "source", "lang", "url", "origin", "external_id"):
            raw = dataclasses.replace(raw, **{field: getattr(raw, field) + value})
        else:
            raw = dataclasses.replace(
                raw, text=raw.text + " " + value
            )  # derived fields come from the text
        item = admit(raw, 200_000)
        if isinstance(item, Rejection):
            return None
        article = prepare(item)
        article.id, article.content_hash = f"f{n}", f"fuzz{n}"
    else:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value) or "\x00" in value:
            return None  # neither store can hold these: the writes refuse them, tested elsewhere
        fields = {name: base[name] + value if name == field else base[name] for name in base}
        article = Article(id=f"f{n}", content_hash=f"fuzz{n}", **fields)
        article.captions = (value,) if field == "caption" else ()
        article.entities = [Entity(f"place:{value}", "place", value)] if field == "entity" else []
        article.quantities = (
            [Quantity(3.0, value or "x", value or None, value)] if field == "quantity" else []
        )
    article.embedding = [0.0] * 256
    return article


def check_stored_field(args: tuple[str, str, bool]) -> None:
    from lxml import etree

    from newsweave.models import Decision
    from newsweave.store import Batch, open_store

    field, value, through_door = args
    client = _web_client()
    _web["count"] += 1
    n = _web["count"]
    article = _stored_article(field, value, through_door, n)
    if article is None:
        return
    store = open_store(client.app.state.settings.db)
    store.write(Batch(new=[(article, Decision(article.id, f"s{n}", True, 1.0, {}, 0))]))
    store.close()
    story = f"s{n}"
    routes = [
        ("/", {}),
        ("/", {"q": value}),
        (f"/stories/{story}", {}),
        (f"/articles/{article.id}", {}),
        ("/feeds/stories.atom", {}),
        (f"/feeds/stories/{story}.atom", {}),
        ("/feeds/search.atom", {"q": value, "mode": "text"}),
        ("/api/stories", {}),
        (f"/api/stories/{story}", {}),
        (f"/api/articles/{article.id}", {}),
        ("/api/search", {"q": value, "mode": "text"}),
    ]
    for route, params in routes:
        params = {k: v for k, v in params.items() if v.strip() and "\x00" not in v}
        response = client.get(route, params=params)
        assert response.status_code < 500, (
            route,
            params,
            response.status_code,
            response.text[:200],
        )
        if route.startswith("/feeds") and response.status_code == 200:
            etree.fromstring(response.content)


@dataclass(frozen=True)
class Target:
    """One parser under fuzzing: the inputs it gets and the contract its answer keeps."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    bench: (
        int  # inputs in the long run (bench/fuzz.py): slow parsers (HTML, feeds, prepare) get fewer
    )
    quick: int = 200  # inputs in make test: a few seconds each


TARGETS = [
    Target("payload (any bytes, format sniffed)", payload_bytes, check_payload, 4000, 60),
    Target("decode + sniff", payload_bytes, check_decode, 20000, 200),
    Target("plain text", any_text, check_text, 10000, 200),
    Target("JSON / JSON Lines records", records_text, check_jsonl, 15000, 200),
    Target("feed (RSS/Atom)", feed_bytes, check_feed, 2000, 40),
    Target("HTML page", html_bytes, check_html, 1500, 40),
    Target(
        "normalise",
        st.tuples(any_text, st.one_of(st.none(), any_text), langs),
        check_normalise,
        10000,
        200,
    ),
    Target("parse_date", st.tuples(any_text, langs), check_parse_date, 8000, 150),
    Target("find_event_dates", st.tuples(any_text, langs, dates), check_event_dates, 8000, 200),
    Target("find_quantities", st.tuples(any_text, langs), check_numbers, 8000, 200),
    Target("URL check", url_text, check_url, 22000, 300),
    Target(
        "WARC archive (cut, spliced, garbage)",
        st.tuples(warc_bytes, st.booleans()),
        check_warc,
        3000,
        60,
    ),
    Target(
        "stored field -> every page, feed, API route", stored_field, check_stored_field, 1500, 30
    ),
    Target(
        "prepare (whole extraction)",
        st.tuples(any_text, st.one_of(st.none(), any_text), st.one_of(st.none(), any_text), langs),
        check_prepare,
        1500,
        40,
    ),
]
