"""A story's title for a reader: a real headline, in the reader's language where the story has one.

A story is stored under its founding article's title, and an article without a headline is
titled with its opening words, cut with "…" (prepare.py). A reader should meet a headline, in
their own language when one of the story's articles has it; the cut opening words only when no
article of the story has a headline at all.
"""

from __future__ import annotations

from collections.abc import Sequence

from .models import Article

CUT = "…"


def is_headline(article: Article) -> bool:
    """Whether the article's title is a headline, not its opening words cut short."""
    title = article.title.strip()
    if not title.endswith(CUT):
        return True
    return not article.text.lstrip().startswith(title[: -len(CUT)].rstrip())


def story_title(articles: Sequence[Article], readers: Sequence[str] = ()) -> str:
    """The title to show for a story of ``articles`` (in arrival order), for readers of ``readers``.

    In order: a headline in the first of the reader's languages that has one; the founding
    article's headline; the first headline in arrival order; then, with no headline anywhere,
    the opening words of an article in the reader's language, or the founder's.
    """
    if not articles:
        return ""
    headlines = [a for a in articles if is_headline(a)]
    for lang in readers:
        for article in headlines:
            if article.lang == lang:
                return article.title
    if headlines:
        return headlines[0].title  # the founder's, when it has one: it comes first
    for lang in readers:
        for article in articles:
            if article.lang == lang:
                return article.title
    return articles[0].title


def accepted_languages(header: str | None) -> list[str]:
    """The primary language codes of an Accept-Language header, most wanted first.

    "pt-BR,pt;q=0.9,en;q=0.8,*;q=0.1" -> ["pt", "en"]; q=0 means "not this one"; malformed
    parts are skipped, as a browser's header is taken as a hint, not validated.
    """
    ranked: list[tuple[float, int, str]] = []
    for position, part in enumerate((header or "").split(",")):
        tag, _, params = part.strip().partition(";")
        lang = tag.strip().split("-")[0].lower()
        if not lang.isalpha() or not 2 <= len(lang) <= 3:
            continue
        quality = 1.0
        for param in params.split(";"):
            name, _, value = param.strip().partition("=")
            if name.strip() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if quality > 0:
            ranked.append((-quality, position, lang))
    return list(dict.fromkeys(lang for _, _, lang in sorted(ranked)))
