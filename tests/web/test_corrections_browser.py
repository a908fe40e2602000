"""Correcting a story in a real browser (headless Chromium): the token as the login password, plain forms."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.web import create_app

from .conftest import TOKEN, LiveServer, fill
from .test_browser import ARGS, CHROMIUM

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"
)


@pytest.fixture
def server(tmp_path: Path) -> Iterator[LiveServer]:
    settings = fill(
        str(tmp_path / "store.db"), Path(__file__).parent / "fixtures" / "articles.jsonl"
    )
    with LiveServer(create_app(settings, token=TOKEN)) as live:
        yield live


def test_a_token_holder_splits_a_story_with_the_page_forms(server: LiveServer) -> None:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        try:
            reader = browser.new_page()
            reader.goto(f"{server.url}/api/stories?limit=100")
            items = sorted(
                reader.evaluate("() => JSON.parse(document.body.innerText)")["items"],
                key=lambda s: s["articles"],
            )
            story = items[-1]["id"]  # the biggest: it can be split
            reader.goto(f"{server.url}/stories/{story}")
            assert (
                reader.locator("#history li").count() >= 2 and reader.locator("form").count() == 0
            )
            reader.close()

            analyst = browser.new_context(
                http_credentials={"username": "analyst", "password": TOKEN}
            ).new_page()
            scripts: list[str] = []
            analyst.on(
                "request", lambda r: scripts.append(r.url) if r.resource_type == "script" else None
            )
            analyst.goto(f"{server.url}/stories/{story}")
            analyst.click(
                "text=Correct this story"
            )  # the browser answers the login prompt with the token
            split = analyst.locator(f'form[action="/stories/{story}/split"]')
            split.locator('input[name="article"]').first.check()
            split.locator('input[name="why"]').fill("a different event")
            split.locator('button[type="submit"]').click()
            analyst.wait_for_load_state()
            history = analyst.locator("#history").inner_text()
            assert "split 1 article(s)" in history and "why: a different event" in history
            assert "undo #1" in history and scripts == []  # no script anywhere on the way
        finally:
            browser.close()
