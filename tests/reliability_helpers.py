"""Shared by the kill and concurrency tests: gva-dev slices, the CLI as a process, store contents."""

from __future__ import annotations

import itertools
import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import REPO, SHARED

GVA = SHARED / "datasets" / "gva-dev.jsonl"


def gva_records(start: int, stop: int) -> list[str]:
    """Lines ``start:stop`` of gva-dev.jsonl (skips the test when the data set is absent)."""
    if not GVA.is_file():
        pytest.skip("../shared/datasets/gva-dev.jsonl is not present")
    with GVA.open(encoding="utf-8") as stream:
        return [line for number, line in enumerate(stream) if start <= number < stop]


def write_lines(path: Path, lines: list[str]) -> Path:
    path.write_text(
        "".join(line if line.endswith("\n") else line + "\n" for line in lines), encoding="utf-8"
    )
    return path


def cli_command(db: Path, *args: str) -> list[str]:
    """``python -m newsweave --db DB --embedder hashing ARGS`` with this checkout's code."""
    return [sys.executable, "-m", "newsweave", "--db", str(db), "--embedder", "hashing", *args]


def cli_env() -> dict[str, str]:
    env = dict(os.environ)
    env["PYTHONPATH"] = str(REPO / "src") + os.pathsep + env.get("PYTHONPATH", "")
    env.pop("NEWSWEAVE_DB", None)
    return env


def run_cli(db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        cli_command(db, *args), env=cli_env(), capture_output=True, text=True, timeout=600
    )


def stored(db: Path) -> dict[str, str]:
    """Article id -> story id, for every stored article."""
    with sqlite3.connect(db) as connection:
        return dict(connection.execute("SELECT id, story_id FROM articles"))


def article_count(db: Path) -> int:
    """Stored articles (0 while the store does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(db, timeout=30) as connection:
            return int(connection.execute("SELECT COUNT(*) FROM articles").fetchone()[0])
    except sqlite3.OperationalError:  # schema not created yet
        return 0


def partition(assignment: dict[str, str]) -> set[frozenset[str]]:
    """Stories as sets of article ids: equal partitions mean the same stories, whatever their ids."""
    groups: dict[str, set[str]] = {}
    for article_id, story_id in assignment.items():
        groups.setdefault(story_id, set()).add(article_id)
    return {frozenset(group) for group in groups.values()}


def exported_ids(db: Path) -> list[str]:
    """The ``id`` of every exported article record (aliases included), sorted."""
    done = run_cli(db, "export", "articles")
    assert done.returncode == 0, done.stderr
    return sorted(json.loads(line)["id"] for line in done.stdout.splitlines())


def ingest_timing_commits(db: Path, source: Path) -> float:
    """Run ``newsweave ingest source`` into ``db`` to the end; return the median time between
    two commits (how long one batch takes on this machine, startup excluded).

    Kill tests draw their delays from this, so a kill lands mid-run on a fast machine as on a
    slow one instead of after the run has ended."""
    process = subprocess.Popen(
        cli_command(db, "ingest", "-q", str(source)),
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    commits: list[float] = []
    last = 0
    while process.poll() is None:
        count = article_count(db)
        if count != last:
            commits.append(time.perf_counter())
            last = count
        time.sleep(0.01)
    _, errors = process.communicate(timeout=60)
    assert process.returncode == 0, errors
    gaps = sorted(later - earlier for earlier, later in itertools.pairwise(commits))
    return max(gaps[len(gaps) // 2] if gaps else 0.1, 0.02)


def kill_ingest_once_stored(db: Path, source: Path, stored_at_least: int, delay: float) -> int:
    """Start ``newsweave ingest source`` into ``db``; SIGKILL it ``delay`` s after ``db`` holds
    ``stored_at_least`` articles (or when it ends by itself). Returns the articles stored then."""
    process = subprocess.Popen(
        cli_command(db, "ingest", "-q", str(source)),
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while process.poll() is None and article_count(db) < stored_at_least:
        time.sleep(0.02)
    time.sleep(delay)  # mid-reading, mid-embedding or mid-commit, wherever it falls
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=60)
    return article_count(db)
