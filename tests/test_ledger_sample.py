"""The ledgers of the bundled sample, as `make run` shows them: only like is compared with like.

The sample (src/newsweave/sample) holds five events in five languages. Before claim identity its
ledgers flagged eight conflicts, seven of them false: ages, "the worst in twenty years" and "three
weeks after" another flood in one `duration` slot; a shelter's 300, 1,200 evacuated and a town's
9,000 inhabitants in one `people` slot; "12 000 mètres carrés" read as 12 km; "15 km west of
Orléans" against a 500 m perimeter. The one true conflict is the Mondego flood's killed: three in
five sources, "al menos cuatro" in one.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from conftest import SAMPLE
from newsweave.ingest.sources import read_inputs
from newsweave.ledger import build_ledger, ledger_lines
from newsweave.ledger.story import Ledger, Slot
from newsweave.models import Article, RawDocument
from newsweave.pipeline import Pipeline
from newsweave.prepare import prepare

EVENTS = {"mondego": 0, "ourense": 1, "hallbrueck": 2, "villemarceau": 3, "verdal": 4}


def _label(raw: RawDocument) -> str:
    """The name expected.json gives a sample document: its file (and entry), or its record id."""
    if "#line" in raw.origin and raw.external_id:
        return raw.external_id
    return Path(raw.origin.split("#")[0]).name + (
        "#" + raw.origin.split("#")[1] if "#" in raw.origin else ""
    )


@pytest.fixture(scope="module")
def ledgers() -> dict[str, Ledger]:
    """Each true event of the sample (expected.json) and its ledger."""
    articles: dict[str, Article] = {}
    for raw in read_inputs([str(SAMPLE / "articles")]):
        assert isinstance(raw, RawDocument), raw
        articles[_label(raw)] = prepare(raw)
    stories = json.loads((SAMPLE / "expected.json").read_text(encoding="utf-8"))["stories"]
    return {
        name: build_ledger([articles[label] for label in stories[i]]) for name, i in EVENTS.items()
    }


def _slot(ledger: Ledger, name: str) -> Slot:
    found = [s for s in ledger.slots if s.name == name]
    assert found, f"no {name} slot in {[s.name for s in ledger.slots]}"
    return found[0]


def _values(slot: Slot) -> list[float | str]:
    return sorted(v.value for v in slot.values if any(w.stated for w in v.witnesses))


def test_the_only_conflict_left_is_the_mondego_floods_killed(ledgers: dict[str, Ledger]) -> None:
    conflicts = [
        (event, s.name)
        for event, ledger in ledgers.items()
        for s in ledger.slots
        if s.status == "conflict"
    ]
    assert conflicts == [("mondego", "killed")]
    killed = _slot(ledgers["mondego"], "killed")
    assert _values(killed) == [3, 4] and killed.majority == 3
    four = next(v for v in killed.values if v.value == 4)
    assert any("Al menos cuatro" in w.evidence for w in four.witnesses)


@pytest.mark.parametrize(
    ("event", "evacuated"), [("mondego", 1200), ("ourense", 430), ("villemarceau", 350)]
)
def test_evacuated_figures_have_their_own_slot_and_agree(
    ledgers: dict[str, Ledger], event: str, evacuated: int
) -> None:
    slot = _slot(ledgers[event], "evacuated")
    assert slot.status == "agreed" and _values(slot) == [evacuated]
    assert all(s.name != "people" for s in ledgers[event].slots)  # no slot mixes who is counted


def test_the_workers_evacuated_are_not_compared_with_the_residents(
    ledgers: dict[str, Ledger],
) -> None:
    ledger = ledgers["villemarceau"]
    assert _values(_slot(ledger, "evacuated workers")) == [42]
    assert _values(_slot(ledger, "evacuated")) == [350]


def test_ages_comparisons_and_other_events_are_not_durations(ledgers: dict[str, Ledger]) -> None:
    # "um homem de 52 anos", "la peor riada en más de veinte años": only the 24 hours of rain remain.
    assert _values(_slot(ledgers["mondego"], "duration")) == [24]
    assert _values(_slot(ledgers["ourense"], "duration")) == [
        6
    ]  # not the victim's 79 years, nor "três semanas depois"
    # "drei Wochen zuvor" is about the Hallbrück fire, not the plant closed for two weeks.
    assert _values(_slot(ledgers["villemarceau"], "duration")) == [336]


def test_floor_areas_are_areas_and_a_location_is_no_distance_of_the_event(
    ledgers: dict[str, Ledger],
) -> None:
    hallbrueck, villemarceau = ledgers["hallbrueck"], ledgers["villemarceau"]
    assert (
        _values(_slot(hallbrueck, "area")) == [12000]
        and _slot(hallbrueck, "area").values[0].unit == "m²"
    )
    assert _values(_slot(hallbrueck, "distance")) == [
        5
    ]  # the five-kilometre warning radius, agreed
    assert _values(_slot(villemarceau, "area")) == [3000]
    assert _values(_slot(villemarceau, "distance")) == [
        0.5
    ]  # 500 m perimeter; "15 km west of Orléans" is where
    assert _slot(villemarceau, "distance").status == "agreed"


def test_a_towns_population_is_not_a_count_of_the_event(ledgers: dict[str, Ledger]) -> None:
    every_value = [v.value for ledger in ledgers.values() for s in ledger.slots for v in s.values]
    assert 9000 not in every_value and 4500 not in every_value
    assert _values(_slot(ledgers["verdal"], "employed")) == [
        640
    ]  # "emplea a 640 personas", "emprega 640 pessoas"
    assert _slot(ledgers["mondego"], "sheltered").status == "agreed"  # the 300 in the sports hall


# Both read casualties in French and German ("Aucun blessé n'est à déplorer", "Zwei Feuerwehrleute
# leicht verletzt") with the per-language casualty packs: negation scope and counted subjects.
def test_villemarceau_reports_no_one_injured(ledgers: dict[str, Ledger]) -> None:
    injured = _slot(ledgers["villemarceau"], "injured")
    assert injured.status == "agreed" and [v.value for v in injured.values] == [0]


def test_hallbrueck_reports_two_firefighters_injured(ledgers: dict[str, Ledger]) -> None:
    injured = _slot(ledgers["hallbrueck"], "injured")
    assert injured.status == "agreed" and [v.value for v in injured.values] == [2]


def test_story_command_shows_one_conflict_on_the_sample_as_ingested(
    real_pipeline: Pipeline,
) -> None:
    """Through the pipeline and store a user runs: the stories it forms show the same single conflict."""
    real_pipeline.ingest([str(SAMPLE / "articles")])
    members: dict[str, list[Article]] = {}
    for article, decision in real_pipeline.store.articles():
        members.setdefault(decision.story_id, []).append(article)
    lines = [line for articles in members.values() for line in ledger_lines(build_ledger(articles))]
    assert [line for line in lines if ": conflict" in line] == ["killed: conflict; most sources: 3"]
    assert sum(line.startswith("evacuated: agreed") for line in lines) == 3
