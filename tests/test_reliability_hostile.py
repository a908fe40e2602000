"""Hostile files: each is rejected or capped with a reason, memory stays bounded, the run goes on.

The big files are made here in a temporary folder (sparse or streamed), never kept in git.
Peak memory is measured in a child process (its VmHWM), so it is this ingest's alone.
"""

from __future__ import annotations

import gzip
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import REPO
from newsweave.config import Settings
from newsweave.pipeline import Pipeline

GOOD = "Ferry service resumes\n\nThe ferry crossing reopened on Tuesday after repairs to the pier at Porto."


def _laughs(root: str) -> str:
    """An XML document whose nine nested entities expand to a billion "lol"s (3 GB)."""
    entities = "".join(f'<!ENTITY lol{i} "{f"&lol{i - 1};" * 10}">' for i in range(1, 10))
    return f'<?xml version="1.0"?><!DOCTYPE r [<!ENTITY lol0 "lol">{entities}]>{root.replace("BOOM", "&lol9;")}'


def hostile_folder(folder: Path) -> dict[str, str]:
    """Write one file per attack; returns file name -> the reason it must be rejected with."""
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD)
    (folder / "laughs.rss").write_text(
        _laughs(
            '<rss version="2.0"><channel><title>T</title><item><title>BOOM</title><description>BOOM</description></item></channel></rss>'
        )
    )
    (folder / "laughs.html").write_text(
        _laughs("<html><body><p>BOOM</p></body></html>").replace('<?xml version="1.0"?>', "")
    )
    (folder / "xxe.xml").write_text(
        '<?xml version="1.0"?><!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]>'
        '<rss version="2.0"><channel><item><title>t</title><description>&x;</description></item></channel></rss>'
    )
    with gzip.open(
        folder / "bomb.json", "wb", compresslevel=1
    ) as bomb:  # 4 MB that unpacks to 1 GB
        for _ in range(100):
            bomb.write(b"\0" * 10_000_000)
    with (folder / "huge.jsonl").open("wb") as sparse:
        sparse.truncate(1_000_000_000)  # 1 GB, sparse: no disk used
    with (folder / "one_line.txt").open("wb") as line:
        for _ in range(100):
            line.write(b"flood " * 166_667)  # 100 MB, no newline
    (folder / "long.txt").write_text(
        "Long\n\n" + "river " * 40_000
    )  # 240,000 characters, under the byte cap
    (folder / "deep.json").write_text("[" * 100_000 + "]" * 100_000)
    (folder / "nul.txt").write_bytes(b"Flood\x00\x00\x00 in the valley " * 10)
    (folder / "bad.jsonl").write_text(
        '{"text": "Bridge\\u0000 closed after the flood on Monday near Braga."}\n{"text": '
        + "[" * 50_000
        + "\n"
    )
    (folder / "utf16.txt").write_bytes(
        b"\xff\xfe" + "Storm damage in the harbour of Vigo.".encode("utf-16-le") + b"\x00\xd8"
    )
    (folder / "latin.txt").write_bytes(
        "Inundação em Coimbra: a Proteção Civil retirou 1.200 pessoas.".encode("latin-1")
        + b"\x81\x8d"
    )
    os.symlink("..", folder / "loop")  # a folder that contains itself
    os.symlink("self", folder / "self")  # a link to itself
    return {
        "laughs.rss": "feed declares its own XML entities in its DOCTYPE; refused",
        "laughs.html": "html declares its own XML entities in its DOCTYPE; refused",
        "xxe.xml": "feed declares its own XML entities in its DOCTYPE; refused",
        "bomb.json": "compressed file (gzip), not read: decompress it first",
        "huge.jsonl": "file is 1000.0 MB, over the 20.0 MB limit",
        "one_line.txt": "file is 100.0 MB, over the 20.0 MB limit",
        "long.txt": "text is 240,006 characters, over the 200,000 limit for one article",
        "deep.json": "invalid JSON: nested too deeply",
        "nul.txt": "binary file, not text",
        "bad.jsonl#line 2": "invalid JSON: nested too deeply",
        "self": "cannot read: too many levels of symbolic links",
    }


_CHILD = """
import json, sys
from newsweave.config import Settings
from newsweave.pipeline import Pipeline

def peak_mb():
    # VmHWM, this process image's own peak: getrusage's ru_maxrss keeps the parent's across
    # fork + exec, so under a big pytest process it would report the parent's size.
    with open("/proc/self/status") as status:
        line = next(line for line in status if line.startswith("VmHWM:"))
    return int(line.split()[1]) / 1024

summary = Pipeline(Settings(db=sys.argv[1], embedder="hashing")).ingest([sys.argv[2]])
print(json.dumps({"new": summary.new, "notes": summary.notes,
                  "rejected": [[r.origin, r.reason] for r in summary.rejected],
                  "peak_mb": peak_mb()}))
"""


def test_hostile_files_are_rejected_with_reasons_in_bounded_memory(tmp_path: Path) -> None:
    expected = hostile_folder(tmp_path / "in")
    env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
    done = subprocess.run(
        [sys.executable, "-c", _CHILD, str(tmp_path / "s.db"), str(tmp_path / "in")],
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    reasons = {Path(origin).name: reason for origin, reason in result["rejected"]}
    assert reasons == expected
    # The run went on: the good file, the good JSON line, and the repaired encodings are stored.
    assert result["new"] == 4
    assert any("invalid utf-16: bad bytes replaced" in note for note in result["notes"])
    assert any("decoded as latin-1" in note for note in result["notes"])
    # Nothing was read whole: the 1 GB and 100 MB files would show here (the run's base is ~250 MB).
    assert result["peak_mb"] < 450, result["peak_mb"]


def test_stored_text_carries_no_nul_or_control_characters(tmp_path: Path) -> None:
    records = tmp_path / "r.jsonl"
    records.write_text(
        json.dumps(
            {
                "title": "Bridge\u0000 shut",
                "text": "The bridge\u0000\u0007 closed after the flood on Monday.",
            }
        )
        + "\n"
    )
    pipeline = Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing"))
    assert pipeline.ingest([str(records)]).new == 1
    ((article, _),) = list(pipeline.store.articles())
    assert (article.title, article.text) == (
        "Bridge shut",
        "The bridge closed after the flood on Monday.",
    )


@pytest.mark.parametrize("name", ["a.json", "a.jsonl"])
def test_deep_nesting_is_rejected_without_a_recursion_crash(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_text('{"text": "x", "a": ' + "[" * 1_000_000 + "]" * 1_000_000 + "}\n")
    summary = Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing")).ingest([str(path)])
    assert [r.reason for r in summary.rejected] == ["invalid JSON: nested too deeply"]
