"""The HTML pages and Atom feeds as a client receives them: content, escaping, headers, feeds."""

from __future__ import annotations

import json

import feedparser
import pytest
from fastapi.testclient import TestClient
from lxml import etree

from newsweave.web import create_app

from .conftest import TOKEN, fill

ATOM_NS = "{http://www.w3.org/2005/Atom}"
HOSTILE = {
    "id": "hostile-1",
    "title": "Flood <script>window.__pwned = 'title'</script> in town",
    "text": "Residents were evacuated.\n<img src=x onerror=\"window.__pwned = 'img'\">"
    "<script>window.__pwned = 'body'</script> The river fell by Tuesday.",
    "url": "javascript:window.__pwned='link'",
    "source": "<b onmouseover=\"window.__pwned='source'\">Hostile Wire</b>",
    "published": "2026-05-01",
}


def assert_valid_atom(body: bytes) -> feedparser.FeedParserDict:
    """The feed parses as Atom 1.0 with the elements RFC 4287 requires of a feed and its entries."""
    root = etree.fromstring(body)
    assert root.tag == f"{ATOM_NS}feed"
    for element in [root, *root.iter(f"{ATOM_NS}entry")]:
        for required in ("id", "title", "updated"):
            assert element.find(f"{ATOM_NS}{required}") is not None, (element.tag, required)
    assert root.find(f"{ATOM_NS}author") is not None  # no entry then needs its own author
    parsed = feedparser.parse(body)
    assert not parsed.bozo and parsed.version == "atom10"
    return parsed


def test_every_page_sends_a_restrictive_content_security_policy(client: TestClient) -> None:
    story_id = client.get("/api/stories").json()["items"][0]["id"]
    for path in ("/", f"/stories/{story_id}", "/articles/ext-coimbra-1", "/nope", "/api/stories"):
        policy = client.get(path).headers["content-security-policy"]
        assert "default-src 'none'" in policy and "script-src 'self'" in policy
        assert "unsafe-inline" not in policy and "http" not in policy


def test_stories_page_lists_stories_with_languages_counts_dates_and_sparklines(
    client: TestClient,
) -> None:
    html = client.get("/").text
    assert html.count('class="story"') == 3
    assert "Cheia do Mondego fecha a ponte de Santa Clara em Coimbra" in html
    assert '<span class="lang">pt</span>' in html and "2026-03-02 – 2026-03-03" in html
    assert html.count('<svg class="spark"') == 3
    assert 'href="/feeds/stories.atom"' in html
    assert "cdn" not in html.lower() and "https://" not in html  # nothing loaded from elsewhere


def test_stories_page_filters_and_searches_and_offers_the_search_as_a_feed(
    client: TestClient,
) -> None:
    html = client.get("/", params={"lang": "pt"}).text
    assert html.count('class="story"') == 1
    html = client.get("/", params={"q": "ponte", "mode": "text"}).text
    assert html.count('class="story"') == 1 and "<mark>ponte</mark>" in html
    assert 'href="/feeds/search.atom?q=ponte&amp;mode=text"' in html
    assert "No story matches" in client.get("/", params={"q": "zeppelin", "mode": "text"}).text


def test_bad_filter_on_the_page_is_an_html_error_naming_it(client: TestClient) -> None:
    response = client.get("/", params={"since": "yesterday"})
    assert response.status_code == 422 and "text/html" in response.headers["content-type"]
    assert "since" in response.text


def test_story_page_shows_timeline_languages_why_and_the_ledger(client: TestClient) -> None:
    story_id = client.get("/api/stories", params={"entity": "Coimbra", "lang": "en"}).json()[
        "items"
    ][0]["id"]
    html = client.get(f"/stories/{story_id}").text
    assert html.count('<circle class="dot') == 2 and "2026-03-02" in html
    assert "why grouped: founded the story" in html and "why grouped: joined, score" in html
    assert (
        'id="ledger"' in html
        and '<div class="slot status-single-source" data-slot="evacuated">' in html
    )
    assert '<time datetime="2026-03-02">' in html  # the ledger's event date
    assert 'href="https://news.example.org/coimbra-flood"' in html
    assert f'href="/feeds/stories/{story_id}.atom"' in html


def test_article_page_shows_text_language_dates_entities_numbers_and_story(
    client: TestClient,
) -> None:
    html = client.get("/articles/ext-hanover-1").text
    assert "A fire destroyed a furniture warehouse in Hanover" in html
    assert '<span class="lang">en</span>' in html and "2026-04-10" in html
    assert "place:city:hannover" in html and "<strong>180</strong> firefighters" in html
    assert 'href="/stories/s' in html


def test_untrusted_article_html_is_shown_as_text_never_as_markup(fresh_client: TestClient) -> None:
    posted = fresh_client.post(
        "/api/articles", json=HOSTILE, headers={"Authorization": f"Bearer {TOKEN}"}
    ).json()
    article_id = posted["articles"][0]["id"]
    pages = [
        fresh_client.get(f"/articles/{article_id}").text,
        fresh_client.get(f"/stories/{posted['articles'][0]['story_id']}").text,
        fresh_client.get("/").text,
    ]
    for html in pages:
        assert (
            "<script>window" not in html
            and "<img src=x" not in html
            and "<b onmouseover" not in html
        )
        assert "javascript:" not in html.split("<main>")[1].replace(
            "javascript:window.__pwned=&#39;link&#39;", ""
        )
    assert "&lt;script&gt;window.__pwned" in pages[0] and "onerror=&#34;window.__pwned" in pages[0]
    assert 'href="javascript:' not in "".join(pages)


def test_unknown_story_page_is_a_404_page(client: TestClient) -> None:
    response = client.get("/stories/nope")
    assert response.status_code == 404 and "no story &#39;nope&#39;" in response.text


def test_all_stories_feed_is_valid_atom_newest_first(client: TestClient) -> None:
    response = client.get("/feeds/stories.atom")
    assert response.headers["content-type"].startswith("application/atom+xml")
    feed = assert_valid_atom(response.content)
    assert feed.entries[0].title == "Warehouse fire in Hanover keeps 180 firefighters busy"
    assert len(feed.entries) == 3 and all(
        e.id.startswith("urn:newsweave:story:s") for e in feed.entries
    )
    assert feed.entries[0].link.startswith("http://testserver/stories/")


def test_story_feed_lists_its_articles_newest_first(client: TestClient) -> None:
    story_id = client.get("/api/stories", params={"entity": "Coimbra", "lang": "en"}).json()[
        "items"
    ][0]["id"]
    feed = assert_valid_atom(client.get(f"/feeds/stories/{story_id}.atom").content)
    assert [e.title for e in feed.entries] == [
        "[en] Coimbra bridge stays closed a day after the Mondego flood",
        "[en] Flood closes the Santa Clara bridge in Coimbra",
    ]
    assert client.get("/feeds/stories/nope.atom").status_code == 404


@pytest.mark.parametrize(
    "params, titles",
    [
        (
            {"q": "ponte", "mode": "text"},
            ["Cheia do Mondego fecha a ponte de Santa Clara em Coimbra"],
        ),
        (
            {"entity": "place:city:hannover"},
            ["Warehouse fire in Hanover keeps 180 firefighters busy"],
        ),
    ],
)
def test_saved_query_feed_follows_a_search(
    client: TestClient, params: dict, titles: list[str]
) -> None:
    feed = assert_valid_atom(client.get("/feeds/search.atom", params=params).content)
    assert [e.title for e in feed.entries] == titles
    assert feed.feed.id.startswith("urn:newsweave:query:")


def test_static_stylesheet_ships_with_the_package(client: TestClient) -> None:
    response = client.get("/static/newsweave.css")
    assert response.status_code == 200 and "@media (max-width" in response.text


def test_blank_form_fields_count_as_not_given(client: TestClient) -> None:
    html = client.get(
        "/", params={"q": "", "mode": "meaning", "lang": "", "entity": "", "since": "", "until": ""}
    ).text
    assert html.count('class="story"') == 3


def test_story_page_says_when_time_did_not_weigh(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """Two reports without a date: the page's "why grouped" says time was left out, and why."""
    text = "Heavy rain flooded Valencia streets; rescuers evacuated families from the river banks."
    records = tmp_path / "undated.jsonl"
    records.write_text(
        "\n".join(
            json.dumps({"id": f"undated-{n}", "title": "Flood in Valencia", "text": text + extra})
            for n, extra in enumerate(["", " Officials gave an update."])
        ),
        encoding="utf-8",
    )
    settings = fill(str(tmp_path / "store.db"), records)
    with TestClient(create_app(settings)) as client:
        story_id = client.get("/api/stories").json()["items"][0]["id"]
        html = client.get(f"/stories/{story_id}").text
    assert "why grouped: joined, score" in html
    assert "time not weighed (no trusted date on the article or the story)" in html
