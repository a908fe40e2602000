"""Provenance: are machine translations found with their originals, and copies / rewrites labelled?

    python bench/provenance.py [--only translations|copies] [--sample FILE] [--store DIR [--relink]]

Translations: the SemEval dev pair files hold 167 machine translations (an id with a language
suffix, ``1483851626en``) whose original (``1483851626``) is in the dev files too. Every
article of semeval-pairs-dev.jsonl then semeval-pairs-xling-dev.jsonl (pairs in file order, a
then b, each article once: originals were published before their translations were made, and
this order puts 166 of the 167 originals first) is ingested into a fresh store through the
pipeline users run. Reported, overall and per language pair (original -> translation):
- links split by clustering (the two articles in different stories: no detector can see those),
- precision / recall of "translation of the right original" over the links ingest kept together,
  with links found the wrong way round counted apart,
- articles wrongly labelled translations (of an article that is not their original),
- the detector on its own: the linked pairs, and every other cross-language pair of articles that
  share a story, scored directly (TranslationFinder.score).

Copies and rewrites: gva-dev.jsonl (English, publication dates) within its gold incidents (the
labeller alone: clustering is measured by bench/quality.py); how many articles are labelled
copies / rewrites, and a seeded sample of 30 written to ``--sample`` (the earlier article's and
the labelled article's openings side by side) for checking by hand.
A dataset that is absent is skipped with a message.
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _data import DATASETS
from newsweave.config import Settings
from newsweave.ledger import story_provenance
from newsweave.ledger import translation as translation_module
from newsweave.ledger.sources import NEAR_COPY, jaccard, shingles
from newsweave.ledger.translation import TranslationFinder, figures_agree, sentences
from newsweave.models import Article
from newsweave.pipeline import Pipeline
from stream_pairs import read_pairs, stream_records

_TRANSLATED = re.compile(r"^(\d+)([a-z]{2})$")


def ingest(records: list[dict], folder: str) -> tuple[Pipeline, float]:
    """A store holding ``records`` ingested in order, and the seconds it took (0 when ``folder``
    already held the store: ``--store`` keeps it between runs)."""
    if (Path(folder) / "provenance.db").exists():
        print(f"reusing the store in {folder}")
        return Pipeline(Settings(db=f"{folder}/provenance.db")), 0.0
    path = Path(folder) / "articles.jsonl"
    path.write_text(
        "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8"
    )
    pipeline = Pipeline(Settings(db=f"{folder}/provenance.db"))
    started = time.perf_counter()
    summary = pipeline.ingest([str(path)])
    took = time.perf_counter() - started
    finder = pipeline.translations
    print(
        f"ingested {summary.new} articles ({summary.duplicate} duplicates) in {took:.0f} s "
        f"({summary.new / took:.1f} articles/s), of which translation detection "
        f"{finder.seconds:.0f} s: {finder.aligned_pairs} pairs aligned, "
        f"{finder.sentences_embedded} sentences embedded"
    )
    return pipeline, took


def stored(pipeline: Pipeline) -> tuple[dict[str, Article], dict[str, str]]:
    """External id -> stored article (duplicates resolve to the stored text), and -> story."""
    articles: dict[str, Article] = {}
    story_of: dict[str, str] = {}
    for article, decision in pipeline.store.articles():
        names = [article.external_id] + [
            alias.external_id for alias in pipeline.store.aliases(article.id)
        ]
        for name in filter(None, names):
            articles[name], story_of[name] = article, decision.story_id
    return articles, story_of


def provenance_by_story(pipeline: Pipeline, stories: set[str], relink: bool = False) -> dict:
    """Article id -> provenance, for every article of ``stories``, as a story page shows it.

    With ``relink``, translation links are found again with the detector as it is now (each
    article against the story's earlier ones, as ingest does) instead of read from the store.
    """
    found: dict = {}
    for story in stories:
        members = [a for a, _ in pipeline.store.story_articles(story)]
        if relink:
            links = [
                link
                for n, article in enumerate(members)
                for link in pipeline.translations.links(article, members[:n])
            ]
        else:
            links = pipeline.store.translation_links(story)
        found.update(story_provenance(members, links))
    return found


def copy_of(a: Article, b: Article) -> bool:
    """Whether ``a`` is ``b`` or a same-language near copy of it (shingle Jaccard >= NEAR_COPY,
    the level at which the labeller calls an article a copy)."""
    if a.id == b.id:
        return True
    return a.lang == b.lang and jaccard(shingles(a.text), shingles(b.text), NEAR_COPY) >= NEAR_COPY


def translations(
    store: Path | None, relink: bool, with_detector: bool = True, cost_stories: int = 0
) -> None:
    files = [DATASETS / "semeval-pairs-dev.jsonl", DATASETS / "semeval-pairs-xling-dev.jsonl"]
    if not all(f.exists() for f in files):
        print(f"skipped: {files} are not all present")
        return
    records = stream_records(p for f in files for p in read_pairs(f))
    ids = {r["id"] for r in records}
    lang = {r["id"]: r["lang"] for r in records}
    gold = {
        m[0]: m[1] for m in (_TRANSLATED.match(i) for i in ids) if m and m[1] in ids
    }  # translation id -> original id
    print(f"\n## translations: {len(records)} articles, {len(gold)} translation links")
    with tempfile.TemporaryDirectory() as temporary:
        folder = str(store / "translations") if store else temporary
        Path(folder).mkdir(parents=True, exist_ok=True)
        pipeline, _ = ingest(records, folder)
        articles, story_of = stored(pipeline)
        # A link whose page ingest rejected (a notice, not an article: an anti-bot page and its
        # machine translation) has nothing to find: left out, and counted.
        rejected = {t: o for t, o in gold.items() if t not in articles or o not in articles}
        gold = {t: o for t, o in gold.items() if t not in rejected}
        if rejected:
            print(
                f"{len(rejected)} translation links left out: ingest rejected their pages (notices)"
            )
        provenance = provenance_by_story(pipeline, set(story_of.values()), relink)
        gold_ids = {(articles[t].id, articles[o].id) for t, o in gold.items()}
        by_stored = {a.id: a for a in articles.values()}
        gold_of = {articles[t].id: articles[o] for t, o in gold.items()}
        by_pair: dict[str, Counter[str]] = defaultdict(Counter)
        for t, o in gold.items():
            key = f"{lang[o]}->{lang[t]}"
            for bucket in ("all", key):
                c = by_pair[bucket]
                c["links"] += 1
                if story_of[t] != story_of[o]:
                    c["split"] += 1
                    continue
                tp, op = provenance[articles[t].id], provenance[articles[o].id]
                if tp.kind == "translation" and tp.of == articles[o].id:
                    c["found"] += 1
                if tp.kind == "translation" and copy_of(by_stored[tp.of or ""], articles[o]):
                    c["found copy"] += 1
                elif op.kind == "translation" and op.of == articles[t].id:
                    c["reversed"] += 1
        labelled = [p for p in provenance.values() if p.kind == "translation"]
        wrong = [
            p
            for p in labelled
            if (p.article_id, p.of) not in gold_ids and (p.of, p.article_id) not in gold_ids
        ]
        # The second reading: labelled against a same-language near copy of its gold original
        # (the gold links cannot know the dev files hold one text under several ids).
        right_copy = [
            p
            for p in labelled
            if p.article_id in gold_of and copy_of(by_stored[p.of or ""], gold_of[p.article_id])
        ]
        by_lang = {a.id: a.lang for a in articles.values()}
        for p in right_copy:
            by_pair[f"{by_lang[p.of or '']}->{by_lang[p.article_id]}"]["right copy"] += 1
            by_pair["all"]["right copy"] += 1
        for p in labelled:
            key = f"{by_lang[p.of or '']}->{by_lang[p.article_id]}"
            by_pair[key]["labelled"] += 1
            by_pair["all"]["labelled"] += 1
        for p in wrong:
            by_pair[f"{by_lang[p.of or '']}->{by_lang[p.article_id]}"]["wrong"] += 1
            by_pair["all"]["wrong"] += 1
        print(
            f"\n{'pair':<8} {'links':>5} {'split':>5} {'found':>5} {'reversed':>8} "
            f"{'labelled':>8} {'wrong':>5} {'P':>6} {'R kept':>6} {'R all':>6} | "
            f"{'P copy':>6} {'R kept':>6} {'R all':>6}"
        )
        for key in sorted(by_pair, key=lambda k: (k != "all", k)):
            c = by_pair[key]
            kept = c["links"] - c["split"]
            precision = c["found"] / c["labelled"] if c["labelled"] else float("nan")
            print(
                f"{key:<8} {c['links']:>5} {c['split']:>5} {c['found']:>5} {c['reversed']:>8} "
                f"{c['labelled']:>8} {c['wrong']:>5} {precision:>6.3f} "
                f"{c['found'] / kept if kept else float('nan'):>6.3f} "
                f"{c['found'] / c['links'] if c['links'] else float('nan'):>6.3f} | "
                f"{c['right copy'] / c['labelled'] if c['labelled'] else float('nan'):>6.3f} "
                f"{c['found copy'] / kept if kept else float('nan'):>6.3f} "
                f"{c['found copy'] / c['links'] if c['links'] else float('nan'):>6.3f}"
            )
        by_id = {a.id: (name, a) for name, a in articles.items()}
        for p in wrong:
            (name, a), (of_name, b) = by_id[p.article_id], by_id[p.of or ""]
            print(
                f"  wrong: {name} [{a.lang}] translation of {of_name} [{b.lang}] ({p.confidence})"
            )
        for t, o in gold.items():
            tp = provenance[articles[t].id]
            if story_of[t] == story_of[o] and not (
                tp.kind == "translation" and tp.of == articles[o].id
            ):
                a, b = articles[t], articles[o]
                print(
                    f"  missed: {t} [{a.lang}] of {o} [{b.lang}]: labelled {tp.kind} of "
                    f"{by_id.get(tp.of or '', ('-',))[0]}; score {pipeline.translations.score(a, b):.2f}, "
                    f"sentences {len(sentences(a.text))}/{len(sentences(b.text))}, "
                    f"figures agree {figures_agree(a, b)}"
                )
        if with_detector:
            detector(pipeline, articles, story_of, gold)
        if cost_stories:
            search_cost(pipeline, cost_stories)


def detector(
    pipeline: Pipeline, articles: dict[str, Article], story_of: dict[str, str], gold: dict
) -> None:
    """The detector alone: gold links (split or not) and same-story cross-language non-links."""
    finder = pipeline.translations
    # Two translations of one original are one text too: no pair within such a group is a negative.
    text_of = {articles[o].id: articles[o].id for o in gold.values()}
    text_of.update({articles[t].id: articles[o].id for t, o in gold.items()})
    linked = {
        frozenset((a, b)) for a in text_of for b in text_of if a != b and text_of[a] == text_of[b]
    }
    members: dict[str, dict[str, Article]] = defaultdict(dict)
    for name, article in articles.items():
        members[story_of[name]][article.id] = article
    others = [
        (a, b)
        for group in members.values()
        for i, a in enumerate(group.values())
        for b in list(group.values())[:i]
        if a.lang != b.lang and frozenset((a.id, b.id)) not in linked
    ]
    started = time.perf_counter()
    positives = [finder.score(articles[t], articles[o]) for t, o in gold.items()]
    negatives = [finder.score(a, b) for a, b in others]
    took = time.perf_counter() - started
    print(
        f"\ndetector alone: {len(positives)} linked pairs, {len(negatives)} same-story "
        f"cross-language pairs that are not translations ({took:.0f} s)"
    )
    by_id = {a.id: name for name, a in articles.items()}
    for (a, b), score in sorted(zip(others, negatives, strict=True), key=lambda x: -x[1])[:12]:
        if score >= 0.5:
            print(
                f"  high non-link: {by_id[a.id]} [{a.lang}] ~ {by_id[b.id]} [{b.lang}] {score:.2f}"
            )
    print(f"{'aligned share >=':>16} {'found':>6} {'R':>6} {'false':>6} {'P':>6}")
    for threshold in (0.4, 0.5, 0.6, 0.7, 0.8):
        tp = sum(s >= threshold for s in positives)
        fp = sum(s >= threshold for s in negatives)
        print(
            f"{threshold:>16.1f} {tp:>6} {tp / len(positives):>6.3f} {fp:>6} "
            f"{tp / (tp + fp) if tp + fp else float('nan'):>6.3f}"
        )


def search_cost(pipeline: Pipeline, limit: int) -> None:
    """What the translation search costs, in one run, at the lead cosine used and at the former
    0.55: the first ``limit`` stories with two languages linked as ingest does (each article against
    the story's earlier ones), each time with a fresh finder (no sentence vectors cached), twice."""
    stories: dict[str, list[Article]] = defaultdict(list)
    for article, decision in pipeline.store.articles():
        stories[decision.story_id].append(article)
    mixed = [m for m in stories.values() if len({a.lang for a in m}) > 1][:limit]
    used = translation_module._LEAD_COSINE
    print(f"\nsearch cost over {len(mixed)} stories with two languages or more")
    # In the order A B B A, so that a load that drifts during the run weighs on both alike.
    for lead in (0.55, used, used, 0.55):
        translation_module._LEAD_COSINE = lead
        finder = TranslationFinder(pipeline.embedder)
        started = time.perf_counter()
        links = sum(len(finder.links(a, m[:n])) for m in mixed for n, a in enumerate(m))
        took = time.perf_counter() - started
        print(
            f"  lead cosine {lead:.2f}: {took:.1f} s, {finder.aligned_pairs} pairs aligned, "
            f"{finder.sentences_embedded} sentences embedded, {links} links"
        )
    translation_module._LEAD_COSINE = used


def copies(sample_path: Path | None) -> None:
    """Copies and rewrites within gva-dev's gold incidents (the labeller alone, no clustering)."""
    path = DATASETS / "gva-dev.jsonl"
    if not path.exists():
        print(f"skipped: {path} is not present")
        return
    records = [json.loads(line) for line in path.open(encoding="utf-8")]
    incidents: dict[str, list[Article]] = defaultdict(list)
    for r in records:
        incidents[str(r["story"])].append(_gva_article(r))
    print(f"\n## copies and rewrites: gva-dev, {len(records)} articles, {len(incidents)} incidents")
    started = time.perf_counter()
    provenance: dict = {}
    for members in incidents.values():
        provenance.update(story_provenance(members))
    took = time.perf_counter() - started
    print(f"provenance of every incident in {took:.1f} s")
    kinds = Counter(p.kind for p in provenance.values())
    print("labels (en): " + ", ".join(f"{k} {kinds[k]}" for k in sorted(kinds)))
    derived = sorted(
        (p for p in provenance.values() if p.kind in ("copy", "rewrite")),
        key=lambda p: p.article_id,
    )
    sample = random.Random(20).sample(derived, min(30, len(derived)))
    by_id = {a.id: a for members in incidents.values() for a in members}
    lines = []
    for n, p in enumerate(sample, 1):
        a, b = by_id[p.article_id], by_id[p.of or ""]
        lines += [
            f"### {n}. {p.kind} ({p.confidence:.2f}): {a.id} of {b.id}",
            f"earlier  [{b.published}] {b.url}\n  {b.title}\n  {b.text[:700]!r}",
            f"labelled [{a.published}] {a.url}\n  {a.title}\n  {a.text[:700]!r}",
            "",
        ]
    if sample_path:
        sample_path.write_text("\n".join(lines), encoding="utf-8")
        print(f"sample of {len(sample)} written to {sample_path}")


def _gva_article(record: dict) -> Article:
    """What the labeller reads of a gva-dev record: its text, language, url and own date."""
    return Article(
        id=str(record["id"]),
        origin="gva-dev.jsonl",
        title=record.get("title") or "",
        text=record["text"],
        lang=record.get("lang") or "en",
        content_hash=str(record["id"]),
        url=record.get("url"),
        published=date.fromisoformat(record["published"]) if record.get("published") else None,
        published_from="metadata" if record.get("published") else None,
    )


def main() -> None:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--only", choices=("translations", "copies"))
    parser.add_argument("--sample", type=Path, help="write the copy/rewrite sample here")
    parser.add_argument("--store", type=Path, help="keep the stores here; reuse them if there")
    parser.add_argument(
        "--relink", action="store_true", help="find translation links again (detector as now)"
    )
    parser.add_argument(
        "--no-detector", action="store_true", help="skip scoring the detector alone (slow)"
    )
    parser.add_argument(
        "--cost",
        type=int,
        default=0,
        metavar="N",
        help="time the translation search over N stories with two languages, before/after",
    )
    args = parser.parse_args()
    if args.only in (None, "translations"):
        translations(args.store, args.relink, not args.no_detector, args.cost)
    if args.only in (None, "copies"):
        copies(args.sample)


if __name__ == "__main__":
    main()
