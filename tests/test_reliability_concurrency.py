"""Two ``newsweave ingest`` processes on one SQLite store, with CLI and API reads in a loop while they write.

What a user must see: no "database is locked", every article stored once, and stories as if
the articles had arrived one after another. Each writer catches up on the other's commits
under the write lock before it assigns a batch (Pipeline.commit), so the store's arrival
order is a serial order: ingesting the same records in that order in one process must give
the same stories, under the same ids.
"""

from __future__ import annotations

import json
import multiprocessing
import sqlite3
import subprocess
import time
from pathlib import Path
from typing import Any

from reliability_helpers import (
    cli_command,
    cli_env,
    gva_records,
    partition,
    run_cli,
    stored,
    write_lines,
)


def test_two_writers_and_readers_share_a_store(tmp_path: Path) -> None:
    records = gva_records(0, 300)
    # Overlapping halves: records 100-199 are ingested by both processes at about the same time.
    first = write_lines(tmp_path / "first.jsonl", records[:200])
    second = write_lines(tmp_path / "second.jsonl", records[100:])
    db = tmp_path / "shared.db"
    from fastapi.testclient import TestClient

    from newsweave.config import Settings
    from newsweave.store import open_store
    from newsweave.web import create_app

    open_store(
        str(db)
    ).close()  # the store exists from here on: a read of a missing store is an error
    api = TestClient(create_app(Settings(db=str(db), embedder="hashing")))
    api_reads: list[int] = []
    writers = [
        subprocess.Popen(
            cli_command(db, "ingest", "-q", str(path)),
            env=cli_env(),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for path in (first, second)
    ]
    reads: list[subprocess.CompletedProcess[str]] = []
    during_writes = 0
    while any(w.poll() is None for w in writers):
        during_writes += 1
        reads.append(run_cli(db, "stories", "--json", "--limit", "5"))
        reads.append(run_cli(db, "export", "stories"))
        api_reads.append(api.get("/api/stories", params={"limit": 5}).status_code)
        api_reads.append(
            api.get("/api/search", params={"q": "shooting", "mode": "text"}).status_code
        )
        time.sleep(0.05)
    outputs = [w.communicate(timeout=600) for w in writers]

    for writer, (_, err) in zip(writers, outputs, strict=True):
        assert writer.returncode == 0 and "locked" not in err, err
    for read in reads:
        assert read.returncode == 0 and "locked" not in read.stderr, read.stderr
    assert during_writes >= 1  # the writers take ~10 s; a read round ~2 s
    assert api_reads and set(api_reads) == {200}  # the API read the store while it was written

    # Nothing lost, nothing stored twice: the same articles as one process reading all 300.
    alone = tmp_path / "alone.db"
    assert (
        run_cli(
            alone, "ingest", "-q", write_lines(tmp_path / "all.jsonl", records).as_posix()
        ).returncode
        == 0
    )
    together = stored(db)
    assert sorted(together) == sorted(stored(alone))

    # The same stories as one process ingesting the records in the order the store took them.
    by_id = {json.loads(line)["id"]: line for line in records}
    with sqlite3.connect(db) as connection:
        order = [
            row[0] for row in connection.execute("SELECT external_id FROM articles ORDER BY seq")
        ]
    serial = tmp_path / "serial.db"
    replayed = write_lines(tmp_path / "serial.jsonl", [by_id[external] for external in order])
    assert run_cli(serial, "ingest", "-q", str(replayed)).returncode == 0
    assert partition(together) == partition(stored(serial))
    assert together == stored(serial)


def _open_when_released(path: str, barrier: Any) -> str:
    from newsweave.store.sqlite import SQLiteStore

    barrier.wait()
    try:
        SQLiteStore(path).close()
    except Exception as exc:
        return f"{type(exc).__name__}: {exc}"
    return "ok"


def test_processes_opening_a_new_store_together_all_succeed(tmp_path: Path) -> None:
    """Before the fix, 7 of 15 pairs failed: "table articles already exists" or "database is locked"."""
    context = multiprocessing.get_context("fork")
    answers = []
    with context.Manager() as manager, context.Pool(4) as pool:
        for trial in range(25):
            barrier = manager.Barrier(4)
            path = str(tmp_path / f"{trial}.db")
            answers += pool.starmap(_open_when_released, [(path, barrier)] * 4)
    assert set(answers) == {"ok"}, [a for a in answers if a != "ok"]
