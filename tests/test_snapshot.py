"""The clusterer's snapshot: a restart from it continues exactly as one uninterrupted run."""

from __future__ import annotations

from pathlib import Path

import pytest

from conftest import SAMPLE
from newsweave.cluster import OnlineClusterer, candidates, snapshot
from newsweave.config import Settings
from newsweave.pipeline import Pipeline
from test_live_stories import DIM, _stream

FILES = sorted(str(p) for p in (SAMPLE / "articles").iterdir())


def _settings(db: Path, **changes: object) -> Settings:
    return Settings(db=str(db), embedder="hashing", batch_size=4, **changes)  # type: ignore[arg-type]


def _stories(pipeline: Pipeline) -> dict[str, tuple[str, float]]:
    return {a.id: (d.story_id, d.score) for a, d in pipeline.store.articles()}


def _replayed_from(pipeline: Pipeline) -> list[int]:
    """Watch which arrival numbers the store is asked to replay from."""
    asked: list[int] = []
    replay = pipeline.store.replay_since

    def watched(seq: int):  # type: ignore[no-untyped-def]
        asked.append(seq)
        return replay(seq)

    pipeline.store.replay_since = watched  # type: ignore[method-assign]
    return asked


@pytest.fixture
def one_run(tmp_path: Path) -> dict[str, tuple[str, float]]:
    pipeline = Pipeline(_settings(tmp_path / "one.db"))
    pipeline.ingest(FILES)
    return _stories(pipeline)


def test_a_restart_from_the_snapshot_makes_the_stories_of_one_run(tmp_path: Path, one_run) -> None:  # type: ignore[no-untyped-def]
    first = Pipeline(_settings(tmp_path / "two.db", snapshot_every=3))
    first.ingest(FILES[:10])
    kept = first.store.load_snapshot(snapshot.fingerprint(first.load_clusterer(), "hashing"))
    assert kept is not None and kept[0] > 0

    second = Pipeline(_settings(tmp_path / "two.db", snapshot_every=3))
    asked = _replayed_from(second)
    summary = second.ingest(FILES[10:])
    assert asked and asked[0] == kept[0]  # only what came after the snapshot was replayed
    assert not summary.notes or not any("snapshot" in note for note in summary.notes)
    assert _stories(second) == one_run


def test_a_damaged_snapshot_is_set_aside_and_the_store_replayed(tmp_path: Path, one_run) -> None:  # type: ignore[no-untyped-def]
    first = Pipeline(_settings(tmp_path / "two.db"))
    first.ingest(FILES[:10])
    fingerprint = snapshot.fingerprint(first.load_clusterer(), "hashing")
    first.store.save_snapshot(first.store.last_seq(), fingerprint, b"\x93not a clusterer state")

    second = Pipeline(_settings(tmp_path / "two.db"))
    asked = _replayed_from(second)
    summary = second.ingest(FILES[10:])
    assert asked[0] == 0
    assert any("snapshot could not be read" in note for note in summary.notes)
    assert _stories(second) == one_run


def test_a_snapshot_made_under_other_settings_is_not_used(tmp_path: Path) -> None:
    first = Pipeline(_settings(tmp_path / "s.db", snapshot_every=3))
    first.ingest(FILES[:10])
    other = Pipeline(_settings(tmp_path / "s.db", live_stories=5))
    asked = _replayed_from(other)
    other.load_clusterer()
    assert asked == [0]


def test_a_dumped_and_loaded_clusterer_assigns_as_the_original(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Through retirements and rebuilds of the ANN graph, the loaded state decides alike."""
    monkeypatch.setattr(candidates, "_SLACK_LABELS", 0)
    stream = _stream(40)
    one_run = OnlineClusterer(dim=DIM, live_stories=3).partial_fit(stream).decisions_
    half = len(stream) // 2
    original = OnlineClusterer(dim=DIM, live_stories=3).partial_fit(stream[:half])
    loaded = OnlineClusterer(dim=DIM, live_stories=3)
    snapshot.load(snapshot.dump(original), loaded)
    assert loaded.retired_ > 0
    assert [loaded.assign(features) for features in stream[half:]] == one_run[half:]


def test_a_snapshot_of_an_older_format_is_set_aside_and_the_store_replayed_once(
    tmp_path: Path, one_run, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(snapshot, "FORMAT", snapshot.FORMAT - 1)
    first = Pipeline(_settings(tmp_path / "two.db", snapshot_every=3))
    first.ingest(FILES[:10])
    monkeypatch.undo()

    second = Pipeline(_settings(tmp_path / "two.db", snapshot_every=3))
    asked = _replayed_from(second)
    summary = second.ingest(FILES[10:])
    assert asked[0] == 0  # the older snapshot is not read: every article replayed
    assert not any("snapshot" in note for note in summary.notes)
    assert _stories(second) == one_run

    third = Pipeline(_settings(tmp_path / "two.db", snapshot_every=3))
    asked = _replayed_from(third)
    third.load_clusterer()
    assert asked and asked[0] > 0  # the snapshot of this format made by the replay is used
