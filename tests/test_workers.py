"""`ingest --workers` / `--scheduler`: the per-article stages on a real Dask cluster, the stories unchanged."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.config import Settings
from newsweave.ingest import input_units, read_inputs
from newsweave.models import Rejection
from newsweave.parallel import open_cluster
from newsweave.pipeline import Pipeline

distributed = pytest.importorskip(
    "distributed", reason="the cluster extra: pip install 'newsweave[cluster]'"
)

HERE = Path(__file__).parent
SRC = HERE.parent / "src"
CORPUS = [str(SRC / "newsweave" / "sample" / "articles"), str(HERE / "fixtures" / "ingest")]
DASK = str(Path(sys.executable).parent / "dask")  # the command a user runs, from this environment


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["--db", db, "--embedder", "hashing", *args], catch_exceptions=False
    )
    assert result.exit_code == (
        3 if "ingest" in args and "rejected 0" not in result.output else 0
    ), result.output  # 3: some rejected
    return result.stdout


def _stories(db: str) -> tuple[list[str], list[str]]:
    """The story list and every exported article line with its story, as the CLI prints them."""
    return _run(db, "stories", "--json").splitlines(), _run(db, "export", "articles").splitlines()


def test_units_read_one_by_one_give_what_the_whole_run_reads(tmp_path: Path) -> None:
    paths = [*CORPUS, str(tmp_path / "missing.txt")]
    whole = list(read_inputs(paths))
    units = list(input_units(paths))
    one_by_one = [
        found for u in units for found in ([u] if isinstance(u, Rejection) else read_inputs([u]))
    ]
    assert len(units) > 20 and one_by_one == whole


@pytest.fixture
def scheduler(tmp_path: Path) -> Iterator[str]:
    """A Dask scheduler and two workers, each its own process on localhost, started as README says."""
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    address = f"tcp://127.0.0.1:{port}"
    env = {
        **os.environ,
        "PYTHONPATH": os.pathsep.join([str(SRC), os.environ.get("PYTHONPATH", "")]),
    }
    common = ["--no-dashboard", "--host", "127.0.0.1"]
    processes = [
        subprocess.Popen(
            [DASK, "scheduler", "--port", str(port), *common],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    ]
    processes += [
        subprocess.Popen(
            [
                DASK,
                "worker",
                address,
                "--nthreads",
                "1",
                "--no-nanny",
                "--name",
                f"worker-{n}",
                "--local-directory",
                str(tmp_path / f"worker-{n}"),
                *common,
            ],
            env=env,
            cwd=tmp_path,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for n in (1, 2)
    ]
    try:
        with distributed.Client(address, timeout=60) as client:
            client.wait_for_workers(2, timeout=120)
        yield address
    finally:
        for process in reversed(processes):
            process.terminate()
        for process in processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()


def test_a_scheduler_and_two_workers_make_the_stories_one_process_makes(
    tmp_path: Path, scheduler: str
) -> None:
    alone, clustered = str(tmp_path / "alone.db"), str(tmp_path / "cluster.db")
    summary = _run(alone, "ingest", "-q", *CORPUS)
    assert (
        _run(clustered, "ingest", "-q", "--scheduler", scheduler, *CORPUS) == summary
    )  # rejections too
    assert "new 33" in summary and "rejected 4" in summary
    stories, articles = _stories(clustered)
    assert len(stories) >= 5 and len(articles) >= 33
    assert (stories, articles) == _stories(alone)


def test_local_workers_make_the_same_stories_and_refuse_stdin(tmp_path: Path) -> None:
    alone, clustered = str(tmp_path / "alone.db"), str(tmp_path / "local.db")
    _run(alone, "ingest", "-q", CORPUS[0])
    _run(clustered, "ingest", "-q", "--workers", "2", CORPUS[0])
    assert _stories(clustered) == _stories(alone)
    result = CliRunner().invoke(
        cli, ["--db", clustered, "ingest", "--workers", "2", "-"], input="text"
    )
    assert result.exit_code == 2 and "stdin" in result.output


def test_workers_read_within_the_users_limits_not_their_defaults(tmp_path: Path) -> None:
    # A Dask worker once read with its own default limits: a user's max_chars held in one
    # process and not on the cluster.
    long_one = tmp_path / "long.txt"
    long_one.write_text("Flood waters rose in the valley. " * 100, encoding="utf-8")
    short_one = tmp_path / "short.txt"
    short_one.write_text("Engineers opened the dam gates on Monday.", encoding="utf-8")
    settings = Settings(db=str(tmp_path / "s.db"), embedder="hashing", max_chars=1000)
    with open_cluster(workers=1) as cluster:
        summary = Pipeline(settings).ingest([str(long_one), str(short_one)], cluster=cluster)
    assert summary.new == 1
    [rejection] = summary.rejected
    assert rejection.origin == str(long_one) and "over the 1,000 limit" in rejection.reason


def test_ingest_workers_read_within_the_users_limits(tmp_path: Path) -> None:
    # The same on the local worker processes (a batch of one, so that two inputs start them).
    long_one = tmp_path / "long.txt"
    long_one.write_text("Flood waters rose in the valley. " * 100, encoding="utf-8")
    short_ones = [tmp_path / f"short{n}.txt" for n in range(2)]
    for n, path in enumerate(short_ones):
        path.write_text(f"Engineers opened dam gate {n} on Monday.", encoding="utf-8")
    settings = Settings(
        db=str(tmp_path / "s.db"),
        embedder="hashing",
        max_chars=1000,
        prepare_workers=2,
        batch_size=1,
    )
    summary = Pipeline(settings).ingest([str(long_one)] + [str(p) for p in short_ones])
    assert summary.new == 2
    [rejection] = summary.rejected
    assert rejection.origin == str(long_one) and "over the 1,000 limit" in rejection.reason
