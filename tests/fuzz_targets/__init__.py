"""Every parser that takes outside input, with a hypothesis strategy and the contract it must keep.

A target's ``check`` raises on a broken contract (an exception escaping, or an answer of the
wrong shape). ``tests/test_fuzz.py`` runs each for a few seconds in ``make test``;
``bench/fuzz.py`` runs them for 100,000+ inputs and records the figures in RELIABILITY.md.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

from hypothesis import strategies as st

from .contracts import (
    check_decode,
    check_event_dates,
    check_feed,
    check_html,
    check_jsonl,
    check_normalise,
    check_numbers,
    check_parse_date,
    check_payload,
    check_prepare,
    check_text,
    check_url,
    check_warc,
)
from .inputs import (
    any_text,
    dates,
    feed_bytes,
    html_bytes,
    langs,
    payload_bytes,
    records_text,
    url_text,
    warc_bytes,
)
from .stored_fields import check_stored_field, stored_field


@dataclass(frozen=True)
class Target:
    """One parser under fuzzing: the inputs it gets and the contract its answer keeps."""

    name: str
    strategy: st.SearchStrategy[Any]
    check: Callable[[Any], None]
    bench: (
        int  # inputs in the long run (bench/fuzz.py): slow parsers (HTML, feeds, prepare) get fewer
    )
    quick: int = 200  # inputs in make test: a few seconds each


TARGETS = [
    Target("payload (any bytes, format sniffed)", payload_bytes, check_payload, 4000, 60),
    Target("decode + sniff", payload_bytes, check_decode, 20000, 200),
    Target("plain text", any_text, check_text, 10000, 200),
    Target("JSON / JSON Lines records", records_text, check_jsonl, 15000, 200),
    Target("feed (RSS/Atom)", feed_bytes, check_feed, 2000, 40),
    Target("HTML page", html_bytes, check_html, 1500, 40),
    Target(
        "normalise",
        st.tuples(any_text, st.one_of(st.none(), any_text), langs),
        check_normalise,
        10000,
        200,
    ),
    Target("parse_date", st.tuples(any_text, langs), check_parse_date, 8000, 150),
    Target("find_event_dates", st.tuples(any_text, langs, dates), check_event_dates, 8000, 200),
    Target("find_quantities", st.tuples(any_text, langs), check_numbers, 8000, 200),
    Target("URL check", url_text, check_url, 22000, 300),
    Target(
        "WARC archive (cut, spliced, garbage)",
        st.tuples(warc_bytes, st.booleans()),
        check_warc,
        3000,
        60,
    ),
    Target(
        "stored field -> every page, feed, API route", stored_field, check_stored_field, 1500, 30
    ),
    Target(
        "prepare (whole extraction)",
        st.tuples(any_text, st.one_of(st.none(), any_text), st.one_of(st.none(), any_text), langs),
        check_prepare,
        1500,
        40,
    ),
]
