"""An analyst's corrections: merge, move, split, undo — kept in a history, lasting, and learned from."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from conftest import SAMPLE
from newsweave import corrections
from newsweave.cluster import snapshot
from newsweave.config import Settings
from newsweave.corrections import story_history
from newsweave.errors import CorrectionError
from newsweave.pipeline import Pipeline
from newsweave.store import Store
from reliability_helpers import cli_command, cli_env

SAMPLE_FILES = sorted(str(p) for p in (SAMPLE / "articles").iterdir())
# A later report of the seeds' gala, written for this test (not a data set text).
LATER_GALA = (
    "Kim Jong Un wept at a gala in Pyongyang for North Korean soldiers killed fighting for Russia\n"
    "North Korean leader Kim Jong Un was shown in tears at a gala honouring the soldiers North Korea sent "
    "to fight for Russia in Ukraine, as state media broadcast pictures of him draping national flags over "
    "the coffins of dead soldiers. About 12,000 North Korean troops were sent to Russia, and 6,000 more "
    "soldiers are to follow, according to the reports of the ceremony.\n"
)


def _story_of(store: Store, article_id: str) -> str:
    found = store.article(article_id)
    assert found is not None
    return found[1].story_id


def _sizes(pipeline: Pipeline) -> dict[str, int]:
    """Live story id -> articles summed in it, as the clusterer holds them."""
    return {s.id: s.size for s in pipeline.load_clusterer().stories_.values()}


def test_seeds_merge_lasts_through_reingest_and_restart_and_a_split_teaches(
    real_pipeline: Pipeline,
    seeds: Path,
    db_path: str,
    use_embedder,
    tmp_path: Path,  # type: ignore[no-untyped-def]
) -> None:
    """Done-means 1: merge the two seed stories, re-ingest, restart; split back; a later gala article."""
    real_pipeline.ingest([str(seeds)])
    store = real_pipeline.store
    by_file = {Path(a.origin).name[:3]: a.id for a, _ in store.articles()}
    gala, summit = _story_of(store, by_file["000"]), _story_of(store, by_file["002"])
    assert gala != summit

    entry = corrections.merge(store, [summit, gala], "analyst", "one beat")
    assert entry.stories == (gala, summit)  # the oldest survives
    real_pipeline.ingest([str(seeds)])  # re-ingest: duplicates, nothing moves
    restarted = Pipeline(Settings(db=db_path), embedder=use_embedder)
    assert [(s.id, s.articles) for s in restarted.store.stories()] == [(gala, 5)]
    assert restarted.store.resolve_story(summit) == gala  # the merged id answers as an alias
    assert len(restarted.store.story_articles(summit)) == 5
    assert _sizes(restarted) == {gala: 5}  # the clusterer holds one story of five

    summit_articles = [by_file["002"], by_file["003"], by_file["004"]]
    split = corrections.split(
        restarted.store, gala, summit_articles, "analyst", "two events after all"
    )
    assert split.stories == (summit, gala)  # the summit story gets its own id back
    later = tmp_path / "later_gala.txt"
    later.write_text(LATER_GALA, encoding="utf-8")
    restarted.ingest([str(later)])  # the running clusterer learns the split before assigning
    joined = [a.id for a, _ in restarted.store.story_articles(gala)]
    assert len(joined) == 3 and by_file["000"] in joined and by_file["001"] in joined
    assert sorted(a.id for a, _ in restarted.store.story_articles(summit)) == sorted(
        summit_articles
    )
    assert _sizes(restarted) == {
        gala: 3,
        summit: 3,
    }  # the running clusterer holds the two stories again

    kinds = [e.kind for e in story_history(restarted.store, gala)]
    assert kinds[0] == "founded" and "merge" in kinds and "split" in kinds and kinds[-1] == "joined"


def _sample_store(tmp_path: Path, **settings: object) -> Pipeline:
    pipeline = Pipeline(Settings(db=str(tmp_path / "store.db"), embedder="hashing", **settings))  # type: ignore[arg-type]
    pipeline.ingest(SAMPLE_FILES)
    return pipeline


def _two_stories(store: Store) -> tuple[str, str]:
    big = [s.id for s in store.stories() if s.articles >= 2]
    assert len(big) >= 2
    return big[0], big[1]


def test_a_snapshot_taken_before_a_correction_learns_it_on_reload(tmp_path: Path) -> None:
    first = _sample_store(tmp_path, snapshot_every=1)
    assert (
        first.store.load_snapshot(snapshot.fingerprint(first.load_clusterer(), "hashing"))
        is not None
    )
    one, two = _two_stories(first.store)
    moved = first.store.story_articles(two)[-1][0].id
    corrections.move(first.store, moved, one, "analyst")
    split_off = first.store.story_articles(one)[0][0].id
    corrections.split(first.store, one, [split_off], "analyst")

    from_snapshot = Pipeline(
        Settings(db=str(tmp_path / "store.db"), embedder="hashing", snapshot_every=1)
    )
    held = _sizes(from_snapshot)
    stored = {s.id: s.articles for s in from_snapshot.store.stories()}
    assert {k: held[k] for k in stored} == stored  # every story as the store now holds it
    # ... as a replay from scratch makes them.
    from_snapshot.store.save_snapshot(0, "none", b"")
    replayed = Pipeline(Settings(db=str(tmp_path / "store.db"), embedder="hashing"))
    assert _sizes(replayed) == {k: v for k, v in held.items() if k in stored}


def test_a_follow_up_close_to_a_moved_article_joins_the_story_it_was_moved_to(
    tmp_path: Path,
) -> None:
    pipeline = _sample_store(tmp_path)
    _, two = _two_stories(pipeline.store)
    article = pipeline.store.story_articles(two)[-1][0]
    corrections.move(
        pipeline.store, article.id, None, "analyst", "a different event"
    )  # a story of its own
    own = _story_of(pipeline.store, article.id)
    follow_up = tmp_path / "follow_up.txt"
    follow_up.write_text(
        f"{article.title}\n{article.text}\nUpdated with one more line.\n", encoding="utf-8"
    )
    pipeline.ingest([str(follow_up)])
    newest = list(pipeline.store.articles())[-1]
    assert newest[0].origin == str(follow_up) and newest[1].story_id == own


def test_undo_puts_back_the_articles_and_the_ids(tmp_path: Path) -> None:
    pipeline = _sample_store(tmp_path)
    store = pipeline.store
    one, two = _two_stories(store)
    before = {a.id: d.story_id for a, d in store.articles()}
    merged = corrections.merge(store, [one, two], "ana", "same flood")
    assert store.resolve_story(merged.stories[1]) == merged.stories[0]
    undone = corrections.undo(store, merged.id, "bea", "no: two floods")
    assert {a.id: d.story_id for a, d in store.articles()} == before
    assert store.resolve_story(merged.stories[1]) == merged.stories[1]  # its own id again
    assert store.correction(merged.id).undone_by == undone.id  # type: ignore[union-attr]
    with pytest.raises(CorrectionError, match="undone already"):
        corrections.undo(store, merged.id, "ana")
    history = story_history(store, one)
    assert [(e.kind, e.by, e.why) for e in history if e.entry] == [
        ("merge", "ana", "same flood"),
        ("undo", "bea", "no: two floods"),
    ]


@pytest.mark.parametrize(
    "bad, message",
    [
        (
            lambda s, one, two: corrections.merge(s, [one, "s000000000000"], "a"),
            "no story 's000000000000'",
        ),
        (lambda s, one, two: corrections.merge(s, [one, one], "a"), "cannot be merged with itself"),
        (
            lambda s, one, two: corrections.split(
                s, one, [a.id for a, _ in s.story_articles(one)], "a"
            ),
            "leave story .* empty",
        ),
        (
            lambda s, one, two: corrections.split(s, one, [s.story_articles(two)[0][0].id], "a"),
            "is not in story",
        ),
        (lambda s, one, two: corrections.move(s, "nope", one, "a"), "no article 'nope'"),
        (
            lambda s, one, two: corrections.move(s, s.story_articles(one)[0][0].id, one, "a"),
            "already",
        ),
        (lambda s, one, two: corrections.undo(s, 42, "a"), "no history entry 42"),
    ],
)
def test_a_bad_correction_says_why_and_changes_nothing(tmp_path: Path, bad, message: str) -> None:  # type: ignore[no-untyped-def]
    store = _sample_store(tmp_path).store
    one, two = _two_stories(store)
    before = {a.id: d.story_id for a, d in store.articles()}
    with pytest.raises(CorrectionError, match=message):
        bad(store, one, two)
    assert {a.id: d.story_id for a, d in store.articles()} == before
    assert store.corrections() == []


def test_the_cli_corrects_shows_the_history_and_exports_it(tmp_path: Path) -> None:
    pipeline = _sample_store(tmp_path)
    one, two = _two_stories(pipeline.store)
    db = tmp_path / "store.db"

    def run(*args: str) -> subprocess.CompletedProcess[str]:
        return subprocess.run(
            cli_command(db, *args), env=cli_env(), capture_output=True, text=True, timeout=300
        )

    merged = run("merge", one, two, "--why", "same storm")
    assert (
        merged.returncode == 0
        and "#1 merged" in merged.stdout
        and "newsweave undo 1" in merged.stdout
    )
    survivor = pipeline.store.resolve_story(two)
    shown = run("story", two)  # the alias answers
    assert shown.returncode == 0 and f"story {survivor}" in shown.stdout
    assert (
        "#1 merge by" in shown.stdout
        and "why: same storm" in shown.stdout
        and "founded" in shown.stdout
    )
    exported = run("export", "stories")
    assert '"kind": "merge"' in exported.stdout and '"why": "same storm"' in exported.stdout
    again = run("merge", one, two)
    assert again.returncode == 1 and again.stderr.startswith("error: ") and "itself" in again.stderr
    usage = run("move", "x")
    assert usage.returncode == 2 and "--new" in usage.stderr
    assert run("undo", "1").returncode == 0
    assert (
        len(pipeline.store.story_articles(one)) >= 2
        and len(pipeline.store.story_articles(two)) >= 2
    )


def test_stories_split_apart_stay_apart_as_reports_of_both_arrive(tmp_path: Path) -> None:
    """A cannot-link: the machine never puts a split story's halves back together."""
    pipeline = _sample_store(tmp_path)
    biggest = max(pipeline.store.stories(), key=lambda s: s.articles)
    members = [a for a, _ in pipeline.store.story_articles(biggest.id)]
    leaving = [a.id for a in members[len(members) // 2 :]]
    split = corrections.split(pipeline.store, biggest.id, leaving, "analyst", "two events")
    halves = {
        split.stories[0]: set(leaving),
        split.stories[1]: {a.id for a in members} - set(leaving),
    }

    follow_ups = []
    for n, article in enumerate(members):  # a later report close to each article, of both halves
        path = tmp_path / f"follow_up_{n}.txt"
        path.write_text(f"{article.title}\n{article.text}\nA later update.\n", encoding="utf-8")
        follow_ups.append(str(path))
    pipeline.ingest(follow_ups)
    for story_id, held in halves.items():
        assert held <= {a.id for a, _ in pipeline.store.story_articles(story_id)}
    assert len(pipeline.store.corrections()) == 1  # no article moved but by the analyst

    replayed = Pipeline(Settings(db=str(tmp_path / "store.db"), embedder="hashing"))
    held_by_clusterer = _sizes(replayed)
    for story_id in halves:
        assert held_by_clusterer[story_id] == len(replayed.store.story_articles(story_id))
