"""Online story clustering: one article at a time, in arrival order, with stable story ids.

Follows scikit-learn's estimator contract: the constructor stores parameters only,
``partial_fit`` returns self, learned state ends in ``_``. Feeding a batch whole or in
two halves gives the same stories, because every decision depends only on the
articles before it.
"""

from __future__ import annotations

from collections import OrderedDict
from collections.abc import Iterable
from typing import NamedTuple

from ..models import Decision
from .candidates import CandidateIndex
from .features import ArticleFeatures, StoryState
from .lexical import ALL_LANGUAGES, DocumentFrequencies
from .scoring import EmbeddingBackground, Weights, combine, components, key_weights, threshold_for


class Scored(NamedTuple):
    """One candidate story as an article reads it: its score, and the margin by which the
    score clears the story's threshold (negative: it does not), with the components."""

    story: StoryState
    score: float
    margin: float
    parts: dict[str, float | None]


def story_id_for(article_id: str) -> str:
    """A story's id comes from the article that founded it, so it never changes."""
    return "s" + article_id[:11]


class OnlineClusterer:
    """Assigns each article to the best-scoring candidate story, or founds a new one."""

    def __init__(
        self,
        weights: Weights = Weights(),
        dim: int = 512,
        neighbours: int = 12,
        window_days: int = 400,
        live_stories: int = 100_000,
    ) -> None:
        self.weights = weights
        self.dim = dim
        self.neighbours = neighbours
        self.window_days = window_days
        self.live_stories = live_stories

    def _init_state(self) -> None:
        if not hasattr(self, "stories_"):
            # The live stories, the one joined longest ago first. Beyond ``live_stories`` that
            # one is retired: it stays in the store but no article joins it any more, so
            # memory and the ANN graph stay bounded however long the stream runs.
            self.stories_: OrderedDict[int, StoryState] = OrderedDict()
            self.story_index_: dict[str, int] = {}  # live story id -> index
            self.founded_ = 0
            self.df_ = DocumentFrequencies()
            self.key_df_ = DocumentFrequencies()
            self.background_ = EmbeddingBackground(self.dim)
            self.candidates_ = CandidateIndex(self.dim, self.neighbours, self.window_days)
            self.decisions_: list[Decision] = []
            # The newest analyst's history entry the stories reflect (cluster/corrections.py).
            self.corrections_seen_ = 0

    @property
    def retired_(self) -> int:
        """How many stories have retired: every story founded that is no longer live."""
        return self.founded_ - len(self.stories_)

    def document_frequencies(self) -> tuple[DocumentFrequencies, DocumentFrequencies]:
        """The counts of words (per language) and of entity keys and numbers it has seen."""
        self._init_state()
        return self.df_, self.key_df_

    def partial_fit(self, batch: Iterable[ArticleFeatures]) -> OnlineClusterer:
        """Assign every article of ``batch`` in order; decisions land in ``decisions_``."""
        self._init_state()
        for features in batch:
            self.decisions_.append(self.assign(features))
        return self

    def assign(self, a: ArticleFeatures) -> Decision:
        """Score ``a`` against its candidate stories, join the best or found a new story."""
        self._init_state()
        vector = self._count(a)
        scored = self.scored_candidates(a, vector)
        # The best story is the one clearing its own threshold by most: a cross-language
        # story is held to the plain threshold, a same-language one to the young-store one.
        best = max(scored, key=lambda s: s.margin, default=None)
        if best is not None and best.margin >= 0:
            decision = _decision(a, best.story, best.score, best.parts, len(scored), False)
            self._join(a, best.story, vector)
            return decision
        story = self._found(a, vector)
        top, parts = (best.score, best.parts) if best else (0.0, {})
        return _decision(a, story, top, parts, len(scored), new_story=True)

    def scored_candidates(self, a: ArticleFeatures, vector: dict[str, float]) -> list[Scored]:
        """Each candidate story of ``a`` with its score and margin over its threshold, in the
        candidate index's order (``vector``: ``a``'s unit TF-IDF vector, once ``a`` is counted).
        """
        candidates = self.candidates_.candidates(a, self.stories_, self.df_, self.key_df_)
        docs = self.df_.docs[a.lang]
        keys = (key_weights(a.keys, self.key_df_), key_weights(a.numbers, self.key_df_))
        background = round(self.background_.value(), 4)
        scored = []
        for story in candidates:
            parts = components(
                a,
                story,
                self.df_,
                self.key_df_,
                self.weights,
                vector,
                keys,
                background,
                self.background_.count,
            )
            score = combine(parts, self.weights)
            scored.append(
                Scored(story, score, score - threshold_for(self.weights, parts, docs), parts)
            )
        return scored

    def restore(self, a: ArticleFeatures, story_id: str) -> None:
        """Replay a stored decision without scoring, to rebuild state after a restart.

        Replaying the stored order retires the same stories as the first run did; a story
        retired here but joined in the store (another process assigned with more memory)
        comes back to life, with this article as its first.
        """
        self._init_state()
        vector = self._count(a)
        index = self.story_index_.get(story_id)
        if index is None:
            self._found(a, vector, story_id)
        else:
            self._join(a, self.stories_[index], vector)

    def _count(self, a: ArticleFeatures) -> dict[str, float]:
        """Count the article's words, keys and embedding; return its unit TF-IDF vector."""
        self.df_.add(a.lang, a.terms)
        self.background_.add(a.embedding)
        self.key_df_.add(ALL_LANGUAGES, dict.fromkeys(a.keys | a.numbers, 1.0))
        return self.df_.unit_vector(a.lang, a.terms)

    def _found(
        self, a: ArticleFeatures, vector: dict[str, float], story_id: str | None = None
    ) -> StoryState:
        story = StoryState(id=story_id or story_id_for(a.id), index=self.founded_)
        self.founded_ += 1
        self.stories_[story.index] = story
        self.story_index_[story.id] = story.index
        self._join(a, story, vector)
        while len(self.stories_) > max(self.live_stories, 1):
            self._retire()
        return story

    def _join(self, a: ArticleFeatures, story: StoryState, vector: dict[str, float]) -> None:
        story.add(a, vector)
        self.stories_.move_to_end(story.index)
        self.candidates_.update(a, story)

    def _retire(self) -> None:
        """Retire the story joined longest ago; rebuild the candidate index when due."""
        _, story = self.stories_.popitem(last=False)
        del self.story_index_[story.id]
        self.candidates_.retire(story)
        if self.candidates_.needs_compacting():
            words, keys = self.candidates_.compact(self.stories_)
            # Words and keys only retired stories used are forgotten, so the vocabulary
            # stays bounded too; should one come back, it is as rare as a new word.
            self.df_.forget(words)
            self.key_df_.forget_terms(ALL_LANGUAGES, keys)


def _decision(
    a: ArticleFeatures,
    story: StoryState,
    score: float,
    parts: dict[str, float | None],
    candidates: int,
    new_story: bool,
) -> Decision:
    shared = sorted(a.keys & story.keys.keys()) + sorted(a.numbers & story.numbers.keys())
    return Decision(
        article_id=a.id,
        story_id=story.id,
        new_story=new_story,
        score=round(score, 4),
        components={k: round(v, 4) for k, v in parts.items() if v is not None},
        candidates=candidates,
        shared=tuple(shared) if not new_story else (),
    )
