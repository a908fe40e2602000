"""Feeds as alerts: a feed reader must see a story that changed as changed, when it changed."""

from __future__ import annotations

import time
from datetime import UTC, datetime

from fastapi.testclient import TestClient

from .conftest import TOKEN
from .test_pages import assert_valid_atom

AUTH = {"Authorization": f"Bearer {TOKEN}"}
TEXT = (
    "The Alqueva dam opened its floodgates on Monday after a week of heavy rain in the Alentejo; "
    "engineers said the reservoir stood at 98 percent and farmers downstream were warned."
)


def _updated(entry_or_feed) -> datetime:  # type: ignore[no-untyped-def]
    return datetime(*entry_or_feed.updated_parsed[:6], tzinfo=UTC)


def test_feeds_say_when_a_story_changed_and_never_1970(fresh_client: TestClient) -> None:
    first = fresh_client.post(
        "/api/articles",
        headers=AUTH,
        json={"id": "dam-1", "title": "Alqueva opens floodgates", "text": TEXT},
    ).json()  # undated
    story_id = first["articles"][0]["story_id"]
    for url in (
        "/feeds/stories.atom",
        f"/feeds/stories/{story_id}.atom",
        "/feeds/search.atom?q=Alqueva",
    ):
        body = fresh_client.get(url).content
        assert b"1970" not in body, url
        assert_valid_atom(body)
    time.sleep(1.1)  # the store keeps seconds
    before = datetime.now(UTC).replace(microsecond=0)
    # An article dated years ago joins: the story changed now, whatever that article's own date.
    second = fresh_client.post(
        "/api/articles",
        headers=AUTH,
        json={
            "id": "dam-2",
            "title": "Alqueva floodgates open",
            "published": "2019-05-01",
            "text": TEXT + " Roads were closed.",
        },
    ).json()
    assert second["articles"][0]["story_id"] == story_id
    stories = assert_valid_atom(fresh_client.get("/feeds/stories.atom").content)
    entry = next(e for e in stories.entries if e.id == f"urn:newsweave:story:{story_id}")
    assert _updated(entry) >= before and _updated(stories.feed) >= before
    own = assert_valid_atom(fresh_client.get(f"/feeds/stories/{story_id}.atom").content)
    assert _updated(own.feed) >= before
    assert (
        own.entries[0].id == "urn:newsweave:article:" + second["articles"][0]["id"]
    )  # the latest to arrive first
    assert own.entries[0].published.startswith("2019-05-01")  # its own date, as <published>
    assert "published" not in own.entries[1]  # the undated one has none, rather than 1970
