"""Hostile files one at a time: what each is answered with, how long it takes, peak memory.

    python bench/hostile.py

Each file of tests/test_reliability_hostile.py (billion laughs, gzip bomb, 1 GB sparse file,
one 100 MB line, deep JSON, NUL bytes, bad encodings, symlink loops), plus inputs under the
byte cap that are still too long to be one article (an 18 MB one-line text, an 18 MB page),
is ingested by a fresh ``newsweave ingest`` process with the hashing embedder; its peak RSS
is that process's own VmHWM. Record the table in RELIABILITY.md.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "tests"))

from test_reliability_hostile import _CHILD, hostile_folder  # noqa: E402

# The child (_CHILD) prints {"new", "notes", "rejected": [[origin, reason]], "peak_mb"}.


def _long_inputs(folder: Path) -> None:
    """Inputs under the 20 MB byte cap but far over one article's length."""
    words = [
        "the",
        "river",
        "rose",
        "two",
        "metres",
        "overnight",
        "and",
        "forty",
        "homes",
        "were",
        "evacuated",
        "near",
        "the",
        "old",
        "bridge",
    ]
    rng = random.Random(1)
    paragraphs = [" ".join(rng.choice(words) for _ in range(120)) for _ in range(24_000)]
    (folder / "text_18mb_one_line.txt").write_text("Flood\n\n" + " ".join(paragraphs))
    (folder / "page_18mb.html").write_text(
        "<html><head><title>Flood</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in paragraphs)
        + "</article></body></html>"
    )
    (folder / "text_190k.txt").write_text("Flood\n\n" + "\n\n".join(paragraphs[:250]))


def main() -> None:
    env = {**os.environ, "PYTHONPATH": str(ROOT / "src")}
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "in"
        hostile_folder(folder)
        _long_inputs(folder)
        print(f"{'input':26s} {'seconds':>8s} {'peak MB':>8s}  answer")
        # The symlink loops are met by walking the folder (the last row), not one by one.
        inputs = [p for p in sorted(folder.iterdir(), key=lambda p: p.name) if not p.is_symlink()]
        for path in [*inputs, folder]:
            db = Path(tmp) / f"{path.name}.db"
            begin = time.perf_counter()
            done = subprocess.run(
                [sys.executable, "-c", _CHILD, str(db), str(path)],
                env=env,
                capture_output=True,
                text=True,
                timeout=1200,
            )
            seconds = time.perf_counter() - begin
            if done.returncode != 0:
                print(
                    f"{path.name:26s} {seconds:8.1f} {'-':>8s}  CRASH: {done.stderr.strip().splitlines()[-1:]}"
                )
                continue
            result = json.loads(done.stdout)
            name = "(the whole folder)" if path == folder else path.name
            reasons = sorted({reason for _, reason in result["rejected"]})
            answer = "; ".join(reasons) if path != folder else f"{len(reasons)} distinct reasons"
            stored_note = f"stored {result['new']}" if result["new"] else ""
            answer = "; ".join(part for part in (answer, stored_note) if part)
            notes = {note.split(": ", 1)[-1] for note in result["notes"]}
            if notes:
                answer += f" [{'; '.join(sorted(notes))}]"
            print(f"{name:26s} {seconds:8.1f} {result['peak_mb']:8.0f}  {answer}", flush=True)


if __name__ == "__main__":
    main()
