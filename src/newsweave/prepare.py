"""From a raw document to an extracted article: clean, detect language, find dates, entities, numbers."""

from __future__ import annotations

import hashlib
from datetime import date

import numpy as np

from .embed import Embedder
from .extract.dates import find_event_dates, parse_date
from .extract.entities import find_entities
from .extract.facts import article_facts
from .extract.numbers import find_quantities
from .ingest.countries import country_of_url
from .ingest.door import admit
from .language import detect
from .models import HEADER_DATE, Article, RawDocument, Rejection
from .normalise import clean
from .notices import NotAnArticle, notice_phrase

Prepared = tuple[Article | Rejection, tuple[str, ...]]
"""An input after the per-article stages: its article (or why it was rejected), with the notes
on reading it. Every ingest path (one process, local workers, Dask workers) makes them here."""


def content_hash(title: str, body: str) -> str:
    """The same words, whatever their spacing or case, give the same hash."""
    # str.split() splits on exactly the characters \s matches, at a third of the regex's cost
    canonical = " ".join(f"{title}\n{body}".split()).lower()
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def prepare(raw: RawDocument) -> Article:
    """Turn one raw document into an Article with everything extracted but the embedding."""
    cleaned = clean(raw.text, raw.title)
    phrase = notice_phrase(cleaned.body)
    if phrase is not None:
        raise NotAnArticle(f'a notice, not an article (it says "{phrase}")')
    lang = (raw.lang or "").lower()[:2] or detect(f"{cleaned.title}\n{cleaned.body}")
    published, published_from = _publication_date(raw, cleaned.header_date, lang)
    # Captions state facts too (seed 001 gives its "6,000 more personnel" only in one).
    readable = "\n".join([cleaned.title, cleaned.body, *cleaned.captions])
    digest = content_hash(cleaned.title, cleaned.body)
    article = Article(
        id=digest[:16],
        origin=raw.origin,
        title=cleaned.title or _first_words(cleaned.body),
        text=cleaned.body,
        lang=lang,
        content_hash=digest,
        captions=cleaned.captions,
        external_id=raw.external_id,
        url=raw.url,
        source=raw.source,
        source_country=raw.source_country or country_of_url(raw.url),
        published=published,
        published_from=published_from,
        event_dates=find_event_dates(readable, lang, published),
        entities=find_entities(readable, lang),
        quantities=find_quantities(readable, lang),
    )
    article.event_date, article.facts = article_facts(article, readable)
    return article


def prepare_or_reject(raw: RawDocument) -> Article | Rejection:
    """``prepare``, with a failure turned into the input's rejection: one bad article never stops a run."""
    try:
        return prepare(raw)
    except NotAnArticle as exc:
        return Rejection(raw.origin, str(exc))
    except Exception as exc:
        return Rejection(raw.origin, f"could not process: {type(exc).__name__}: {exc}")


def prepare_input(item: RawDocument | Rejection, max_chars: int) -> Prepared:
    """One input through the door and ``prepare``: a rejection stays one, with no notes."""
    item = admit(item, max_chars)  # a no-op after read_inputs; the API's records did not pass it
    if isinstance(item, Rejection):
        return item, ()
    return prepare_or_reject(item), tuple(f"{item.origin}: {note}" for note in item.notes)


def embed_prepared(prepared: list[Prepared], embedder: Embedder) -> list[Prepared]:
    """Give every article among ``prepared`` its embedding, in one call; returns ``prepared``."""
    articles = [done for done, _ in prepared if isinstance(done, Article)]
    if articles:
        vectors = embedder.encode([embedding_text(a) for a in articles])
        for article, vector in zip(articles, vectors, strict=True):
            article.embedding, article.embedded_by = vector.tolist(), embedder.identity
    return prepared


def stored_vector(article: Article, embedder: Embedder) -> np.ndarray:
    """``article``'s vector as ``embedder`` reads it: the stored one when ``embedder`` made it,
    else read again (another model, or the same one with another window: Embedder.identity), so
    that a store's 600-character vectors never meet 1,000-character ones in one clusterer. A
    vector stored before identities were recorded is used when its size fits."""
    stored = article.embedding
    made_here = article.embedded_by in (None, embedder.identity)
    if stored is not None and made_here and len(stored) == embedder.dim:
        return np.asarray(stored, dtype=np.float32)
    return np.asarray(embedder.encode([embedding_text(article)])[0], dtype=np.float32)


def embedding_text(article: Article) -> str:
    """What the embedder reads: the headline and the lead."""
    return f"{article.title}\n{article.text}"


def _publication_date(
    raw: RawDocument, header_date: str | None, lang: str
) -> tuple[date | None, str | None]:
    """The publication date and where it came from; unknown stays unknown (never "now")."""
    if raw.published:
        found = parse_date(raw.published, lang)
        if found:
            return found, "metadata"
    if header_date:
        found = parse_date(header_date, lang)
        if found:
            return found, HEADER_DATE
    return None, None


def _first_words(body: str, limit: int = 80) -> str:
    """A display title for an untitled text: its opening words."""
    first = body.strip().split("\n", 1)[0]
    return first if len(first) <= limit else first[:limit].rsplit(" ", 1)[0] + "…"
