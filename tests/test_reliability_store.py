"""The store's part in sharing it between processes: the write lock, and replaying what others wrote."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.store import Batch, open_store
from test_store import _article


def test_a_batch_inside_writing_commits_whole_or_not_at_all(tmp_path: Path) -> None:
    store = open_store(str(tmp_path / "s.db"))
    with pytest.raises(RuntimeError), store.writing():
        store.write(Batch(new=[_article(1)]))
        raise RuntimeError("killed between assigning and committing")
    assert store.last_seq() == 0 and list(store.articles()) == []
    with store.writing():
        store.write(Batch(new=[_article(1), _article(2, story="s2")]))
    assert [a.id for a, _ in store.articles()] == ["a1", "a2"]


def test_replay_since_gives_only_what_came_after(tmp_path: Path) -> None:
    path = str(tmp_path / "s.db")
    mine, other = open_store(path), open_store(path)
    mine.write(Batch(new=[_article(1)]))
    seen = mine.last_seq()
    other.write(Batch(new=[_article(2, story="s2"), _article(3, story="s2")]))  # another process
    replayed = [(article.id, story) for _, article, story in mine.replay_since(seen)]
    assert replayed == [("a2", "s2"), ("a3", "s2")]
    assert mine.last_seq() == seen + 2 and list(mine.replay_since(mine.last_seq())) == []


def test_a_second_writer_waits_for_the_lock_instead_of_failing(tmp_path: Path) -> None:
    import threading

    path = str(tmp_path / "s.db")
    first = open_store(path)
    released = threading.Event()
    result: list[str] = []

    def write_when_allowed() -> None:
        second = open_store(path)  # its own connection, as another process has
        with second.writing():  # blocks on BEGIN IMMEDIATE until the first commits
            result.append("second" if released.is_set() else "too early")
            second.write(Batch(new=[_article(2, story="s2")]))
        second.close()

    with first.writing():
        first.write(Batch(new=[_article(1)]))
        waiter = threading.Thread(target=write_when_allowed)
        waiter.start()
        waiter.join(timeout=0.5)
        assert waiter.is_alive()  # still waiting, not failed with "database is locked"
        released.set()
    waiter.join(timeout=30)
    assert result == ["second"] and first.last_seq() == 2
