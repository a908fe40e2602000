"""What the clusterer knows of an article, and of a story (the sum of its articles)."""

from __future__ import annotations

import math
import sys
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Any

import numpy as np

from ..models import Article
from .lexical import term_counts

# Quantities that identify an event rather than describe it ("4 killed" does; "2 hours" rarely).
_EVENT_COUNTS = {
    "killed",
    "injured",
    "people",
    "soldiers",
    "dead",
    "wounded",
    "arrested",
    "evacuated",
}


@dataclass
class ArticleFeatures:
    """The clusterer's view of one article: language-specific words, language-free keys."""

    id: str
    lang: str
    terms: dict[str, float]
    keys: frozenset[str]  # entity keys: "person:kim jong un", "place:KP"
    numbers: frozenset[str]  # counted things: "killed=4", "soldiers=6000"
    day: date | None
    embedding: np.ndarray
    # The days the text says things happened ("on Monday", "the March 3 shooting"): a
    # follow-up published weeks later still names the incident's day.
    stated_days: frozenset[date] = frozenset()


def article_features(article: Article, embedding: np.ndarray) -> ArticleFeatures:
    """Build the clusterer's features from an extracted article and its embedding."""
    numbers = frozenset(
        f"{q.what}={q.value:g}" for q in article.quantities if q.what in _EVENT_COUNTS or q.unit
    )
    vector = np.asarray(embedding, dtype=np.float32)
    norm = float(np.linalg.norm(vector))
    return ArticleFeatures(
        id=article.id,
        lang=article.lang,
        terms=term_counts(article.title, article.text, article.lang),
        keys=frozenset(e.key for e in article.entities),
        numbers=numbers,
        day=best_day(article),
        embedding=vector / norm if norm else vector,
        stated_days=stated_days(article),
    )


def stated_days(article: Article) -> frozenset[date]:
    """Event days stated in the text, as far as the article's own date can be trusted.

    Relative dates ("on Monday") were resolved against a header date when that was all
    there was; like the header date itself, they do not place the article in time then.
    """
    trusted = article.date_trusted
    return frozenset(d.value for d in article.event_dates if trusted or not d.relative)


def best_day(article: Article) -> date | None:
    """The day an article is about, as far as it can be trusted to place it in time.

    A publication date from metadata counts; one read off a header line in plain text
    does not, because such lines are often a re-publication or archive date (seeds 002
    and 004 are dated eight months apart for one event). Nor does a date the text states:
    a report names earlier days, anniversaries and deadlines, and one of them taken as the
    article's day pushed reports of one story apart in time. Without a trusted date the
    day is unknown and time does not weigh.
    """
    if article.published is not None and article.date_trusted:
        return article.published
    return None


@dataclass
class StoryState:
    """Running sums over a story's articles, enough to score a newcomer against it.

    Everything here has a bounded cost to score against, however big the story grows:
    sums and counters rather than member lists.
    """

    id: str
    index: int  # position in the ANN index
    size: int = 0
    # Per language: the sum of the members' unit TF-IDF vectors (IDF as of their arrival),
    # and its squared length, kept exact as vectors are added.
    lexical: dict[str, dict[str, float]] = field(default_factory=dict)
    lexical_norm_sq: dict[str, float] = field(default_factory=dict)
    lexical_count: Counter[str] = field(default_factory=Counter)
    keys: Counter[str] = field(default_factory=Counter)
    numbers: Counter[str] = field(default_factory=Counter)
    first_day: date | None = None
    last_day: date | None = None
    days: Counter[date] = field(default_factory=Counter)  # publication and stated days
    embedding_sum: np.ndarray | None = None
    _embedding_norm: float | None = field(default=None, repr=False, compare=False)

    def add(self, features: ArticleFeatures, vector: Mapping[str, float] | None = None) -> None:
        """Fold one article into the sums.

        ``vector`` is its unit TF-IDF vector (``DocumentFrequencies.unit_vector``); without
        it the plain term weights are used, which scores words as if all were equally rare.
        """
        self.size += 1
        if vector is None:
            norm = math.sqrt(sum(w * w for w in features.terms.values())) or 1.0
            vector = {t: w / norm for t, w in features.terms.items()}
        self._add_lexical(features.lang, vector)
        self.keys.update(features.keys)
        self.numbers.update(features.numbers)
        if features.day is not None:
            self.first_day = min(self.first_day or features.day, features.day)
            self.last_day = max(self.last_day or features.day, features.day)
            self.days[features.day] += 1
        # Sorted: a set of dates iterates in an order that changes with PYTHONHASHSEED, and
        # the order they are first counted in breaks ties in ``most_common`` (scoring's
        # _common_days), which made two runs on the same input score differently.
        self.days.update(sorted(features.stated_days))
        if self.embedding_sum is None:
            self.embedding_sum = features.embedding.astype(np.float32).copy()
        else:
            self.embedding_sum += features.embedding
        self._embedding_norm = None

    def _add_lexical(self, lang: str, vector: Mapping[str, float]) -> None:
        bag = self.lexical.setdefault(lang, {})
        self.lexical_count[lang] += 1
        # |s + v|^2 = |s|^2 + 2 s.v + |v|^2: the norm stays exact without a pass over the bag.
        dot = sum(x * bag.get(t, 0.0) for t, x in vector.items())
        own = sum(x * x for x in vector.values())
        self.lexical_norm_sq[lang] = self.lexical_norm_sq.get(lang, 0.0) + 2 * dot + own
        for t, x in vector.items():
            bag[t] = bag.get(t, 0.0) + x

    def state(self) -> dict[str, Any]:
        """The sums as plain values by field name (``from_state`` reads them back).

        Named, so that a new field is added here alone; days as ordinals, the embedding as
        float32 bytes.
        """
        assert self.embedding_sum is not None
        return {
            "id": self.id,
            "index": self.index,
            "size": self.size,
            "lexical": self.lexical,
            "lexical_norm_sq": self.lexical_norm_sq,
            "lexical_count": dict(self.lexical_count),
            "keys": dict(self.keys),
            "numbers": dict(self.numbers),
            "first_day": _ordinal(self.first_day),
            "last_day": _ordinal(self.last_day),
            "days": [(day.toordinal(), count) for day, count in self.days.items()],
            "embedding_sum": self.embedding_sum.astype(np.float32).tobytes(),
        }

    @classmethod
    def from_state(cls, state: Mapping[str, Any]) -> StoryState:
        """The story whose sums ``state`` wrote."""
        lexical = state["lexical"]
        return cls(
            id=state["id"],
            index=state["index"],
            size=state["size"],
            # Interned as term_counts interns them: one copy of each word however many use it.
            lexical={
                lang: {sys.intern(t): w for t, w in bag.items()} for lang, bag in lexical.items()
            },
            lexical_norm_sq=dict(state["lexical_norm_sq"]),
            lexical_count=Counter(state["lexical_count"]),
            keys=Counter({sys.intern(k): n for k, n in state["keys"].items()}),
            numbers=Counter(state["numbers"]),
            first_day=_day(state["first_day"]),
            last_day=_day(state["last_day"]),
            days=Counter({date.fromordinal(day): count for day, count in state["days"]}),
            embedding_sum=np.frombuffer(state["embedding_sum"], dtype=np.float32).copy(),
        )

    def days_from_span(self, day: date) -> int | None:
        """Days from ``day`` to the span of the story's publication dates (0 inside it)."""
        if self.first_day is None or self.last_day is None:
            return None
        return max((self.first_day - day).days, (day - self.last_day).days, 0)

    def centroid(self) -> np.ndarray:
        """Unit-length mean embedding of the story's articles."""
        assert self.embedding_sum is not None
        norm = self.embedding_norm()
        return self.embedding_sum / norm if norm else self.embedding_sum

    def cosine(self, embedding: np.ndarray) -> float:
        """Cosine of a unit-length ``embedding`` with the centroid, without building the centroid."""
        assert self.embedding_sum is not None
        norm = self.embedding_norm()
        return float(np.dot(embedding, self.embedding_sum)) / norm if norm else 0.0

    def tightness(self) -> float:
        """Length of the mean embedding: 1 when every member points one way, less as they
        spread. ``cosine * tightness ** link`` moves the centroid cosine ``link`` of the way
        to the mean cosine with the members (average link), at no further dot product."""
        return self.embedding_norm() / self.size if self.size else 0.0

    def embedding_norm(self) -> float:
        """Length of the embedding sum, kept until the next article arrives (every candidate scored needs it)."""
        if self._embedding_norm is None:
            assert self.embedding_sum is not None
            self._embedding_norm = float(np.sqrt(np.dot(self.embedding_sum, self.embedding_sum)))
        return self._embedding_norm


def _ordinal(day: date | None) -> int | None:
    return None if day is None else day.toordinal()


def _day(ordinal: int | None) -> date | None:
    return None if ordinal is None else date.fromordinal(ordinal)
