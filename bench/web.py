"""Web latency: how long the pages, feeds and searches take to answer, through the real app.

    python bench/web.py [--gva]
    python bench/web.py --load [--clients 20] [--requests 2000] [--store gva.db] [--src DIR]
    python bench/web.py --meaning-at 100000

The bundled sample (22 articles) always; with --gva, also gva-dev (2,873 articles, ~1 minute
to ingest). Each request is made 20 times after one warm-up; the median is printed. The app
runs in-process (FastAPI's test client), so the figures leave out only the network.

--load: a gva-dev store served by `newsweave serve` in its own process, and 20 clients (threads
with keep-alive connections) sending a fixed mix of reads, searches and small POSTs at once;
p50/p90/p99 and errors per route. --store keeps the built store for the next run (each run
serves a copy, so the POSTs of one run do not change the next); --src serves another checkout's
src/ (e.g. main's, for a before/after on the same store).

--meaning-at N: search by meaning over N stored articles with synthetic 512-d vectors (grouped
around N/3 story centres, as news is): the vector index's build, reopening and per-query time,
its recall of a full scan's top 200, and the full scan it replaced. The query's embedding is
left out (the same for both: 10-70 ms on a quiet machine, cached for a repeated query).
"""

from __future__ import annotations

import argparse
import http.client
import json
import os
import random
import shutil
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from urllib.parse import quote

sys.path.insert(0, str(Path(__file__).resolve().parent))

import numpy as np
from fastapi.testclient import TestClient

from _data import dataset
from newsweave.config import Settings
from newsweave.models import Article, Decision
from newsweave.pipeline import Pipeline
from newsweave.store import Batch, Store, open_store
from newsweave.store.vectors import VectorIndex
from newsweave.web import create_app
from newsweave.web.search import MAX_HITS, MIN_SIMILARITY, Searcher

SAMPLE = Path(__file__).resolve().parents[1] / "src" / "newsweave" / "sample" / "articles"


def _median_ms(client: TestClient, path: str, runs: int = 20) -> float:
    assert client.get(path).status_code == 200, path
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        client.get(path)
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def measure(label: str, source: Path, query: str) -> None:
    """Ingest ``source`` into a fresh store and time each kind of request on it."""
    with tempfile.TemporaryDirectory() as folder:
        settings = Settings(db=str(Path(folder) / "store.db"))
        pipeline = Pipeline(settings)
        new = pipeline.ingest([str(source)]).new
        with TestClient(create_app(settings, embedder=pipeline.embedder)) as client:
            story = client.get("/api/stories").json()["items"][0]["id"]
            print(f"{label}: {new} articles")
            for name, path in (
                ("stories page (20, sparklines)", "/"),
                ("story page", f"/stories/{story}"),
                ("search by words, page", f"/?q={query}&mode=text"),
                ("search by meaning, page", f"/?q={query}&mode=meaning"),
                ("search, both (default), page", f"/?q={query}"),
                ("search by meaning, API", f"/api/search?q={query}&mode=meaning"),
                ("Atom, all stories", "/feeds/stories.atom"),
                ("API story", f"/api/stories/{story}"),
            ):
                print(f"  {name:<32} {_median_ms(client, path):8.1f} ms")


# Searches a reader might type, in several languages: each is embedded once, then cached.
QUERIES = [
    "shooting at a school",
    "tiroteio numa escola",
    "police officer shot during traffic stop",
    "fusillade dans un bar",
    "Schüsse auf einer Party",
    "tiroteo en un centro comercial",
    "man killed in drive-by shooting",
    "teen arrested after gunfire",
    "domestic dispute ends in murder suicide",
    "robbery suspect shot by store clerk",
    "child accidentally shoots sibling",
    "homeowner shoots intruder",
]
WORDS = ["shooting", "police", "Chicago", "teenager", "robbery", "Houston", "vigil", "suspect"]
# Route: (weight in the mix, kind). Reads dominate, as on a news site; one request in 20 is a
# small POST that queues behind the writer.
MIX = {
    "GET / (stories page)": 4,
    "GET /api/stories": 4,
    "GET /api/stories?limit=100": 1,
    "GET /stories/{id}": 2,
    "GET /api/stories/{id}": 2,
    "GET /?q= (words and meaning)": 1,
    "GET /?q=&mode=text": 1,
    "GET /api/search?mode=meaning": 1,
    "GET /feeds/stories.atom": 1,
    "POST /api/articles (one)": 1,
}
TOKEN = "bench-token"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _gva_store(path: Path) -> Path:
    """A store of all of gva-dev at ``path``, ingested once and kept."""
    if not path.exists():
        source = dataset("gva-dev.jsonl")
        start = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "newsweave", "--db", str(path), "ingest", "-q", str(source)],
            check=True,
        )
        print(f"built {path} in {time.perf_counter() - start:.0f} s")
    return path


def _request(
    conn: http.client.HTTPConnection, route: str, stories: list[str], rng: random.Random, n: int
) -> int:
    """Send one request of kind ``route``; its status."""
    story = rng.choice(stories)
    paths = {
        "GET / (stories page)": "/",
        "GET /api/stories": "/api/stories",
        "GET /api/stories?limit=100": "/api/stories?limit=100",
        "GET /stories/{id}": f"/stories/{story}",
        "GET /api/stories/{id}": f"/api/stories/{story}",
        "GET /?q= (words and meaning)": "/?q=" + quote(rng.choice(QUERIES)),
        "GET /?q=&mode=text": "/?mode=text&q=" + quote(rng.choice(WORDS)),
        "GET /api/search?mode=meaning": "/api/search?mode=meaning&q=" + quote(rng.choice(QUERIES)),
        "GET /feeds/stories.atom": "/feeds/stories.atom",
    }
    headers = {"Host": "127.0.0.1"}
    if route.startswith("POST"):
        body = json.dumps(
            {
                "id": f"bench-{n}-{rng.random()}",
                "title": f"Bench report {n}: a shooting in town {n % 97}",
                "text": f"Police said a man was shot on Main Street in town {n % 97} late on "
                f"Saturday; report number {n} {rng.random()}. He was taken to hospital.",
                "published": "2017-03-04",
            }
        )
        headers |= {"Authorization": f"Bearer {TOKEN}", "Content-Type": "application/json"}
        conn.request("POST", "/api/articles", body=body, headers=headers)
    else:
        conn.request("GET", paths[route], headers=headers)
    response = conn.getresponse()
    response.read()
    return response.status


def _client(
    port: int, routes: list[str], stories: list[str], seed: int, times: dict, errors: dict
) -> None:
    rng = random.Random(seed)
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    for n, route in enumerate(routes):
        start = time.perf_counter()
        try:
            status = _request(conn, route, stories, rng, seed * 100_000 + n)
        except (OSError, http.client.HTTPException):
            status = 0
            conn.close()
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        times[route].append(time.perf_counter() - start)
        if status >= 400 or status == 0:
            errors[route] += 1


def _percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))] * 1000


def load(store: Path, clients: int, requests: int, src: str | None) -> None:
    """Serve a copy of ``store`` and send ``requests`` requests from ``clients`` threads at once."""
    with tempfile.TemporaryDirectory() as folder:
        served = Path(folder) / "store.db"
        shutil.copy(store, served)
        port = _free_port()
        env = dict(os.environ, NEWSWEAVE_TOKEN=TOKEN)
        if src:
            env["PYTHONPATH"] = src
        server = subprocess.Popen(
            [sys.executable, "-m", "newsweave", "--db", str(served), "serve", "--port", str(port)],
            env=env,
        )
        try:
            stories = _warm_up(port)
            rng = random.Random(21)
            kinds = [route for route, weight in MIX.items() for _ in range(weight)]
            plan = [rng.choice(kinds) for _ in range(requests)]
            times: dict[str, list[float]] = {route: [] for route in MIX}
            errors: dict[str, int] = dict.fromkeys(MIX, 0)
            threads = [
                threading.Thread(
                    target=_client,
                    args=(port, plan[i::clients], stories, i + 1, times, errors),
                )
                for i in range(clients)
            ]
            start = time.perf_counter()
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            wall = time.perf_counter() - start
        finally:
            server.terminate()
            server.wait(timeout=60)
    print(f"{requests} requests from {clients} clients in {wall:.1f} s ({requests / wall:.1f}/s)")
    print(f"  {'route':<32} {'n':>5} {'p50 ms':>8} {'p90 ms':>8} {'p99 ms':>8} {'errors':>6}")
    every = [t for values in times.values() for t in values]
    for route, values in [*times.items(), ("all", every)]:
        if values:
            fails = sum(errors.values()) if route == "all" else errors[route]
            print(
                f"  {route:<32} {len(values):>5} {_percentile(values, 0.5):8.0f} "
                f"{_percentile(values, 0.9):8.0f} {_percentile(values, 0.99):8.0f} {fails:>6}"
            )


def _warm_up(port: int) -> list[str]:
    """Wait for the server; load the model with one search; the ids of 100 stories to visit."""
    deadline = time.monotonic() + 600
    while True:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=600)
            conn.request("GET", "/api/stories?limit=100", headers={"Host": "127.0.0.1"})
            stories = [s["id"] for s in json.loads(conn.getresponse().read())["items"]]
            break
        except OSError:
            if time.monotonic() > deadline:
                raise
            time.sleep(1)
    conn.request("GET", "/api/search?mode=meaning&q=warm", headers={"Host": "127.0.0.1"})
    conn.getresponse().read()
    _request(conn, "POST /api/articles (one)", stories, random.Random(0), 0)  # the writer ready
    return stories


class _Fixed:
    """An embedder that answers query number ``q`` with a prepared vector."""

    name, dim, identity = "fixed", 512, "fixed"

    def __init__(self, vectors: np.ndarray) -> None:
        self.vectors = vectors

    def encode(self, texts: list[str]) -> np.ndarray:
        return self.vectors[[int(t) for t in texts]]


def _synthetic(n: int, vector: np.ndarray) -> tuple[Article, Decision]:
    article = Article(
        id=f"syn{n}",
        origin="synthetic",
        title=f"Synthetic {n}",
        text=f"synthetic article {n}",
        lang="en",
        content_hash=f"syn{n}",
        embedding=vector.tolist(),
    )
    return article, Decision(article.id, f"s{n // 3}", n % 3 == 0, 0.5, {}, 0, ())


def _scan(store: Store, query: np.ndarray) -> list[str]:
    """Search by meaning as main did it: every stored vector read and scored."""
    ids, vectors = [], []
    for article_id, _, vector in store.article_vectors():
        ids.append(article_id)
        vectors.append(vector)
    scores = np.stack(vectors) @ query
    return [ids[i] for i in np.argsort(-scores)[:MAX_HITS] if scores[i] >= MIN_SIMILARITY]


def meaning_at(n: int, queries: int = 200) -> None:
    """Time search by meaning over ``n`` synthetic stored articles: index against scan."""
    rng = np.random.default_rng(21)
    centres = rng.normal(size=(max(1, n // 3), 512)).astype(np.float32)

    def unit(rows: np.ndarray) -> np.ndarray:
        return (rows / np.linalg.norm(rows, axis=1, keepdims=True)).astype(np.float32)

    with tempfile.TemporaryDirectory() as folder:
        store = open_store(str(Path(folder) / "synthetic.db"))
        start = time.perf_counter()
        stored = []
        for first in range(0, n, 1000):
            picked = rng.integers(0, len(centres), size=min(1000, n - first))
            vectors = unit(centres[picked] + 0.6 * rng.normal(size=(len(picked), 512)))
            stored.append(vectors)
            store.write(Batch(new=[_synthetic(first + i, v) for i, v in enumerate(vectors)]))
        every = np.concatenate(stored)
        print(f"{n} synthetic articles stored in {time.perf_counter() - start:.0f} s")
        picked = rng.integers(0, len(centres), size=queries)
        asked = unit(centres[picked] + 0.8 * rng.normal(size=(queries, 512)))
        start = time.perf_counter()
        VectorIndex(store.vector_index_path()).nearest(store, asked[0], MAX_HITS)
        print(f"  index built (first search):   {time.perf_counter() - start:8.1f} s")
        start = time.perf_counter()
        VectorIndex(store.vector_index_path()).nearest(store, asked[0], MAX_HITS)
        print(f"  index reopened from its file: {time.perf_counter() - start:8.1f} s")
        searcher = Searcher(_Fixed(asked))  # type: ignore[arg-type]
        searcher._by_meaning(store, "0", MAX_HITS)  # opens the index
        times, recall = [], []
        for i in range(queries):
            start = time.perf_counter()
            hits = searcher._by_meaning(store, str(i), MAX_HITS)
            times.append(time.perf_counter() - start)
            scores = every @ asked[i]
            best = np.argsort(-scores)[:MAX_HITS]
            wanted = {f"syn{j}" for j in best if scores[j] >= MIN_SIMILARITY}
            found = {h.article_id for h in hits}
            recall.append(len(wanted & found) / len(wanted) if wanted else 1.0)
        print(
            f"  search by meaning, index:     p50 {_percentile(times, 0.5):.1f} ms, "
            f"p99 {_percentile(times, 0.99):.1f} ms; recall of the scan's hits "
            f"{np.mean(recall):.3f} ({queries} queries)"
        )
        start = time.perf_counter()
        for i in range(3):
            _scan(store, asked[i])
        scan = (time.perf_counter() - start) / 3 * 1000
        print(f"  search by meaning, full scan (main): {scan:.0f} ms")
        store.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gva", action="store_true", help="also measure on gva-dev (2,873 articles)"
    )
    parser.add_argument("--load", action="store_true", help="20 concurrent clients on gva-dev")
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--store", help="where to keep the gva-dev store between runs")
    parser.add_argument("--src", help="serve this src/ folder's newsweave instead")
    parser.add_argument(
        "--meaning-at", type=int, help="search by meaning over N synthetic articles"
    )
    args = parser.parse_args()
    if args.meaning_at:
        meaning_at(args.meaning_at)
        return
    if args.load:
        with tempfile.TemporaryDirectory() as folder:
            store = _gva_store(Path(args.store or Path(folder) / "gva.db"))
            load(store, args.clients, args.requests, args.src)
        return
    measure("sample", SAMPLE, "inc%C3%AAndio%20num%20armaz%C3%A9m")
    if args.gva:
        measure("gva-dev", dataset("gva-dev.jsonl"), "tiroteio%20numa%20escola")


if __name__ == "__main__":
    main()
