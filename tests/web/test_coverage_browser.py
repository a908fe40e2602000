"""The story page's coverage in a real browser (headless Chromium, as tests/web/test_browser.py):
on the bundled sample, the flood story shows who reported it first in each language and source
country, how many days later, as a strip a reader takes in at a glance, and the silent list.

Screenshots go to tests/screenshots/ (ignored by git).
"""

from __future__ import annotations

import pytest

from .conftest import LiveServer
from .test_browser import CHROMIUM, DESKTOP, SHOTS, _page, browser, sample_server  # noqa: F401

PHONE = {"width": 390, "height": 844}

pytestmark = pytest.mark.skipif(
    not CHROMIUM or not __import__("pathlib").Path(CHROMIUM).exists(),
    reason="chromium is not installed (apt-get install chromium)",
)


@pytest.mark.parametrize("viewport", [DESKTOP, PHONE], ids=["1280", "390"])
def test_sample_flood_story_shows_its_coverage_strip_and_silent_list(
    browser,  # noqa: F811
    sample_server: LiveServer,  # noqa: F811
    viewport: dict,  # type: ignore[no-untyped-def]
) -> None:
    SHOTS.mkdir(exist_ok=True)
    page = _page(browser, viewport)
    page.goto(sample_server.url + "/?q=Mondego")
    page.click("li.story a.story-title")
    page.wait_for_url("**/stories/*")
    coverage = page.locator("#coverage")
    strip = coverage.locator("svg.coverage-strip")
    assert strip.is_visible()
    first = coverage.locator(".first-report").inner_text()
    assert "First report:" in first and "2025-03-1" in first  # the flood was reported from the 14th
    lanes = strip.locator("g.lane")
    labels = [lanes.nth(i).get_attribute("data-label") for i in range(lanes.count())]
    languages = page.locator("p.meta .lang").all_inner_texts()
    assert set(languages) <= set(labels)  # a row for every language of the story
    assert "DE" in labels  # the record from Tagesblick says it publishes from Germany
    german = strip.locator('g.country-lane[data-label="DE"]')
    assert german.locator("circle.mark").count() == 1
    assert german.locator("text.lane-text").text_content().startswith("+")  # its lag in days
    assert coverage.locator("h3", has_text="Silent").is_visible()
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], f"coverage scrolls sideways at {viewport['width']}px"
    smallest = page.evaluate(
        "Math.min(...[...document.querySelectorAll('#coverage svg text')]"
        ".map(t => t.getBoundingClientRect().height))"
    )
    assert smallest >= 9, f"coverage labels {smallest:.1f}px high at {viewport['width']}px"
    overflow = page.evaluate(
        "(() => { const box = document.querySelector('#coverage svg').getBoundingClientRect();"
        " return Math.max(...[...document.querySelectorAll('#coverage svg text')]"
        ".map(t => t.getBoundingClientRect().right - box.right)); })()"
    )
    assert overflow <= 1, f"a coverage label runs {overflow:.0f}px past the chart"
    assert not page.seen["errors"] and page.locator("script").count() == 0
    coverage.screenshot(path=str(SHOTS / f"coverage-{viewport['width']}.png"))
    page.close()
