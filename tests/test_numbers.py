"""Quantities: number formats, number words, units and casualty counts."""

from pathlib import Path

import pytest

from newsweave.extract.numbers import find_quantities

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def pairs(text: str, lang: str) -> list[tuple[float, str]]:
    return [(q.value, q.what) for q in find_quantities(text, lang)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("O governo enviou 12.000 soldados à fronteira.", "pt", (12000, "soldiers")),
        ("The ministry sent 6,000 more troops north.", "en", (6000, "soldiers")),
        ("Weitere 6.000 Soldaten sollen folgen.", "de", (6000, "soldiers")),
        ("Le pays a envoyé 6 000 soldats.", "fr", (6000, "soldiers")),
        ("Se evacuaron 1.500 personas del barrio.", "es", (1500, "people")),
        ("Rund 1.234,5 Menschen im Schnitt pro Tag.", "de", (1234.5, "people")),
        ("An average of 1,234.5 people a day.", "en", (1234.5, "people")),
    ],
)
def test_number_formats_per_language(text: str, lang: str, expected: tuple[float, str]) -> None:
    assert expected in pairs(text, lang)


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("The talks lasted four hours.", "en", 4),
        ("A reunião durou quatro horas.", "pt", 4),
        ("La reunión duró cuatro horas.", "es", 4),
        ("Das Treffen dauerte vier Stunden.", "de", 4),
        ("La réunion a duré quatre heures.", "fr", 4),
    ],
)
def test_word_numbers_with_duration(text: str, lang: str, expected: int) -> None:
    found = find_quantities(text, lang)
    assert [(q.value, q.unit, q.what) for q in found] == [(expected, "hour", "duration")]


@pytest.mark.parametrize(
    ("text", "lang", "value"),
    [
        ("Cerca de doze mil pessoas protestaram.", "pt", 12000),
        ("More than two million people voted.", "en", 2_000_000),
        ("Es kamen 3 Millionen Menschen.", "de", 3_000_000),
        ("Deux mille personnes ont défilé.", "fr", 2000),
        ("Unos 2,5 millones de personas.", "es", 2_500_000),
        ("A dozen people waited outside.", "en", 12),
    ],
)
def test_multipliers_and_dozens(text: str, lang: str, value: float) -> None:
    assert (value, "people") in pairs(text, lang)


def test_units_are_normalised() -> None:
    found = {
        (q.value, q.unit, q.what)
        for q in find_quantities(
            "The train ran at 37 miles per hour, then 60 km/h, for 20 hours over 300 km.", "en"
        )
    }
    assert {(37, "mph", "speed"), (60, "km/h", "speed"), (20, "hour", "duration")} <= found
    assert (300, "km", "distance") in found


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Officials said four people were found shot dead on Monday.", "en", [(4, "killed")]),
        ("One person dead and three injured.", "en", [(1, "killed"), (3, "injured")]),
        ("Two men were wounded near the bar.", "en", [(2, "injured")]),
        (
            "The gunman opened fire, killing two and wounding three others.",
            "en",
            [(2, "killed"), (3, "injured")],
        ),
        ("Quatro pessoas morreram e cinco feridas.", "pt", [(4, "killed"), (5, "injured")]),
        ("Hubo cuatro muertos y dos heridos.", "es", [(4, "killed"), (2, "injured")]),
        ("Es gab vier Tote und drei Verletzte.", "de", [(4, "killed"), (3, "injured")]),
        ("Quatre personnes tuées et deux blessées.", "fr", [(4, "killed"), (2, "injured")]),
        ("No one was injured in the blast.", "en", [(0, "injured")]),
    ],
)
def test_casualty_counts(text: str, lang: str, expected: list[tuple[int, str]]) -> None:
    slots = [p for p in pairs(text, lang) if p[1] in ("killed", "injured")]
    assert slots == expected


def test_age_is_not_a_casualty_count() -> None:
    found = pairs("A 23-year-old man was killed on Elm Road, police said.", "en")
    assert (1, "killed") in found
    assert (23, "killed") not in found


def test_years_times_phones_and_addresses_are_not_counts() -> None:
    text = (
        "In 2019, at 4:45 p.m., a caller dialled 555-0199 from the 1200 block of Oak Street "
        "and 12 Main Street; 15% of residents heard shots."
    )
    found = find_quantities(text, "en")
    assert [(q.value, q.what) for q in found] == [(15, "percent")]


def test_named_victim_with_age() -> None:
    found = pairs("John Carter, 31, was killed outside his home.", "en")
    assert (31, "age") in found and (1, "killed") in found


def test_surface_is_the_span_as_written() -> None:
    (q,) = find_quantities("Cerca de 12.000 norte -coreanos foram enviados.", "pt")
    assert (q.value, q.what, q.surface) == (12000, "north koreans", "12.000 norte -coreanos")


@pytest.mark.skipif(not SEEDS.exists(), reason="shared seed articles not present")
class TestSeeds:
    def read(self, prefix: str) -> str:
        return next(SEEDS.glob(f"{prefix}_*.txt")).read_text(encoding="utf-8")

    def test_seed_000_troop_numbers(self) -> None:
        values = {q.value for q in find_quantities(self.read("000"), "pt")}
        assert {12000, 6000} <= values

    def test_seed_001_agrees_on_6000(self) -> None:
        assert (6000, "soldiers") in pairs(self.read("001"), "en")

    def test_seed_003_speed(self) -> None:
        found = find_quantities(self.read("003"), "en")
        assert (37, "mph", "speed") in {(q.value, q.unit, q.what) for q in found}

    def test_seed_002_durations(self) -> None:
        found = find_quantities(self.read("002"), "en")
        hours = {q.value for q in found if q.unit == "hour"}
        assert {20, 4} <= hours


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("Three hundred people were killed.", "en", (300, "killed")),
        ("Some 5 hundred soldiers died.", "en", (500, "killed")),
        ("A hundred people died.", "en", (100, "killed")),
        ("Tausend Menschen starben.", "de", (1000, "killed")),
    ],
)
def test_hundreds_multiply_the_number_before_them(
    text: str, lang: str, expected: tuple[float, str]
) -> None:
    assert pairs(text, lang) == [expected]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("Several hundred people died in the floods.", "en"),
        ("A few people died in the floods.", "en"),
        ("A few hundred people died in the floods.", "en"),
        ("Mehrere tausend Menschen starben.", "de"),
        ("Plusieurs milliers de personnes sont mortes.", "fr"),
        ("Varios mil soldados murieron.", "es"),
    ],
)
def test_a_vague_quantity_is_not_read_as_a_count(text: str, lang: str) -> None:
    # "several hundred deaths" had been read as 100 killed, and "a few" as one.
    assert not [value for value, what in pairs(text, lang) if what == "killed"]
