"""The REST API through FastAPI's test client: every endpoint, limits, bad input, tokens."""

from __future__ import annotations

import base64

import pytest
from fastapi.testclient import TestClient
from openapi_spec_validator import validate

from newsweave.config import Settings
from newsweave.web import create_app

from .conftest import TOKEN

AUTH = {"Authorization": f"Bearer {TOKEN}"}
GALA = {
    "title": "Kim Jong Un weeps at a gala for soldiers killed in Russia",
    "text": "North Korean leader Kim Jong Un wept at a gala in Pyongyang honouring soldiers killed "
    "fighting for Russia. About 12,000 troops were sent, and 6,000 more are to follow.",
    "published": "2025-06-30",
    "id": "gala-1",
    "source": "Wire",
}


def _stories(client: TestClient, **params: object) -> list[dict]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    return response.json()["items"]


def _problem(response, status: int) -> str:  # type: ignore[no-untyped-def]
    assert response.status_code == status, response.text
    detail = response.json()["detail"]
    return detail if isinstance(detail, str) else " ".join(f"{e['loc']} {e['msg']}" for e in detail)


def test_openapi_document_is_valid_and_lists_every_endpoint(client: TestClient) -> None:
    document = client.get("/api/openapi.json").json()
    validate(document)
    assert set(document["paths"]) == {
        "/api/stories",
        "/api/stories/{story_id}",
        "/api/stories/{story_id}/coverage",
        "/api/articles",
        "/api/articles/{article_id}",
        "/api/search",
        "/api/stories/{story_id}/merge",
        "/api/articles/{article_id}/move",
        "/api/stories/{story_id}/split",
        "/api/history/{entry}/undo",
    }
    assert set(document["paths"]["/api/articles"]) == {"post"}


def test_stories_newest_updated_first_with_their_counts(client: TestClient) -> None:
    stories = _stories(client)
    assert len(stories) == 3
    assert stories[0]["title"].startswith("Warehouse fire in Hanover")  # the last one ingested
    coimbra = next(s for s in stories if s["articles"] == 2)
    assert coimbra["sources"] == 2 and coimbra["languages"] == ["en"]
    assert (coimbra["first_date"], coimbra["last_date"]) == ("2026-03-02", "2026-03-03")


def test_pages_of_stories_cover_all_once(client: TestClient) -> None:
    seen, offset, pages = [], 0, 0
    while offset is not None:
        page = client.get("/api/stories", params={"limit": 1, "offset": offset}).json()
        seen += [s["id"] for s in page["items"]]
        offset, pages = page["next_offset"], pages + 1
    assert pages == 3 and len(seen) == len(set(seen)) == 3
    assert client.get("/api/stories", params={"offset": 50}).json() == {
        "items": [],
        "total": 3,
        "limit": 20,
        "offset": 50,
        "next_offset": None,
    }


@pytest.mark.parametrize(
    "params, named",
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"offset": -1}, "offset"),
        ({"since": "2026-13-01"}, "since"),
        ({"lang": "Portuguese!"}, "lang"),
        ({"mode": "vibes"}, "mode"),
    ],
)
def test_bad_list_parameters_are_refused_naming_the_parameter(
    client: TestClient, params: dict, named: str
) -> None:
    message = _problem(client.get("/api/stories", params=params), 422)
    assert named in message


def test_filters_by_language_entity_and_dates(client: TestClient) -> None:
    assert [s["languages"] for s in _stories(client, lang="pt")] == [["pt"]]
    by_key = {s["id"] for s in _stories(client, entity="place:city:coimbra")}
    by_name = {s["id"] for s in _stories(client, entity="COIMBRA")}
    assert len(by_key) == 2 and by_key == by_name  # the English and the Portuguese Coimbra stories
    assert [s["title"] for s in _stories(client, since="2026-04-01")] == [
        "Warehouse fire in Hanover keeps 180 firefighters busy"
    ]
    assert {s["id"] for s in _stories(client, until="2026-03-31")} == by_key
    assert _stories(client, since="2026-03-03", until="2026-03-03")[0]["last_date"] == "2026-03-03"


def test_full_text_search_finds_words_ignoring_accents_and_operators(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "camara ponte", "mode": "text"}).json()["items"]
    assert [h["lang"] for h in hits] == ["pt"]  # "câmara" found as "camara"
    assert "\x02ponte\x03" in hits[0]["snippet"]
    weird = client.get("/api/search", params={"q": 'bridge" (Coimbra*', "mode": "text"})
    assert weird.status_code == 200 and {h["lang"] for h in weird.json()["items"]} == {"en"}
    assert client.get("/api/search", params={"q": "zeppelin", "mode": "text"}).json()["items"] == []


def test_search_by_meaning_ranks_the_closest_article_first(client: TestClient) -> None:
    hits = client.get("/api/search", params={"q": "warehouse fire firefighters"}).json()["items"]
    assert hits and hits[0]["title"].startswith("Warehouse fire")
    assert hits[0]["score"] >= hits[-1]["score"]


def test_story_search_returns_stories_with_their_matching_articles(client: TestClient) -> None:
    stories = _stories(client, q="Santa Clara bridge", mode="text")
    assert {s["languages"][0] for s in stories} == {"en"}
    assert all(s["hits"] and s["hits"][0]["story_id"] == s["id"] for s in stories)
    assert _stories(client, q="Santa Clara", mode="text", lang="pt")[0]["hits"][0]["lang"] == "pt"


def test_search_needs_a_query(client: TestClient) -> None:
    assert "q" in _problem(client.get("/api/search"), 422)
    assert "q" in _problem(client.get("/api/search", params={"q": ""}), 422)


def test_a_story_with_articles_timeline_entities_and_its_ledger(client: TestClient) -> None:
    coimbra = next(s for s in _stories(client) if s["articles"] == 2)
    story = client.get(f"/api/stories/{coimbra['id']}").json()
    assert [a["published"] for a in story["articles"]] == ["2026-03-02", "2026-03-03"]
    assert story["articles"][0]["why"]["new_story"] and not story["articles"][1]["why"]["new_story"]
    assert set(story["articles"][1]["why"]["components"]) >= {"lexical", "semantic", "entities"}
    assert [(p["day"], p["lang"], p["articles"], p["basis"]) for p in story["timeline"]] == [
        ("2026-03-02", "en", 1, "published"),
        ("2026-03-03", "en", 1, "published"),
    ]
    assert {
        "key": "place:city:coimbra",
        "kind": "place",
        "surface": "Coimbra",
        "articles": 2,
    } in story["entities"]
    # Both (one web site: one source) state the 120 residents evacuated and date the flood to its first day.
    assert [(s["slot"], s["status"], s["majority"]) for s in story["ledger"]["slots"]] == [
        ("evacuated", "single source", 120)
    ]
    assert story["ledger"]["event_date"] == "2026-03-02"


def test_an_article_by_id_or_external_id(client: TestClient) -> None:
    article = client.get("/api/articles/ext-hanover-1").json()
    assert article["lang"] == "en" and article["published"] == "2026-04-10"
    assert {
        "value": 180.0,
        "what": "firefighters",
        "unit": None,
        "surface": article["quantities"][0]["surface"],
    } in article["quantities"]
    assert len(article["quantities"]) == len(
        {(q["value"], q["surface"]) for q in article["quantities"]}
    )
    assert client.get(f"/api/articles/{article['id']}").json() == article
    assert article["story_id"].startswith("s")


def test_unknown_story_or_article_is_a_404_saying_which(client: TestClient) -> None:
    assert "nope" in _problem(client.get("/api/stories/nope"), 404)
    assert "nope" in _problem(client.get("/api/articles/nope"), 404)


def test_writes_are_refused_when_no_token_is_set(db_path: str) -> None:
    with TestClient(create_app(Settings(db=db_path, embedder="hashing"), token=None)) as client:
        message = _problem(client.post("/api/articles", json=GALA, headers=AUTH), 403)
    assert "NEWSWEAVE_TOKEN" in message


def test_writes_need_the_right_token(fresh_client: TestClient) -> None:
    assert "token" in _problem(fresh_client.post("/api/articles", json=GALA), 401)
    assert _problem(
        fresh_client.post("/api/articles", json=GALA, headers={"Authorization": "Bearer wrong"}),
        401,
    )
    assert fresh_client.get("/api/stories").json()["items"] == []  # nothing was stored


def test_post_one_article_then_many_runs_the_pipeline(fresh_client: TestClient) -> None:
    one = fresh_client.post("/api/articles", json=GALA, headers=AUTH)
    assert one.status_code == 200, one.text
    result = one.json()
    assert (result["new"], result["new_stories"], result["rejected"]) == (1, 1, [])
    stored = fresh_client.get(f"/api/articles/{result['articles'][0]['id']}").json()
    assert stored["external_id"] == "gala-1" and stored["lang"] == "en"
    assert "person:kim jong un" in {e["key"] for e in stored["entities"]}
    assert 12000.0 in {q["value"] for q in stored["quantities"]}
    follow_up = dict(
        GALA,
        id="gala-2",
        title="Kim Jong Un in tears at Pyongyang gala for the war dead",
        text=GALA["text"] + " The gala was broadcast on state television.",
    )
    basic = base64.b64encode(f"analyst:{TOKEN}".encode()).decode()
    many = fresh_client.post(
        "/api/articles",
        json=[follow_up, {"text": "   "}],
        headers={"Authorization": f"Basic {basic}"},
    ).json()
    assert many["new"] == 1 and many["articles"][0]["story_id"] == result["articles"][0]["story_id"]
    assert many["rejected"] == [{"origin": "api#record 2", "reason": "record has no text"}]


def test_posting_the_same_text_again_stores_it_once(fresh_client: TestClient) -> None:
    first = fresh_client.post("/api/articles", json=GALA, headers=AUTH).json()
    again = fresh_client.post("/api/articles", json=dict(GALA, id="gala-copy"), headers=AUTH).json()
    assert again["new"] == 0 and again["duplicate"] == 1
    assert again["articles"][0]["id"] == first["articles"][0]["id"]
    assert [s["articles"] for s in fresh_client.get("/api/stories").json()["items"]] == [1]


@pytest.mark.parametrize(
    "body, named",
    [
        ({"title": "no text"}, "text"),
        ({"text": 12}, "text"),
        ([], "between 1 and 500"),
        ([{"text": "x"}] * 501, "between 1 and 500"),
        ("not an object", "body"),
    ],
)
def test_bad_posts_are_refused_with_a_reason(
    fresh_client: TestClient, body: object, named: str
) -> None:
    response = fresh_client.post("/api/articles", json=body, headers=AUTH)
    assert named in _problem(response, 422)


def test_reads_can_require_the_token(fixture_settings: Settings) -> None:
    with TestClient(create_app(fixture_settings, token=TOKEN, open_reads=False)) as client:
        refused = client.get("/api/stories")
        assert refused.status_code == 401 and "token" in refused.json()["detail"]
        assert client.get("/", headers=AUTH).status_code == 200
        assert len(client.get("/api/stories", headers=AUTH).json()["items"]) == 3
