"""Atom feeds (feedgen): all stories, one story's articles, and a saved query.

A "saved query" is the feed URL itself: /feeds/search.atom carries the stories page's filters
and search as query parameters, so any feed reader can subscribe to a search without an account
or a table of saved searches on the server. Ids are ``urn:newsweave:…`` so they do not change
with the host or port the server is reached on.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime, time
from typing import Any

from feedgen.feed import FeedGenerator
from pydantic import BaseModel

from ..ingest.door import xml_safe
from .schemas import ArticleBrief, StoryOut

ATOM = "application/atom+xml; charset=utf-8"


def _day(day: date) -> datetime:
    return datetime.combine(day, time(), tzinfo=UTC)


def _feed(
    feed_id: str, title: str, self_url: str, page_url: str, updated: datetime
) -> FeedGenerator:
    feed = FeedGenerator()
    feed.id(feed_id)
    feed.title(title)
    feed.author({"name": "newsweave"})
    feed.link(href=self_url, rel="self", type="application/atom+xml")
    feed.link(href=page_url, rel="alternate", type="text/html")
    feed.updated(updated)
    return feed


def stories_feed(
    stories: Sequence[StoryOut],
    changed: Mapping[str, datetime],
    title: str,
    feed_id: str,
    self_url: str,
    page_url: str,
    base_url: str,
) -> bytes:
    """A feed with one entry a story, newest-updated first.

    A story's <updated> is when it last changed in the store (an article joined or was
    updated, by ``changed``), so a feed reader shows a story that grew as new; its own dates,
    which may be old or unknown, are in the summary.
    """
    stories, title = (
        _xml_safe(list(stories)),
        xml_safe(title),
    )  # a search's own words are in the title
    now = datetime.now(UTC)
    feed = _feed(feed_id, title, self_url, page_url, max(changed.values(), default=now))
    for story in stories:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:newsweave:story:{story.id}")
        entry.title(story.title)
        entry.updated(changed.get(story.id, now))
        entry.link(href=f"{base_url}stories/{story.id}", rel="alternate", type="text/html")
        langs = ", ".join(story.languages)
        dates = (
            f"{story.first_date or '?'} – {story.last_date or '?'}"
            if story.first_date or story.last_date
            else "undated"
        )
        summary = f"{story.articles} article(s) from {story.sources} source(s) in {langs}; {dates}"
        if story.hits:
            summary += "; matching: " + "; ".join(f"[{h.lang}] {h.title}" for h in story.hits[:5])
        entry.summary(summary)
    atom: bytes = feed.atom_str(pretty=True)  # feedgen is untyped
    return atom


def story_feed(
    story_id: str,
    title: str,
    members: list[ArticleBrief],
    changed: Mapping[str, datetime],
    self_url: str,
    page_url: str,
    base_url: str,
) -> bytes:
    """A feed with one entry an article of the story, the latest to arrive first.

    An entry's <updated> is when newsweave stored (or last updated) the article, and the feed's
    is the latest of them: the time the story changed. An article's own date, when it has one,
    is its <published>; an undated article has none, rather than a made-up one.
    """
    members, title = _xml_safe(members), xml_safe(title)
    now = datetime.now(UTC)
    # Latest change first; within one batch (one timestamp), the later arrival first.
    order = sorted(
        range(len(members)), key=lambda i: (changed.get(members[i].id, now), i), reverse=True
    )
    articles = [members[i] for i in order]
    feed = _feed(
        f"urn:newsweave:story:{story_id}",
        f"newsweave story: {title}",
        self_url,
        page_url,
        max(changed.values(), default=now),
    )
    for article in articles:
        entry = feed.add_entry(order="append")
        entry.id(f"urn:newsweave:article:{article.id}")
        entry.title(f"[{article.lang}] {article.title}")
        entry.updated(changed.get(article.id, now))
        if article.published:
            entry.published(_day(article.published))
        entry.link(href=f"{base_url}articles/{article.id}", rel="alternate", type="text/html")
        if article.url and article.url.startswith(("http://", "https://")):
            entry.link(href=article.url, rel="related", type="text/html")
        entry.summary(f"{article.source}, {article.published or 'undated'}")
    atom: bytes = feed.atom_str(pretty=True)  # feedgen is untyped
    return atom


def _xml_safe(value: Any) -> Any:
    """``value`` with every string in it (in models and lists too) stripped of what XML cannot carry.

    The door cleans what is stored now (ingest.door), but a store filled before it may hold
    U+FFFF or a control character, and one of them made lxml fail the whole feed (500).
    """
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, BaseModel):
        return value.model_copy(
            update={name: _xml_safe(getattr(value, name)) for name in type(value).model_fields}
        )
    if isinstance(value, (list, tuple)):
        return type(value)(_xml_safe(item) for item in value)
    return value
