"""Corrections through the API and the story page: behind the token, typed, refused with a reason."""

from __future__ import annotations

import base64
import re
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.web import create_app

from .conftest import FIXTURES, TOKEN, fill

AUTH = {"Authorization": f"Bearer {TOKEN}"}
BROWSER = {"Authorization": "Basic " + base64.b64encode(f"analyst:{TOKEN}".encode()).decode()}
FORM = {"Content-Type": "application/x-www-form-urlencoded"}


@pytest.fixture
def app_client(empty_db: str) -> Iterator[TestClient]:
    """An app over a store of its own holding the web fixtures, writes allowed with TOKEN."""
    with TestClient(create_app(fill(empty_db, FIXTURES / "articles.jsonl"), token=TOKEN)) as client:
        yield client


def _two_stories(client: TestClient) -> tuple[str, str]:
    """Two stories, the second the biggest (two articles or more, so it can be split)."""
    items = sorted(
        client.get("/api/stories", params={"limit": 100}).json()["items"],
        key=lambda s: s["articles"],
    )
    assert len(items) >= 2 and items[-1]["articles"] >= 2
    return items[0]["id"], items[-1]["id"]


def _placement(client: TestClient) -> dict[str, str]:
    items = client.get("/api/stories", params={"limit": 100}).json()["items"]
    return {
        a["id"]: s["id"]
        for s in items
        for a in client.get(f"/api/stories/{s['id']}").json()["articles"]
    }


def test_the_openapi_document_types_the_corrections(app_client: TestClient) -> None:
    document = app_client.get("/api/openapi.json").json()
    merge = document["paths"]["/api/stories/{story_id}/merge"]["post"]
    assert merge["requestBody"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/MergeIn"
    }
    assert merge["responses"]["200"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/CorrectionOut"
    }
    assert {"401", "403", "404", "422"} <= set(merge["responses"])
    assert "history" in document["components"]["schemas"]["StoryDetail"]["properties"]


def test_a_merge_answers_with_its_entry_and_the_alias_answers_everywhere(
    app_client: TestClient,
) -> None:
    one, two = _two_stories(app_client)
    answer = app_client.post(
        f"/api/stories/{two}/merge", json={"stories": [one], "why": "same fire"}, headers=AUTH
    )
    assert answer.status_code == 200, answer.text
    entry = answer.json()
    survivor, gone = entry["story"], next(s for s in (one, two) if s != entry["story"])
    assert entry["kind"] == "merge" and entry["by"] == "api token" and entry["why"] == "same fire"
    detail = app_client.get(f"/api/stories/{gone}").json()
    assert detail["id"] == survivor
    assert [(h["kind"], h["entry"]) for h in detail["history"] if h["entry"]] == [
        ("merge", entry["entry"])
    ]
    assert app_client.get(f"/stories/{gone}").status_code == 200
    assert app_client.get(f"/feeds/stories/{gone}.atom").status_code == 200
    undone = app_client.post(
        f"/api/history/{entry['entry']}/undo", json={"why": "two fires"}, headers=AUTH
    )
    assert undone.status_code == 200 and undone.json()["kind"] == "undo"
    assert app_client.get(f"/api/stories/{gone}").json()["id"] == gone


@pytest.mark.parametrize(
    "ask, status, says",
    [
        (
            lambda one, two: ("/api/stories/s000000000000/merge", {"stories": [one]}),
            404,
            "no story",
        ),
        (lambda one, two: (f"/api/stories/{one}/merge", {"stories": [one]}), 422, "itself"),
        (lambda one, two: ("/api/articles/nope/move", {"new": True}), 404, "no article"),
        (lambda one, two: ("/api/articles/nope/move", {"story": one, "new": True}), 422, "either"),
        (
            lambda one, two: (f"/api/stories/{two}/split", {"articles": ["nope"]}),
            404,
            "no such article",
        ),
        (lambda one, two: ("/api/history/7/undo", {}), 404, "no history entry 7"),
    ],
)
def test_bad_corrections_are_refused_with_a_reason_and_change_nothing(
    app_client: TestClient,
    ask,
    status: int,
    says: str,  # type: ignore[no-untyped-def]
) -> None:
    one, two = _two_stories(app_client)
    before = _placement(app_client)
    path, body = ask(one, two)
    answer = app_client.post(path, json=body, headers=AUTH)
    assert answer.status_code == status and says in answer.json()["detail"], answer.text
    assert _placement(app_client) == before


def test_a_split_that_would_empty_a_story_is_refused(app_client: TestClient) -> None:
    one, _ = _two_stories(app_client)
    everything = [a["id"] for a in app_client.get(f"/api/stories/{one}").json()["articles"]]
    answer = app_client.post(
        f"/api/stories/{one}/split", json={"articles": everything}, headers=AUTH
    )
    assert answer.status_code == 422 and "empty" in answer.json()["detail"]


def test_corrections_need_the_token(app_client: TestClient, tmp_path: Path) -> None:
    one, two = _two_stories(app_client)
    before = _placement(app_client)
    assert app_client.post(f"/api/stories/{one}/merge", json={"stories": [two]}).status_code == 401
    wrong = {"Authorization": "Bearer wrong"}
    assert (
        app_client.post(
            f"/api/stories/{one}/split", json={"articles": ["x"]}, headers=wrong
        ).status_code
        == 401
    )
    assert _placement(app_client) == before
    with TestClient(
        create_app(fill(str(tmp_path / "closed.db"), FIXTURES / "articles.jsonl"), token=None)
    ) as closed:
        answer = closed.post(f"/api/stories/{one}/merge", json={"stories": [two]}, headers=AUTH)
        assert answer.status_code == 403 and "NEWSWEAVE_TOKEN" in answer.json()["detail"]


def test_the_story_page_shows_the_history_to_all_and_forms_only_to_the_token_holder(
    app_client: TestClient,
) -> None:
    one, two = _two_stories(app_client)
    page = app_client.get(f"/stories/{one}").text
    assert 'id="history"' in page and "founded" in page
    assert "<form" not in page and f'href="/stories/{one}/edit"' in page
    asked = app_client.get(f"/stories/{one}/edit")
    assert asked.status_code == 401 and asked.headers["www-authenticate"].startswith("Basic")

    editing = app_client.get(f"/stories/{one}/edit", headers=BROWSER).text
    assert (
        f'action="/stories/{one}/merge"' in editing and f'action="/stories/{one}/split"' in editing
    )
    assert "<script" not in editing
    proof = re.search(r'name="csrf" value="(\w+)"', editing).group(1)  # type: ignore[union-attr]
    forged = app_client.post(
        f"/stories/{one}/merge",
        content=f"stories={two}&csrf=forged",
        headers={**BROWSER, **FORM},
        follow_redirects=False,
    )
    assert forged.status_code == 403 and _placement(
        app_client
    )  # a post from another site changes nothing
    made = app_client.post(
        f"/stories/{one}/merge",
        content=f"stories={two}&why=one+event&csrf={proof}",
        headers={**BROWSER, **FORM},
        follow_redirects=False,
    )
    assert made.status_code == 303
    after = app_client.get(made.headers["location"], headers=BROWSER).text
    assert "merge" in after and "why: one event" in after and "undo #1" in after
    same = app_client.post(
        f"/stories/{one}/merge",
        content=f"stories={two}&csrf={proof}",
        headers={**BROWSER, **FORM},
        follow_redirects=False,
    )
    assert same.status_code == 422 and "itself" in same.text  # an HTML error page saying why


def test_the_api_writer_learns_a_correction_before_its_next_post(app_client: TestClient) -> None:
    _, two = _two_stories(app_client)
    app_client.post(
        "/api/articles", json={"text": "warm-up: the writer's clusterer is built now"}, headers=AUTH
    )
    leaving = app_client.get(f"/api/stories/{two}").json()["articles"][-1]["id"]
    split = app_client.post(
        f"/api/stories/{two}/split", json={"articles": [leaving]}, headers=AUTH
    ).json()
    article = app_client.get(f"/api/articles/{leaving}").json()
    follow_up = {"title": article["title"], "text": article["text"] + "\nA later update."}
    posted = app_client.post("/api/articles", json=follow_up, headers=AUTH).json()
    assert (
        posted["articles"][0]["story_id"] == split["story"]
    )  # the story the article was split into
