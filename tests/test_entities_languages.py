"""Names as each language writes them: case endings, titles, apostrophes, lowercase tails.

The texts are mine, written for these tests. What a user would notice: the same place or person
gets the same key whichever language reports it, and a common word is not read as a place.
"""

from __future__ import annotations

import json
import logging

import pytest

from newsweave.extract import name_packs
from newsweave.extract.entities import find_entities
from newsweave.extract.name_packs import NamePackError, compile_name_pack


def keys(text: str, lang: str) -> set[str]:
    return {e.key for e in find_entities(text, lang)}


# One report, in six languages, each naming the places in the cases its grammar wants.
MEETING = {
    "en": "The foreign ministers of Germany and France met in Berlin. The United States criticised "
    "Russia's attack on Ukraine. The European Union and the United Nations called for talks.",
    "de": "Die Außenminister Deutschlands und Frankreichs trafen sich in Berlin. Die Regierung der "
    "Vereinigten Staaten kritisierte Russlands Angriff auf die Ukraine. Die Europäische Union und "
    "die Vereinten Nationen forderten Gespräche.",
    "pl": "Ministrowie spraw zagranicznych Niemiec i Francji spotkali się w Berlinie. Rząd Stanów "
    "Zjednoczonych skrytykował atak Rosji na Ukrainę. Unia Europejska i ONZ wezwały do rozmów.",
    "tr": "Almanya ve Fransa dışişleri bakanları Berlin'de bir araya geldi. ABD, Rusya'nın "
    "Ukrayna'ya saldırısını eleştirdi. Avrupa Birliği ve Birleşmiş Milletler görüşme çağrısı yaptı.",
    "fr": "Les ministres des affaires étrangères d'Allemagne et de France se sont rencontrés à "
    "Berlin. Les États-Unis ont critiqué l'attaque de la Russie contre l'Ukraine. L'Union "
    "européenne et les Nations unies ont appelé au dialogue.",
    "es": "Los ministros de Exteriores de Alemania y Francia se reunieron en Berlín. Estados Unidos "
    "criticó el ataque de Rusia a Ucrania. La Unión Europea y las Naciones Unidas pidieron diálogo.",
    "ru": "Министры иностранных дел Германии и Франции встретились в Берлине. Правительство США "
    "раскритиковало нападение России на Украину. ЕС и ООН призвали к переговорам.",
}
MEETING_KEYS = {
    "place:DE",
    "place:FR",
    "place:US",
    "place:RU",
    "place:UA",
    "place:city:berlin",
    "org:eu",
    "org:un",
}


@pytest.mark.parametrize("lang", sorted(MEETING))
def test_one_report_names_the_same_places_in_every_language(lang: str) -> None:
    found = keys(MEETING[lang], lang)
    assert found >= MEETING_KEYS, f"{lang} misses {sorted(MEETING_KEYS - found)}"


def test_german_case_endings_and_titles() -> None:
    text = (
        "Bundeskanzlerin Angela Merkel sprach mit US-Präsident Trump über die Lage Österreichs. "
        "Gesundheitsminister Jens Spahn nannte die Zahlen. Die Viren verbreiten sich."
    )
    found = keys(text, "de")
    assert {"person:angela merkel", "person:trump", "person:jens spahn", "place:AT"} <= found
    # German capitalises every noun: "Zahlen" and "Viren" are no cities (Zahlé, Viru).
    assert not any(k.startswith("place:city:") for k in found), found
    assert not any("bundeskanzlerin" in k or "gesundheitsminister" in k for k in found)


def test_german_nouns_are_not_people() -> None:
    text = (
        "Der CDU-Politiker Friedrich Merz sprach in Berlin. Tausende Menschen demonstrierten am "
        "Samstag. Die Menschen forderten Beginn des Jahres neue Regeln."
    )
    people = {e.key for e in find_entities(text, "de") if e.kind == "person"}
    # "Menschen" and "Beginn" follow an article somewhere in the text: nouns, not names.
    assert people == {"person:friedrich merz"}


def test_polish_countries_in_every_case() -> None:
    text = (
        "W Niemczech i we Włoszech rośnie liczba zakażeń. Rozmowy z Chinami trwają. "
        "W Stanach Zjednoczonych i w Wielkiej Brytanii też. Premier Węgier pojechał do Francji."
    )
    found = keys(text, "pl")
    assert {
        "place:DE",
        "place:IT",
        "place:CN",
        "place:US",
        "place:GB",
        "place:HU",
        "place:FR",
    } <= found
    assert not any(k.startswith("person:") for k in found), found


def test_polish_cases_of_places_and_people() -> None:
    text = (
        "Prezydent Andrzej Duda przyjechał do Warszawy. W Polsce i we Włoszech rośnie liczba "
        "zakażeń. Aby ograniczyć ruch, rząd Andrzeja Dudy zamknął granice z Niemcami. "
        "Spotkanie odbyło się w Berlinie."
    )
    entities = find_entities(text, "pl")
    found = {e.key for e in entities}
    assert {"place:PL", "place:city:warsaw", "place:city:berlin"} <= found
    # The genitive "Andrzeja Dudy" is the man the text names in full: one key, twice.
    assert [e.key for e in entities if e.kind == "person"] == ["person:andrzej duda"] * 2
    # "Aby" (in order to) opens a sentence: not the city of Aba, though "Aba" is a city.
    assert "place:city:aba" not in found


def test_turkish_endings_after_the_apostrophe() -> None:
    text = "Cumhurbaşkanı Erdoğan Ankara'da Macron'un mektubunu okudu. ABD ve AB İstanbul'a heyet yolladı."
    found = keys(text, "tr")
    assert {"place:city:ankara", "place:city:istanbul", "place:US", "org:eu"} <= found
    assert "person:erdogan" in found or any(
        k.startswith("person:") and "erdogan" in k for k in found
    )
    assert not any("'" in k or " da" in k for k in found), found


def test_russian_cases_and_the_letter_yo() -> None:
    text = (
        "В Москве президент Владимир Путин говорил о Китае. Соединённые Штаты и Польша "
        "ответили. Позже Путину позвонили из Польши."
    )
    entities = find_entities(text, "ru")
    found = {e.key for e in entities}
    assert {"place:city:moscow", "place:CN", "place:US", "place:PL"} <= found
    # "В" (in) opens the sentence; "Москве" is still the city, and "Путину" is Putin.
    assert [e.key for e in entities if e.kind == "person"] == ["person:vladimir putin"] * 2


def test_lowercase_words_that_complete_a_name() -> None:
    found = keys(
        "L'Arabie saoudite et les Émirats arabes unis ont rejoint l'Union européenne.", "fr"
    )
    assert {"place:SA", "place:AE", "org:eu"} <= found
    assert "org:union" not in found
    # A lowercase word the gazetteer would not take with the word before it stays out.
    assert keys("Fue un año largo. La estrella de reality subió dos fotos.", "es") == set()


def test_an_elided_article_is_not_part_of_the_name() -> None:
    assert "org:eu" in keys("L'Union européenne a réagi. Lorsqu'Emmanuel Macron parle.", "fr")
    assert "person:emmanuel macron" in keys("Lorsqu'Emmanuel Macron parle, on écoute.", "fr")
    # A capitalised D' is a surname's: "D'Alema" stays whole.
    assert "person:massimo d alema" in keys("Ha parlato anche Massimo D'Alema a Roma.", "it")


def test_a_title_in_one_language_is_a_name_in_another() -> None:
    assert "person:francisco" in keys("El Papa Francisco celebró la misa en Roma.", "es")
    assert "place:city:papa" not in keys("El Papa Francisco celebró la misa en Roma.", "es")
    # "Port-au-Prince" ends in "Prince", a title in English: still the city.
    assert "place:city:port au prince" in keys("Aid arrived in Port-au-Prince on Monday.", "en")


def test_english_names_keep_a_capitalised_connector() -> None:
    found = keys("Trung Le was captured days after the shooting.", "en")
    assert "person:trung le" in found


@pytest.mark.parametrize(
    ("raw", "reason"),
    [
        ([], "one JSON object"),
        ({"endings": [["s"]]}, "pair"),
        ({"titles": "Papa"}, "list of strings"),
        ({"capitalised_nouns": "yes"}, "true or false"),
        ({"casualties": []}, "unknown keys"),
    ],
)
def test_a_broken_names_pack_says_what_is_wrong(raw: object, reason: str) -> None:
    with pytest.raises(NamePackError, match=reason):
        compile_name_pack(raw)


def test_an_unreadable_pack_is_reported_and_the_language_still_read(
    tmp_path, monkeypatch, caplog
) -> None:
    folder = tmp_path / "data" / "lang" / "xx"
    folder.mkdir(parents=True)
    (folder / "names.json").write_text(json.dumps({"endings": "s"}), encoding="utf-8")
    monkeypatch.setattr(name_packs.resources, "files", lambda _package: tmp_path)
    name_packs._load.cache_clear()
    try:
        with caplog.at_level(logging.ERROR):
            assert name_packs.name_pack("xx") is name_packs.NO_PACK
        assert "lang/xx/names.json" in caplog.text
    finally:
        name_packs._load.cache_clear()


def test_states_and_regions_as_other_languages_write_them() -> None:
    assert "place:US-CA" in keys("Die Waldbrände in Kalifornien breiten sich aus.", "de")
    assert "place:US-CA" in keys("Pożary w Kalifornii się rozprzestrzeniają.", "pl")
    assert "place:US-NC" in keys("El huracán llegó a Carolina del Norte.", "es")
    assert "place:DE-BY" in keys("Les inondations en Bavière ont fait deux morts.", "fr")
    assert "place:DE-NW" in keys("In Nordrhein-Westfalen gelten neue Regeln.", "de")
    assert "place:CA-BC" in keys("Wildfires spread across British Columbia.", "en")
    # A region's name that is also a word, or a name, stays what it is where it is met.
    assert not any(k.startswith("place:") for k in keys("Lori Dooley was at home.", "en"))
    assert "place:IT-25" in keys("In der Lombardei stieg die Zahl der Fälle.", "de")
