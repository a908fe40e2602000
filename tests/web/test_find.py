"""What a new reader types first: one word or a name in the default search, and an entity by its
name in any language. Over the bundled sample (22 articles, 5 languages) with the real embedder,
on both backends: a word search is the store's full-text index, which differs between them."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

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


@pytest.mark.parametrize(("query", "event"), [
    ("Mondego", MONDEGO), ("Vilarmoura", VILARMOURA), ("Verdal", VERDAL), ("cheias", MONDEGO),
    ("flood", MONDEGO), ("flood", VILARMOURA), ("Hallbrück", HALLBRUECK), ("incendio", HALLBRUECK),
])
def test_one_word_or_a_name_finds_its_story_in_the_default_mode(sample: TestClient, query: str, event: str) -> None:
    expected = _story_of(sample, event)
    page = sample.get("/", params={"q": query})
    assert page.status_code == 200 and "No story matches" not in page.text
    found = sample.get("/api/stories", params={"q": query}).json()["items"]
    assert expected in [s["id"] for s in found], f"{query!r} does not find the {event} story"
    assert {h["found_by"] for s in found for h in s["hits"]} <= {"words", "meaning", "words and meaning"}
    assert "found by" in page.text  # the page says which way each article was found


def test_a_name_is_found_by_words_and_a_sentence_in_another_language_by_meaning(sample: TestClient) -> None:
    by_name = sample.get("/api/stories", params={"q": "Mondego"}).json()["items"]
    assert {h["found_by"] for h in by_name[0]["hits"]} == {"words"}
    # A whole Spanish sentence about the German warehouse fire: no article holds all its words.
    sentence = "Un gran incendio destruye un almacén de logística cerca de Hannover"
    found = sample.get("/api/stories", params={"q": sentence}).json()["items"]
    assert found and found[0]["id"] == _story_of(sample, HALLBRUECK)
    assert "meaning" in found[0]["hits"][0]["found_by"]


@pytest.mark.parametrize("name", ["Deutschland", "Alemanha", "Allemagne", "Germany", "alemania", "DEUTSCHLAND"])
def test_an_entity_filter_by_a_name_in_any_language_finds_what_its_key_finds(sample: TestClient, name: str) -> None:
    by_key = {s["id"] for s in sample.get("/api/stories", params={"entity": "place:DE"}).json()["items"]}
    assert by_key, "the sample names Germany"
    by_name = {s["id"] for s in sample.get("/api/stories", params={"entity": name}).json()["items"]}
    assert by_name == by_key
    html = sample.get("/", params={"entity": name}).text
    assert all(f'/stories/{story_id}"' in html for story_id in by_key)


@pytest.mark.parametrize("name", ["Nordkorea", "Coréia do Norte", "Coreia do Norte", "North Korea", "Corée du Nord"])
def test_the_seeds_names_of_north_korea_all_mean_its_key(name: str) -> None:
    from newsweave.web.search import entity_alternatives

    assert "place:KP" in entity_alternatives(name)
