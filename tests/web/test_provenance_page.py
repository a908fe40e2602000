"""Provenance on the story page and in the API: which article is a translation or copy of which,
and the ledger saying it counts sources once per origin. Real model, real browser (a screenshot)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.web import create_app

from .conftest import LiveServer, fill
from .test_browser import ARGS, CHROMIUM, SHOTS, _page

FERRY = Path(__file__).resolve().parents[1] / "fixtures" / "provenance" / "ferry.jsonl"


@pytest.fixture(scope="module")
def ferry_db(tmp_path_factory: pytest.TempPathFactory, use_embedder) -> str:  # type: ignore[no-untyped-def]
    """The wire report, its Spanish translation and a reprint, ingested with the real model."""
    records = [json.loads(line) for line in FERRY.read_text(encoding="utf-8").splitlines()]
    folder = tmp_path_factory.mktemp("ferry")
    path = folder / "ferry.jsonl"
    chosen = [r for r in records if r["id"] in ("en-original", "es-translation", "en-copy")]
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), "utf-8")
    return fill(str(folder / "store.db"), path, embedder=use_embedder).db


def _story(client: TestClient) -> dict:
    stories = client.get("/api/stories").json()["items"]
    assert len(stories) == 1, "the three reports make one story"
    return client.get(f"/api/stories/{stories[0]['id']}").json()


def test_the_api_gives_each_article_its_provenance(ferry_db: str, use_embedder) -> None:  # type: ignore[no-untyped-def]
    with TestClient(create_app(Settings(db=ferry_db), embedder=use_embedder)) as client:
        story = _story(client)
    by_external = {a["external_id"]: a for a in story["articles"]}
    original = by_external["en-original"]
    assert original["provenance"]["kind"] == "original"
    for name, kind in (("es-translation", "translation"), ("en-copy", "copy")):
        article = by_external[name]
        assert article["provenance"]["kind"] == kind
        assert article["provenance"]["of"] == original["id"]
        assert article["derives_from"] == original["title"]
    assert "once per origin" in story["ledger"]["counting"]
    killed = next(s for s in story["ledger"]["slots"] if s["slot"] == "killed")
    assert killed["status"] == "single source"  # three articles, one origin


@pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="chromium is not installed")
def test_the_story_page_labels_translations_and_copies(ferry_db: str, use_embedder) -> None:  # type: ignore[no-untyped-def]
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(exist_ok=True)
    with (
        LiveServer(create_app(Settings(db=ferry_db), embedder=use_embedder)) as server,
        sync_playwright() as playwright,
    ):
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        page = _page(browser)
        page.goto(server.url + "/")
        page.locator("a.story-title").first.click()
        page.wait_for_url("**/stories/*")
        labels = page.locator("li.article .provenance").all_inner_texts()
        title = "Ferry capsizes off Crete, twelve killed"
        assert sorted(label.strip() for label in labels) == sorted(
            ["original report", f"translation of {title}", f"copy of {title}"]
        )
        assert "once per origin" in page.locator("#ledger .counting").inner_text()
        page.screenshot(path=str(SHOTS / "story-provenance.png"), full_page=True)
        assert not page.seen["errors"]
        browser.close()
