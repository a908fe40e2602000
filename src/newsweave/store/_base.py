"""The Store protocol: what the pipeline, CLI and API need from a backend."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import ContextManager, Iterator, Protocol

from ..models import Article, Decision, Rejection


@dataclass
class Batch:
    """Everything one ingest batch writes, committed in one transaction."""

    new: list[tuple[Article, Decision]] = field(default_factory=list)
    updated: list[Article] = field(default_factory=list)
    rejected: list[Rejection] = field(default_factory=list)
    aliases: list[Alias] = field(default_factory=list)


@dataclass(frozen=True)
class Alias:
    """Another record of an already stored text: its own id, origin and URL."""

    article_id: str
    external_id: str | None
    origin: str
    url: str | None


@dataclass(frozen=True)
class StorySummary:
    """One line of the story list."""

    id: str
    title: str
    articles: int
    sources: int
    languages: tuple[str, ...]
    first_date: date | None
    last_date: date | None


class Store(Protocol):
    """A place to keep articles, their stories and the reasons behind them."""

    def close(self) -> None:
        """Release the connection."""
        ...

    def article_id_by_hash(self, content_hash: str) -> str | None:
        """The stored article with this content, if any."""
        ...

    def article_id_by_url(self, url: str) -> str | None:
        """The stored article read from ``url``, if any."""
        ...

    def write(self, batch: Batch) -> None:
        """Commit a batch whole, or nothing of it."""
        ...

    def replay(self) -> Iterator[tuple[Article, str]]:
        """Every stored article with its story id, in arrival order (embedding included)."""
        ...

    def writing(self) -> ContextManager[None]:
        """Hold the write lock for one transaction (``write`` calls inside it join it)."""
        ...

    def replay_since(self, seq: int) -> Iterator[tuple[int, Article, str]]:
        """Articles stored after arrival number ``seq``: (seq, article, story id), in order."""
        ...

    def last_seq(self) -> int:
        """The arrival number of the newest stored article (0 when empty)."""
        ...

    def stories(
        self, lang: str | None = None, since: date | None = None, limit: int | None = None
    ) -> list[StorySummary]:
        """Stories, most recently updated first."""
        ...

    def story_articles(self, story_id: str) -> list[tuple[Article, Decision]]:
        """A story's articles in arrival order, each with the decision that placed it."""
        ...

    def article(self, article_id: str) -> tuple[Article, Decision] | None:
        """One article by id or external id."""
        ...

    def articles(self) -> Iterator[tuple[Article, Decision]]:
        """Every article in arrival order."""
        ...

    def aliases(self, article_id: str) -> list[Alias]:
        """Other records that carried the same text as ``article_id``."""
        ...
