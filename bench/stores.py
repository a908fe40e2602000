"""Store cost: writing, replaying and migrating articles, SQLite against PostgreSQL.

    python bench/stores.py [--count 20000] [--pg postgresql://…]

Articles are gva-dev texts (perturbed so every one is new) with a 512-float embedding, written
in batches of 64 (the ingest batch) through each backend's ``write``; then every article is
replayed (what an ingest run does at start), 30 two-word full-text searches are timed (the
web's text search: SQLite FTS5 against PostgreSQL's tsvector), and the SQLite store is copied into a fresh
PostgreSQL database with ``newsweave migrate``. Without --pg, a throwaway server is started
from the PostgreSQL binaries, as the tests do.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
import uuid
from contextlib import ExitStack
from datetime import date
from pathlib import Path
from urllib.parse import urlsplit

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "tests"))

from _data import dataset
from newsweave.models import Article, Decision, Entity
from newsweave.store import Batch, open_store
from newsweave.store.to_postgres import migrate
from postgres_server import server_bin, temporary_server


def articles(count: int) -> list[tuple[Article, Decision]]:
    """``count`` new articles from gva-dev's texts, each made unique by its number."""
    with dataset("gva-dev.jsonl").open(encoding="utf-8") as stream:
        texts = [json.loads(line)["text"] for line in stream]
    made = []
    for n in range(count):
        words = texts[n % len(texts)].split()
        text = " ".join(words) + f" ({n})"
        article = Article(
            id=f"a{n:08d}",
            origin="bench",
            title=" ".join(words[:8]),
            text=text,
            lang="en",
            content_hash=uuid.uuid4().hex,
            published=date(2024, 1, 1 + n % 28),
            entities=[Entity("place:US", "place", "United States")],
            embedding=np.random.default_rng(n).standard_normal(512).astype(np.float32).tolist(),
        )
        made.append(
            (article, Decision(article.id, f"s{n // 3}", n % 3 == 0, 0.7, {"lexical": 0.7}, 12, ()))
        )
    return made


def write_and_replay(location: str, made: list[tuple[Article, Decision]]) -> tuple[float, float]:
    """Microseconds a written article, and articles replayed a second."""
    store = open_store(location)
    started = time.perf_counter()
    for start in range(0, len(made), 64):
        store.write(Batch(new=made[start : start + 64]))
    written = time.perf_counter() - started
    started = time.perf_counter()
    replayed = sum(1 for _ in store.replay())
    read = time.perf_counter() - started
    store.close()
    assert replayed == len(made)
    return written / len(made) * 1e6, replayed / read


def search_ms(location: str, made: list[tuple[Article, Decision]]) -> tuple[float, float]:
    """Median milliseconds of a two-word full-text search (two words of one stored text), and mean hits."""
    rng = random.Random(0)
    queries = [
        " ".join(rng.sample(made[rng.randrange(len(made))][0].text.split()[:40], 2))
        for _ in range(30)
    ]
    store = open_store(location)
    times, hits = [], []
    for query in queries:
        started = time.perf_counter()
        hits.append(len(store.search_text(query)))
        times.append((time.perf_counter() - started) * 1000)
    store.close()
    return statistics.median(times), statistics.mean(hits)


def vacuum(location: str) -> None:
    """What autovacuum does after a bulk insert: merge the GIN pending list, refresh statistics."""
    import psycopg

    with psycopg.connect(location, autocommit=True) as db:
        db.execute("VACUUM ANALYZE articles")


def new_database(server: str) -> str:
    """A fresh database on ``server``; its URL."""
    import psycopg

    name = f"bench_{uuid.uuid4().hex[:8]}"
    with psycopg.connect(server, autocommit=True) as admin:
        admin.execute(f"CREATE DATABASE {name}")
    return urlsplit(server)._replace(path=f"/{name}").geturl()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--count", type=int, default=20_000)
    parser.add_argument(
        "--pg", help="a server where a database may be created (default: start one)"
    )
    args = parser.parse_args()
    made = articles(args.count)
    with ExitStack() as stack:
        server = args.pg
        if not server:
            bin_dir = server_bin()
            if bin_dir is None:
                print("skipped: PostgreSQL is not installed")
                return
            server = stack.enter_context(temporary_server(bin_dir))
            print("(throwaway server: fsync off, as in the tests)")
        folder = Path(stack.enter_context(tempfile.TemporaryDirectory()))
        sqlite_path = str(folder / "bench.db")
        for label, location in (
            ("SQLite (WAL)", sqlite_path),
            ("PostgreSQL", new_database(server)),
        ):
            per_write, per_second = write_and_replay(location, made)
            median, found = search_ms(location, made)
            print(
                f"{label:13} write {per_write:7.0f} µs/article   replay {per_second:8.0f} articles/s   "
                f"search {median:6.1f} ms (median of 30; {found:.0f} hits on average, 50 at most)"
            )
            if location != sqlite_path:
                # Fresh rows sit in the GIN index's pending list, which makes the planner scan the
                # table instead; autovacuum merges it on a live server (after 1,000 inserted rows).
                vacuum(location)
                print(f"{'':13} after VACUUM: search {search_ms(location, made)[0]:6.1f} ms")
        started = time.perf_counter()
        migrate(sqlite_path, new_database(server))
        print(
            f"migrate       {args.count / (time.perf_counter() - started):8.0f} articles/s ({args.count:,} articles)"
        )


if __name__ == "__main__":
    main()
