"""Atom feeds (feedgen): all stories, one story's articles, and a saved query.

A "saved query" is the feed URL itself: /feeds/search.atom carries the stories page's filters
and search as query parameters, so any feed reader can subscribe to a search without an account
or a table of saved searches on the server. Ids are ``urn:newsweave:…`` so they do not change
with the host or port the server is reached on.
"""

from __future__ import annotations

from datetime import date, datetime, time, timezone
from typing import Any, Sequence

from feedgen.feed import FeedGenerator
from pydantic import BaseModel

from ..ingest.door import xml_safe

from .schemas import ArticleBrief, StoryOut

ATOM = "application/atom+xml; charset=utf-8"
_EPOCH = date(1970, 1, 1)  # a story with no dated article: Atom needs an <updated> all the same


def _stamp(day: date | None) -> datetime:
    return datetime.combine(day or _EPOCH, time(), tzinfo=timezone.utc)


def _feed(feed_id: str, title: str, self_url: str, page_url: str, updated: datetime) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": "newsweave"})
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.updated(updated)
    return feed


def stories_feed(stories: Sequence[StoryOut], title: str, feed_id: str, self_url: str, page_url: str,
                 base_url: str) -> bytes:
    """A feed with one entry a story, newest-updated first."""
    stories, title = _xml_safe(list(stories)), xml_safe(title)  # a search's own words are in the title
    updated = max((_stamp(s.last_date) for s in stories), default=_stamp(None))
    feed = _feed(feed_id, title, self_url, page_url, updated)
    for story in stories:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:newsweave:story:{story.id}")
        entry.title(story.title)
        entry.updated(_stamp(story.last_date))
        entry.link(href=f"{base_url}stories/{story.id}", rel="alternate", type="text/html")
        langs = ", ".join(story.languages)
        summary = f"{story.articles} article(s) from {story.sources} source(s) in {langs}"
        if story.hits:
            summary += "; matching: " + "; ".join(f"[{h.lang}] {h.title}" for h in story.hits[:5])
        entry.summary(summary)
    return feed.atom_str(pretty=True)


def story_feed(story_id: str, members: list[ArticleBrief], self_url: str, page_url: str, base_url: str) -> bytes:
    """A feed with one entry an article of the story (``members`` in arrival order), newest first."""
    members = _xml_safe(members)
    title = members[0].title  # a story is named after the article that founded it
    articles = sorted(members, key=lambda a: a.published or _EPOCH, reverse=True)
    updated = max((_stamp(a.published) for a in articles), default=_stamp(None))
    feed = _feed(f"urn:newsweave:story:{story_id}", f"newsweave story: {title}", self_url, page_url, updated)
    for article in articles:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:newsweave:article:{article.id}")
        entry.title(f"[{article.lang}] {article.title}")
        entry.updated(_stamp(article.published))
        entry.link(href=f"{base_url}articles/{article.id}", rel="alternate", type="text/html")
        if article.url and article.url.startswith(("http://", "https://")):
            entry.link(href=article.url, rel="related", type="text/html")
        entry.summary(f"{article.source}, {article.published or 'undated'}")
    return feed.atom_str(pretty=True)


def _xml_safe(value: Any) -> Any:
    """``value`` with every string in it (in models and lists too) stripped of what XML cannot carry.

    The door cleans what is stored now (ingest.door), but a store filled before it may hold
    U+FFFF or a control character, and one of them made lxml fail the whole feed (500).
    """
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, BaseModel):
        return value.model_copy(update={name: _xml_safe(getattr(value, name)) for name in type(value).model_fields})
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(item) for item in value)
    return value
