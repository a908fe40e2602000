"""A synthetic news stream for bench/scale.py: real dev articles, enriched once, perturbed into many.

    templates = load_templates(cache_dir)           # gva-dev + semeval texts through prepare + USE, cached
    for article, event, first in SyntheticStream(templates).articles(1_000_000): ...

Enriching a million articles (about 16 ms each) would take hours, so a few thousand real texts
are enriched once with the pipeline's own code and cached outside the repository; the stream
then makes Article-level copies of them, cheaply and lazily, in time order:

- an *event* takes a template and changes what tells one incident from another: places and
  people swapped for others of its language (half the people for new names, as real news keeps
  introducing), its numbers changed, 60% of its words replaced (by words of another article of
  its language, and by made-up words drawn by Zipf's law, so the vocabulary grows as a real
  stream's does), its embedding blended with that other article's and nudged, its dates moved
  to the event's day;
- each *article* about an event is a lighter copy of it: words dropped and swapped, its own
  URL and id, published on the stream's day, its embedding nudged again (cosine ~0.97).

Most articles open a new event; the rest follow one of the events of the last few days, so
some stories grow and most have one article, as on gva-dev (1.7 articles an incident).
Memory stays bounded: only the recent events are kept.
"""

from __future__ import annotations

import functools
import hashlib
import json
import pickle
import random
import re
import time
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta
from pathlib import Path

import numpy as np

from newsweave.models import Article, Entity, RawDocument, Rejection
from newsweave.prepare import content_hash

CACHE_VERSION = 1  # bump when what a template holds changes
_MIN_WORDS = 40  # shorter texts (a headline and a line) make poor templates
BLEND = (
    0.6  # the share of an event's words taken from another article (see SyntheticStream.new_event)
)
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:,\d{3})+(?![\w])|(?<![\w.,])\d+(?![\w,.]\d)")
# The made-up lexicon (see SyntheticStream._blend): Zipf-Mandelbrot, p(rank) ~ (rank + SHIFT)^-ZIPF over
# LEXICON words. The shift leaves out the very common words (stop words, which the clusterer drops):
# a made-up word in every article would tie every story to every other.
ZIPF, SHIFT, LEXICON = 1.2, 1000, 300_000
_DIGIT = re.compile(r"\d").search
_SYLLABLES = [c + v for c in "bdfgklmnprstvz" for v in "aeiou"]  # 70 letters-only syllables


# --- templates: real articles enriched once --------------------------------------------------


def template_documents(datasets: Path) -> Iterator[RawDocument | Rejection]:
    """The dev texts as raw documents: every gva-dev record, then each distinct semeval text."""
    from newsweave.ingest import read_inputs

    yield from read_inputs([str(datasets / "gva-dev.jsonl")])
    seen: set[str] = set()
    path = datasets / "semeval-pairs-dev.jsonl"
    with path.open(encoding="utf-8") as lines:
        for number, line in enumerate(lines, start=1):
            pair = json.loads(line)
            for side in (pair["a"], pair["b"]):
                if side["id"] not in seen:
                    seen.add(side["id"])
                    yield RawDocument(
                        origin=f"{path.name}#line {number}#{side['id']}",
                        text=side["text"],
                        lang=side["lang"],
                        external_id=side["id"],
                        source="semeval",
                    )


def enrich(
    documents: Sequence[RawDocument | Rejection], embedder_name: str = "use-m3"
) -> tuple[list[Article], float]:
    """Documents through the pipeline's per-article stages (prepare, then the embedder in batches of 64).

    Returns the usable articles (embedding as float32 arrays) and the seconds it took.
    """
    from newsweave.embed import open_embedder
    from newsweave.prepare import embedding_text, prepare_or_reject

    embedder = open_embedder(embedder_name)
    embedder.encode(["warm up"])  # the model load is not enrichment
    started = time.perf_counter()
    articles: list[Article] = []
    for start in range(0, len(documents), 64):
        prepared = [
            prepare_or_reject(d)
            for d in documents[start : start + 64]
            if isinstance(d, RawDocument)
        ]
        batch = [
            a for a in prepared if isinstance(a, Article) and len(a.text.split()) >= _MIN_WORDS
        ]
        for article, vector in zip(
            batch, embedder.encode([embedding_text(a) for a in batch]), strict=True
        ):
            article.embedding = vector  # type: ignore[assignment]  # an array here; lists only in copies
        articles.extend(batch)
    return articles, time.perf_counter() - started


def load_templates(datasets: Path, cache_dir: Path, embedder_name: str = "use-m3") -> list[Article]:
    """The enriched dev articles, from the cache when the datasets have not changed since."""
    sources = [datasets / "gva-dev.jsonl", datasets / "semeval-pairs-dev.jsonl"]
    stamp = json.dumps(
        [CACHE_VERSION, embedder_name]
        + [[p.name, p.stat().st_size, p.stat().st_mtime] for p in sources]
    )
    path = cache_dir / f"templates-{hashlib.sha1(stamp.encode()).hexdigest()[:12]}.pkl"
    if path.exists():
        with path.open("rb") as cached:
            return pickle.load(cached)
    documents = list(template_documents(datasets))
    print(
        f"enriching {len(documents):,} dev texts once (prepare + {embedder_name}); cached in {path}"
    )
    articles, seconds = enrich(documents, embedder_name)
    print(
        f"  {len(articles):,} templates in {seconds:.0f} s = {len(documents) / seconds:.1f} texts/s in one process"
    )
    cache_dir.mkdir(parents=True, exist_ok=True)
    partial = path.with_suffix(".partial")
    with partial.open("wb") as out:
        pickle.dump(articles, out, protocol=pickle.HIGHEST_PROTOCOL)
    partial.replace(path)  # a killed run leaves no half-written cache behind
    return articles


# --- the stream ------------------------------------------------------------------------------


@dataclass
class Event:
    """One incident: the perturbed template its articles are copies of."""

    number: int
    template: int
    lang: str
    day: date
    title: str
    paragraphs: list[list[str]]
    article: Article  # entities, quantities, dates and facts as the event states them
    embedding: np.ndarray
    story_id: str | None = None  # the story its first article went to, once known


class SyntheticStream:
    """Perturbed copies of real articles, in time order, ``per_day`` articles a day.

    Args:
        templates: enriched articles (embedding as an array), e.g. from ``load_templates``.
        seed: the same seed gives the same stream.
        per_day: articles a stream day; the stream's dates move forward one day per ``per_day``.
        follow_share: the share of articles that follow a recent event rather than open a new one.
        follow_days: how many days back a follow-up's event may lie.
        start: the stream's first day.
    """

    def __init__(
        self,
        templates: Sequence[Article],
        seed: int = 7,
        per_day: int = 1000,
        follow_share: float = 0.4,
        follow_days: int = 3,
        start: date = date(2020, 1, 1),
    ) -> None:
        if not templates:
            raise ValueError("no templates to perturb")
        self.templates = templates
        self.seed = seed
        self.per_day = per_day
        self.follow_share = follow_share
        self.start = start
        self.rng = random.Random(seed)
        self.noise = np.random.default_rng(seed)
        self.recent: deque[Event] = deque(
            maxlen=max(1, int(per_day * (1 - follow_share) * follow_days))
        )
        self.events = 0
        self.by_lang: dict[str, list[int]] = {}
        for index, t in enumerate(templates):
            self.by_lang.setdefault(t.lang, []).append(index)
        self.entities = _entity_pools(templates)
        self.sources = [f"news{k}.example" for k in range(500)]

    def articles(self, count: int) -> Iterator[tuple[Article, Event, bool]]:
        """``count`` articles in stream order: (article, its event, whether it opens the event)."""
        for n in range(count):
            day = self.start + timedelta(days=n // self.per_day)
            if self.recent and self.rng.random() < self.follow_share:
                event, first = self.recent[self.rng.randrange(len(self.recent))], False
            else:
                event, first = self.new_event(day), True
                self.recent.append(event)
            yield self.copy(event, n, day), event, first

    def new_event(self, day: date) -> Event:
        """A new incident made from a random template (see the module docstring)."""
        index = self.rng.randrange(len(self.templates))
        t = self.templates[index]
        self.events += 1
        entities, surfaces = self._swap_entities(t)
        numbers = self._number_map(f"{t.title}\n{t.text}")
        title, text = (_rewrite(s, surfaces, numbers) for s in (t.title, t.text))
        # Most words are replaced, from another article of the language and from a made-up
        # lexicon: events made from one template then share little more than two shootings do.
        donor = self.templates[self.rng.choice(self.by_lang[t.lang])]
        title = " ".join(self._blend(title.split(), donor.title.split()))
        donor_words = donor.text.split()
        paragraphs = [self._blend(p.split(), donor_words) for p in text.split("\n\n")]
        embedding = self._nudge((1 - BLEND) * t.embedding + BLEND * donor.embedding, 0.021)
        shift = day - (t.published or (t.event_dates[0].value if t.event_dates else day))
        article = replace(
            t,
            entities=entities,
            quantities=[replace(q, value=numbers.get(q.value, q.value)) for q in t.quantities],
            event_dates=[replace(d, value=d.value + shift) for d in t.event_dates],
            event_date=t.event_date + shift if t.event_date else None,
        )
        return Event(self.events, index, t.lang, day, title, paragraphs, article, embedding)

    def copy(self, event: Event, n: int, day: date) -> Article:
        """One article about ``event``: a light copy with its own id, URL, day and embedding."""
        rng = self.rng
        paragraphs = []
        for words in event.paragraphs:
            kept = [w for w in words if rng.random() >= 0.08]
            for _ in range(min(3, len(kept) // 20)):  # a few words trade places
                i = rng.randrange(len(kept) - 1)
                kept[i], kept[i + 1] = kept[i + 1], kept[i]
            if kept:
                paragraphs.append(" ".join(kept))
        text = "\n\n".join(paragraphs)
        digest = content_hash(event.title, text)
        uid = hashlib.sha1(f"{self.seed}:{n}".encode()).hexdigest()[:16]
        vector = self._nudge(event.embedding, 0.011)
        return replace(
            event.article,
            id=uid,
            origin=f"synthetic#{n}",
            text=text,
            title=event.title,
            content_hash=digest,
            external_id=None,
            url=f"https://{rng.choice(self.sources)}/{self.seed}/{n}",
            source=None,
            published=day,
            published_from="metadata",
            embedding=vector.tolist(),
        )

    def _blend(self, words: list[str], donor: list[str]) -> list[str]:
        """``words`` with a share BLEND of them (numbers aside) replaced: half by random words of
        ``donor``, half by words of a made-up lexicon drawn by Zipf's law.

        Five thousand templates alone cannot make 600 distinct events a day for years: the
        made-up words keep events apart and make the vocabulary grow as a real stream's does
        (new names, places, rare words), up to LEXICON words.
        """
        rng = self.rng
        ranks = iter(_lexicon_ranks(self.noise.random(len(words))))
        out = []
        for w in words:
            if rng.random() >= BLEND or _DIGIT(w):
                out.append(
                    w
                )  # names and capitalised words too: the rare words tie an article to its story
            elif donor and rng.random() < 0.5:
                out.append(donor[rng.randrange(len(donor))])
            else:
                out.append(_made_up_word(int(next(ranks))))
        return out

    def _nudge(self, vector: np.ndarray, sigma: float) -> np.ndarray:
        """``vector`` plus Gaussian noise, unit length again (cosine ~1/sqrt(1 + 512 sigma^2))."""
        moved = np.asarray(vector, np.float32) + self.noise.normal(0, sigma, len(vector)).astype(
            np.float32
        )
        return moved / np.linalg.norm(moved)

    def _swap_entities(self, t: Article) -> tuple[list[Entity], dict[str, str]]:
        """The template's entities with places and people swapped; old surface -> new surface."""
        chosen: dict[str, Entity] = {}
        for entity in t.entities:
            if (
                entity.kind not in ("place", "person")
                or entity.key in chosen
                or self.rng.random() >= 0.7
            ):
                continue
            if entity.kind == "person" and self.rng.random() < 0.5:
                name = _made_up_name(self.seed * 10_000_000 + self.events * 8 + len(chosen))
                chosen[entity.key] = Entity(f"person:{name.lower()}", "person", name)
            else:
                pool = self.entities.get((t.lang, entity.kind)) or [entity]
                chosen[entity.key] = self.rng.choice(pool)
        entities = [chosen.get(e.key, e) for e in t.entities]
        surfaces = {
            e.surface: chosen[e.key].surface
            for e in t.entities
            if e.key in chosen and len(e.surface) > 2
        }
        return entities, surfaces

    def _number_map(self, text: str) -> dict[float, float]:
        """A new value for each number stated (years left alone: they date the text)."""
        mapping: dict[float, float] = {}
        for found in _NUMBER.findall(text):
            value = float(found.replace(",", ""))
            if value in mapping or 1900 <= value <= 2100:
                continue
            moved = (
                value + self.rng.choice((-2, -1, 1, 2, 3))
                if value < 50
                else round(value * self.rng.uniform(0.7, 1.4))
            )
            mapping[value] = max(moved, 0.0)
        return mapping


def _rewrite(text: str, surfaces: dict[str, str], numbers: dict[float, float]) -> str:
    """``text`` with entity surfaces and numbers replaced."""
    for old, new in surfaces.items():
        text = text.replace(old, new)

    def number(match: re.Match[str]) -> str:
        value = float(match[0].replace(",", ""))
        return f"{numbers[value]:,.0f}" if value in numbers else match[0]

    return _NUMBER.sub(number, text)


def _lexicon_ranks(uniform: np.ndarray) -> np.ndarray:
    """Ranks 0 .. LEXICON-1 drawn by the lexicon's law, by inverting its (continuous) distribution."""
    low, high = SHIFT ** (1 - ZIPF), (LEXICON + SHIFT) ** (1 - ZIPF)
    ranks = (low - uniform * (low - high)) ** (1 / (1 - ZIPF)) - SHIFT
    return np.minimum(ranks.astype(np.int64), LEXICON - 1)


@functools.lru_cache(maxsize=50_000)
def _made_up_word(rank: int) -> str:
    """The made-up word of this Zipf rank: letters only, never shorter than three syllables."""
    return _made_up_name(rank + len(_SYLLABLES) ** 2).lower()


def _made_up_name(number: int) -> str:
    """A letters-only surname no article has used (new people keep appearing in the news)."""
    syllables = []
    while True:
        number, digit = divmod(number, len(_SYLLABLES))
        syllables.append(_SYLLABLES[digit])
        if not number:
            break
    return "".join(syllables).capitalize()


def _entity_pools(templates: Sequence[Article]) -> dict[tuple[str, str], list[Entity]]:
    """Distinct places and people named by each language's templates."""
    pools: dict[tuple[str, str], dict[str, Entity]] = {}
    for t in templates:
        for e in t.entities:
            if e.kind in ("place", "person"):
                pools.setdefault((t.lang, e.kind), {}).setdefault(e.key, e)
    return {kind: list(found.values()) for kind, found in pools.items()}
