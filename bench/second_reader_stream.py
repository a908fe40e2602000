"""Does the second reader (e5 where USE is unsure) carry through the stream? (issue 14, replay)

A bench-only experiment, nothing on the ingest path: the articles kept by
``bench/stream_pairs.py --cache DIR`` (a fresh ingest) are clustered again in the stored order,
by ``OnlineClusterer`` except for one thing: when the best candidate story's margin (score minus
its threshold) is within ``band`` of 0 and the story has members in the article's language,
e5 (multilingual-e5-small, headline + 700 characters of every stored article; the rated
pairs' vectors shared with bench/readers.py through ``--e5-cache``) decides: the article joins
that story when its mean e5 cosine to the story's last ``MEMBERS`` members in its language is
>= ``t5``, and founds a new story otherwise.

``band`` is set by the share of articles it holds (5, 10, 15, 25, 40, 100 % of those with a
candidate, from the USE-only replay), ``t5`` from a grid; one rule for both files (the stream
has one), chosen on the odd pairs of both files (file order) and scored on the even ones, and
the reverse.
Printed: held-out F1 of "same story" per file and language (pair), USE-only replay against the
hybrid, the share of articles consulted, and how many articles e5 would have read (each once,
then cached) with e5's and USE's CPU ms an article measured in the same run: the CPU cost.

    .venv/bin/python bench/second_reader_stream.py --cache /tmp/i14g-stream \\
        --e5-cache /tmp/i14g-cache
"""

from __future__ import annotations

import argparse
import sys
from collections import defaultdict, deque
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent))
from cluster_replay import Stored
from newsweave.cluster import OnlineClusterer, article_features
from newsweave.cluster.online import _decision
from newsweave.config import Settings
from newsweave.models import Decision
from readers import READERS, article_parts, embed_cached, ms_per_article
from stream_pairs import cached_pair_files, prf, rated, stream_records

MEMBERS = 3  # the story's latest members (in the article's language) e5 reads
SHARES = (0.05, 0.10, 0.15, 0.25, 0.40, 1.0)  # 1.0: e5 decides every same-language join
T5_GRID = (0.86, 0.87, 0.88, 0.89, 0.90)


class SecondReaderClusterer(OnlineClusterer):
    """OnlineClusterer.assign, with e5 deciding when the best margin is within ``band`` of 0."""

    def __init__(self, e5: dict[str, np.ndarray], band: float, t5: float, dim: int) -> None:
        super().__init__(weights=Settings().weights, dim=dim)
        self.e5, self.band, self.t5 = e5, band, t5
        self.members: dict[str, dict[str, deque[str]]] = defaultdict(
            lambda: defaultdict(lambda: deque(maxlen=MEMBERS))
        )
        self.margins: list[float] = []
        self.consulted: list[str] = []  # articles whose decision e5 made
        self.read: set[str] = set()  # articles e5 read

    def assign(self, a):  # type: ignore[no-untyped-def]
        self._init_state()
        vector = self._count(a)
        scored = self.scored_candidates(a, vector)
        best = max(scored, key=lambda s: s.margin, default=None)
        join = best is not None and best.margin >= 0
        if best is not None:
            self.margins.append(best.margin)
            peers = [m for m in self.members[best.story.id][a.lang] if m in self.e5]
            if abs(best.margin) < self.band and a.id in self.e5 and peers:
                self.consulted.append(a.id)
                self.read.update([a.id, *peers])
                join = float(np.mean([self.e5[a.id] @ self.e5[m] for m in peers])) >= self.t5
        if join and best is not None:
            decision = _decision(a, best.story, best.score, best.parts, len(scored), False)
            story = best.story
            self._join(a, story, vector)
        else:
            story = self._found(a, vector)
            top, parts = (best.score, best.parts) if best else (0.0, {})
            decision = _decision(a, story, top, parts, len(scored), new_story=True)
        self.members[story.id][a.lang].append(a.id)
        return decision


def run(stored: Stored, e5: dict[str, np.ndarray], band: float, t5: float):  # type: ignore[no-untyped-def]
    """Replay ``stored``; each external id's story, and the clusterer (for its counts)."""
    clusterer = SecondReaderClusterer(e5, band, t5, dim=len(stored[0][1].embedding or ()))
    story_of: dict[str, str] = {}
    for names, article in stored:
        vector = np.asarray(article.embedding, dtype=np.float32)
        decision: Decision = clusterer.assign(article_features(article, vector))
        for name in names:
            story_of[name] = decision.story_id
    return story_of, clusterer


def decisions(pairs: list[dict], story_of: dict[str, str], odd: bool) -> dict[str, list]:
    """(predicted, true) of the rated pairs at odd (or even) file positions, by language (pair)."""
    found: dict[str, list] = defaultdict(list)
    positions = {id(p): n for n, p in enumerate(pairs, 1)}
    for pair, true in rated(pairs):
        if (positions[id(pair)] % 2 == 1) != odd:
            continue
        a, b = pair["a"], pair["b"]
        if a["id"] in story_of and b["id"] in story_of:
            key = a["lang"] if a["lang"] == b["lang"] else "-".join(sorted((a["lang"], b["lang"])))
            for bucket in ("all", key):
                found[bucket].append((story_of[a["id"]] == story_of[b["id"]], true))
    return found


def e5_vectors(pairs: list[dict], stored: Stored, cache: Path, encode) -> dict[str, np.ndarray]:  # type: ignore[no-untyped-def]
    """e5 unit vectors by stored article id: the rated pairs' articles (bench/readers.py's
    cache), then the file's other articles (pair records carry no headline, so both are read
    from the same ``article_parts`` of what is ingested)."""
    sides = {s["id"]: s for p, _ in rated(pairs) for s in (p["a"], p["b"])}
    others = {r["id"]: r for r in stream_records(pairs) if r["id"] not in sides}
    by_name: dict[str, np.ndarray] = {}
    for name, group in (("e5-small", sides), ("e5-small-unrated", others)):
        ids = list(group)
        texts = [article_parts(group[i])["lead"] for i in ids]
        if texts:
            by_name.update(zip(ids, embed_cached(name, encode, texts, cache), strict=True))
    return {
        article.id: by_name[name] for names, article in stored for name in names if name in by_name
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cache", type=Path, required=True, help="stream_pairs.py --cache DIR")
    parser.add_argument("--e5-cache", type=Path, default=Path("/tmp/newsweave-readers-cache"))
    parser.add_argument("--timing", type=int, default=16, help="articles timed a reader")
    args = parser.parse_args()
    files = {name: (pairs, stored) for name, pairs, stored in cached_pair_files(args.cache)}
    if not files:
        return
    encode = READERS["e5-small"][1]()
    e5 = {n: e5_vectors(p, s, args.e5_cache, encode) for n, (p, s) in files.items()}
    for name, (_, stored) in files.items():
        print(f"{name}: e5 vectors for {len(e5[name])} of {len(stored)} stored articles")
    base = {n: run(s, e5[n], 0.0, 1.0) for n, (_, s) in files.items()}
    margins = np.abs(np.concatenate([base[n][1].margins for n in files]))
    results = {("USE", 0.0, 0.0): {n: base[n][0] for n in files}}
    for share in SHARES:
        band = float(np.quantile(margins, share))
        for t5 in T5_GRID:
            results[(f"{share:.0%}", band, t5)] = {
                n: run(s, e5[n], band, t5)[0] for n, (_, s) in files.items()
            }
            print(f"replayed share {share:.0%} band {band:.4f} t5 {t5}", flush=True)
    report(files, results, e5)
    timing(files, encode, args.timing)


def pooled_f1(files: dict, story: dict[str, dict[str, str]], odd: bool) -> float:
    found = [d for n, (p, _) in files.items() for d in decisions(p, story[n], odd)["all"]]
    return prf(found)[2]


def report(files: dict, results: dict, e5: dict) -> None:
    """Per share: the held-out F1 (rule chosen on the other half) per file and language."""
    rows: dict[str, dict[bool, tuple]] = defaultdict(dict)
    for report_odd in (True, False):
        for label in {k[0] for k in results}:
            options = [k for k in results if k[0] == label]
            chosen = max(options, key=lambda k: pooled_f1(files, results[k], not report_odd))
            rows[label][report_odd] = chosen
    for name, (pairs, stored) in files.items():
        print(f"\n{name}: held-out stream F1 (odd choose even and the reverse), consulted share")
        table: dict[str, dict[str, list]] = {}
        for label, chosen in sorted(rows.items(), key=lambda r: (r[0] != "USE", len(r[0]), r[0])):
            merged: dict[str, list] = defaultdict(list)
            for report_odd, key in chosen.items():
                for bucket, found in decisions(pairs, results[key][name], report_odd).items():
                    merged[bucket].extend(found)
            table[label] = merged
            rules = " / ".join(f"band {chosen[o][1]:.4f} t5 {chosen[o][2]}" for o in (False, True))
            _, clusterer = run(stored, e5[name], chosen[False][1], chosen[False][2])
            print(
                f"  {label:>4}: rules (odd choose / even choose) {rules};"
                f" consulted {len(clusterer.consulted) / len(stored):.1%} of articles,"
                f" e5 read {len(clusterer.read) / len(stored):.1%}"
            )
        buckets = sorted(table["USE"], key=lambda b: (b != "all", b))
        labels = ["USE", *(f"{share:.0%}" for share in SHARES)]
        print(f"{'pairs':<7} " + " ".join(f"{lab:>7}" for lab in labels))
        for bucket in buckets:
            cells = [f"{prf(table[lab][bucket])[2]:7.3f}" for lab in labels]
            print(f"{bucket:<7} " + " ".join(cells))


def timing(files: dict, encode, count: int) -> None:  # type: ignore[no-untyped-def]
    pairs, _ = next(iter(files.values()))
    sample = [article_parts(p["a"])["lead"] for p, _ in rated(pairs)[:count]]
    use = ms_per_article(READERS["use-m3"][1](), sample)
    e5 = ms_per_article(encode, sample)
    print(
        f"\nCPU ms an article, one a call, one thread, {count} articles: USE {use:.1f},"
        f" e5 {e5:.1f} ({e5 / use:.1f}x)"
    )


if __name__ == "__main__":
    main()
