"""bench/facts_multilingual.py: our multilingual casualty annotations and how they are scored."""

from __future__ import annotations

import json
import sys
from collections import Counter
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
sys.path.append(str(REPO / "bench"))  # last: bench modules must not shadow anything

import facts_multilingual as ml  # noqa: E402

LANGUAGES = {"de", "es", "fr", "pl", "tr", "ar", "zh", "it"}


def _annotation(**figures: int | None) -> ml.Annotation:
    full = {role: figures.get(role) for role in ml.ROLES}
    return ml.Annotation("1", "semeval-pairs-dev.jsonl", "de", full, "")


def test_annotations_cover_every_language_once_per_article(
    capsys: pytest.CaptureFixture[str],
) -> None:
    annotations = ml.load_annotations()
    assert capsys.readouterr().err == ""  # no line rejected
    per_language = Counter(a.lang for a in annotations)
    assert set(per_language) == LANGUAGES
    assert min(per_language.values()) >= 12
    keys = [(a.file, a.id) for a in annotations]
    assert len(keys) == len(set(keys))
    with_figure = sum(
        a.figures["killed"] is not None or a.figures["injured"] is not None for a in annotations
    )
    assert with_figure > len(annotations) / 2  # mostly casualty reports, some without


def test_annotated_ids_are_articles_of_that_language_in_the_dataset() -> None:
    annotations = ml.load_annotations()
    files = {a.file for a in annotations}
    if not all((ml.DATASETS / name).exists() for name in files):
        pytest.skip("../shared/datasets is not present")
    languages: dict[tuple[str, str], str] = {}
    for name in files:
        for line in (ml.DATASETS / name).open(encoding="utf-8"):
            pair = json.loads(line)
            for side in (pair["a"], pair["b"]):
                languages[(name, str(side["id"]))] = side["lang"]
    for a in annotations:
        assert languages.get((a.file, a.id)) == a.lang, f"{a.file}#{a.id}"


def test_an_implied_zero_where_the_text_states_nothing_is_not_invented() -> None:
    outcome = ml.score(_annotation(), "de", {"injured": [(0.0, False)]})
    assert outcome.right["injured"] and outcome.invented == []


def test_a_figure_where_the_text_states_none_is_invented() -> None:
    implied_one = ml.score(_annotation(), "de", {"killed": [(1.0, False)]})
    stated_zero = ml.score(_annotation(), "de", {"injured": [(0.0, True)]})
    assert implied_one.invented == ["killed"] and not implied_one.right["killed"]
    assert stated_zero.invented == ["injured"]


def test_a_stated_nobody_needs_a_zero_in_the_export() -> None:
    silent = ml.score(_annotation(injured=0), "de", {})
    implied = ml.score(_annotation(injured=0), "de", {"injured": [(0.0, False)]})
    assert not silent.right["injured"]
    assert implied.right["injured"]


def test_one_value_right_two_values_wrong() -> None:
    assert ml.score(_annotation(killed=4), "de", {"killed": [(4.0, True)]}).right["killed"]
    both = ml.score(_annotation(killed=4), "de", {"killed": [(2.0, True), (4.0, True)]})
    assert not both.right["killed"] and both.invented == []


def test_a_bad_annotation_line_is_named_and_skipped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = {
        "id": "7",
        "file": "semeval-pairs-dev.jsonl",
        "lang": "de",
        "killed": 1,
        "injured": None,
        "evacuated": None,
        "missing": None,
        "arrested": None,
    }
    path = tmp_path / "facts.jsonl"
    path.write_text(
        "\n".join([json.dumps({**good, "killed": "two"}), "{broken", json.dumps(good)]) + "\n",
        encoding="utf-8",
    )
    loaded = ml.load_annotations(path)
    err = capsys.readouterr().err
    assert [a.id for a in loaded] == ["7"]
    assert "facts.jsonl line 1: skipped, killed is 'two'" in err
    assert "facts.jsonl line 2: skipped" in err


def test_the_section_skips_cleanly_without_the_datasets(
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(ml, "DATASETS", tmp_path / "absent")
    ml.multilingual()
    assert "multilingual facts skipped:" in capsys.readouterr().out
