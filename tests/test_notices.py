"""A page that is a notice (an access block, an ad-blocker or cookie wall, an error page) is rejected with its reason, and
forms no story; an article that carries such a phrase is still an article.

The notices are written here after the kinds scrapers meet (the wording is mine).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsweave.notices import NOTICE_MAX_CHARS, notice_phrase
from newsweave.pipeline import Pipeline

REPORT = (
    "Flooding closes the coastal road\n\nThe coastal road between the two harbours was closed on "
    "Monday after heavy rain flooded a low section near the lighthouse. Crews pumped water through "
    "the night and the road is expected to reopen on Wednesday, the regional roads office said."
)
NOTICES = {
    "rate": "Sorry\n\nWe are sorry, but we recorded a huge amount of connections from the IP "
    "address you are connecting from. We suspect automated traffic.",
    "adblock": "Please\n\nTo read our articles, disable AdBlock or add an exception for our site.",
    "pl": "Przepraszamy\n\nPrzykro nam, ale z adresu IP, z którego się łączysz, odnotowaliśmy "
    "bardzo dużo połączeń.",
    "zh": "彩票中奖号码\n\n我们注意到您正在屏蔽广告！关闭广告拦截器，继续支持新闻业。",
    "de": "Hinweis\n\nSie verwenden einen Werbeblocker. Bitte deaktivieren Sie ihn für unsere Seite.",
    "cookies": "Welcome\n\nWe use cookies to ensure that we give you the best experience on our "
    "website. If you continue, we will assume that you are happy with it.",
    "missing": "Fehler 404\n\nDie Seite wurde nicht gefunden. Zurück zur Startseite.",
}


@pytest.mark.parametrize("name", sorted(NOTICES))
def test_a_notice_page_is_told_apart(name: str) -> None:
    body = NOTICES[name].split("\n\n", 1)[1]
    assert notice_phrase(body) is not None


def test_an_article_that_mentions_one_is_still_an_article() -> None:
    widget = "Please enable Javascript to watch this video\n\n" + REPORT
    assert notice_phrase(widget) is None
    long_report = REPORT + " The office said an ad blocker was not to blame. " * 10
    assert len(long_report) > NOTICE_MAX_CHARS and notice_phrase(long_report) is None


def test_notices_are_rejected_with_a_reason_and_make_no_story(
    fast_pipeline: Pipeline, tmp_path: Path
) -> None:
    records = [{"id": name, "text": text} for name, text in NOTICES.items()]
    records.append({"id": "report", "text": REPORT, "lang": "en"})
    path = tmp_path / "scraped.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), "utf-8")
    summary = fast_pipeline.ingest([str(path)])
    assert summary.new == 1
    reasons = {r.origin: r.reason for r in summary.rejected}
    assert len(reasons) == len(NOTICES)
    for origin, reason in reasons.items():
        assert origin.startswith(str(path)) and "#line" in origin
        assert reason.startswith("a notice, not an article"), reason
    assert 'it says "huge amount of connections"' in reasons[f"{path}#line 1"]
    assert [a.external_id for a, _ in fast_pipeline.store.articles()] == ["report"]
