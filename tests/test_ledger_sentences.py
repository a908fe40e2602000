"""The sentences the ledger quotes as evidence: abbreviations that do and do not end one."""

from __future__ import annotations

import pytest

from newsweave.extract.facts.evidence import Sentences


@pytest.mark.parametrize(
    ("text", "phrase", "sentence"),
    [
        # A time closes the sentence when the next one opens with "The".
        (
            "The shooting happened at 9 p.m. The girl was taken to a hospital.",
            "girl",
            "The girl was taken to a hospital.",
        ),
        (
            "Shots rang out at 2 a.m. Police found two men wounded.",
            "two men",
            "Police found two men wounded.",
        ),
        ("He lives on Main St. The victim was his cousin.", "victim", "The victim was his cousin."),
        # A title or a saint's or mountain's name does not.
        (
            "A man was shot near Mt. Vernon Avenue on Friday.",
            "Friday",
            "A man was shot near Mt. Vernon Avenue on Friday.",
        ),
        (
            "Police said Sgt. Ann Lee was hurt in St. Louis on Friday.",
            "Friday",
            "Police said Sgt. Ann Lee was hurt in St. Louis on Friday.",
        ),
        (
            "Officers met at 10 a.m. Sunday near the church.",
            "church",
            "Officers met at 10 a.m. Sunday near the church.",
        ),
    ],
)
def test_a_sentence_ends_where_a_reader_would_end_it(text: str, phrase: str, sentence: str) -> None:
    sentences = Sentences(text)
    assert sentences.quote(text.index(phrase)) == sentence
