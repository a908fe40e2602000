"""Where each article of a story comes from: an original, a copy, a rewrite, a translation, or
an independent report.

- ``copy``: same language, near identical to an earlier article (5-word shingle Jaccard at
  least 0.5, as ``sources.source_groups`` already treats it: one text edited);
- ``rewrite``: same language, substantially reworded from an earlier article (Jaccard in the
  rewrite band: two independent reports of one event share well under 0.15 of their shingles);
- ``translation``: another language, the same text sentence by sentence (``translation.py``,
  found at ingest and stored, because sentence vectors cost too much to compute on a page read);
- ``original``: an article others are copies, rewrites or translations of;
- ``independent``: none of these.

"Earlier" is the earliest trusted date (a header date is not trusted, ``Article.date_trusted``),
then arrival order. The labels are worked out when a story is read, from the stored links and
the texts: cheap (the shingles of a story's articles: 200 gva-dev articles in 0.13 s).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from ..models import Article, TranslationLink
from .sources import NEAR_COPY, jaccard, pairwise_limit, shingles
from .translation import sentences

REWRITE = 0.15  # shingle Jaccard from which a same-language article is a rewrite of an earlier one
# A scraper-failure page (an ad-block wall, a privacy notice, a sign-up box) is one body saved
# under the titles of many articles: bodies this alike (shingle Jaccard) whose titles share under
# this share of their words are a site's template, not a text anyone translated. In the SemEval
# dev files: 13 such pages in 5 stories, each labelled a "translation" of another copy.
TEMPLATE_BODY = 0.9
TEMPLATE_TITLES = 0.2
# Sentences a template has at most: the dev files' have 3 to 9; a long text under two titles
# (a 40-sentence New Year address) is one article headlined twice, not a scraper failure.
TEMPLATE_SENTENCES = 10
_WORD = re.compile(r"\w+")
KINDS = ("original", "copy", "rewrite", "translation", "independent")
# The kinds that make an article one origin with the article it derives from: its claims are
# its original's, so they do not corroborate it. A rewrite may add reporting of its own.
SAME_ORIGIN = frozenset({"copy", "translation"})


@dataclass(frozen=True)
class Provenance:
    """One article's place in its story: its kind, the earlier article it derives from, and how
    sure that is (the shingle Jaccard for a copy or rewrite, the aligned share of sentences for
    a translation; 1.0 for an original or an independent report)."""

    article_id: str
    kind: str
    of: str | None = None
    confidence: float = 1.0


def earliness(articles: Sequence[Article]) -> dict[str, tuple[date, int]]:
    """Each article's place in time: its trusted date (unknown: last), then arrival order."""
    return {
        a.id: ((a.published if a.date_trusted and a.published else date.max), n)
        for n, a in enumerate(articles)
    }


def story_provenance(
    articles: Sequence[Article], links: Sequence[TranslationLink] = ()
) -> dict[str, Provenance]:
    """Article id -> its provenance, for a story's articles in arrival order.

    Each article is compared with the articles earlier than it; of those it derives from, the
    closest relation wins (a copy over a translation over a rewrite), then one that is itself
    an original, then the strongest.
    """
    when = earliness(articles)
    order = sorted(articles, key=lambda a: when[a.id])
    by_id = {a.id: a for a in articles}
    translated: dict[str, dict[str, float]] = {}
    for link in links:
        if link.article_id in by_id and link.other_id in by_id:
            translated.setdefault(link.article_id, {})[link.other_id] = link.confidence
            translated.setdefault(link.other_id, {})[link.article_id] = link.confidence
    compare_texts = len(articles) <= pairwise_limit()
    texts = {a.id: shingles(a.text) for a in articles} if compare_texts else {}
    templates = template_pages(articles, texts, translated)
    translated = {
        a: {b: share for b, share in others.items() if b not in templates}
        for a, others in translated.items()
        if a not in templates
    }
    found: dict[str, Provenance] = {}
    for n, article in enumerate(order):
        # (rank, derives from an article that derives from none, confidence, kind, of): two
        # translations of one original are translations of each other too, but come from it.
        best: tuple[int, bool, float, str, str] | None = None
        for earlier in order[:n]:
            relation = _relation(article, earlier, texts, translated)
            if relation is None:
                continue
            candidate = (relation[0], earlier.id not in found, *relation[1:])
            if best is None or candidate[:3] > best[:3]:
                best = candidate
        if best is not None:
            found[article.id] = Provenance(article.id, best[3], best[4], round(best[2], 3))
    derived_from = {p.of for p in found.values()}
    for article in articles:
        if article.id not in found:
            kind = "original" if article.id in derived_from else "independent"
            found[article.id] = Provenance(article.id, kind)
    return {a.id: found[a.id] for a in articles}


def template_pages(
    articles: Sequence[Article],
    texts: dict[str, set[int]],
    translated: dict[str, dict[str, float]],
) -> set[str]:
    """Ids of the articles whose body another article of the story holds under a different title
    (short bodies alike to TEMPLATE_BODY, titles sharing under TEMPLATE_TITLES of their words): a page
    the scraper saved instead of the article, which conveys no event and translates nothing; and
    the pages in other languages found to be translations of one (the same template, translated).
    """
    found: set[str] = set()
    titles = {a.id: set(_WORD.findall(a.title.lower())) for a in articles}
    for n, a in enumerate(articles):
        if a.id not in texts or len(sentences(a.text)) > TEMPLATE_SENTENCES:
            continue  # counted once an article, not once a pair
        for b in articles[:n]:
            if a.lang != b.lang or b.id not in texts:
                continue
            if jaccard(texts[a.id], texts[b.id], TEMPLATE_BODY) < TEMPLATE_BODY:
                continue
            words_a, words_b = titles[a.id], titles[b.id]
            shared = len(words_a & words_b) / max(1, len(words_a | words_b))
            if shared < TEMPLATE_TITLES:
                found |= {a.id, b.id}
    spread = list(found)
    while spread:
        for other in translated.get(spread.pop(), {}):
            if other not in found:
                found.add(other)
                spread.append(other)
    return found


_RANK = {"copy": 3, "translation": 2, "rewrite": 1}


def _relation(
    article: Article,
    earlier: Article,
    texts: dict[str, set[int]],
    translated: dict[str, dict[str, float]],
) -> tuple[int, float, str, str] | None:
    """How ``article`` derives from ``earlier``, if it does: (rank, confidence, kind, earlier id)."""
    if article.lang != earlier.lang:
        share = translated.get(article.id, {}).get(earlier.id)
        return None if share is None else (_RANK["translation"], share, "translation", earlier.id)
    if article.id not in texts:
        return None
    overlap = jaccard(texts[article.id], texts[earlier.id], REWRITE)
    if overlap >= NEAR_COPY:
        return _RANK["copy"], overlap, "copy", earlier.id
    if overlap >= REWRITE:
        return _RANK["rewrite"], overlap, "rewrite", earlier.id
    return None


def origins(provenance: dict[str, Provenance]) -> dict[str, str]:
    """Article id -> the id of the origin it counts as (itself unless a copy or translation)."""
    root: dict[str, str] = {}

    def origin(article_id: str) -> str:
        seen: list[str] = []
        current = article_id
        while current not in root:
            p = provenance.get(current)
            if p is None or p.kind not in SAME_ORIGIN or p.of is None or current in seen:
                root[current] = current
                break
            seen.append(current)
            current = p.of
        for s in seen:
            root[s] = root[current]
        return root[article_id]

    return {article_id: origin(article_id) for article_id in provenance}
