"""The long fuzz run: every parser of outside input, 100,000+ generated inputs in all.

    python bench/fuzz.py [--scale 1.0] [--seed 0] [--only WORD]

Uses the targets of tests/fuzz_targets/ (the test suite runs a few seconds of each).
Unlike the tests, an exception does not stop a target: it is counted, and the first input
of each distinct crash (exception type + where it was raised) is printed, so one run shows
every crash it found. Prints one line per target and the totals; record them in RELIABILITY.md.
"""

from __future__ import annotations

import argparse
import platform
import resource
import sys
import time
import traceback
import warnings
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from hypothesis import HealthCheck, given, seed, settings

from fuzz_targets import TARGETS, Target


def run_target(
    target: Target, examples: int, run_seed: int
) -> tuple[int, Counter[str], dict[str, str]]:
    """Run ``examples`` inputs through one target; returns inputs tried, crash counts, first inputs."""
    tried = 0
    crashes: Counter[str] = Counter()
    first: dict[str, str] = {}

    @seed(run_seed)
    @settings(
        max_examples=examples, deadline=None, database=None, suppress_health_check=list(HealthCheck)
    )
    @given(target.strategy)
    def run(value: object) -> None:
        nonlocal tried
        tried += 1
        try:
            target.check(value)
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {str(exc)[:120]}"
            crashes[key] += 1
            first.setdefault(key, repr(value)[:300])

    run()
    return tried, crashes, first


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--scale", type=float, default=1.0, help="multiply every target's input count"
    )
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        help="run only the targets whose name contains WORD (repeatable)",
    )
    args = parser.parse_args()
    warnings.simplefilter("ignore")  # feedparser's deprecation notes, once per input
    print(
        f"{datetime.now(UTC):%Y-%m-%d %H:%M} UTC, {platform.processor() or platform.machine()}, "
        f"Python {platform.python_version()}, seed {args.seed}"
    )
    total_tried = total_crashes = 0
    started = time.perf_counter()
    for target in TARGETS:
        if args.only and not any(word.lower() in target.name.lower() for word in args.only):
            continue
        begin = time.perf_counter()
        tried, crashes, first = run_target(
            target, max(1, int(target.bench * args.scale)), args.seed
        )
        seconds = time.perf_counter() - begin
        total_tried += tried
        total_crashes += sum(crashes.values())
        print(
            f"{target.name:38s} {tried:>7,} inputs {seconds:7.1f} s  crashes {sum(crashes.values())}",
            flush=True,
        )
        for key, count in crashes.items():
            print(f"    {count} x {key}\n      first input: {first[key]}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(
        f"total: {total_tried:,} inputs, {total_crashes} crashes, "
        f"{time.perf_counter() - started:.0f} s, peak RSS {peak:.0f} MB"
    )


if __name__ == "__main__":
    main()
