"""RSS and Atom feeds: one document per entry."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlparse

from newsweave.ingest.countries import country_of_language_tag, country_of_url
from newsweave.ingest.door import printable
from newsweave.ingest.html import fragment_text
from newsweave.models import RawDocument, Rejection

# Reads a linked local page; given by the caller so feeds need not know about files.
PageReader = Callable[[Path], RawDocument | Rejection]
# The reason a PageReader gives for a file that is not a page by its extension: such a link is
# refused, never read (a key or a config file has none of the page extensions).
NOT_A_PAGE = "not a page (.html, .txt, .md)"


def feed_documents(
    origin: str, data: bytes, *, base_dir: Path | None = None, read_page: PageReader | None = None
) -> Iterator[RawDocument | Rejection]:
    """Each entry of an RSS/Atom feed as a document (origin ``feed.xml#entry 3``).

    Args:
        origin: where the feed came from, for messages.
        data: the feed's bytes (bytes, never a str: feedparser would fetch a str that looks like a URL).
        base_dir: the local feed's folder; entry links that name an existing file under it
            (relative, or a ``file:`` URL) are read as the entry's page. None for remote feeds.
        read_page: how to read such a page.

    Yields:
        A document per entry, a Rejection per entry without text, or one Rejection
        for the whole input when it is not a feed.
    """
    import feedparser

    parsed = feedparser.parse(_CHAR_REF.sub(_valid_char_ref, data))
    if not parsed.entries:
        yield Rejection(origin, _no_entries_reason(parsed))
        return
    source = _clean(parsed.feed.get("title"))
    # The feed's own word for where it publishes from: a region-tagged language ("pt-BR"), else
    # its address's country-code domain. An entry's own address, when it has a ccTLD, comes first.
    feed_country = country_of_language_tag(parsed.feed.get("language")) or country_of_url(
        parsed.feed.get("link")
    )
    for number, entry in enumerate(parsed.entries, start=1):
        entry_origin = f"{origin}#entry {number}"
        page = _local_page(entry, base_dir, read_page)
        if isinstance(page, Rejection):
            yield Rejection(entry_origin, page.reason)
            continue
        document = _entry_document(entry_origin, entry, source, page)
        if isinstance(document, RawDocument):
            country = country_of_url(document.url) or document.source_country or feed_country
            document = replace(document, source_country=country)
        yield document


# Numeric character references; feedparser crashes on ones naming no character (&#xD800;).
_CHAR_REF = re.compile(rb"&#([xX][0-9a-fA-F]{1,16}|[0-9]{1,20});")


def _valid_char_ref(match: re.Match[bytes]) -> bytes:
    """A reference to a surrogate, NUL or a number past U+10FFFF becomes U+FFFD."""
    digits = match.group(1)
    value = int(digits[1:], 16) if digits[:1] in (b"x", b"X") else int(digits)
    if value == 0 or 0xD800 <= value <= 0xDFFF or value > 0x10FFFF:
        return b"&#xFFFD;"
    return match.group(0)


def _no_entries_reason(parsed: Any) -> str:
    """Why a payload with no entries is rejected: not XML, not a feed, or an empty feed."""
    if parsed.bozo and not parsed.version:
        message = str(parsed.get("bozo_exception", "")).strip().splitlines()
        detail = f" ({message[0]})" if message and message[0] else ""
        return f"not a feed: not well-formed XML{detail}"
    if not parsed.version:
        return "not a feed: no RSS or Atom elements found"
    return "feed has no entries"


def _entry_document(
    origin: str, entry: Any, source: str | None, page: RawDocument | None
) -> RawDocument | Rejection:
    """Build one entry's document, preferring its linked local page's text when there is one."""
    title = _clean(entry.get("title"))
    published = _clean(entry.get("published") or entry.get("updated"))
    link = _clean(entry.get("link"))
    if page is not None:
        return replace(
            page,
            origin=origin,
            title=title or page.title,
            published=published or page.published,
            url=page.url if link and not link.startswith(("http://", "https://")) else link,
            external_id=_clean(entry.get("id")),
            source=source or page.source,
        )
    text = _entry_text(entry)
    if not text:
        return Rejection(origin, "entry has no text")
    return RawDocument(
        origin=origin,
        text=text,
        title=title,
        published=published,
        url=link,
        lang=_clean(entry.get("language")),
        external_id=_clean(entry.get("id")),
        source=source,
    )


def _entry_text(entry: Any) -> str:
    """The longest of an entry's content blocks and summary, as plain text."""
    candidates = [block.get("value", "") for block in entry.get("content", []) or []]
    candidates.append(entry.get("summary", "") or "")
    texts = [fragment_text(markup) for markup in candidates if markup and markup.strip()]
    return max(texts, key=len, default="")


def _local_page(
    entry: Any, base_dir: Path | None, read_page: PageReader | None
) -> RawDocument | Rejection | None:
    """The entry's linked page when it is an existing local file that reads cleanly.

    A link to a hidden file, or to a file that is not a page, is refused (a Rejection): a feed
    saved beside ``.env`` or ``.ssh/`` must not be able to store their contents as articles.
    """
    link = _clean(entry.get("link"))
    if not link or base_dir is None or read_page is None:
        return None
    parts = urlparse(link)
    if parts.scheme == "file":
        path = Path(unquote(parts.path))
    elif parts.scheme or parts.netloc:
        return None
    else:
        path = base_dir / unquote(parts.path)
    try:
        # Only pages inside the feed's folder: a feed saved from the web must not be
        # able to pull other local files (keys, configs) into the store.
        resolved, root = path.resolve(), base_dir.resolve()
        if not resolved.is_relative_to(root) or not path.is_file():
            return None
    except (OSError, RuntimeError):
        return None
    # Hidden as named in the link and as resolved: a link "a/../.env" or a symlink to a hidden file.
    named = () if parts.scheme else Path(unquote(parts.path)).parts
    if any(
        part.startswith(".") and part not in (".", "..")
        for part in (*named, *resolved.relative_to(root).parts)
    ):
        return Rejection(
            link, f"entry links to the local file {printable(link)}, which is hidden; not read"
        )
    page = read_page(path)
    if isinstance(page, Rejection) and page.reason == NOT_A_PAGE:
        return Rejection(
            link,
            f"entry links to the local file {printable(link)}, which is {NOT_A_PAGE}; not read",
        )
    # A linked page that cannot be read falls back to the entry's own summary.
    return page if isinstance(page, RawDocument) else None


def _clean(value: object) -> str | None:
    """A metadata string stripped, or None when absent or blank."""
    if not isinstance(value, str):
        return None
    return value.strip() or None
