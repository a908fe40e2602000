"""The clusterer learns an analyst's corrections: the stories they touched are rebuilt from the store.

The store keeps each article with the story an analyst put it in, so a replay from scratch
already reflects every correction: a merged story's articles are summed into one story, a
split story's into two. A clusterer that is running (an ingest beside the analyst, the API's
writer) or was restored from a snapshot taken before a correction catches up here instead:
each story a newer history entry touched is rebuilt from the articles the store now gives it
— a story merged away or emptied is dropped, a story a split founded is made. From then on a
follow-up close to a moved article meets it in the story it was moved to; stories split apart
are two stories the clusterer never merges (it only ever adds an article to one story); and
articles merged by hand are one story's sums, which a newcomer joins or not as a whole.

A rebuilt story's word vectors use the word rarities of now, not of each article's arrival as
a replay would: the two differ a little, never in which articles a story holds.
"""

from __future__ import annotations

from collections.abc import Callable

from ..models import Article
from ..store import CorrectionLog, Store
from .features import ArticleFeatures, StoryState
from .online import OnlineClusterer


def latest_entry(store: CorrectionLog) -> int:
    """The id of the store's newest history entry (0 when it has none)."""
    entries = store.corrections()
    return entries[-1].id if entries else 0


def apply_corrections(
    clusterer: OnlineClusterer, store: Store, features_of: Callable[[Article], ArticleFeatures]
) -> int:
    """Rebuild the stories that history entries newer than the clusterer's touched; returns how many entries.

    Call it with every stored article taken in (after a catch-up, under the write lock), so the
    stories rebuilt hold exactly what the store holds.
    """
    clusterer.partial_fit([])
    entries = store.corrections(after=clusterer.corrections_seen_)
    if not entries:
        return 0
    for story_id in dict.fromkeys(story for entry in entries for story in entry.stories):
        # A merged-away id follows its alias to the surviving story: it is no story of its own.
        live = store.resolve_story(story_id) == story_id
        members = (
            [features_of(article) for article, _ in store.story_articles(story_id)] if live else []
        )
        rebuild_story(clusterer, story_id, members)
    clusterer.corrections_seen_ = entries[-1].id
    return len(entries)


def rebuild_story(
    clusterer: OnlineClusterer, story_id: str, members: list[ArticleFeatures]
) -> None:
    """Make ``story_id`` the sum of ``members`` (in arrival order); drop it when there are none.

    The rebuilt story takes a new index: the candidate index's postings and graph labels of
    the old one point to a story no longer live, which candidate lookups pass over, as they
    do a retired story's.
    """
    index = clusterer.story_index_.pop(story_id, None)
    if index is not None:
        clusterer.candidates_.retire(clusterer.stories_.pop(index))
    if not members:
        return
    story = StoryState(id=story_id, index=clusterer.founded_)
    clusterer.founded_ += 1
    clusterer.stories_[story.index] = story
    clusterer.story_index_[story_id] = story.index
    for features in members:
        story.add(features, clusterer.df_.unit_vector(features.lang, features.terms))
        clusterer.candidates_.update(features, story)
