"""Same-story pairs through the stream: does `newsweave ingest` put both articles of a rated pair in one story?

    python bench/stream_pairs.py [FILE ...] [--replay] [--cache DIR]

Each FILE is a SemEval-2022 Task 8 pair file (default: semeval-pairs-xling-dev.jsonl and
semeval-pairs-dev.jsonl from ../shared/datasets). Its articles are ingested into a fresh store
through the pipeline users run, in a fixed order: the file's pairs in file order, for each pair
``a`` then ``b``, each article once (at its first appearance). Then, for every pair people rated
(same story: ``overall`` <= 1.5; different: >= 2.5; in between left out), "are both in one story?"
gives precision, recall and F1 of "same story", overall and per language pair, with the number of
stories and the largest story's size.

Next to it: the plain USE cosine of the two articles' ingest embeddings with the threshold that
is best on the very pairs scored (an optimistic anchor: a stream cannot choose it afterwards).

``--cache DIR`` keeps each file's stored articles (features and embeddings) in DIR; ``--replay``
then clusters those again without reading or embedding anything (seconds, not minutes), which
is how weights are iterated on. Replay gives the same stories as ingest (checked with both).
A file that is absent is skipped with a message.

``--parts K`` (with ``--cache``) also clusters each of K interleaved parts of the file alone (pairs
i, i+K, i+2K, ...; only their articles, in the same order) and prints each part's F1: how the
stream does on a smaller stream, such as a held-back file of a few hundred articles, and how much
F1 moves from one set of pairs to another of the same kind.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS
from cluster_replay import Stored, cached_articles, keep_articles, replay
from newsweave.config import Settings
from newsweave.models import Article

DEFAULT_FILES = ("semeval-pairs-xling-dev.jsonl", "semeval-pairs-dev.jsonl")
SAME, DIFFERENT = 1.5, 2.5  # `overall` at or below: same story; at or above: different


def cached_pair_files(
    cache: Path, names: Iterable[str] = DEFAULT_FILES
) -> list[tuple[str, list[dict], Stored]]:
    """(file name, its pairs, its articles as ``--cache`` kept them) for every pair file that
    is there and has a cache in ``cache``; the others are skipped with a message."""
    found = []
    for name in names:
        path = DATASETS / name
        stored = cached_articles(path, cache) if path.exists() else None
        if stored is None:
            print(f"skipped: {name} has no data file or no cache in {cache} (run --cache)")
            continue
        found.append((name, read_pairs(path), stored))
    return found


def present_pair_files(files: list[str]) -> list[Path]:
    """The pair files named (default: DEFAULT_FILES in ../shared/datasets) that are there; each
    absent one is skipped with a message."""
    paths = [Path(f) for f in files] or [DATASETS / name for name in DEFAULT_FILES]
    for path in paths:
        if not path.exists():
            print(f"skipped: {path} is not present")
    return [path for path in paths if path.exists()]


def read_pairs(path: Path) -> list[dict]:
    """The pair records of ``path``; a broken line is reported and passed over."""
    pairs = []
    with path.open(encoding="utf-8") as stream:
        for number, line in enumerate(stream, 1):
            try:
                record = json.loads(line)
                record["a"]["id"], record["b"]["id"], record["overall"]
            except (ValueError, KeyError, TypeError) as exc:
                print(
                    f"{path.name} line {number}: skipped, not a pair record ({exc})",
                    file=sys.stderr,
                )
                continue
            pairs.append(record)
    return pairs


def stream_records(pairs: Iterable[dict]) -> list[dict]:
    """The articles to ingest, in the documented order: pairs in file order, a then b, each once."""
    seen: dict[str, dict] = {}
    for pair in pairs:
        for side in (pair["a"], pair["b"]):
            if side["id"] not in seen:
                seen[side["id"]] = {"id": side["id"], "lang": side["lang"], "text": side["text"]}
    return list(seen.values())


def rated(pairs: Iterable[dict]) -> list[tuple[dict, bool]]:
    """The pairs with a clear rating, each with whether it is the same story."""
    return [
        (p, p["overall"] <= SAME)
        for p in pairs
        if p["overall"] <= SAME or p["overall"] >= DIFFERENT
    ]


def prf(decisions: Iterable[tuple[bool, bool]]) -> tuple[float, float, float, int, int]:
    """Precision, recall, F1 of "same" over (predicted, true) pairs, with the true same/different counts."""
    tp = fp = fn = same = different = 0
    for predicted, true in decisions:
        same += true
        different += not true
        tp += predicted and true
        fp += predicted and not true
        fn += true and not predicted
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1, same, different


def best_threshold(scored: list[tuple[float, bool]]) -> tuple[float, float]:
    """The cosine threshold with the best same-story F1 on ``scored``, and that F1."""
    best = (0.0, 0.0)
    for threshold in sorted({s for s, _ in scored}):
        f1 = prf((s >= threshold, true) for s, true in scored)[2]
        if f1 > best[1]:
            best = (threshold, f1)
    return best


def cosine(a: Article, b: Article) -> float:
    assert a.embedding is not None and b.embedding is not None
    return float(sum(x * y for x, y in zip(a.embedding, b.embedding, strict=True)))


def report(
    name: str, pairs: list[dict], story_of: Mapping[str, str], articles: Mapping[str, Article]
) -> dict:
    """Print the stream's figures and the cosine anchor's for one pair file; return them.

    A pair with an article ingest rejected (a notice page, not an article) counts as apart, for
    the stream and for the anchor alike: the denominators stay those of every rated pair."""
    judged = rated(pairs)
    apart = sum(1 for p, _ in judged if not (p["a"]["id"] in story_of and p["b"]["id"] in story_of))
    by_key: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
    anchor: dict[str, list[tuple[float, bool]]] = defaultdict(list)
    for pair, true in judged:
        key = f"{pair['a']['lang']}-{pair['b']['lang']}"
        a, b = pair["a"]["id"], pair["b"]["id"]
        stored = a in story_of and b in story_of
        predicted = _together(story_of, pair)
        similarity = cosine(articles[a], articles[b]) if stored else -1.0
        for bucket in ("all", key):
            by_key[bucket].append((predicted, true))
            anchor[bucket].append((similarity, true))
    sizes = Counter(story_of.values())
    threshold, _ = best_threshold(anchor["all"])
    print(
        f"\n{name}: {len(story_of)} articles -> {len(sizes)} stories, largest {max(sizes.values())}; "
        f"USE-cosine anchor threshold {threshold:.3f} (best on all pairs)"
        + (
            f"; {apart} rated pairs have an article not stored (rejected), counted apart"
            if apart
            else ""
        )
    )
    print(
        f"{'pairs':<7} {'same/diff':>9}  {'stream P':>8} {'R':>6} {'F1':>6}   {'cosine F1':>9} {'own best':>8}"
    )
    figures = {}
    for key in sorted(by_key, key=lambda k: (k != "all", k)):
        precision, recall, f1, same, different = prf(by_key[key])
        at_global = prf((s >= threshold, t) for s, t in anchor[key])[2]
        own = best_threshold(anchor[key])[1]
        print(
            f"{key:<7} {same:>4}/{different:<4}  {precision:>8.3f} {recall:>6.3f} {f1:>6.3f}   "
            f"{at_global:>9.3f} {own:>8.3f}"
        )
        figures[key] = (precision, recall, f1)
    return figures


def report_parts(
    name: str, pairs: list[dict], stored: Stored, parts: int, whole: Mapping[str, str]
) -> None:
    """Cluster each of ``parts`` interleaved parts of ``pairs`` alone and print its F1, next to
    the F1 the whole stream (``whole``: each external id's story) has on the same pairs."""
    print(f"{name}, {parts} parts clustered alone (pairs i, i+{parts}, ...):")
    for part in range(parts):
        mine = pairs[part::parts]
        wanted = {p[side]["id"] for p in mine for side in ("a", "b")}
        selected = [s for s in stored if wanted & set(s[0])]
        story_of, _ = replay(selected, Settings().weights)
        per: dict[str, list[tuple[bool, bool]]] = defaultdict(list)
        for pair, true in rated(mine):
            key = f"{pair['a']['lang']}-{pair['b']['lang']}"
            for bucket in ("all", key):
                per[bucket].append((_together(story_of, pair), true))
        precision, recall, f1, same, different = prf(per.pop("all"))
        in_whole = prf((_together(whole, pair), true) for pair, true in rated(mine))[2]
        languages = " ".join(f"{k} {prf(v)[2]:.3f}" for k, v in sorted(per.items()))
        print(
            f"  part {part}: {len(selected)} articles, {same}/{different} pairs, "
            f"P {precision:.3f} R {recall:.3f} F1 {f1:.3f}, in the whole stream {in_whole:.3f} "
            f"({languages})"
        )


def ingest(
    records: list[dict], folder: str, embed_chars: int
) -> tuple[dict[str, str], dict[str, Article]]:
    """Ingest ``records`` into a fresh store; each external id's story and stored article."""
    from newsweave.pipeline import Pipeline

    path = Path(folder) / "articles.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    pipeline = Pipeline(Settings(db=f"{folder}/pairs.db", embed_chars=embed_chars))
    started = time.perf_counter()
    summary = pipeline.ingest([str(path)])
    print(
        f"ingested {summary.new} articles ({summary.duplicate} duplicates, {len(summary.rejected)} rejected) "
        f"in {time.perf_counter() - started:.0f} s"
    )
    story_of: dict[str, str] = {}
    articles: dict[str, Article] = {}
    for article, decision in pipeline.store.articles():
        external = [article.external_id] + [
            alias.external_id for alias in pipeline.store.aliases(article.id)
        ]
        for name in filter(None, external):
            story_of[name], articles[name] = decision.story_id, article
    return story_of, articles


def _together(story_of: Mapping[str, str], pair: dict) -> bool:
    """Both articles stored, in one story (a rejected article is apart from every other)."""
    a, b = story_of.get(pair["a"]["id"]), story_of.get(pair["b"]["id"])
    return a is not None and a == b


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument(
        "files", nargs="*", help="pair files (default: the two dev files in ../shared/datasets)"
    )
    parser.add_argument(
        "--cache", type=Path, help="keep (and with --replay, read) each file's articles here"
    )
    parser.add_argument(
        "--replay",
        action="store_true",
        help="cluster the cached articles again instead of ingesting",
    )
    parser.add_argument(
        "--parts",
        type=int,
        default=1,
        help="with --cache: also cluster K interleaved parts of each file alone",
    )
    parser.add_argument(
        "--embed-chars",
        type=int,
        default=Settings().embed_chars,
        help="the embedder's window, in characters (Settings.embed_chars)",
    )
    args = parser.parse_args()
    for path in present_pair_files(args.files):
        pairs = read_pairs(path)
        records = stream_records(pairs)
        if args.replay:
            stored = cached_articles(path, args.cache)
            if stored is None:
                print(
                    f"skipped: no cache for {path.name} in {args.cache}; run once without --replay first"
                )
                continue
            story_of, articles = replay(stored, Settings().weights)
        else:
            with tempfile.TemporaryDirectory() as folder:
                story_of, articles = ingest(records, folder, args.embed_chars)
            if args.cache:
                keep_articles(path, args.cache, articles)
                replayed, _ = replay(cached_articles(path, args.cache) or [], Settings().weights)
                differ = sum(1 for p in pairs if _together(replayed, p) != _together(story_of, p))
                print(f"replay of the cache and ingest disagree on {differ} of {len(pairs)} pairs")
        report(path.name, pairs, story_of, articles)
        stored = cached_articles(path, args.cache) if args.cache else None
        if args.parts > 1 and stored:
            report_parts(path.name, pairs, stored, args.parts, story_of)


if __name__ == "__main__":
    main()
