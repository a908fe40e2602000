"""HTML pages to documents (trafilatura for the article, htmldate for its date)."""

from __future__ import annotations

import codecs
import re
from urllib.parse import urlparse

from newsweave.ingest.text import decode
from newsweave.models import RawDocument, Rejection

_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_\-]+)""", re.I)
_HTML_LANG = re.compile(r"""<html\b[^>]*\blang\s*=\s*["']?([A-Za-z]{2,3})\b""", re.I)
# Block-level tags whose end is a line break when a fragment is flattened to text.
_BLOCK_END = re.compile(r"(?i)<br\s*/?>|</(p|div|li|h[1-6]|blockquote|tr|figcaption)\s*>")


def decode_html(data: bytes) -> tuple[str, tuple[str, ...]]:
    """Decode a page with the charset it declares, else as text files are decoded."""
    declared = _META_CHARSET.search(data[:4096])
    if declared:
        name = declared.group(1).decode("ascii", "replace")
        try:
            codec = codecs.lookup(name).name
            # A page that says utf-8 but is not is common; fall through to the sniffing chain.
            return data.decode(codec), ()
        except (LookupError, UnicodeDecodeError):
            pass
    return decode(data)


def fragment_text(markup: str) -> str:
    """Plain text of an HTML fragment (a feed summary), paragraphs kept apart."""
    import lxml.html
    from lxml.etree import ParserError

    if "<" not in markup:
        return markup.strip()
    spaced = _BLOCK_END.sub(lambda m: m.group(0) + "\n\n", markup)
    try:
        root = lxml.html.fragment_fromstring(spaced, create_parent="div")
    except (ParserError, ValueError):
        return re.sub(r"<[^>]+>", " ", markup).strip()
    return str(root.text_content()).strip()


def page_lang(html: str) -> str | None:
    """The language a page declares on its <html> tag, lower-cased, if any."""
    found = _HTML_LANG.search(html[:4096])
    return found.group(1).lower() if found else None


def html_document(
    origin: str, data: bytes, *, url: str | None = None, source: str | None = None
) -> RawDocument | Rejection:
    """One HTML page as a document: main text, title, canonical URL, site name, date.

    Returns:
        The document, or a Rejection when no article text can be found.
    """
    import trafilatura

    html, notes = decode_html(data)
    body = trafilatura.extract(
        html, url=url, include_comments=False, include_tables=False, favor_recall=True
    )
    if not body or not body.strip():
        body = _whole_page_text(html)
    if not body:
        return Rejection(origin, "no article text found in the page")
    meta = trafilatura.extract_metadata(html, default_url=url, extensive=False)
    return RawDocument(
        origin=origin,
        text=body,
        title=(meta.title if meta else None) or None,
        published=_page_date(html, url),
        url=_page_url(meta.url if meta else None, url),
        lang=page_lang(html),
        source=(meta.sitename if meta else None) or source,
        notes=notes,
    )


def _page_url(declared: str | None, read_from: str | None) -> str | None:
    """The page's address: its own canonical/og:url only when on the host it was read from.

    A page can declare any address. Taken from another host (a WARC record of a copy, a
    fetched mirror), it would claim, and update, an article stored from the real site.
    A local file (``read_from`` None) keeps what it declares: the pipeline never lets it
    replace an article stored from another source.
    """
    if not declared or read_from is None:
        return declared or read_from
    same_host = urlparse(declared).hostname == urlparse(read_from).hostname
    return declared if same_host and declared.startswith(("http://", "https://")) else read_from


def _whole_page_text(html: str) -> str:
    """All visible text of a page, for short pages trafilatura finds nothing in."""
    import lxml.html
    from lxml.etree import ParserError

    try:
        root = lxml.html.document_fromstring(html)
    except (ParserError, ValueError):
        return ""
    for bad in root.xpath("//script|//style|//noscript|//head"):
        bad.drop_tree()
    return fragment_text(lxml.html.tostring(root.body, encoding="unicode"))


def _page_date(html: str, url: str | None) -> str | None:
    """The page's original publication date as YYYY-MM-DD, if it states one."""
    import htmldate

    try:
        return htmldate.find_date(html, url=url, original_date=True, extensive_search=False)
    except (ValueError, TypeError):
        # htmldate is defensive already; a malformed page should not end the run.
        return None
