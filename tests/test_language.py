"""Language identification: seeds, common languages, and "und" for too little text."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsweave.language import detect

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


@pytest.mark.parametrize(
    ("prefix", "lang"), [("000", "pt"), ("001", "en"), ("002", "en"), ("003", "en"), ("004", "en")]
)
def test_seeds(prefix: str, lang: str) -> None:
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip("shared/seeds is not here")
    assert detect(found[0].read_text(encoding="utf-8")) == lang


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        (
            "Der Bundeskanzler hat am Montag in Berlin eine lange Rede über die Wirtschaft gehalten.",
            "de",
        ),
        (
            "El presidente del gobierno anunció el martes nuevas medidas económicas para las familias.",
            "es",
        ),
        (
            "Le président a annoncé mardi de nouvelles mesures pour soutenir l'économie du pays.",
            "fr",
        ),
        ("A Coreia do Norte deve enviar mais seis mil soldados para a Rússia neste verão.", "pt"),
        ("The North Korean leader arrived in Russia by train on Tuesday morning.", "en"),
    ],
)
def test_sentences(text: str, lang: str) -> None:
    assert detect(text) == lang


@pytest.mark.parametrize(
    "text", ["", "OK", "Hello world", "12:30 GMT 2024-05-19", "!!! ??? ...", "ab " * 6]
)
def test_too_short_is_undetermined(text: str) -> None:
    assert detect(text) == "und"


def test_only_the_opening_is_read() -> None:
    text = "The council approved the new budget on Monday evening. " * 40 + "Der Rat " * 2000
    assert detect(text) == "en"


def test_varieties_fold_to_iso_639_1(monkeypatch: pytest.MonkeyPatch) -> None:
    from newsweave import language

    class Fake:
        def classify(self, text: str) -> tuple[str, float]:
            return "arz", 0.9

    monkeypatch.setattr(language, "_identifier", lambda: Fake())
    assert detect("a text long enough to be classified by the model") == "ar"
