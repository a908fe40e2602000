"""Event dates, header date lines and publication dates as a reader would state them."""

from datetime import date

import pytest

from newsweave.extract.dates import (
    find_event_dates,
    looks_like_date_line,
    parse_date,
    split_leading_date,
)
from newsweave.models import RawDocument
from newsweave.prepare import prepare


def values(text: str, lang: str, published: date | None) -> list[date]:
    return [m.value for m in find_event_dates(text, lang, published)]


@pytest.mark.parametrize(
    ("text", "lang", "expected"),
    [
        ("A reunião aconteceu em 19 de junho de 2025 na capital.", "pt", date(2025, 6, 19)),
        ("The vote was held on June 19, 2025, after weeks of talks.", "en", date(2025, 6, 19)),
        ("El acuerdo se firmó el 3 de marzo de 2024 en Madrid.", "es", date(2024, 3, 3)),
        ("Die Polizei meldete am 3. März 2024 einen Einsatz.", "de", date(2024, 3, 3)),
        ("Le sommet s'est ouvert le 5 mars 2024 à Genève.", "fr", date(2024, 3, 5)),
        ("Records filed 2023-09-12 show the sale.", "en", date(2023, 9, 12)),
    ],
)
def test_absolute_dates_in_each_language(text: str, lang: str, expected: date) -> None:
    assert values(text, lang, None) == [expected]


def test_missing_year_comes_from_publication() -> None:
    published = date(2024, 1, 3)
    # "Dec. 28" before a January publication date belongs to the previous year.
    assert values("The fire started Dec. 28 downtown.", "en", published) == [date(2023, 12, 28)]
    assert values("Le procès s'ouvre le 5 janvier.", "fr", published) == [date(2024, 1, 5)]


def test_yearless_dates_are_dropped_without_publication() -> None:
    assert values("The fire started Dec. 28 downtown.", "en", None) == []


def test_relative_weekday_across_a_year_boundary() -> None:
    found = find_event_dates("Police said the crash happened on Monday.", "en", date(2024, 1, 2))
    assert [m.value for m in found] == [date(2024, 1, 1)]
    assert found[0].relative


def test_yesterday_across_a_month_boundary_in_a_leap_year() -> None:
    assert values("The storm hit yesterday.", "en", date(2024, 3, 1)) == [date(2024, 2, 29)]


@pytest.mark.parametrize(
    ("text", "lang"),
    [
        ("O incêndio começou ontem e no domingo já havia alertas.", "pt"),
        ("El incendio empezó ayer y el domingo ya había alertas.", "es"),
        ("Das Feuer begann gestern, am Sonntag gab es Warnungen.", "de"),
        ("L'incendie a commencé hier et dimanche il y avait des alertes.", "fr"),
    ],
)
def test_relative_words_in_each_language(text: str, lang: str) -> None:
    # Published on Friday 2024-03-01: yesterday is Thursday, Sunday is 2024-02-25.
    assert values(text, lang, date(2024, 3, 1)) == [date(2024, 2, 29), date(2024, 2, 25)]


def test_relative_dates_need_a_publication_date() -> None:
    assert values("It happened yesterday, on Monday.", "en", None) == []


def test_may_the_verb_is_not_a_month_and_next_week_is_not_past() -> None:
    assert values("He may return 5 times. He leaves next Monday.", "en", date(2024, 5, 8)) == []


def test_mentions_are_in_text_order_and_deduplicated() -> None:
    text = "On Sunday, Sept. 10, the train left. It arrived Sept. 10 at night, police said Monday."
    found = find_event_dates(text, "en", date(2023, 9, 12))
    assert [m.value for m in found] == [date(2023, 9, 10), date(2023, 9, 11)]


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("May 19, 2024", date(2024, 5, 19)),
        (" date 2023-11-15", date(2023, 11, 15)),
        ("Published: 12 March 2024", date(2024, 3, 12)),
        ("Publicado em 19/06/2025", date(2025, 6, 19)),
        ("Veröffentlicht am 3. März 2024", date(2024, 3, 3)),
        ("Publié le 5 mars 2024", date(2024, 3, 5)),
        ("Police said on May 19, 2024 that two men were arrested.", None),
        ("Updated 4:45 p.m. ET", None),
        ("Russia wears off West fear", None),
    ],
)
def test_looks_like_date_line(line: str, expected: date | None) -> None:
    assert looks_like_date_line(line) == expected


def test_split_leading_date_glued_to_first_sentence() -> None:
    found, header, rest = split_leading_date(" date 2023-11-15 In a historic event, Kim arrived.")
    assert found == date(2023, 11, 15)
    assert header == "date 2023-11-15"
    assert rest == "In a historic event, Kim arrived."


def test_split_leading_date_leaves_other_texts_alone() -> None:
    text = "In a historic event on 2023-11-15, Kim arrived."
    assert split_leading_date(text) == (None, "", text)


def test_parse_date_metadata_forms() -> None:
    assert parse_date("2024-05-19T10:00:00Z") == date(2024, 5, 19)
    assert parse_date("Tue, 10 Jun 2003 04:00:00 GMT") == date(2003, 6, 10)
    assert parse_date("19 de junho de 2025", "pt") == date(2025, 6, 19)
    assert parse_date("May 2024") is None
    assert parse_date("") is None


def test_a_header_date_is_kept_but_not_trusted_and_a_metadata_date_is() -> None:
    body = "A bridge closed after the flood damaged its supports, officials said on Tuesday."
    from_header = prepare(RawDocument("notes.txt", f"May 19, 2024\n\nBridge closed\n\n{body}"))
    from_metadata = prepare(
        RawDocument("feed.xml#entry 1", body, title="Bridge closed", published="2024-05-19")
    )
    undated = prepare(RawDocument("plain.txt", f"Bridge closed\n{body}"))
    assert (from_header.published, from_header.published_from) == (date(2024, 5, 19), "header")
    assert not from_header.date_trusted
    assert from_metadata.published == date(2024, 5, 19) and from_metadata.date_trusted
    assert undated.published is None and undated.date_trusted  # nothing to distrust
