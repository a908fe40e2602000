"""The stories page and the API as a reader meets them: a count, a sources filter and order, a
human page for the API that loads nothing from elsewhere, one name per source, dates refused."""

from __future__ import annotations

import re

from fastapi.testclient import TestClient

from .conftest import TOKEN


def test_stories_page_counts_and_filters_by_sources(client: TestClient) -> None:
    everything = client.get("/api/stories").json()
    assert everything["total"] == len(everything["items"]) == 3
    assert re.search(r'<p class="count-line" id="count">3 stories', client.get("/").text)
    two = client.get("/api/stories", params={"sources": 2}).json()
    assert two["total"] == len(two["items"]) >= 1 and all(s["sources"] >= 2 for s in two["items"])
    assert len(two["items"]) < 3
    assert re.search(
        rf'id="count">{two["total"]} stor', client.get("/", params={"sources": 2}).text
    )
    by_sources = [
        s["sources"]
        for s in client.get("/api/stories", params={"order": "sources"}).json()["items"]
    ]
    assert by_sources == sorted(by_sources, reverse=True) and by_sources[0] >= 2
    assert 'value="sources" selected' in client.get("/", params={"order": "sources"}).text
    searched = client.get(
        "/api/stories", params={"q": "Coimbra", "mode": "text", "sources": 2}
    ).json()
    assert searched["total"] == len(searched["items"]) and all(
        s["sources"] >= 2 for s in searched["items"]
    )


def test_the_api_has_a_page_for_people_that_loads_nothing_from_elsewhere(
    client: TestClient,
) -> None:
    page = client.get("/api/docs")
    assert page.status_code == 200 and page.headers["content-type"].startswith("text/html")
    for operation in (
        "GET</span> <code>/api/stories</code>",
        "POST</span> <code>/api/articles</code>",
        "GET</span> <code>/api/search</code>",
    ):
        assert operation in page.text
    assert "<code>sources</code>" in page.text and "at least this many sources" in page.text
    assert not re.search(r'(src|href)="(https?:)?//', page.text)  # everything from this server
    assert "<script" not in page.text
    assert 'href="/api/docs"' in client.get("/").text  # the header's "api" link leads here


def test_the_source_column_names_the_site_as_the_ledger_does(client: TestClient) -> None:
    story = client.get("/api/stories", params={"entity": "Coimbra", "lang": "en"}).json()["items"][
        0
    ]
    detail = client.get(f"/api/stories/{story['id']}").json()
    assert {a["source"] for a in detail["articles"]} == {"news.example.org"}
    assert all(
        a["origin"].endswith(("articles.jsonl#line 1", "articles.jsonl#line 2"))
        for a in detail["articles"]
    )
    html = client.get(f"/stories/{story['id']}").text
    assert set(re.findall(r'<span class="source">([^<]*)</span>', html)) == {"news.example.org"}


def test_a_date_that_cannot_be_read_is_refused_with_a_clear_422(fresh_client: TestClient) -> None:
    auth = {"Authorization": f"Bearer {TOKEN}"}
    refused = fresh_client.post(
        "/api/articles", headers=auth, json={"text": "The dam opened.", "published": "yesterday"}
    )
    assert refused.status_code == 422
    problem = refused.json()["detail"][0]
    assert (
        problem["loc"][-1] == "published"
        and "yesterday" in problem["msg"]
        and "2025-06-30" in problem["msg"]
    )
    for readable in (
        "2025-06-30",
        "2025-06-30T10:00:00Z",
        "Tue, 10 Jun 2003 04:00:00 GMT",
        "19 de junho de 2025",
    ):
        stored = fresh_client.post(
            "/api/articles",
            headers=auth,
            json={"text": f"The dam opened ({readable}).", "published": readable},
        )
        assert stored.status_code == 200, (readable, stored.text)
