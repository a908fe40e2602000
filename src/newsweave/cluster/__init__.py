"""Online clustering of articles into stories, and the scores that explain each decision."""

from . import snapshot
from .corrections import apply_corrections, latest_entry
from .features import ArticleFeatures, StoryState, article_features
from .lexical import ALL_LANGUAGES, DocumentFrequencies
from .online import OnlineClusterer, story_id_for
from .pairs import PairWeights, char_grams, embed_articles, pair_score, sparse_cosine
from .scoring import Weights, components, time_note

__all__ = [
    "ALL_LANGUAGES",
    "ArticleFeatures",
    "DocumentFrequencies",
    "OnlineClusterer",
    "PairWeights",
    "StoryState",
    "Weights",
    "apply_corrections",
    "article_features",
    "char_grams",
    "components",
    "embed_articles",
    "latest_entry",
    "pair_score",
    "snapshot",
    "sparse_cosine",
    "story_id_for",
    "time_note",
]
