"""The inputs hypothesis generates for the parsers: text, bytes, records, feeds, pages, URLs, WARC archives."""

from __future__ import annotations

import json
from datetime import date
from typing import Any

from hypothesis import strategies as st

# What XML 1.0 cannot carry, and what HTML, JSON and feeds must still escape (the web tests put
# each into every stored text field; the fuzz targets sample them).
HOSTILE_TEXTS = [
    "\uffff",
    "\ufffe",
    "\x17",
    "\x01",
    "\x0c",
    "\x1b",
    "\x7f",
    "\x85",
    "\u2028",
    "]]>",
    "<script>",
    "&#1;",
    "\U0001f600",
    "\u202e",
    "' \"",
    "\\",
    "%01",
]

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
