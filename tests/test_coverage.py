"""A story's coverage: the source country read at ingest, the first reporter (never by an untrusted
header date), each language's and country's lag, each claim's first reporter, and the silent list."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from fastapi.testclient import TestClient

from newsweave.cli import cli
from newsweave.config import Settings
from newsweave.ingest.countries import country_code, country_of_language_tag, country_of_url
from newsweave.ingest.feeds import feed_documents
from newsweave.ingest.records import record_document
from newsweave.ledger import build_ledger
from newsweave.ledger.coverage import coverage_of, placed_days, story_coverage
from newsweave.models import Article, Decision, Entity, Fact, RawDocument
from newsweave.pipeline import Pipeline
from newsweave.store import Batch, open_store
from newsweave.web import create_app


@pytest.mark.parametrize(
    ("url", "country"),
    [
        ("https://www.spiegel.de/politik/a-1.html", "DE"),
        ("https://www.lemonde.fr/x", "FR"),
        ("https://www.bbc.co.uk/news/1", "GB"),  # .uk is GB's ccTLD, not an ISO code
        ("http://web.archive.org/web/2017/http://www.publico.pt/a", "PT"),
        ("https://edition.cnn.com/2017/x", None),  # .com: no country, never a guess
        ("https://example.org/a", None),
        ("https://techstartup.io/a", None),  # a ccTLD sold as generic
        ("https://europa.eu/a", None),  # .eu names no one country
        ("https://www.fbi.gov/news", "US"),  # only the US government registers .gov
        ("http://192.0.2.7/a", None),
        (None, None),
    ],
)
def test_country_of_an_address_is_its_country_code_domain(url: str | None, country: str | None):
    assert country_of_url(url) == country


def test_a_record_names_its_country_and_a_feed_its_region() -> None:
    def record(**fields: str) -> RawDocument:
        document = record_document("r#line 1", {"text": "Some text.", **fields})
        assert isinstance(document, RawDocument)
        return document

    assert record(country="Germany").source_country == "DE"
    assert record(source_country="deu").source_country == "DE"
    assert record(country="Atlantis").source_country is None  # unknown: none, not a guess
    assert country_code("UK") == "GB" and country_of_language_tag("de") is None
    feed = (
        b'<?xml version="1.0"?><rss version="2.0"><channel><title>Folha</title>'
        b"<link>https://folha.example.com/</link><language>pt-BR</language>"
        b"<item><title>A</title><link>https://folha.example.com/a</link><description>Texto um."
        b"</description></item><item><title>B</title><link>https://parceiro.fr/b</link>"
        b"<description>Texto dois.</description></item></channel></rss>"
    )
    first, second = feed_documents("feed.xml", feed)
    assert isinstance(first, RawDocument) and isinstance(second, RawDocument)
    assert first.source_country == "BR"  # the feed's region: its entry's .com says nothing
    assert second.source_country == "FR"  # an entry's own ccTLD comes first


def test_the_country_is_stored_with_the_article(tmp_path: Path) -> None:
    records = tmp_path / "records.jsonl"
    lines = [
        {"id": "de", "text": "Hochwasser in Coimbra.", "url": "https://zeitung.de/a"},
        {"id": "com", "text": "Flood in Coimbra.", "url": "https://news.example.com/a"},
        {"id": "own", "text": "Cheias em Coimbra.", "url": "https://x.com/a", "country": "PT"},
    ]
    records.write_text("\n".join(json.dumps(r) for r in lines), encoding="utf-8")
    pipeline = Pipeline(Settings(db=str(tmp_path / "store.db"), embedder="hashing"))
    pipeline.ingest([str(records)])
    stored = {i: pipeline.store.article(i) for i in ("de", "com", "own")}
    assert {i: found[0].source_country for i, found in stored.items() if found} == {
        "de": "DE",
        "com": None,
        "own": "PT",
    }
    pipeline.store.close()


def _article(
    id: str,
    lang: str,
    day: date | None,
    url: str | None = None,
    *,
    header: bool = False,
    facts: tuple[Fact, ...] = (),
    entities: tuple[str, ...] = (),
) -> Article:
    return Article(
        id=id,
        origin=f"{id}.txt",
        title=id,
        text=f"text of {id}",
        lang=lang,
        content_hash=id,
        url=url,
        published=day,
        published_from=("header" if header else "metadata") if day else None,
        facts=list(facts),
        entities=[Entity(k, k.split(":")[0], k.split(":")[-1]) for k in entities],
    )


KILLED_3 = Fact("killed", 3.0, None, "Three people died.", "three")


def test_the_first_reporter_is_the_earliest_trusted_date_never_a_header_date() -> None:
    articles = [
        _article("archive", "en", date(2025, 3, 1), header=True, facts=(KILLED_3,)),
        _article("late-en", "en", date(2025, 3, 16), "https://herald.co.uk/b", facts=(KILLED_3,)),
        _article("first", "pt", date(2025, 3, 14), "https://jornal.pt/a", facts=(KILLED_3,)),
        _article("same-day", "pt", date(2025, 3, 14), "https://outro.pt/c"),
        _article("de", "de", date(2025, 3, 15), "https://zeitung.de/d", facts=(KILLED_3,)),
    ]
    days, placed_by = placed_days(articles, {a.id: date(2026, 12, 6) for a in articles})
    assert placed_by == "published" and "archive" not in days  # received days are not used
    ledger = build_ledger(articles)
    coverage = coverage_of(articles, days, placed_by, ledger)
    assert coverage.first is not None and coverage.first.article_id == "first"  # ties: arrival
    # The ledger names the same first reporter of the figure: the header date does not count.
    (three,) = next(s for s in ledger.slots if s.name == "killed").values
    assert three.first_reporter == "first"
    assert coverage.first.source == "jornal.pt" and coverage.first.country == "PT"
    assert [(r.lang, r.lag_days, r.article_id) for r in coverage.languages] == [
        ("pt", 0, "first"),
        ("de", 1, "de"),
        ("en", 2, "late-en"),  # not the header-dated archive copy, 13 days "earlier"
    ]
    assert [(r.country, r.lag_days) for r in coverage.countries] == [
        ("PT", 0),
        ("DE", 1),
        ("GB", 2),
    ]
    assert coverage.unplaced == 1 and coverage.unknown_country == 1  # the archive file
    (claim,) = coverage.claims
    assert claim.slot == "killed" and claim.first.article_id == "first"
    assert [(r.lang, r.article_id) for r in claim.languages] == [
        ("pt", "first"),
        ("de", "de"),
        ("en", "late-en"),
    ]


def test_a_story_with_no_trusted_date_is_placed_by_the_day_received() -> None:
    articles = [_article("a", "en", None), _article("b", "fr", None)]
    received = {"a": date(2026, 12, 6), "b": date(2026, 12, 4)}
    days, placed_by = placed_days(articles, received)
    coverage = coverage_of(articles, days, placed_by)
    assert placed_by == "received" and coverage.first and coverage.first.article_id == "b"
    assert [(r.lang, r.lag_days) for r in coverage.languages] == [("fr", 0), ("en", 2)]


@pytest.fixture(params=["sqlite", "postgres"])
def location(request, tmp_path) -> str:  # type: ignore[no-untyped-def]
    if request.param == "sqlite":
        return str(tmp_path / "coverage.db")
    return str(request.getfixturevalue("postgres_url"))


TOPIC = ("place:PT", "place:city:coimbra")


def _stored(store, story: str, *articles: Article) -> None:  # type: ignore[no-untyped-def]
    store.write(
        Batch(new=[(a, Decision(a.id, story, n == 0, 0.8, {}, 1)) for n, a in enumerate(articles)])
    )


def test_silent_sources_covered_the_same_places_lately_but_not_this_story(location: str) -> None:
    store = open_store(location)
    march = date(2025, 3, 14)
    _stored(
        store,
        "flood",
        _article("f1", "pt", march, "https://jornal.pt/f1", entities=TOPIC),
        _article("f2", "en", march, "https://herald.com/f2", entities=TOPIC),
    )
    # Covered a story about the same places three weeks before: silent on this one.
    _stored(
        store,
        "storm",
        _article("s1", "pt", date(2025, 2, 21), "https://diario.pt/s1", entities=TOPIC),
    )
    _stored(
        store,
        "storm2",
        _article("s2", "pt", date(2025, 2, 25), "https://diario.pt/s2", entities=TOPIC),
    )
    # Covered this story too (the flood), so not silent, whatever else it wrote.
    _stored(
        store,
        "fire",
        _article("h1", "en", date(2025, 3, 1), "https://herald.com/h1", entities=TOPIC),
    )
    # Named only the country: not the same kind of story.
    _stored(
        store,
        "budget",
        _article("b1", "de", date(2025, 3, 2), "https://zeitung.de/b1", entities=("place:PT",)),
    )
    # The same places, but 60 days before: outside the 30-day window.
    _stored(
        store,
        "old",
        _article("o1", "es", date(2025, 1, 13), "https://periodico.es/o1", entities=TOPIC),
    )
    # A lone file: not a source that could have covered it.
    _stored(store, "file", _article("x1", "pt", date(2025, 3, 3), None, entities=TOPIC))

    articles = [a for a, _ in store.story_articles("flood")]
    coverage = story_coverage(store, "flood", articles, build_ledger(articles), silent_days=30)
    assert set(coverage.silent_entities) == set(TOPIC)
    assert [(s.source, s.country, s.stories, s.last_day) for s in coverage.silent] == [
        ("diario.pt", "PT", 2, date(2025, 2, 25))
    ]
    wider = story_coverage(store, "flood", articles, silent_days=90)
    assert [s.source for s in wider.silent] == ["diario.pt", "periodico.es"]
    store.close()

    settings = Settings(db=location, embedder="hashing", silent_days=30)
    with TestClient(create_app(settings)) as client:
        body = client.get("/api/stories/flood/coverage").json()
        assert (
            body["first"]["source"] == "jornal.pt" and body["first"]["country_name"] == "Portugal"
        )
        assert [s["source"] for s in body["silent"]] == ["diario.pt"]
        assert (
            client.get("/api/stories/flood/coverage", params={"silent_days": 90}).json()["silent"][
                1
            ]["country"]
            == "ES"
        )
        assert client.get("/api/stories/flood").json()["coverage"]["languages"][1]["lang"] == "en"
        assert client.get("/api/stories/nope/coverage").status_code == 404
        page = client.get("/stories/flood").text
        assert '<svg class="coverage-strip"' in page and "diario.pt" in page

    shown = CliRunner().invoke(cli, ["--db", location, "story", "flood"], catch_exceptions=False)
    block = shown.output.split("\ncoverage\n", 1)[1]
    assert "first report: jornal.pt (pt, PT) 2025-03-14" in block
    assert "silent" in block and "diario.pt (2 stories)" in block
    # NEWSWEAVE_SILENT_DAYS, as the README says, widens the CLI's look-back too.
    wide = CliRunner(env={"NEWSWEAVE_SILENT_DAYS": "90"}).invoke(
        cli, ["--db", location, "story", "flood"], catch_exceptions=False
    )
    assert "periodico.es" in wide.output.split("\ncoverage\n", 1)[1]
    assert "periodico.es" not in block
