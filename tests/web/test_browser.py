"""The pages in a real browser: headless Chromium (Debian's) driven by Playwright, against uvicorn.

Skipped only when Chromium is not installed (.ci/run installs it). Screenshots go to
tests/screenshots/ (ignored by git).
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from newsweave.web import create_app

from .conftest import LiveServer, fill
from .test_pages import HOSTILE, assert_valid_atom

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
SHOTS = Path(__file__).resolve().parents[1] / "screenshots"
SEEDS = Path(__file__).resolve().parents[2].parent / "shared" / "seeds"
ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PHONE = {"width": 375, "height": 740}
DESKTOP = {"width": 1280, "height": 800}

pytestmark = pytest.mark.skipif(
    not Path(CHROMIUM).exists(), reason="chromium is not installed (apt-get install chromium)"
)


@pytest.fixture(scope="module")
def browser() -> Iterator[object]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield launched
        launched.close()


def _page(browser, viewport: dict = DESKTOP):  # type: ignore[no-untyped-def]
    """A new page that records dialogs, console errors and every URL it requests."""
    page = browser.new_page(viewport=viewport)
    page.seen = {"dialogs": [], "errors": [], "requests": []}
    page.on("dialog", lambda d: (page.seen["dialogs"].append(d.message), d.dismiss()))
    page.on("console", lambda m: page.seen["errors"].append(m.text) if m.type == "error" else None)
    page.on("request", lambda r: page.seen["requests"].append(r.url))
    return page


@pytest.fixture(scope="module")
def fixture_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """Our own fixture articles plus one hostile article, served by a real uvicorn."""
    folder = tmp_path_factory.mktemp("browser")
    hostile = folder / "hostile.jsonl"
    hostile.write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    settings = fill(
        str(folder / "store.db"), Path(__file__).parent / "fixtures" / "articles.jsonl", hostile
    )
    with LiveServer(create_app(settings)) as server:
        yield server


def test_hostile_article_html_never_runs(browser, fixture_server: LiveServer) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser)
    response = page.goto(f"{fixture_server.url}/articles/hostile-1")
    assert "default-src 'none'" in response.headers["content-security-policy"]
    assert "<script>window.__pwned = 'body'</script>" in page.inner_text("#text")  # shown, as text
    story_url = page.get_attribute(".crumbs a", "href")
    for path in (story_url, "/", "/?q=flood&mode=text"):
        page.goto(fixture_server.url + path)
        page.hover("text=Hostile Wire") if path == story_url else None
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.seen["dialogs"] == [] and not page.seen["errors"]
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    page.close()


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_pages_fit_the_screen_and_load_nothing_from_elsewhere(
    browser, fixture_server: LiveServer, viewport: dict
) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, viewport)
    page.goto(fixture_server.url + "/")
    story_url = page.get_attribute("a.story-title", "href")
    for path in ("/", story_url, "/articles/ext-coimbra-pt", "/?q=bridge&mode=text&lang=en"):
        page.goto(fixture_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (
            f"{path} scrolls sideways at {viewport['width']}px ({width}px wide)"
        )
        assert page.evaluate("getComputedStyle(document.body).fontFamily").startswith(
            "system-ui"
        )  # our CSS loaded
    search = page.locator("input[name=q]").bounding_box()
    assert search and search["x"] >= 0 and search["x"] + search["width"] <= viewport["width"]
    assert all(url.startswith(fixture_server.url) for url in page.seen["requests"]), page.seen[
        "requests"
    ]
    page.close()


@pytest.fixture(scope="module")
def seeds_server(tmp_path_factory: pytest.TempPathFactory, use_embedder) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    if not SEEDS.is_dir():
        pytest.skip("../shared/seeds is not present")
    settings = fill(
        str(tmp_path_factory.mktemp("seeds") / "store.db"), SEEDS, embedder=use_embedder
    )
    with LiveServer(create_app(settings, embedder=use_embedder)) as server:
        yield server


def test_seeds_browse_the_gala_story_search_in_portuguese_and_follow_the_feed(
    browser, seeds_server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    page = _page(browser)
    page.goto(seeds_server.url + "/")
    stories = page.locator("li.story")
    assert stories.count() == 2
    page.screenshot(path=str(SHOTS / "stories.png"), full_page=True)

    gala = stories.filter(has=page.locator("span.lang", has_text="pt"))
    assert gala.locator("span.lang").all_inner_texts() == ["en", "pt"]
    gala.locator("a.story-title").click()
    page.wait_for_url("**/stories/*")
    assert page.locator("h3.lang-group span.lang").all_inner_texts() == ["en", "pt"]
    assert page.locator("#timeline svg text.row-label").all_text_contents() == ["en", "pt"]
    assert page.locator("#timeline circle.dot").count() == 2
    assert page.locator("li.article").count() == 2
    # The ledger: 6,000 more troops, stated by both the English and the Portuguese article.
    more = page.locator('#ledger div.slot[data-slot="soldiers (more)"]')
    assert (
        "status-agreed" in (more.get_attribute("class") or "")
        and more.locator(".status").inner_text() == "agreed"
    )
    assert more.locator("li.value").count() == 1
    assert (
        more.locator(".amount").inner_text().startswith("6,000")
        and "2 sources" in more.locator(".value-head").inner_text()
    )
    assert sorted(more.locator("li.witness span.lang").all_inner_texts()) == ["en", "pt"]
    assert more.locator("li.witness q").count() == 2
    sent = page.locator('#ledger div.slot[data-slot="soldiers"]')
    assert sent.locator(".status").inner_text() == "single source" and sent.locator(
        ".amount"
    ).inner_text().startswith("12,000")
    page.screenshot(path=str(SHOTS / "story.png"), full_page=True)

    page.goto(seeds_server.url + "/")
    page.fill("input[name=q]", "Kim Jong-un chora em homenagem aos soldados mortos")
    page.select_option("select[name=mode]", "meaning")
    page.click("button[type=submit]")
    page.wait_for_url("**/?q=*")
    first = page.locator("li.story").first
    assert first.locator("span.lang").first.inner_text() == "en"  # languages: en, pt
    best = first.locator("ul.hits li").first
    assert best.locator("span.lang").inner_text() == "en"
    assert best.locator("a.hit").inner_text().startswith("Kim Jong-un appears to weep")

    feed_url = page.get_attribute("#feed", "href")
    assert feed_url.startswith("/feeds/search.atom?q=Kim")
    feed = page.request.get(seeds_server.url + feed_url)
    assert feed.ok and feed.headers["content-type"].startswith("application/atom+xml")
    parsed = assert_valid_atom(feed.body())
    # The gala story, founded by the untitled pt article: titled by the en article's headline.
    assert parsed.entries[0].title.startswith("Kim Jong-un appears to weep")
    page.close()


def test_seeds_train_story_flags_its_articles_dates_at_phone_width(
    browser, seeds_server: LiveServer
) -> None:  # type: ignore[no-untyped-def]
    SHOTS.mkdir(exist_ok=True)
    page = _page(browser, PHONE)
    page.goto(seeds_server.url + "/")
    page.locator("li.story").filter(has_not=page.locator("span.lang", has_text="pt")).locator(
        "a.story-title"
    ).click()
    page.wait_for_url("**/stories/*")
    unfit = page.locator("#unfit-dates li")
    assert unfit.count() == 2  # one event, its articles dated 2024-05-19 and 2023-11-15
    assert all("2024-05-19" in why and "2023-11-15" in why for why in unfit.all_inner_texts())
    assert (
        page.locator('#ledger div.slot[data-slot="speed"] .amount')
        .inner_text()
        .startswith("59.55 km/h")
    )
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    page.screenshot(path=str(SHOTS / "story-ledger-phone.png"), full_page=True)
    page.close()


@pytest.fixture(scope="module")
def ledger_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    """The five-language derailment with its planted conflict, plus a report carrying HTML payloads."""
    fixtures = Path(__file__).parent / "fixtures"
    settings = fill(
        str(tmp_path_factory.mktemp("ledger") / "store.db"),
        fixtures.parents[1] / "fixtures" / "ledger" / "derailment.jsonl",
        fixtures / "ledger_hostile.jsonl",
    )
    with LiveServer(create_app(settings)) as server:
        yield server


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
def test_ledger_conflict_stands_out_and_its_evidence_never_runs(
    browser, ledger_server: LiveServer, viewport: dict
) -> None:  # type: ignore[no-untyped-def]
    page = _page(browser, viewport)
    page.goto(ledger_server.url + "/articles/hostile-ledger")
    assert "window.__pwned = 'evidence'" in page.inner_text("#facts")  # shown, as text
    page.click(".crumbs a")
    page.wait_for_url("**/stories/*")
    killed = page.locator('#ledger div.slot[data-slot="killed"]')
    injured = page.locator('#ledger div.slot[data-slot="injured"]')
    colour = "el => getComputedStyle(el).backgroundColor"
    assert killed.locator(".status").inner_text().lower() == "conflict"
    assert killed.locator(".status").evaluate(colour) != injured.locator(".status").evaluate(colour)
    majority = killed.locator("li.value.majority")
    assert (
        majority.locator(".amount").inner_text() == "12" and majority.locator(".badge").is_visible()
    )
    assert page.evaluate("typeof window.__pwned") == "undefined" and page.seen["dialogs"] == []
    assert page.locator("img").count() == 0 and page.locator("script").count() == 0
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= viewport["width"], (
        f"the ledger scrolls sideways at {viewport['width']}px ({width}px wide)"
    )
    if viewport is PHONE:
        page.screenshot(path=str(SHOTS / "ledger-conflict-phone.png"), full_page=True)
    page.close()


SAMPLE = Path(__file__).resolve().parents[2] / "src" / "newsweave" / "sample" / "articles"
NARROW = {"width": 390, "height": 844}


@pytest.fixture(scope="module")
def sample_server(tmp_path_factory: pytest.TempPathFactory, use_embedder) -> Iterator[LiveServer]:  # type: ignore[no-untyped-def]
    """The bundled sample (22 articles, 5 languages), as `make run` serves it."""
    settings = fill(
        str(tmp_path_factory.mktemp("sample") / "store.db"), SAMPLE, embedder=use_embedder
    )
    with LiveServer(create_app(settings, embedder=use_embedder)) as server:
        yield server


def _luminance(css_colour: str) -> float:
    red, green, blue = (
        float(part) for part in css_colour[css_colour.index("(") + 1 :].rstrip(")").split(",")[:3]
    )
    return (0.2126 * red + 0.7152 * green + 0.0722 * blue) / 255


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("viewport", [DESKTOP, NARROW], ids=["1280", "390"])
def test_screenshots_of_the_three_pages_fit_light_and_dark(
    browser,
    sample_server: LiveServer,
    viewport: dict,  # type: ignore[no-untyped-def]
    scheme: str,
) -> None:
    SHOTS.mkdir(exist_ok=True)
    page = browser.new_page(viewport=viewport, color_scheme=scheme)
    page.goto(sample_server.url + "/?q=Mondego")
    assert "found by words" in page.inner_text("li.story")
    page.goto(sample_server.url + "/")
    story_url = page.get_attribute("li.story a.story-title", "href")
    page.goto(sample_server.url + story_url)
    article_url = page.get_attribute("li.article a.article-title", "href")
    for name, path in (
        ("stories", "/"),
        ("story", story_url),
        ("article", article_url),
        ("api", "/api/docs"),
    ):
        page.goto(sample_server.url + path)
        width = page.evaluate("document.documentElement.scrollWidth")
        assert width <= viewport["width"], (
            f"{name} scrolls sideways at {viewport['width']}px ({width}px wide)"
        )
        background = _luminance(page.evaluate("getComputedStyle(document.body).backgroundColor"))
        ink = _luminance(page.evaluate("getComputedStyle(document.body).color"))
        assert (
            (background > 0.8 and ink < 0.3)
            if scheme == "light"
            else (background < 0.2 and ink > 0.7)
        ), name
        page.screenshot(
            path=str(SHOTS / f"{name}-{viewport['width']}-{scheme}.png"), full_page=True
        )
        if name == "story":  # the timeline's labels stay readable on a phone
            smallest = page.evaluate(
                "Math.min(...[...document.querySelectorAll('#timeline text')]"
                ".map(t => t.getBoundingClientRect().height))"
            )
            assert smallest >= 9, f"timeline labels {smallest:.1f}px high at {viewport['width']}px"
    page.close()
