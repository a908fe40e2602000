"""Corrections on both backends: beside a running ingest, two at once through the API, across `migrate`."""

from __future__ import annotations

import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from conftest import SAMPLE
from newsweave import corrections
from newsweave.config import Settings
from newsweave.corrections import story_history
from newsweave.pipeline import Pipeline
from newsweave.store import Store, open_store
from newsweave.web import create_app
from reliability_helpers import cli_command, cli_env, gva_records, run_cli, write_lines

SAMPLE_FILES = sorted(str(p) for p in (SAMPLE / "articles").iterdir())
TOKEN = "corrections-token"


@pytest.fixture(params=["sqlite", "postgres"])
def location(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[str]:
    """An empty store of each backend: an SQLite path or a PostgreSQL URL."""
    if request.param == "sqlite":
        yield str(tmp_path / "store.db")
    else:
        yield request.getfixturevalue("postgres_url")


def _placement(store: Store) -> dict[str, str]:
    return {a.id: d.story_id for a, d in store.articles()}


def _history_replays_to(store: Store, before: dict[str, str]) -> None:
    """One consistent history: its entries, applied in order to ``before``, give the store's stories."""
    state = dict(before)
    for entry in store.corrections():
        for article, source, target in entry.moves:
            if (
                article in state
            ):  # articles stored after the snapshot ``before`` was taken join it below
                assert state[article] == source, (entry, article)
            state[article] = target
    now = _placement(store)
    assert {a: s for a, s in now.items() if a in state} == state


def _two_stories(store: Store) -> tuple[str, str]:
    big = [s.id for s in store.stories() if s.articles >= 2]
    assert len(big) >= 2
    return big[0], big[1]


def test_a_cli_correction_during_an_ingest_loses_nothing(location: str, tmp_path: Path) -> None:
    records = gva_records(0, 500)
    first = write_lines(tmp_path / "first.jsonl", records[:100])
    rest = write_lines(tmp_path / "rest.jsonl", records[100:])
    db = Path(location) if "://" not in location else location
    assert run_cli(db, "ingest", "-q", str(first)).returncode == 0  # type: ignore[arg-type]
    store = open_store(location)
    one, two = _two_stories(store)
    before = _placement(store)

    writer = subprocess.Popen(
        cli_command(db, "ingest", "-q", str(rest)),
        env=cli_env(),  # type: ignore[arg-type]
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    while store.last_seq() <= 110 and writer.poll() is None:
        time.sleep(0.05)
    ingesting = writer.poll() is None
    merged = run_cli(db, "merge", one, two, "--why", "during an ingest")  # type: ignore[arg-type]
    _, err = writer.communicate(timeout=600)
    assert ingesting, "the ingest ended before the correction: make it longer"
    assert writer.returncode == 0 and "locked" not in err, err
    assert merged.returncode == 0, merged.stderr

    entry = store.corrections()[0]
    survivor, gone = entry.stories[0], entry.stories[1]
    assert store.resolve_story(gone) == survivor
    # The running ingest learned the merge: no later article went to the story merged away.
    assert [a for a, s in _placement(store).items() if s == gone] == []
    _history_replays_to(store, before)
    alone = tmp_path / "alone.db"  # nothing lost: the same articles as one ingest of everything
    assert (
        run_cli(alone, "ingest", "-q", str(write_lines(tmp_path / "all.jsonl", records))).returncode
        == 0
    )
    assert sorted(_placement(store)) == sorted(_placement(open_store(str(alone))))


def test_two_api_corrections_at_once_leave_one_consistent_history(location: str) -> None:
    settings = Settings(db=location, embedder="hashing")
    Pipeline(settings).ingest(SAMPLE_FILES)
    store = open_store(location)
    one, two = _two_stories(store)
    before = _placement(store)
    leaving = store.story_articles(two)[-1][0].id
    auth = {"Authorization": f"Bearer {TOKEN}"}
    requests = [
        (f"/api/stories/{one}/merge", {"stories": [two], "why": "same event"}),
        (f"/api/stories/{two}/split", {"articles": [leaving], "why": "another event"}),
    ]
    answers: list[int] = []
    start = threading.Barrier(len(requests))
    with TestClient(create_app(settings, token=TOKEN)) as client:

        def post(path: str, body: dict[str, object]) -> None:
            start.wait()
            answers.append(client.post(path, json=body, headers=auth).status_code)

        threads = [threading.Thread(target=post, args=request) for request in requests]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join(timeout=120)
        assert answers == [200, 200]  # either order makes sense: both are made, one after the other
        assert len(store.corrections()) == 2
        _history_replays_to(store, before)
        merged = store.resolve_story(two)
        assert merged == store.resolve_story(one) and leaving not in {
            a.id for a, _ in store.story_articles(merged)
        }
        detail = client.get(f"/api/stories/{two}").json()  # the alias answers, with the history
        assert detail["id"] == merged and "merge" in [h["kind"] for h in detail["history"]]


def test_migrate_carries_corrections_to_postgresql(tmp_path: Path, postgres_url: str) -> None:
    from newsweave.store.to_postgres import migrate

    source = str(tmp_path / "store.db")
    pipeline = Pipeline(Settings(db=source, embedder="hashing"))
    pipeline.ingest(SAMPLE_FILES)
    one, two = _two_stories(pipeline.store)
    merged = corrections.merge(pipeline.store, [one, two], "ana", "one flood")
    leaving = pipeline.store.story_articles(merged.stories[0])[-1][0].id
    moved = corrections.move(pipeline.store, leaving, None, "ana", "its own")
    migrate(source, postgres_url)

    target = Pipeline(Settings(db=postgres_url, embedder="hashing"))
    assert _placement(target.store) == _placement(pipeline.store)
    assert target.store.resolve_story(merged.stories[1]) == merged.stories[0]
    assert story_history(target.store, merged.stories[0]) == story_history(
        pipeline.store, merged.stories[0]
    )
    held = {s.id: s.size for s in target.load_clusterer().stories_.values()}
    assert {s.id: s.articles for s in target.store.stories()} == held

    corrections.undo(
        pipeline.store, moved.id, "bea"
    )  # undone after the first migration, the later first
    corrections.undo(pipeline.store, merged.id, "bea")
    migrate(source, postgres_url)
    assert target.store.resolve_story(merged.stories[1]) == merged.stories[1]
    assert _placement(target.store) == _placement(pipeline.store)
    assert target.store.correction(merged.id).undone_by is not None  # type: ignore[union-attr]
