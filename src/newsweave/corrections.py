"""An analyst's corrections to the machine's stories — merge, move, split, undo — and each story's history.

Every correction is checked and recorded under the store's write lock, in one transaction: two
analysts, or an analyst beside a running ingest, take turns, and each sees what the other did.
A correction that cannot be made raises CorrectionError and changes nothing.

The clusterer learns corrections from the store (cluster/corrections.py): articles are kept
with the story they were put in, so replays, snapshots and migrations carry them as they are.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass

from .cluster import story_id_for
from .errors import CorrectionError
from .models import Article, Decision
from .store import Correction, Store

MACHINE = "newsweave"  # who made the stories an analyst did not touch


def merge(store: Store, story_ids: Sequence[str], by: str, why: str = "") -> Correction:
    """Merge stories into the oldest of them; the others' ids answer as aliases of it."""
    if len(story_ids) < 2:
        raise CorrectionError("merge needs two stories or more")
    with store.writing():
        resolved = [_story(store, story_id) for story_id in story_ids]
        for named, story_id in zip(story_ids, resolved, strict=True):
            if resolved.count(story_id) > 1:
                same = f" (an alias of {story_id})" if named != story_id else ""
                raise CorrectionError(
                    f"story {named!r}{same} is named twice: a story cannot be merged with itself"
                )
        survivor = min(resolved, key=lambda s: min(seq for seq, _ in store.arrivals(s).values()))
        others = [s for s in resolved if s != survivor]
        moves = tuple(
            (a.id, other, survivor) for other in others for a, _ in store.story_articles(other)
        )
        aliases = tuple((other, survivor) for other in others)
        return store.record_correction(
            Correction("merge", by, why, (survivor, *others), moves, aliases)
        )


def move(store: Store, article_id: str, to_story: str | None, by: str, why: str = "") -> Correction:
    """Move one article to ``to_story``, or (None) to a story of its own."""
    with store.writing():
        article, decision = _article(store, article_id)
        source = decision.story_id
        aliases: tuple[tuple[str, str | None], ...] = ()
        if to_story is None:
            if len(store.story_articles(source)) == 1:
                raise CorrectionError(
                    f"article {article_id!r} is alone in story {source}: it has a story of its own"
                )
            target, aliases = _new_story_id(store, article.id)
        else:
            target = _story(store, to_story)
            if target == source:
                raise CorrectionError(f"article {article_id!r} is in story {source} already")
        entry = Correction(
            "move", by, why, (target, source), ((article.id, source, target),), aliases
        )
        return store.record_correction(entry)


def split(
    store: Store, story_id: str, article_ids: Sequence[str], by: str, why: str = ""
) -> Correction:
    """Make the listed articles of a story a new story of their own."""
    if not article_ids:
        raise CorrectionError("split needs the articles that leave the story")
    with store.writing():
        source = _story(store, story_id)
        members = [a for a, _ in store.story_articles(source)]
        leaving: dict[str, Article] = {}
        for named in article_ids:
            found = next((a for a in members if named in (a.id, a.external_id)), None)
            if found is None:
                where = (
                    "no such article"
                    if store.article(named) is None
                    else f"it is not in story {source}"
                )
                raise CorrectionError(
                    f"cannot split {named!r} from {story_id!r}: {where}", missing=where[0] == "n"
                )
            leaving[found.id] = found
        if len(leaving) == len(members):
            raise CorrectionError(
                f"split would leave story {source} empty: list only the articles that leave it "
                f"({len(leaving)} listed, the story has {len(members)})"
            )
        first = min(leaving, key=lambda a: members.index(leaving[a]))
        target, aliases = _new_story_id(store, first)
        moves = tuple((a, source, target) for a in leaving)
        return store.record_correction(
            Correction("split", by, why, (target, source), moves, aliases)
        )


def undo(store: Store, entry_id: int, by: str, why: str = "") -> Correction:
    """Revert history entry ``entry_id``: its articles go back, its aliases are undone."""
    with store.writing():
        entry = store.correction(entry_id)
        if entry is None:
            raise CorrectionError(
                f"no history entry {entry_id}: `newsweave story ID` lists a story's entries",
                missing=True,
            )
        if entry.kind == "undo":
            raise CorrectionError(
                f"entry {entry_id} is itself an undo: make the correction again instead"
            )
        if entry.undone_by is not None:
            raise CorrectionError(
                f"entry {entry_id} was undone already, by entry {entry.undone_by}"
            )
        for article_id, _, to in entry.moves:
            found = store.article(article_id)
            now = found[1].story_id if found else None
            if now != to:
                raise CorrectionError(
                    f"cannot undo entry {entry_id}: article {article_id} has moved since (it is in {now}); "
                    "undo the later entries first"
                )
        moves = tuple((a, to, source) for a, source, to in entry.moves)
        sources = [source for _, source, _ in entry.moves]
        # An alias the entry made stops being one; an id the entry freed (a split giving a merged
        # story's id back) answers again for the story its articles return to.
        aliases = tuple(
            (alias, None if story else (sources[0] if sources else None))
            for alias, story in entry.aliases
        )
        return store.record_correction(
            Correction("undo", by, why, entry.stories, moves, aliases, undoes=entry.id)
        )


def _story(store: Store, story_id: str) -> str:
    found = store.resolve_story(story_id)
    if found is None:
        raise CorrectionError(
            f"no story {story_id!r}: `newsweave stories` lists them", missing=True
        )
    return found


def _article(store: Store, article_id: str) -> tuple[Article, Decision]:
    found = store.article(article_id)
    if found is None:
        raise CorrectionError(f"no article {article_id!r}", missing=True)
    return found


def _new_story_id(
    store: Store, first_article: str
) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    """An id for a story a split or move founds, and the alias it frees, if it was one.

    The id comes from its first article, as the machine's do; so splitting a merged story back
    gives the merged-away story its own id again. Should that id be a live story's (the article
    founded the story it leaves), one is derived from it instead.
    """
    candidate, attempt = story_id_for(first_article), 0
    while True:
        found = store.resolve_story(candidate)
        if found is None or found != candidate:  # free, or only an alias: take it back
            return candidate, ((candidate, None),) if found is not None else ()
        attempt += 1
        candidate = story_id_for(hashlib.sha1(f"{first_article}#{attempt}".encode()).hexdigest())


@dataclass(frozen=True)
class HistoryEvent:
    """One line of a story's history: the machine's founding and joins, and the analysts' entries."""

    kind: str  # founded | joined | merge | move | split | undo
    at: str  # ISO time, UTC
    by: str
    text: str
    why: str = ""
    article: str | None = None
    score: float | None = None
    entry: int | None = None  # the history entry's id, to undo it by
    undone_by: int | None = None


def story_history(
    store: Store, story_id: str, members: list[tuple[Article, Decision]] | None = None
) -> list[HistoryEvent]:
    """What made the story what it is, oldest first: who founded it, each join, each correction.

    ``members`` are the story's articles when the caller has read them already.
    """
    resolved = store.resolve_story(story_id) or story_id
    entries = store.corrections(resolved)
    first_story: dict[str, str] = {}  # article -> the story the machine placed it in
    for entry in entries:
        for article_id, source, _ in entry.moves:
            first_story.setdefault(article_id, source)
    arrivals = store.arrivals(resolved)
    timed: list[tuple[int, int, HistoryEvent]] = []
    for article, decision in members if members is not None else store.story_articles(resolved):
        seq, at = arrivals.get(article.id, (0, ""))
        timed.append(
            (
                seq,
                0,
                _machine_event(
                    article, decision, first_story.get(article.id, resolved), resolved, at
                ),
            )
        )
    for entry in entries:
        timed.append((entry.seq, 1, entry_event(entry)))
    return [event for _, _, event in sorted(timed, key=lambda t: (t[0], t[1], t[2].entry or 0))]


def _machine_event(
    article: Article, decision: Decision, placed_in: str, story_id: str, at: str
) -> HistoryEvent:
    elsewhere = f" (in story {placed_in})" if placed_in != story_id else ""
    if decision.new_story:
        founded = story_id_for(article.id)
        what = "founded the story" if founded == story_id else f"founded story {founded}"
        text = f"{article.id} {what}: {article.title}"
        return HistoryEvent("founded", at, MACHINE, text, article=article.id)
    text = f"{article.id} joined{elsewhere} with score {decision.score:.2f}: {article.title}"
    return HistoryEvent("joined", at, MACHINE, text, article=article.id, score=decision.score)


def entry_event(entry: Correction) -> HistoryEvent:
    moved = [a for a, _, _ in entry.moves]
    if entry.kind == "merge":
        text = f"merged {', '.join(entry.stories[1:])} into {entry.stories[0]} ({len(moved)} article(s))"
    elif entry.kind == "move":
        text = f"moved {moved[0]} from {entry.moves[0][1]} to {entry.moves[0][2]}"
    elif entry.kind == "split":
        text = f"split {len(moved)} article(s) from {entry.stories[1]} into {entry.stories[0]}: {', '.join(moved)}"
    else:
        text = f"undid entry {entry.undoes} ({len(moved)} article(s) back)"
    return HistoryEvent(
        entry.kind,
        entry.at,
        entry.by,
        text,
        why=entry.why,
        entry=entry.id,
        undone_by=entry.undone_by,
    )


def history_line(event: HistoryEvent) -> str:
    """One history event as the CLI prints it."""
    entry = f"#{event.entry} " if event.entry is not None else ""
    undone = f" [undone by #{event.undone_by}]" if event.undone_by is not None else ""
    why = f" — why: {event.why}" if event.why else ""
    return f"{event.at[:19].replace('T', ' ')}  {entry}{event.kind} by {event.by}: {event.text}{why}{undone}"


def history_dict(event: HistoryEvent) -> dict[str, object]:
    """One history event as JSON (story --json, export stories)."""
    return {
        "kind": event.kind,
        "at": event.at,
        "by": event.by,
        "text": event.text,
        "why": event.why,
        "article": event.article,
        "score": event.score,
        "entry": event.entry,
        "undone_by": event.undone_by,
    }
