"""Pair scoring as a user meets it: `compare A B` and `compare --pairs FILE`."""

from __future__ import annotations

import io
import json

import pytest

from newsweave.cluster import Weights
from newsweave.cluster.pairs import PairWeights, calibrated, chunks
from newsweave.compare import PairScorer, score_pairs_file
from newsweave.embed.hashing import HashingEmbedder
from newsweave.errors import InputError

FIRE_EN = (
    "Fire destroys warehouse in Hanover. A fire destroyed a logistics warehouse in Hanover on "
    "Tuesday night; 180 firefighters fought the blaze for six hours and two workers were injured."
)
FIRE_EN_2 = (
    "Hanover warehouse blaze injures two. Two workers were injured when a warehouse in Hanover burned "
    "down on Tuesday; the fire brigade sent 180 firefighters."
)
FIRE_DE = (
    "Großbrand in Hannover zerstört Lagerhalle. Ein Feuer zerstörte am Dienstagabend eine Lagerhalle "
    "in Hannover; 180 Feuerwehrleute kämpften sechs Stunden gegen die Flammen, zwei Arbeiter wurden verletzt."
)
FOOTBALL_EN = (
    "Porto win the cup final after extra time. FC Porto beat Benfica 2-1 in the cup final on Sunday, "
    "with a header in the 112th minute deciding a tense match in front of 50,000 fans."
)
ELECTION_ES = (
    "Elecciones municipales en Sevilla. Los votantes de Sevilla eligen hoy a su nuevo alcalde; "
    "las encuestas prevén un empate entre los dos principales partidos."
)


def _pairs_file(*pairs: tuple[str, str, str, str, str]) -> io.StringIO:
    lines = [
        json.dumps({"id": pid, "a": {"lang": la, "text": ta}, "b": {"lang": lb, "text": tb}})
        for pid, la, ta, lb, tb in pairs
    ]
    return io.StringIO("\n".join(lines) + "\n")


def _scores(stream: io.StringIO, embedder: object, lead_reader: object = None) -> dict[str, float]:
    scorer = PairScorer(embedder, Weights(), lead_reader=lead_reader)  # type: ignore[arg-type]
    return {
        str(r["id"]): float(r["score"]) for r in score_pairs_file(stream, scorer, "pairs.jsonl")
    }  # type: ignore[arg-type]


def _sample() -> io.StringIO:
    return _pairs_file(
        ("same-en", "en", FIRE_EN, "en", FIRE_EN_2),
        ("same-en-de", "en", FIRE_EN, "de", FIRE_DE),
        ("other-en", "en", FIRE_EN, "en", FOOTBALL_EN),
        ("other-en-es", "en", FIRE_EN, "es", ELECTION_ES),
    )


def test_same_event_scores_above_unrelated_with_the_model(use_embedder) -> None:  # type: ignore[no-untyped-def]
    scores = _scores(_sample(), use_embedder)
    assert scores["same-en"] > scores["other-en"]
    assert scores["same-en-de"] > scores["other-en"]
    assert scores["same-en-de"] > scores["other-en-es"]


@pytest.fixture(scope="module")
def e5_reader():  # type: ignore[no-untyped-def]
    from newsweave.embed import open_embedder

    return open_embedder("e5-small")


def test_the_lead_reader_reads_across_languages(e5_reader) -> None:  # type: ignore[no-untyped-def]
    vectors = e5_reader.encode([FIRE_EN, FIRE_DE, FOOTBALL_EN, ""])
    assert vectors.shape == (4, 384)
    assert abs(float(vectors[0] @ vectors[0]) - 1.0) < 1e-4
    assert (
        vectors[0] @ vectors[1] > vectors[0] @ vectors[2]
    )  # the German fire is nearer than the English final


def test_with_the_lead_reader_same_event_scores_above_unrelated(use_embedder, e5_reader) -> None:  # type: ignore[no-untyped-def]
    scores = _scores(_sample(), use_embedder, e5_reader)
    assert scores["same-en"] > scores["other-en"]
    assert (
        scores["same-en-de"] > scores["other-en"] and scores["same-en-de"] > scores["other-en-es"]
    )


def test_the_lead_readers_cosine_is_a_component(e5_reader) -> None:  # type: ignore[no-untyped-def]
    from newsweave.models import RawDocument
    from newsweave.prepare import prepare

    scorer = PairScorer(HashingEmbedder(), Weights(), lead_reader=e5_reader)
    first, second, third = scorer.features(
        [
            prepare(RawDocument(origin=o, text=t))
            for o, t in (("a", FIRE_EN), ("b", FIRE_DE), ("c", FOOTBALL_EN))
        ]
    )
    same, other = scorer.score(first, second), scorer.score(first, third)
    assert same.components["semantic_lead"] > other.components["semantic_lead"]
    without = PairScorer(HashingEmbedder(), Weights())
    a, b = without.features(
        [prepare(RawDocument(origin=o, text=t)) for o, t in (("a", FIRE_EN), ("b", FIRE_DE))]
    )
    assert "semantic_lead" not in without.score(a, b).components


def test_scores_stay_between_zero_and_one(use_embedder) -> None:  # type: ignore[no-untyped-def]
    assert all(0.0 <= s <= 1.0 for s in _scores(_sample(), use_embedder).values())


def test_scores_are_deterministic() -> None:
    assert _scores(_sample(), HashingEmbedder()) == _scores(_sample(), HashingEmbedder())


def test_same_language_pair_shares_words_with_the_dependency_free_embedder() -> None:
    scores = _scores(_sample(), HashingEmbedder())
    assert scores["same-en"] > scores["other-en"]


@pytest.mark.parametrize(
    "broken", ["{not json", json.dumps({"id": "x", "a": {"lang": "en"}}), json.dumps(["a", "b"])]
)
def test_a_broken_line_is_an_input_error_naming_it(broken: str) -> None:
    good = json.dumps(
        {"id": "ok", "a": {"lang": "en", "text": FIRE_EN}, "b": {"lang": "en", "text": FIRE_EN_2}}
    )
    stream = io.StringIO(f"{good}\n\n{broken}\n")
    with pytest.raises(InputError) as caught:
        _scores(stream, HashingEmbedder())
    assert "pairs.jsonl#line 3" in str(caught.value)


def test_single_pair_components_explain_the_score() -> None:
    scorer = PairScorer(HashingEmbedder(), Weights())
    from newsweave.models import RawDocument
    from newsweave.prepare import prepare

    first, second = scorer.features(
        [
            prepare(RawDocument(origin="a", text=FIRE_EN)),
            prepare(RawDocument(origin="b", text=FIRE_DE)),
        ]
    )
    result = scorer.score(first, second)
    assert {"semantic", "lexical", "entities", "numbers", "time"} <= set(result.components)
    assert 0.0 <= result.score <= 1.0


def test_a_long_article_is_read_in_chunks_the_model_reads_well() -> None:
    text = " ".join(f"word{i}" for i in range(2000))
    pieces = chunks(text)
    assert all(len(p) <= 600 for p in pieces)
    assert sum(len(p) for p in pieces) <= 4000
    assert pieces[0].startswith("word0 ") and not pieces[1].startswith(" ")


def test_semantic_calibration_is_monotone_and_centred() -> None:
    shape = PairWeights()
    values = [
        calibrated(c / 10, shape.semantic_centre, shape.semantic_steepness) for c in range(11)
    ]
    assert values == sorted(values)
    assert calibrated(
        shape.semantic_centre, shape.semantic_centre, shape.semantic_steepness
    ) == pytest.approx(0.5)
