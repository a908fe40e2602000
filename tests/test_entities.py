"""Entities: variants of one person, country or city meet on one key."""

from pathlib import Path

import pytest

from newsweave.extract.entities import find_entities

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def keys(text: str, lang: str) -> set[str]:
    return {e.key for e in find_entities(text, lang)}


@pytest.mark.parametrize(
    "text",
    [
        "Leader Kim Jong-un visited the factory.",
        "The factory was visited by Kim Jong Un on Friday.",
        "Kim Jong Un arrived late. Mr. Kim then spoke to workers.",
    ],
)
def test_kim_variants_share_a_key(text: str) -> None:
    assert "person:kim jong un" in keys(text, "en")


def test_title_with_surname_resolves_to_full_name() -> None:
    found = find_entities("Kim Jong Un arrived late. Mr. Kim then spoke to workers.", "en")
    people = [e for e in found if e.kind == "person"]
    assert {e.key for e in people} == {"person:kim jong un"}
    assert [e.surface for e in people] == ["Kim Jong Un", "Kim"]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("A Coréia do Norte testou um míssil.", "pt"),
        ("A Coreia do Norte testou um míssil.", "pt"),
        ("North Korea tested a missile.", "en"),
        ("Nordkorea hat eine Rakete getestet.", "de"),
        ("La Corée du Nord a testé un missile.", "fr"),
        ("Corea del Norte probó un misil.", "es"),
        ("Os soldados norte-coreanos chegaram.", "pt"),
        ("Korea Północna przetestowała rakietę.", "pl"),
        ("Kuzey Kore bir füze denedi.", "tr"),
        ("КНДР испытала ракету.", "ru"),
    ],
)
def test_north_korea_in_many_languages(text: str, lang: str) -> None:
    assert "place:KP" in keys(text, lang)


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Os soldados foram enviados para a Rússia.", "pt"),
        ("Die Soldaten wurden nach Russland geschickt.", "de"),
        ("Les soldats ont été envoyés en Russie.", "fr"),
        ("The soldiers were sent to Russia.", "en"),
    ],
)
def test_russia_in_many_languages(text: str, lang: str) -> None:
    assert "place:RU" in keys(text, lang)


def test_us_city_and_state_from_local_news() -> None:
    text = (
        "Police in Tulsa, Okla., said two men were shot. "
        "Oklahoma officials and Fort Worth police helped."
    )
    found = keys(text, "en")
    assert {"place:city:tulsa", "place:US-OK", "place:city:fort worth"} <= found


def test_organisations_and_acronyms() -> None:
    text = (
        "The Korean Central News Agency (KCNA) said the UN and NATO "
        "were warned by the Tulsa Police Department."
    )
    found = keys(text, "en")
    assert {"org:kcna", "org:un", "org:nato"} <= found
    assert any(k.startswith("org:") and "tulsa police department" in k for k in found)


def test_junk_is_not_a_person() -> None:
    text = "On Monday, police said. The victims were taken away. In March, officers returned."
    assert not [e for e in find_entities(text, "en") if e.kind == "person"]


def test_unresolved_single_capitalised_word_is_dropped() -> None:
    found = find_entities("Yesterday Jenkins spoke briefly.", "en")
    assert not [e for e in found if e.kind == "person"]


def test_city_name_used_as_first_name_is_a_person() -> None:
    found = find_entities("Austin Miller, a neighbour, said he heard shots.", "en")
    assert "person:austin miller" in {e.key for e in found}
    assert "place:city:austin" not in {e.key for e in found}


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seed articles not present")
def test_seeds_000_and_001_share_person_and_country() -> None:
    pt = keys(next(SEEDS.glob("000_*.txt")).read_text(encoding="utf-8"), "pt")
    en = keys(next(SEEDS.glob("001_*.txt")).read_text(encoding="utf-8"), "en")
    assert {"person:kim jong un", "place:KP", "place:RU"} <= pt & en


def test_a_foreign_country_name_that_is_an_english_word_is_not_a_place_in_english() -> None:
    # "Man" is the Isle of Man and "Indie" is India in other languages' country lists.
    found = keys("Man held after the crash. Indie bands played on.", "en")
    assert not found & {"place:IM", "place:IN"}
    assert "place:XK" in keys("Kosovo and Serbia met in Brussels.", "en")
