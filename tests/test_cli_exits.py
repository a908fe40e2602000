"""What a script or a cron job running newsweave relies on: exit codes, a store that is not
silently made, options where the README puts them, progress with a total, a clear busy port."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.render import countable_inputs

REPO = Path(__file__).resolve().parents[1]
ARTICLE = (
    "Dam opened\n\nEngineers opened the gates of the Alqueva dam on Monday after a week of rain."
)


def _invoke(*args: str) -> tuple[int, str]:
    result = CliRunner().invoke(cli, ["--embedder", "hashing", *args])
    return result.exit_code, result.output


def test_ingest_exit_code_tells_all_stored_from_some_and_none(tmp_path: Path, db_path: str) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    missing = str(tmp_path / "missing.txt")
    assert _invoke("--db", db_path, "ingest", "-q", str(good))[0] == 0
    code, out = _invoke("--db", db_path, "ingest", "-q", missing)
    assert code == 1 and "rejected 1" in out and "no such file" in out  # nothing stored
    other = tmp_path / "other.txt"
    other.write_text(
        "Bridge closed\n\nThe old bridge in Porto was closed on Friday after a crack was found.",
        "utf-8",
    )
    code, out = _invoke("--db", db_path, "ingest", "-q", str(other), missing)
    assert code == 3 and "new 1" in out and "rejected 1" in out  # some stored, some rejected
    assert _invoke("--db", db_path, "ingest", "-q", str(good))[0] == 0  # a duplicate is no failure


@pytest.mark.parametrize("command", [["stories"], ["story", "s123"], ["export", "articles"]])
def test_reading_a_store_that_is_not_there_fails_and_makes_none(
    tmp_path: Path, command: list[str]
) -> None:
    typo = tmp_path / "typo.db"
    code, out = _invoke("--db", str(typo), *command)
    assert code != 0 and f"no store at {typo}" in out
    assert not typo.exists()


def test_compare_takes_lead_reader_after_the_command_and_gives_a_verdict(
    tmp_path: Path, db_path: str
) -> None:
    a, b, c = tmp_path / "a.txt", tmp_path / "b.txt", tmp_path / "c.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(ARTICLE + " The reservoir was full.", encoding="utf-8")
    c.write_text(
        "Football final\n\nThe cup final in Madrid ended 2-1 after extra time on Saturday night.",
        "utf-8",
    )
    code, out = _invoke("--db", db_path, "compare", "--lead-reader", "none", str(a), str(b))
    assert code == 0, out
    assert "verdict: same story" in out and "thresholds" in out
    code, out = _invoke("--db", db_path, "compare", "--lead-reader", "none", str(a), str(c))
    assert code == 0 and "verdict: different stories" in out


def test_progress_knows_the_total_when_the_inputs_say_it(tmp_path: Path) -> None:
    records = tmp_path / "many.jsonl"
    records.write_text(
        "".join(json.dumps({"text": f"Article {n} about a dam."}) + "\n\n" for n in range(7)),
        "utf-8",
    )
    (tmp_path / "folder").mkdir()
    for n in range(3):
        (tmp_path / "folder" / f"{n}.txt").write_text(ARTICLE, encoding="utf-8")
    assert countable_inputs([str(records)]) == 7
    assert (
        countable_inputs([str(records), str(tmp_path / "folder"), str(tmp_path / "gone.txt")]) == 11
    )
    (tmp_path / "feed.xml").write_text("<rss/>", encoding="utf-8")
    assert (
        countable_inputs([str(tmp_path / "feed.xml")]) is None
    )  # entries are known only once read
    assert countable_inputs(["-"]) is None
    # On a terminal (rich's FORCE_COLOR), the bar shows the count, a percentage and the time left.
    env = dict(os.environ, FORCE_COLOR="1", COLUMNS="120", NEWSWEAVE_EMBEDDER="hashing")
    run = subprocess.run(
        [sys.executable, "-m", "newsweave", "--db", str(tmp_path / "p.db"), "ingest", str(records)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert run.returncode == 0, run.stderr
    assert "7/7" in run.stderr and "100%" in run.stderr and "eta" in run.stderr


def test_serve_on_a_busy_port_fails_before_saying_serving(db_path: str) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen(1)
        port = taken.getsockname()[1]
        env = dict(os.environ, NEWSWEAVE_EMBEDDER="hashing")
        run = subprocess.run(
            [sys.executable, "-m", "newsweave", "--db", db_path, "serve", "--port", str(port)],
            env=env,
            capture_output=True,
            text=True,
            timeout=120,
        )
    assert run.returncode == 1
    assert f"cannot listen on 127.0.0.1:{port}: it is in use" in run.stderr
    assert "serving" not in run.stderr


def test_make_run_takes_a_port() -> None:
    plan = subprocess.run(
        ["make", "-n", "run", "PORT=8001"], cwd=REPO, capture_output=True, text=True, check=True
    )
    assert "serve --port 8001" in plan.stdout
