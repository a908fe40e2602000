"""What a new reader types first: one word or a name in the default search, and an entity by its
name in any language. Over the bundled sample (22 articles, 5 languages) with the real embedder,
on both backends: a word search is the store's full-text index, which differs between them."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.web import create_app

from .conftest import fill

SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "sample" / "articles"
# The sample's stories by a word of their title, as expected.json groups them.
MONDEGO, VILARMOURA, VERDAL, HALLBRUECK = "Mondego", "Vilarmoura", "Verdal", "Hallbr"


@pytest.fixture(scope="module")
def sample(web_db: str, use_embedder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    settings = fill(web_db, SAMPLE, embedder=use_embedder)
    with TestClient(create_app(settings, embedder=use_embedder)) as client:
        yield client


def _story_of(client: TestClient, word: str) -> str:
    """The id of the sample story whose articles' titles hold ``word`` (found by its words)."""
    items = client.get("/api/stories", params={"q": word, "mode": "text"}).json()["items"]
    return items[0]["id"]


@pytest.mark.parametrize(
    ("query", "event"),
    [
        ("Mondego", MONDEGO),
        ("Vilarmoura", VILARMOURA),
        ("Verdal", VERDAL),
        ("cheias", MONDEGO),
        ("flood", MONDEGO),
        ("flood", VILARMOURA),
        ("Hallbrück", HALLBRUECK),
        ("incendio", HALLBRUECK),
    ],
)
def test_one_word_or_a_name_finds_its_story_in_the_default_mode(
    sample: TestClient, query: str, event: str
) -> None:
    expected = _story_of(sample, event)
    page = sample.get("/", params={"q": query})
    assert page.status_code == 200 and "No story matches" not in page.text
    found = sample.get("/api/stories", params={"q": query}).json()["items"]
    assert expected in [s["id"] for s in found], f"{query!r} does not find the {event} story"
    assert {h["found_by"] for s in found for h in s["hits"]} <= {
        "words",
        "meaning",
        "words and meaning",
    }
    assert "found by" in page.text  # the page says which way each article was found


def test_a_name_is_found_by_words_and_a_sentence_in_another_language_by_meaning(
    sample: TestClient,
) -> None:
    by_name = sample.get("/api/stories", params={"q": "Mondego"}).json()["items"]
    assert {h["found_by"] for h in by_name[0]["hits"]} == {"words"}
    # A whole Spanish sentence about the German warehouse fire: no article holds all its words.
    sentence = "Un gran incendio destruye un almacén de logística cerca de Hannover"
    found = sample.get("/api/stories", params={"q": sentence}).json()["items"]
    assert found and found[0]["id"] == _story_of(sample, HALLBRUECK)
    assert "meaning" in found[0]["hits"][0]["found_by"]


@pytest.mark.parametrize(
    "name", ["Deutschland", "Alemanha", "Allemagne", "Germany", "alemania", "DEUTSCHLAND"]
)
def test_an_entity_filter_by_a_name_in_any_language_finds_what_its_key_finds(
    sample: TestClient, name: str
) -> None:
    by_key = {
        s["id"] for s in sample.get("/api/stories", params={"entity": "place:DE"}).json()["items"]
    }
    assert by_key, "the sample names Germany"
    by_name = {s["id"] for s in sample.get("/api/stories", params={"entity": name}).json()["items"]}
    assert by_name == by_key
    html = sample.get("/", params={"entity": name}).text
    assert all(f'/stories/{story_id}"' in html for story_id in by_key)


@pytest.mark.parametrize(
    "name", ["Nordkorea", "Coréia do Norte", "Coreia do Norte", "North Korea", "Corée du Nord"]
)
def test_the_seeds_names_of_north_korea_all_mean_its_key(name: str) -> None:
    from newsweave.web.search import entity_alternatives

    assert "place:KP" in entity_alternatives(name)


def _title_langs(client: TestClient, story_id: str) -> dict[str, str]:
    """A story's first article title in each language (articles come in arrival order)."""
    titles: dict[str, str] = {}
    for article in client.get(f"/api/stories/{story_id}").json()["articles"]:
        titles.setdefault(article["lang"], article["title"])
    return titles


def test_story_titles_are_headlines_in_the_readers_language(sample: TestClient) -> None:
    mondego = _story_of(sample, MONDEGO)
    titles = _title_langs(sample, mondego)
    for lang in ("de", "fr", "es", "en", "pt"):
        listed = {
            s["id"]: s["title"]
            for s in sample.get("/api/stories", params={"lang": lang}).json()["items"]
        }
        assert listed[mondego] == titles[lang]
        assert (
            sample.get(f"/api/stories/{mondego}", params={"lang": lang}).json()["title"]
            == titles[lang]
        )
    by_browser = sample.get("/", headers={"Accept-Language": "fr-FR,fr;q=0.9,en;q=0.5"}).text
    assert titles["fr"] in by_browser
    page = sample.get(f"/stories/{mondego}", headers={"Accept-Language": "de-DE,de"}).text
    assert f"<h1>{titles['de']}</h1>" in page


def test_a_story_founded_by_an_untitled_text_is_titled_by_its_headline() -> None:
    from newsweave.models import Article
    from newsweave.titles import accepted_languages, is_headline, story_title

    body = "Kim Jong-un chorou enquanto se observava devolver bandeiras sobre os caixões das tropas norte-coreanas."
    cut = Article("a", "000.txt", body[:72].rsplit(" ", 1)[0] + "…", body, "pt", "h1")
    headline = Article(
        "b",
        "001.txt",
        "Kim Jong-un appears to weep as he watches slide show",
        "Kim appeared to weep.",
        "en",
        "h2",
    )
    assert not is_headline(cut) and is_headline(headline)
    assert (
        story_title([cut, headline]) == headline.title
    )  # never the cut sentence while a headline exists
    assert (
        story_title([cut, headline], ["pt"]) == headline.title
    )  # pt has none: a headline in another language
    assert story_title([cut], ["en"]) == cut.title  # no headline at all: the opening words
    assert accepted_languages("pt-BR,pt;q=0.9,en;q=0.8,*;q=0.1,de;q=0") == ["pt", "en"]
    assert accepted_languages("fr;q=abc, en") == ["en"] and accepted_languages(None) == []


def test_a_storys_range_comes_from_trusted_dates_and_covers_its_timeline(
    sample: TestClient,
) -> None:
    # The sample's 15_alvarim_archive.txt carries a header date eight months after the flood.
    mondego = _story_of(sample, MONDEGO)
    listed = next(s for s in sample.get("/api/stories").json()["items"] if s["id"] == mondego)
    detail = sample.get(f"/api/stories/{mondego}").json()
    assert (listed["first_date"], listed["last_date"]) == ("2025-03-15", "2025-03-15")
    days = {point["day"] for point in detail["timeline"]}
    assert days and all(listed["first_date"] <= day <= listed["last_date"] for day in days)
    assert detail["ledger"]["event_date"] == "2025-03-14"
    page = sample.get(f"/stories/{mondego}").text
    assert "without a trusted date not shown" in page


def test_the_train_story_has_no_date_from_its_header_lines(seeds: Path, real_pipeline) -> None:  # type: ignore[no-untyped-def]
    from newsweave.ledger import build_ledger

    real_pipeline.ingest([str(seeds)])
    store = real_pipeline.store
    train = next(s for s in store.stories() if s.languages == ("en",))
    # Its only dates are the header lines of 002 (2024-05-19) and 004 (2023-11-15); the event was in September 2023.
    assert (train.first_date, train.last_date) == (None, None)
    ledger = build_ledger([a for a, _ in store.story_articles(train.id)])
    assert ledger.dates.event_date is None


def test_the_article_that_gave_the_event_date_is_not_flagged() -> None:
    from datetime import date

    from newsweave.ledger import build_ledger
    from newsweave.models import RawDocument
    from newsweave.prepare import prepare

    told_later = prepare(
        RawDocument(
            origin="a",
            url="https://a.example/1",
            lang="en",
            published="2024-03-01",
            text="A passenger train derailed near Coimbra on January 1, 2024, killing fourteen people.",
        )
    )
    assert (
        build_ledger([told_later]).dates.unfit == []
    )  # 60 days after the event it states, and the one who stated it
    reprint = prepare(
        RawDocument(
            origin="b",
            url="https://b.example/2",
            lang="en",
            published="2024-09-01",
            text="A passenger train derailed near Coimbra, killing fourteen people.",
        )
    )
    ledger = build_ledger([told_later, reprint])
    assert ledger.dates.event_date == date(2024, 1, 1)
    assert [article for article, _ in ledger.dates.unfit] == [reprint.id]
