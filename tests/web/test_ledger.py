"""The story ledger through the REST API and the pages: a planted conflict across en/pt/es/de/fr.

tests/fixtures/ledger/derailment.jsonl: one derailment in five languages; the English wire
and its reprint say fourteen dead, the pt/es/de/fr articles say twelve. fixtures/ledger_hostile.jsonl
adds a report of the same derailment whose sentences carry HTML payloads.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.ledger import build_ledger, ledger_dict
from newsweave.store import open_store
from newsweave.web import create_app

from .conftest import FIXTURES, fill

DERAILMENT = Path(__file__).parents[1] / "fixtures" / "ledger" / "derailment.jsonl"
HOSTILE_LEDGER = FIXTURES / "ledger_hostile.jsonl"


@pytest.fixture(scope="module")
def ledger_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """The derailment in five languages plus the hostile report, grouped by the hashing embedder."""
    return fill(str(tmp_path_factory.mktemp("ledger") / "store.db"), DERAILMENT, HOSTILE_LEDGER)


@pytest.fixture(scope="module")
def ledger_client(ledger_settings: Settings) -> Iterator[TestClient]:
    with TestClient(create_app(ledger_settings)) as test_client:
        yield test_client


@pytest.fixture(scope="module")
def story_id(ledger_client: TestClient) -> str:
    story: str = ledger_client.get("/api/articles/pt").json()["story_id"]
    assert all(
        ledger_client.get(f"/api/articles/{a}").json()["story_id"] == story
        for a in ("en-wire", "es", "de", "fr", "hostile-ledger")
    ), "the derailment should be one story"
    return story


def _slot(ledger: dict[str, Any], name: str) -> dict[str, Any]:
    return next(s for s in ledger["slots"] if s["slot"] == name)


def test_story_ledger_shows_the_conflict_its_majority_and_each_sources_sentence(
    ledger_client: TestClient, story_id: str
) -> None:
    ledger = ledger_client.get(f"/api/stories/{story_id}").json()["ledger"]
    assert ledger["event_date"] == "2023-12-31" and ledger["event_date_sureness"] == "high"
    killed = _slot(ledger, "killed")
    assert killed["status"] == "conflict" and killed["majority"] == 12
    twelve, fourteen = killed["values"]  # most supported first
    assert (twelve["value"], twelve["sources"]) == (12, 5) and (
        fourteen["value"],
        fourteen["sources"],
    ) == (14, 1)
    assert {w["lang"] for w in twelve["articles"]} == {"pt", "es", "de", "fr", "en"}
    es = next(w for w in twelve["articles"] if w["lang"] == "es")
    assert es["evidence"].startswith("Murieron doce personas") and es["stated"]
    pt_id = ledger_client.get("/api/articles/pt").json()["id"]
    assert twelve["first_reporter"] == pt_id  # dated 2024-01-01, and arrived before es/de
    speed = _slot(ledger, "speed")  # 37 mph and 60 km/h are one value
    assert speed["status"] == "agreed" and len(speed["values"]) == 1


def test_story_ledger_is_exactly_what_ledger_dict_gives(
    ledger_client: TestClient, ledger_settings: Settings, story_id: str
) -> None:
    # The API must not drop or reshape what `newsweave story --json` and the export carry.
    store = open_store(ledger_settings.db)
    try:
        expected = ledger_dict(build_ledger([a for a, _ in store.story_articles(story_id)]))
    finally:
        store.close()
    assert ledger_client.get(f"/api/stories/{story_id}").json()["ledger"] == json.loads(
        json.dumps(expected)
    )


def test_openapi_describes_the_ledger_and_article_facts(ledger_client: TestClient) -> None:
    schemas = ledger_client.get("/api/openapi.json").json()["components"]["schemas"]
    assert (
        schemas["StoryDetail"]["properties"]["ledger"]["$ref"] == "#/components/schemas/LedgerOut"
    )
    assert schemas["LedgerSlot"]["properties"]["status"]["enum"] == [
        "agreed",
        "conflict",
        "updated",
        "distinct",
        "single source",
    ]
    assert (
        schemas["LedgerValue"]["properties"]["articles"]["items"]["$ref"]
        == "#/components/schemas/LedgerWitness"
    )
    assert {"event_date", "facts"} <= set(schemas["ArticleOut"]["properties"])
    assert {"slot", "value", "unit", "evidence"} <= set(schemas["FactOut"]["required"])


def test_article_carries_its_event_date_and_facts(ledger_client: TestClient) -> None:
    article = ledger_client.get("/api/articles/pt").json()
    assert article["event_date"] == "2023-12-31"  # "ontem", the day before its 2024-01-01
    facts = {f["slot"]: f for f in article["facts"]}
    assert facts["event_date"]["surface"] == "ontem"
    assert (facts["killed"]["value"], facts["killed"]["unit"]) == (12, None)
    assert facts["killed"]["evidence"].startswith("Doze pessoas morreram")
    assert (facts["speed"]["value"], facts["speed"]["unit"]) == (60, "km/h")


def _slot_html(html: str, name: str) -> str:
    """The markup of one slot of the story page's ledger."""
    match = re.search(
        rf'<div class="slot (status-[a-z-]+)" data-slot="{name}">(.*?)\n</div>', html, re.S
    )
    assert match, f"no {name} slot on the page"
    return match[1] + match[2]


def test_story_page_highlights_the_conflict_and_marks_the_majority(
    ledger_client: TestClient, story_id: str
) -> None:
    html = ledger_client.get(f"/stories/{story_id}").text
    killed = _slot_html(html, "killed")
    assert killed.startswith("status-conflict") and "most sources: 12" in killed
    values = re.findall(
        r'<li class="value( majority)?">\s*<div class="value-head"><strong class="amount">(\d+)',
        killed,
    )
    assert values == [(" majority", "12"), ("", "14")]
    assert (
        '<q lang="de">Zwölf Menschen starben, 40 wurden verletzt' in killed
    )  # in the article's language
    assert "first reported by" in killed and 'href="/articles/' in killed
    assert _slot_html(html, "injured").startswith(
        "status-agreed"
    )  # an implied 0 injured makes no conflict
    assert '<time datetime="2023-12-31">' in html and "high sureness" in html


def test_story_and_article_pages_escape_the_evidence(
    ledger_client: TestClient, story_id: str
) -> None:
    for path in (f"/stories/{story_id}", "/articles/hostile-ledger"):
        html = ledger_client.get(path).text
        assert (
            "The &lt;img src=x onerror=&#34;window.__pwned = &#39;img&#39;&#34;&gt; train" in html
        ), path
        assert "<img" not in html and "<script" not in html, path


def test_article_page_shows_its_event_date_and_facts(ledger_client: TestClient) -> None:
    html = ledger_client.get("/articles/de").text
    assert re.search(r'<dt>event date</dt><dd id="event-date"><time datetime="2023-12-31">', html)
    facts = re.search(r'<section id="facts">(.*?)</section>', html, re.S)
    assert facts
    assert (
        '<span class="slot-name">killed</span>\n    <strong class="amount">12</strong>' in facts[1]
    )
    assert (
        '<span class="slot-name">injured</span>\n    <strong class="amount">40</strong>' in facts[1]
    )
    assert '<q lang="de">Zwölf Menschen starben' in facts[1]


RISING_TOLL = Path(__file__).parents[1] / "fixtures" / "ledger" / "rising_toll.jsonl"


@pytest.fixture(scope="module")
def toll_client(tmp_path_factory: pytest.TempPathFactory) -> Iterator[TestClient]:
    """A bus crash whose toll rose from two (Monday) to four (Tuesday)."""
    with TestClient(
        create_app(fill(str(tmp_path_factory.mktemp("toll") / "store.db"), RISING_TOLL))
    ) as client:
        yield client


def test_a_rising_toll_is_shown_as_updates_in_order_not_as_a_conflict(
    toll_client: TestClient,
) -> None:
    monday = toll_client.get("/api/articles/toll-monday").json()
    tuesday = toll_client.get("/api/articles/toll-tuesday").json()
    assert monday["story_id"] == tuesday["story_id"]
    killed = _slot(toll_client.get(f"/api/stories/{monday['story_id']}").json()["ledger"], "killed")
    assert killed["status"] == "updated"
    assert [(u["value"], u["published"], u["article"]) for u in killed["updates"]] == [
        (2, "2024-06-03", monday["id"]),
        (4, "2024-06-04", tuesday["id"]),
    ]
    html = toll_client.get(f"/stories/{monday['story_id']}").text
    slot = _slot_html(html, "killed")
    assert slot.startswith("status-updated") and "now 4" in slot
    assert re.findall(r'<li class="update"><strong class="amount">(\d+)', slot) == ["2", "4"]
