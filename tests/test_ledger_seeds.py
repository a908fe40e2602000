"""The ledger of the two seed stories, through the pipeline users run (skips without ../shared/seeds)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from newsweave.ledger import build_ledger
from newsweave.ledger.story import Ledger
from newsweave.models import Article
from newsweave.pipeline import Pipeline


def _ledgers(pipeline: Pipeline) -> dict[frozenset[str], tuple[Ledger, dict[str, str]]]:
    """Each story's ledger, keyed by the seed numbers ("000") of its articles, with id -> seed number."""
    members: dict[str, list[Article]] = {}
    for article, decision in pipeline.store.articles():
        members.setdefault(decision.story_id, []).append(article)
    found = {}
    for articles in members.values():
        names = {a.id: Path(a.origin).name[:3] for a in articles}
        found[frozenset(names.values())] = (build_ledger(articles), names)
    return found


def _claims(ledger: Ledger, names: dict[str, str]) -> dict[str, dict[float | str, set[str]]]:
    """slot -> value -> the seeds stating it."""
    return {
        s.name: {v.value: {names[w.article_id] for w in v.witnesses} for v in s.values}
        for s in ledger.slots
    }


def test_gala_and_train_ledgers(seeds: Path, real_pipeline: Pipeline) -> None:
    real_pipeline.ingest([str(seeds)])
    stories = _ledgers(real_pipeline)
    assert set(stories) == {frozenset({"000", "001"}), frozenset({"002", "003", "004"})}

    gala, names = stories[frozenset({"000", "001"})]
    claims = _claims(gala, names)
    more = next(s for s in gala.slots if s.name == "soldiers (more)")
    assert claims["soldiers (more)"] == {6000.0: {"000", "001"}} and more.status == "agreed"
    assert claims["soldiers"] == {12000.0: {"000"}}
    assert next(s for s in gala.slots if s.name == "soldiers").status == "single source"

    train, names = stories[frozenset({"002", "003", "004"})]
    claims = _claims(train, names)
    assert claims["speed"] == {59.5457: {"003"}}  # 37 mph, in km/h
    assert claims["duration"] == {20.0: {"002"}, 4.0: {"002"}}  # hours
    unfit = dict(train.dates.unfit)
    flagged = {names[a] for a in unfit}
    assert flagged == {"002", "004"}
    assert all("2024-05-19" in why and "2023-11-15" in why for why in unfit.values())
    assert {
        a.published for a, _ in real_pipeline.store.articles() if Path(a.origin).name[:3] in flagged
    } == {date(2024, 5, 19), date(2023, 11, 15)}
