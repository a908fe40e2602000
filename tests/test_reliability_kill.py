"""kill -9 during ``newsweave ingest``, then a re-run: every article once, the same stories.

A deterministic slice of gva-dev (the first 600 records) keeps this in ``make test``;
``bench/kill9.py`` does the same on the whole file. The hashing embedder keeps it cheap:
what is tested is the store and the restart, not the model.
"""

from __future__ import annotations

import random
from pathlib import Path

from reliability_helpers import (
    article_count,
    exported_ids,
    gva_records,
    ingest_timing_commits,
    kill_ingest_once_stored,
    partition,
    run_cli,
    stored,
    write_lines,
)

RECORDS = 600  # 10 batches of 64: room for 5 kills, each after at least one more commit
KILLS = 5


def test_kill_9_at_random_points_then_rerun_gives_the_uninterrupted_result(tmp_path: Path) -> None:
    source = write_lines(tmp_path / "gva.jsonl", gva_records(0, RECORDS))
    reference = tmp_path / "reference.db"
    batch_seconds = ingest_timing_commits(reference, source)
    expected = stored(reference)

    killed = tmp_path / "killed.db"
    rng = random.Random(6)
    counts_at_kill = []
    for _ in range(KILLS):
        # Wait for the next batch to be committed, then kill at a random moment within the
        # next half batch: mid-reading, mid-embedding or mid-commit, wherever it falls. Scaled
        # to this machine's batch time, so five kills cannot outrun ten batches.
        delay = rng.uniform(0.0, 0.5 * batch_seconds)
        counts_at_kill.append(
            kill_ingest_once_stored(killed, source, article_count(killed) + 1, delay)
        )
    assert counts_at_kill[-1] < len(expected), (
        "every run finished before its kill: nothing was tested"
    )

    done = run_cli(killed, "ingest", "-q", str(source))
    assert done.returncode == 0, done.stderr
    resumed = stored(killed)
    assert sorted(resumed) == sorted(
        expected
    )  # every article, each once (ids are unique in the store)
    assert partition(resumed) == partition(expected)  # the same stories ...
    assert resumed == expected  # ... under the same ids
    assert exported_ids(killed) == exported_ids(reference)  # aliases neither lost nor doubled
