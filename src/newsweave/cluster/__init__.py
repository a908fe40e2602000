"""Online clustering of articles into stories, and the scores that explain each decision."""

from .features import ArticleFeatures, StoryState, article_features
from .online import OnlineClusterer, story_id_for
from .scoring import Weights

__all__ = [
    "ArticleFeatures",
    "OnlineClusterer",
    "StoryState",
    "Weights",
    "article_features",
    "story_id_for",
]
