"""Every parser of outside input, fuzzed for a few seconds each: no exception escapes, answers keep their shape.

The long run (100,000+ inputs) is ``python bench/fuzz.py``; its figures are in RELIABILITY.md.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from fuzz_targets import TARGETS, Target
from newsweave.config import Settings
from newsweave.ingest import read_inputs
from newsweave.models import RawDocument, Rejection
from newsweave.pipeline import Pipeline


@pytest.mark.filterwarnings("ignore::DeprecationWarning")  # feedparser's, once per generated feed
@pytest.mark.parametrize("target", TARGETS, ids=[t.name for t in TARGETS])
def test_parser_survives_generated_input(target: Target) -> None:
    # The same inputs on every run (derandomize), and no failing examples kept between runs.
    @settings(
        max_examples=target.quick,
        deadline=None,
        database=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
    )
    @given(target.strategy)
    def run(value: object) -> None:
        target.check(value)

    run()


# What the fuzzer found, kept as plain tests.


def test_a_feed_with_a_character_reference_to_a_surrogate_is_read(tmp_path: Path) -> None:
    feed = tmp_path / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title><item><title>Quay &#xD800;'
        "</title><description>The quay &#0;reopened &#1114112;on Friday.</description></item></channel></rss>"
    )
    [doc] = read_inputs([str(feed)])
    assert isinstance(doc, RawDocument) and doc.text == "The quay \ufffdreopened \ufffdon Friday."


def test_a_malformed_url_is_named_not_raised() -> None:
    [item] = read_inputs(["https://[::1/news"])
    assert item == Rejection("https://[::1/news", "malformed URL: Invalid IPv6 URL")


def test_a_byte_order_mark_alone_is_an_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "bom.txt"
    path.write_bytes(b"\xef\xbb\xbf \n")
    assert list(read_inputs([str(path)])) == [Rejection(str(path), "empty file")]


def test_text_of_control_characters_only_is_rejected_after_cleaning(tmp_path: Path) -> None:
    path = tmp_path / "ctl.txt"
    path.write_bytes(b"\x1b\x1b\x1b\n\x1b")
    summary = Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing")).ingest([str(path)])
    assert summary.new == 0 and [r.reason for r in summary.rejected] == [
        "no text left after cleaning"
    ]
