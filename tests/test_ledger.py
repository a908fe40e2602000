"""The story ledger on small multilingual fixtures: slots, units, number formats, dates, sources."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from newsweave.ingest.records import record_document
from newsweave.ledger import build_ledger
from newsweave.ledger.story import Ledger, Slot
from newsweave.models import Article, RawDocument
from newsweave.prepare import prepare

FIXTURES = Path(__file__).parent / "fixtures" / "ledger"


def _articles(name: str) -> dict[str, Article]:
    lines = (FIXTURES / name).read_text(encoding="utf-8").splitlines()
    articles = [
        prepare(record_document(f"{name}#line {i}", json.loads(line)))
        for i, line in enumerate(lines, 1)
    ]
    return {a.external_id or a.id: a for a in articles}


def _slot(ledger: Ledger, name: str) -> Slot:
    return next(s for s in ledger.slots if s.name == name)


def _values(article: Article, slot: str) -> list[float | str]:
    return [f.value for f in article.facts if f.slot == slot]


@pytest.fixture(scope="module")
def derailment() -> dict[str, Article]:
    return _articles("derailment.jsonl")


@pytest.mark.parametrize(
    ("article", "surface"),
    [
        ("en-wire", "six thousand people"),
        ("pt", "seis mil pessoas"),
        ("es", "seis mil personas"),
        ("de", "sechs Tausend Menschen"),
        ("fr", "six mille personnes"),
    ],
)
def test_number_words_and_multipliers_read_the_same_count(
    derailment: dict[str, Article], article: str, surface: str
) -> None:
    people = [q for q in derailment[article].quantities if q.what == "people"]
    assert [(q.value, q.surface) for q in people] == [(6000.0, surface)]
    # "About six thousand people use the line every day": people with no part in the event (no
    # role word) are not a ledger claim, since two such counts are not known to count the same.
    assert not any(f.value == 6000 for f in derailment[article].facts)


def test_decimal_comma_and_decimal_point_give_one_value(derailment: dict[str, Article]) -> None:
    # "1.234,5 milhões de euros" (pt) and "1,234.5 million euros" (en)
    assert (
        _values(derailment["pt"], "money")
        == _values(derailment["en-wire"], "money")
        == [1_234_500_000.0]
    )


def test_speeds_compare_after_unit_conversion(derailment: dict[str, Article]) -> None:
    en, pt = derailment["en-wire"], derailment["pt"]
    assert [(f.value, f.unit) for f in en.facts if f.slot == "speed"] == [
        (pytest.approx(59.55, abs=0.01), "km/h")
    ]
    speed = _slot(build_ledger([en, pt]), "speed")
    assert speed.status == "agreed" and len(speed.values) == 1  # 37 mph and 60 km/h are one value


@pytest.mark.parametrize(
    ("article", "published", "said"),
    [
        ("en-wire", date(2024, 1, 1), "Sunday"),
        ("pt", date(2024, 1, 1), "ontem"),
        ("es", date(2024, 1, 1), "ayer"),
        ("de", date(2024, 1, 1), "Sonntag"),
        ("fr", date(2024, 1, 2), "dimanche"),
    ],
)
def test_relative_dates_resolve_across_the_year_boundary(
    derailment: dict[str, Article], article: str, published: date, said: str
) -> None:
    found = derailment[article]
    assert found.published == published
    assert found.event_date == date(2023, 12, 31)
    assert next(f.surface for f in found.facts if f.slot == "event_date") == said


def test_relative_date_across_a_month_boundary() -> None:
    raw = RawDocument(
        origin="t",
        text="Ein Lagerhaus brannte gestern in Hannover ab; 180 Feuerwehrleute waren im Einsatz.",
        published="2024-03-01",
        lang="de",
    )
    assert prepare(raw).event_date == date(2024, 2, 29)


def test_conflict_shows_every_value_and_the_majority(derailment: dict[str, Article]) -> None:
    ledger = build_ledger(list(derailment.values()))
    killed = _slot(ledger, "killed")
    assert killed.status == "conflict" and killed.majority == 12
    by_value = {v.value: v for v in killed.values}
    assert set(by_value) == {12.0, 14.0}
    assert by_value[12.0].sources == 4
    assert {w.lang for w in by_value[12.0].witnesses} == {"pt", "es", "de", "fr"}
    # Each value keeps the sentence that states it, in the article's language.
    assert any("Murieron doce personas" in w.evidence for w in by_value[12.0].witnesses)


def test_a_reprint_is_not_an_independent_source(derailment: dict[str, Article]) -> None:
    ledger = build_ledger(list(derailment.values()))
    fourteen = next(v for v in _slot(ledger, "killed").values if v.value == 14.0)
    assert len(fourteen.witnesses) == 2 and fourteen.sources == 1
    # ... and the first reporter of a value is the earliest article that stated it.
    assert fourteen.first_reporter == derailment["en-wire"].id


def test_same_publisher_counts_once(derailment: dict[str, Article]) -> None:
    pt = derailment["pt"]
    other = prepare(
        RawDocument(
            origin="x",
            url="https://noticias.example.pt/outra",
            lang="pt",
            published="2024-01-01",
            text="Doze pessoas morreram no descarrilamento de ontem perto de Coimbra, segundo a CP.",
        )
    )
    killed = _slot(build_ledger([pt, other]), "killed")
    assert killed.status == "single source" and killed.values[0].sources == 1


def test_agreed_slots_and_consensus_date(derailment: dict[str, Article]) -> None:
    ledger = build_ledger(list(derailment.values()))
    assert _slot(ledger, "injured").status == "agreed"
    assert (
        _slot(ledger, "money").status == "agreed" and _slot(ledger, "money").values[0].sources == 2
    )
    assert ledger.dates.event_date == date(2023, 12, 31) and ledger.dates.confidence == 1.0
    assert ledger.dates.unfit == []


def test_an_article_dated_months_away_is_flagged(derailment: dict[str, Article]) -> None:
    late = prepare(
        RawDocument(
            origin="archive",
            url="https://archive.example.net/a",
            lang="en",
            published="2024-09-01",
            text="Fourteen people were killed when a passenger train derailed near Coimbra.",
        )
    )
    ledger = build_ledger([*derailment.values(), late])
    assert ledger.dates.event_date == date(2023, 12, 31)
    assert late.id in {article for article, _ in ledger.dates.unfit}


def test_name_variants_are_one_entity_across_languages() -> None:
    texts = [
        ("en", "Kim Jong-un met Putin in Vladivostok."),
        ("pt", "Kim Jong Un encontrou Putin em Vladivostok."),
        ("de", "Kim Jong Un traf Putin in Wladiwostok."),
    ]
    articles = [
        prepare(
            RawDocument(
                origin=f"{lang}.txt", url=f"https://{lang}.example.com/a", text=text, lang=lang
            )
        )
        for lang, text in texts
    ]
    entities = {key: sources for _, key, _, sources in build_ledger(articles).entities}
    assert entities["person:kim jong un"] == 3


def test_a_story_names_each_entity_once_whatever_its_articles_languages() -> None:
    texts = [
        (
            "pt",
            "A Coréia do Norte e a Rússia assinaram um acordo em Moscou. Kim Jong-un chegou de comboio.",
        ),
        ("pt", "O Sr. Kim ficou três dias em Moscou, disse a Rússia."),
        (
            "en",
            "Mr. Kim spent three days in Moscou, as the North Koreans call it, and Russia said so.",
        ),
    ]
    articles = [
        prepare(
            RawDocument(origin=f"{i}.txt", url=f"https://{i}.example.com/a", text=text, lang=lang)
        )
        for i, (lang, text) in enumerate(texts)
    ]
    names = {key: name for _, key, name, _ in build_ledger(articles).entities}
    # the country by its English name, not "Coréia do Norte" / "North Koreans" / "Rússia";
    # the city by its own name rather than the commonest spelling; the person by his full name, not "Mr. Kim"
    assert names["place:KP"] == "North Korea" and names["place:RU"] == "Russia"
    assert names["place:city:moscow"] == "Moscow"
    assert names["person:kim jong un"] == "Kim Jong-un"


def test_an_implied_value_does_not_make_a_conflict(derailment: dict[str, Article]) -> None:
    silent = prepare(
        RawDocument(
            origin="x",
            url="https://radio.example.com/a",
            lang="en",
            published="2024-01-01",
            text="Twelve people were killed when a train derailed near Coimbra on Sunday.",
        )
    )
    assert ("injured", 0.0, False) in {(f.slot, f.value, f.stated) for f in silent.facts}
    injured = _slot(build_ledger([derailment["pt"], derailment["de"], silent]), "injured")
    assert injured.status == "agreed" and injured.majority == 40.0
    assert {v.value for v in injured.values} == {40.0, 0.0}  # still shown, marked as implied


@pytest.fixture(scope="module")
def rising_toll() -> dict[str, Article]:
    return _articles("rising_toll.jsonl")


def test_a_toll_that_rises_over_days_is_an_update_not_a_conflict(
    rising_toll: dict[str, Article],
) -> None:
    # Monday: two killed (en, es); Tuesday: four (en, pt), after two injured died in hospital.
    killed = _slot(build_ledger(list(rising_toll.values())), "killed")
    assert killed.status == "updated"
    assert [(u.value.value, u.witness.published) for u in killed.updates] == [
        (2, date(2024, 6, 3)),
        (4, date(2024, 6, 4)),
    ]
    assert killed.updates[0].witness.article_id == rising_toll["toll-monday"].id


def test_the_same_toll_told_differently_on_one_day_is_still_a_conflict(
    rising_toll: dict[str, Article],
) -> None:
    monday = rising_toll["toll-monday"]
    late = prepare(
        record_document(
            "late",
            {
                "id": "toll-late",
                "lang": "en",
                "published": "2024-06-03",
                "url": "https://other.example.net/crash",
                "title": "Bus crash near Braga",
                "text": "Five people were killed when a tourist bus left a mountain road "
                "near Braga on Monday, the fire brigade said.",
            },
        )
    )
    killed = _slot(build_ledger([monday, late]), "killed")
    assert killed.status == "conflict" and killed.updates == []


def test_a_revision_reported_on_the_same_day_is_an_update(rising_toll: dict[str, Article]) -> None:
    monday = rising_toll["toll-monday"]
    evening = prepare(
        record_document(
            "evening",
            {
                "id": "toll-evening",
                "lang": "en",
                "published": "2024-06-03",
                "url": "https://other.example.net/crash",
                "title": "Bus crash near Braga",
                "text": "Four people were killed when a tourist bus left a mountain road "
                "near Braga, civil protection said on Monday evening as the toll rose to four.",
            },
        )
    )
    killed = _slot(build_ledger([monday, evening]), "killed")
    assert killed.status == "updated" and [u.value.value for u in killed.updates] == [2, 4]


@pytest.mark.parametrize(
    ("lang", "text", "slot"),
    [
        ("en", "About 200 residents were evacuated on Monday as the river rose.", "evacuated"),
        ("pt", "Cerca de 200 moradores foram retirados de casa na segunda-feira.", "evacuated"),
        ("es", "Unos 200 vecinos fueron desalojados el lunes por la crecida del río.", "evacuated"),
        ("fr", "Quelque 200 habitants ont été évacués lundi à cause de la crue.", "evacuated"),
        ("de", "Rund 200 Menschen wurden am Montag wegen des Hochwassers evakuiert.", "evacuated"),
        (
            "it",
            "Circa 200 abitanti sono stati evacuati lunedì per la piena del fiume.",
            "evacuated",
        ),
        (
            "nl",
            "Ongeveer 200 bewoners werden maandag geëvacueerd vanwege het hoogwater.",
            "evacuated",
        ),
        (
            "pl",
            "Około 200 mieszkańców zostało ewakuowanych w poniedziałek z powodu powodzi.",
            "evacuated",
        ),
        ("en", "Police said 12 people were arrested after the march on Saturday.", "arrested"),
        (
            "es",
            "La policía informó de que 12 personas fueron detenidas tras la marcha.",
            "arrested",
        ),
        ("en", "Rescuers said 3 people were still missing after the landslide.", "missing"),
        ("fr", "Selon la préfecture, 3 personnes sont toujours portées disparues.", "missing"),
    ],
)
def test_a_role_in_each_language_gives_its_own_slot(lang: str, text: str, slot: str) -> None:
    article = prepare(
        RawDocument(origin="t", title="", text=text, lang=lang, published="2024-03-01")
    )
    assert [
        (f.slot, f.value)
        for f in article.facts
        if f.slot not in ("event_date", "killed", "injured")
    ] == [(slot, 200 if slot == "evacuated" else 12 if slot == "arrested" else 3)]


def test_a_bad_claims_pack_is_named_and_the_language_goes_without(
    tmp_path: Path, caplog: pytest.LogCaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    from newsweave.extract.facts import claims

    broken = {"roles": {"evacuated": "evacu"}, "nouns": ["not", "a", "table"]}
    monkeypatch.setattr(claims, "_read", lambda lang: broken if lang == "xx" else None)
    claims.pack.cache_clear()
    try:
        assert claims.pack("xx") is None
        assert "xx/claims.json" in caplog.text and "unusable" in caplog.text
    finally:
        claims.pack.cache_clear()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("tr", "Yangın nedeniyle 200 kişi tahliye edildi, yetkililer açıkladı."),
        ("ru", "Из-за паводка 200 человек были эвакуированы в понедельник."),
    ],
)
def test_evacuated_is_read_in_turkish_and_russian(lang: str, text: str) -> None:
    article = prepare(
        RawDocument(origin="t", title="", text=text, lang=lang, published="2024-03-01")
    )
    assert [(f.slot, f.value) for f in article.facts if f.slot == "evacuated"] == [
        ("evacuated", 200)
    ]


def test_different_measures_with_no_role_are_distinct_not_a_conflict() -> None:
    texts = {
        "a": "The river rose 4.5 metres after 24 hours of rain on Friday, flooding the lower town.",
        "b": "The flood on Friday was the worst in the town since a 1999 storm: 24 hours of rain, "
        "and a cleanup expected to last 3 weeks.",
    }
    articles = [
        prepare(
            RawDocument(
                origin=k,
                url=f"https://{k}.example.org/flood",
                title="",
                text=t,
                lang="en",
                published="2024-03-02",
            )
        )
        for k, t in texts.items()
    ]
    duration = _slot(build_ledger(articles), "duration")
    assert duration.status == "distinct" and sorted(v.value for v in duration.values) == [24, 504]


def test_a_source_still_giving_the_old_toll_the_day_it_rose_makes_a_conflict(
    rising_toll: dict[str, Article],
) -> None:
    lagging = prepare(
        record_document(
            "lagging",
            {
                "id": "toll-lagging",
                "lang": "en",
                "published": "2024-06-04",
                "url": "https://lagging.example.net/crash",
                "title": "Bus crash near Braga",
                "text": "Two people were killed when a tourist bus left a mountain road "
                "near Braga on Monday, the local council said.",
            },
        )
    )
    killed = _slot(build_ledger([*rising_toll.values(), lagging]), "killed")
    assert (
        killed.status == "conflict" and killed.updates == []
    )  # Tuesday: 4 in two sources, 2 in this one
