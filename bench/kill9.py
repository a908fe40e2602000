"""kill -9 on the whole of gva-dev: tests/test_reliability_kill.py at full size.

    python bench/kill9.py [--kills 5] [--seed 6]

An uninterrupted ``newsweave ingest gva-dev.jsonl`` (hashing embedder) is the reference.
Then the same ingest into a second store is killed with SIGKILL at random moments, each
after at least one more batch was committed, and re-run each time; a last run completes it.
Prints where each kill fell and whether the final store matches the reference: the same
article ids (each once), the same stories (partition and ids), the same exported records.
"""

from __future__ import annotations

import argparse
import random
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _data import dataset
from reliability_helpers import (
    article_count,
    exported_ids,
    kill_ingest_once_stored,
    partition,
    run_cli,
    stored,
)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kills", type=int, default=5)
    parser.add_argument("--seed", type=int, default=6)
    args = parser.parse_args()
    source = dataset("gva-dev.jsonl")
    rng = random.Random(args.seed)
    with tempfile.TemporaryDirectory() as tmp:
        reference, killed = Path(tmp) / "reference.db", Path(tmp) / "killed.db"
        begin = time.perf_counter()
        assert run_cli(reference, "ingest", "-q", str(source)).returncode == 0
        expected = stored(reference)
        print(
            f"uninterrupted: {len(expected)} articles, {len(partition(expected))} stories, "
            f"{time.perf_counter() - begin:.0f} s"
        )
        for number in range(args.kills):
            target = article_count(killed) + rng.randint(1, len(expected) // (args.kills + 1))
            delay = rng.uniform(0.0, 1.5)
            now = kill_ingest_once_stored(killed, source, target, delay)
            print(f"kill {number + 1}: {delay:.2f} s after {target} stored -> {now} stored")
        assert run_cli(killed, "ingest", "-q", str(source)).returncode == 0
        resumed = stored(killed)
        checks = {
            "same article ids, each once": sorted(resumed) == sorted(expected),
            "same stories (partition)": partition(resumed) == partition(expected),
            "same story ids": resumed == expected,
            "same exported records (aliases)": exported_ids(killed) == exported_ids(reference),
        }
        for name, ok in checks.items():
            print(f"{name}: {'yes' if ok else 'NO'}")
        sys.exit(0 if all(checks.values()) else 1)


if __name__ == "__main__":
    main()
