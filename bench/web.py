"""Web latency: how long the pages, feeds and searches take to answer, through the real app.

    python bench/web.py [--gva]

The bundled sample (22 articles) always; with --gva, also gva-dev (2,873 articles, ~1 minute
to ingest), where search by meaning reads every stored vector per query. Each request is
made 20 times after one warm-up; the median is printed. The app runs in-process (FastAPI's
test client), so the figures leave out only the network.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from fastapi.testclient import TestClient

from _data import dataset
from newsweave.config import Settings
from newsweave.pipeline import Pipeline
from newsweave.web import create_app

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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--gva", action="store_true", help="also measure on gva-dev (2,873 articles)"
    )
    args = parser.parse_args()
    measure("sample", SAMPLE, "inc%C3%AAndio%20num%20armaz%C3%A9m")
    if args.gva:
        measure("gva-dev", dataset("gva-dev.jsonl"), "tiroteio%20numa%20escola")


if __name__ == "__main__":
    main()
