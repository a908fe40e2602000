"""Pages that are not articles: an access block, an anti-bot check, an ad-blocker, paywall or
cookie wall, an error page.

A scraper that was refused stores the notice it was shown instead of the article: "We are sorry,
but we recorded a huge amount of connections from the IP address you are connecting from", "To
read our articles, disable AdBlock". Read as articles, such pages are alike whatever was asked for,
so they form a story of their own out of unrelated requests, and name what no source reported.

The notices' phrases, in many languages, are data (data/notices.json). A page is a notice when its
body is short and holds one: a long article that mentions an ad blocker, or that keeps "Please
enable Javascript to watch this video" under its headline, is still an article.
"""

from __future__ import annotations

import functools
import json
import re
from importlib import resources

# The notices seen are 180-430 characters; the shortest real report with a widget line, 410.
# A notice body stays well under this; a report that quotes a phrase is longer, and is kept.
NOTICE_MAX_CHARS = 600


class NotAnArticle(ValueError):
    """An input whose text is a notice (an access block, an ad-blocker wall), not an article."""


def notice_phrase(body: str) -> str | None:
    """The notice phrase a short ``body`` holds (as written), or None for an article."""
    if len(body) > NOTICE_MAX_CHARS:
        return None
    found = _phrases().search(body)
    return found.group() if found else None


@functools.cache
def _phrases() -> re.Pattern[str]:
    data = resources.files("newsweave").joinpath("data/notices.json")
    by_language: dict[str, list[str]] = json.loads(data.read_text("utf-8"))["phrases"]
    phrases = sorted({p for words in by_language.values() for p in words}, key=len, reverse=True)
    return re.compile("|".join(map(re.escape, phrases)), re.IGNORECASE)
