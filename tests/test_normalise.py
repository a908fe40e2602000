"""Normalise: repaired text, header date, title and captions out of the body."""

from __future__ import annotations

from pathlib import Path

import ftfy
import pytest

from newsweave.normalise import clean, fix_mojibake, looks_like_headline, mend_hyphens, repair

SEEDS = Path(__file__).resolve().parents[2] / "shared" / "seeds"


def seed(prefix: str) -> str:
    """The text of the seed article whose name starts with ``prefix``; skip when absent."""
    found = sorted(SEEDS.glob(f"{prefix}_*.txt")) if SEEDS.is_dir() else []
    if not found:
        pytest.skip("shared/seeds is not here")
    return found[0].read_text(encoding="utf-8")


# --- seeds ------------------------------------------------------------------------------


def test_seed_002_header_date_and_title() -> None:
    result = clean(seed("002"))
    assert result.header_date == "2024-05-19"
    assert result.title == "Russia wears off West fear, ensured defense deal with Kim Jong Un"
    assert "May 19, 2024" not in result.body
    assert result.title not in result.body
    assert result.body.startswith("Russian President Vladimir Putin met")
    # A short subheading is not a caption.
    assert "The luxury train of Kim Jong Un" in result.body


def test_seed_004_glued_header_date() -> None:
    result = clean(seed("004"))
    assert result.header_date == "2023-11-15"
    assert result.body.startswith("In a historic event")
    assert "2023-11-15" not in result.body


def test_seed_001_captions_leave_the_body() -> None:
    result = clean(seed("001"))
    caption = "Russia's culture minister Olga Lyubimov was in attendance to mark the event"
    assert caption in result.captions
    assert caption not in result.body
    assert (
        "Kim appeared in a solemn mood as he watched the performance at the gala" in result.captions
    )
    assert "North Korea’s leader Kim Jong Un appeared to weep" in result.body
    assert "The agreement marked a major shift" in result.body
    assert result.title.startswith("Kim Jong-un appears to weep")
    assert not result.body.startswith("Kim Jong-un appears to weep")


def test_seed_000_machine_translation_hyphens() -> None:
    result = clean(seed("000"))
    assert "norte-coreanos" in result.body
    assert "norte -coreanos" not in result.body
    assert "admitiu-se" in result.body and "Entende-se" in result.body
    assert "outubroe" in result.body
    # One sentence per line, no blank lines: every line stays in the body.
    assert result.captions == ()
    assert len(result.body.splitlines()) == len(seed("000").strip().splitlines())
    assert result.title == ""


def test_seed_003_untouched_apart_from_spacing() -> None:
    text = seed("003")
    result = clean(text)
    assert result.header_date is None and result.captions == ()
    assert result.body == text.strip()


# --- repair -----------------------------------------------------------------------------


def test_mojibake_nfc_controls_and_whitespace() -> None:
    messy = "Cafe\u0301 on  the\tcorner\x00\r\n\r\n\r\n\r\nSecond\u00a0 paragraph â€” fixed\u200b."
    assert repair(messy) == "Café on the corner\n\nSecond paragraph — fixed."


@pytest.mark.parametrize(
    "text",
    [
        "Plain line one.\ncafÃ© on line two\nPlain line three &amp; more\n\nâ€œquotedâ€\x9d\n",
        "Tom &amp; Jerry\n<b>bold</b> tag\nthen &eacute;t&eacute;\n",  # HTML: ftfy reads it whole
        "ＬＯＵＤ\r\nplain\x1b[31m red\nÐ¿Ñ€Ð¸Ð²ÐµÑ‚\nlast plain line",
    ],
)
def test_fix_mojibake_is_ftfy_on_the_lines_it_could_change(text: str) -> None:
    assert fix_mojibake(text) == ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def test_paragraph_and_line_breaks_are_kept() -> None:
    assert repair("  One line.\nNext line.\n\n\nNew paragraph.  ") == (
        "One line.\nNext line.\n\nNew paragraph."
    )


def test_curly_quotes_stay_curly() -> None:
    assert repair("North Korea’s “leader”") == "North Korea’s “leader”"


@pytest.mark.parametrize(
    ("before", "after"),
    [
        ("12.000 norte -coreanos", "12.000 norte-coreanos"),
        ("No entanto, admitiu -se que", "No entanto, admitiu-se que"),
        ("Entende -se que Moscou", "Entende-se que Moscou"),
        ("during the ceremony - at some points", "during the ceremony - at some points"),
        ("temperatures of -5 degrees", "temperatures of -5 degrees"),
        ("the Kim -Putin summit", "the Kim -Putin summit"),
    ],
)
def test_mend_hyphens(before: str, after: str) -> None:
    assert mend_hyphens(before) == after


# --- title and header -------------------------------------------------------------------


def test_given_title_repeated_as_first_line_is_dropped() -> None:
    result = clean("Bridge reopens\nThe bridge reopened today.", "Bridge reopens")
    assert result.title == "Bridge reopens"
    assert result.body == "The bridge reopened today."


def test_given_title_kept_when_body_does_not_repeat_it() -> None:
    result = clean("The bridge reopened today.\nTraffic is flowing.", "Bridge reopens")
    assert result.body == "The bridge reopened today.\nTraffic is flowing."


def test_single_line_text_is_not_split() -> None:
    result = clean("Storm warning for the coast tonight")
    assert result.body == "Storm warning for the coast tonight"
    assert result.title == ""


def test_labelled_header_date_line() -> None:
    result = clean("Published: 2024-03-12\n\nThe harbour reopened on Tuesday after repairs.")
    assert result.header_date == "2024-03-12"
    assert result.body == "The harbour reopened on Tuesday after repairs."


@pytest.mark.parametrize(
    ("line", "expected"),
    [
        ("Kim arrives in Russia by armoured train", True),
        ("# Library reopens with longer hours", True),
        ("The meeting lasted four hours.", False),
        ("May 19, 2024", False),
        ("Breaking", False),
        ("x" * 250, False),
        ("continued from the previous line", False),
    ],
)
def test_looks_like_headline(line: str, expected: bool) -> None:
    assert looks_like_headline(line) is expected


# --- captions and boilerplate -----------------------------------------------------------


def test_credit_lines_are_captions_anywhere() -> None:
    text = "The mayor opened the new park.\nPhoto: City Hall press office\nChildren played all afternoon."
    result = clean(text)
    assert result.captions == ("Photo: City Hall press office",)
    assert "Photo:" not in result.body


def test_unstructured_short_lines_stay_in_body() -> None:
    text = "Crowds gathered early in the square\nThe parade began at noon\nIt ended at three"
    result = clean(text, "Parade day")
    assert result.captions == ()
    assert result.body == text


def test_broken_transcript_lines_are_not_captions() -> None:
    text = (
        "The family spoke to reporters on Friday.\n\n"
        "SHE SAID THE NEIGHBOURS HEARD SIX SHOTS BEFORE THE\n"
        "car drove away.\n\n"
        "Police are asking anyone with information to call them and\n\n"
        "The investigation continues."
    )
    assert clean(text).captions == ()


def test_boilerplate_paragraphs_are_dropped() -> None:
    text = (
        "Four people were hurt in the crash.\n\n"
        "Stay informed with the latest headlines; sign up for our newsletter\n\n"
        "The road reopened at noon."
    )
    result = clean(text)
    assert "newsletter" not in result.body and "newsletter" not in " ".join(result.captions)
    assert result.body == "Four people were hurt in the crash.\n\nThe road reopened at noon."


def test_body_is_never_empty() -> None:
    text = (
        "Firefighters at the scene of the warehouse blaze on Monday night\n\n"
        "Residents watch as smoke rises over the industrial estate\n\n"
        "A crane lifts debris from the collapsed roof of the building"
    )
    result = clean(text)
    assert result.body
    assert result.captions == ()


def test_empty_and_whitespace_input() -> None:
    assert clean("").body == ""
    assert clean(" \n\n ").body == ""
    assert clean("\x00 word").body == "word"
