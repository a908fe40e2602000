"""Provenance within a story (original, copy, rewrite, translation, independent) and the ledger
counting a claim once per origin, on a small fixture: a ferry disaster reported by a wire, its
Spanish translation, a reprint, a rewrite, an independent local report and a German report."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsweave.ingest.records import record_document
from newsweave.ledger import build_ledger, ledger_lines, story_provenance
from newsweave.ledger.story import Ledger, Slot
from newsweave.ledger.translation import facts_agree, may_be_translations
from newsweave.models import Article, Fact, TranslationLink
from newsweave.pipeline import Pipeline
from newsweave.prepare import prepare

FERRY = Path(__file__).parent / "fixtures" / "provenance" / "ferry.jsonl"


@pytest.fixture(scope="module")
def ferry() -> dict[str, Article]:
    lines = FERRY.read_text(encoding="utf-8").splitlines()
    articles = [
        prepare(record_document(f"ferry.jsonl#line {i}", json.loads(line)))
        for i, line in enumerate(lines, 1)
    ]
    return {a.external_id or a.id: a for a in articles}


def _killed(ledger: Ledger) -> Slot:
    return next(s for s in ledger.slots if s.name == "killed")


def test_two_independent_reports_of_one_figure_are_agreed(ferry: dict[str, Article]) -> None:
    ledger = build_ledger([ferry["en-original"], ferry["en-independent"]])
    killed = _killed(ledger)
    assert killed.status == "agreed" and killed.values[0].sources == 2
    assert {p.kind for p in ledger.provenance.values()} == {"independent"}


def test_a_copy_agreeing_with_its_original_is_no_corroboration(ferry: dict[str, Article]) -> None:
    ledger = build_ledger([ferry["en-original"], ferry["en-copy"]])
    assert _killed(ledger).status == "single source"
    copy = ledger.provenance[ferry["en-copy"].id]
    assert (copy.kind, copy.of) == ("copy", ferry["en-original"].id) and copy.confidence >= 0.5
    assert ledger.provenance[ferry["en-original"].id].kind == "original"


def test_a_rewrite_is_labelled_with_the_article_it_rewords(ferry: dict[str, Article]) -> None:
    provenance = story_provenance([ferry["en-original"], ferry["en-rewrite"]])
    rewrite = provenance[ferry["en-rewrite"].id]
    assert (rewrite.kind, rewrite.of) == ("rewrite", ferry["en-original"].id)
    assert 0.15 <= rewrite.confidence < 0.5


def test_the_earlier_trusted_date_is_the_original_whatever_the_arrival_order(
    ferry: dict[str, Article],
) -> None:
    en, es = ferry["en-original"], ferry["es-translation"]  # en dated a day before es
    link = TranslationLink(en.id, es.id, 0.9)
    provenance = story_provenance([es, en], [link])  # the translation arrived first
    assert (provenance[es.id].kind, provenance[es.id].of) == ("translation", en.id)
    # A header date is not trusted: an undated-in-effect original comes after the dated article.
    headed = replace(en, published=date(2024, 3, 1), published_from="header")
    provenance = story_provenance([es, headed], [link])
    assert (provenance[headed.id].kind, provenance[headed.id].of) == ("translation", es.id)


def test_two_translations_of_one_original_both_come_from_it(ferry: dict[str, Article]) -> None:
    en, es = ferry["en-original"], ferry["es-translation"]
    it = replace(es, id="it-translation", lang="it")  # stands in for an Italian translation
    links = [
        TranslationLink(es.id, en.id, 0.8),
        TranslationLink(it.id, en.id, 0.8),
        TranslationLink(it.id, es.id, 0.95),  # closer to each other than to the original
    ]
    provenance = story_provenance([en, es, it], links)
    assert provenance[it.id].of == en.id and provenance[es.id].of == en.id
    assert provenance[en.id].kind == "original"


def test_a_text_and_its_translation_are_one_origin_in_the_ledger(
    real_pipeline: Pipeline, tmp_path: Path
) -> None:
    records = [json.loads(line) for line in FERRY.read_text(encoding="utf-8").splitlines()]
    chosen = [r for r in records if r["id"] in ("en-original", "es-translation", "de-report")]
    path = tmp_path / "ferry.jsonl"
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in chosen), "utf-8")
    real_pipeline.ingest([str(path)])
    stored = {a.external_id: (a, d.story_id) for a, d in real_pipeline.store.articles()}
    (en, story), (es, es_story) = stored["en-original"], stored["es-translation"]
    assert story == es_story, "the translation joined its original's story"
    links = real_pipeline.store.translation_links(story)
    assert [{link.article_id, link.other_id} for link in links] == [{en.id, es.id}]
    assert links[0].confidence >= 0.8  # nearly every sentence aligned
    ledger = build_ledger([en, es], links)
    translation = ledger.provenance[es.id]
    assert (translation.kind, translation.of) == ("translation", en.id)
    killed = _killed(ledger)
    assert killed.status == "single source" and killed.values[0].sources == 1
    assert any("once per origin" in line for line in ledger_lines(ledger))
    # The German report of the same disaster, in its own words, is no translation of either.
    de = stored["de-report"][0]
    assert real_pipeline.translations.score(en, de) < 0.5
    assert real_pipeline.translations.score(es, de) < 0.5


def test_a_text_that_changes_a_stated_toll_is_no_translation(ferry: dict[str, Article]) -> None:
    """A translation keeps the facts it states: "Doce personas murieron" against "Twelve people
    were killed" may be one text; "14 personas murieron" may not, however alike the rest."""
    en, es = ferry["en-original"], ferry["es-translation"]
    assert facts_agree(en, es)
    record = json.loads(FERRY.read_text(encoding="utf-8").splitlines()[1])
    for field in ("title", "text"):
        record[field] = record[field].replace("Doce ", "14 ").replace("doce ", "14 ")
    altered = prepare(record_document("ferry.jsonl#line 2", record))
    assert {f.value for f in altered.facts if f.slot == "killed"} == {14.0}
    assert not facts_agree(en, altered)
    assert not may_be_translations(replace(en, embedding=[1.0]), replace(altered, embedding=[1.0]))


def test_a_measure_read_differently_in_two_languages_does_not_veto_a_translation(
    ferry: dict[str, Article],
) -> None:
    """Durations and distances are read through each language's units, and their digits are
    already compared by figures_agree: a duration the two packs read apart (SemEval: "72 hours"
    against 412,002) must not hide a translation, as a changed toll does."""
    en, es = ferry["en-original"], ferry["es-translation"]
    other = Fact("duration", 412002.0, "hour", "durante 72 horas", "72 horas")
    misread = replace(es, facts=[*es.facts, other])
    assert facts_agree(en, replace(en, facts=[*en.facts, replace(other, value=72.0)]))
    assert facts_agree(replace(en, facts=[*en.facts, replace(other, value=72.0)]), misread)
    assert not facts_agree(en, _toll_changed(es, 2))


def _toll_changed(article: Article, by: float) -> Article:
    """``article`` as a mistranslation would read: every killed count it states moved by ``by``."""
    return replace(
        article,
        facts=[replace(f, value=f.value + by) if f.slot == "killed" else f for f in article.facts],
        quantities=[
            replace(q, value=q.value + by) if q.what == "killed" else q for q in article.quantities
        ],
    )


def test_a_translation_whose_rules_chose_another_stated_count_is_not_vetoed() -> None:
    """One text states two tolls (two dead in two shootings, one of them a woman); the English
    rules choose the shooting's toll and the Italian ones the headline's. Both texts state
    both, so the count does not rule the translation out; a changed toll still does."""
    en = prepare(
        record_document(
            "compton.jsonl#line 1",
            {
                "id": "en",
                "title": "Two dead in separate shootings in Compton and Huntington Park",
                "text": "Two people were fatally shot in separate shootings, deputies said. "
                "A woman was killed and a man was critically injured in a shooting in Compton "
                "on New Year's Day. The woman died at a hospital.",
                "lang": "en",
            },
        )
    )
    it = prepare(
        record_document(
            "compton.jsonl#line 2",
            {
                "id": "it",
                "title": "Due morti in sparatorie separate a Compton e Huntington Park",
                "text": "Due persone sono state uccise in sparatorie separate, hanno detto i "
                "vice dello sceriffo. Una donna è stata uccisa e un uomo è rimasto gravemente "
                "ferito in una sparatoria a Compton il giorno di Capodanno. La donna è morta in "
                "ospedale.",
                "lang": "it",
            },
        )
    )
    killed = {a.lang: {f.value for f in a.facts if f.slot == "killed"} for a in (en, it)}
    assert killed["en"] != killed["it"]  # the two languages' rules chose differently
    assert facts_agree(en, it) and facts_agree(it, en)
    assert not facts_agree(en, _toll_changed(it, 3))


def test_a_page_saved_under_unrelated_titles_is_no_ones_translation(
    ferry: dict[str, Article],
) -> None:
    # A scraper failure: one body (an ad-block wall, say) saved under two articles' titles, and
    # its translation; the same body reprinted under its own title is a wire copy and still counts.
    en, es = ferry["en-original"], ferry["es-translation"]
    wall = replace(en, id="wall", title="Lottery numbers drawn on Tuesday evening")
    links = [TranslationLink(es.id, en.id, 1.0), TranslationLink(es.id, wall.id, 1.0)]
    provenance = story_provenance([en, wall, es], links)
    assert "translation" not in {p.kind for p in provenance.values()}
    assert provenance[es.id].kind == "independent"
    reprint = replace(en, id="reprint")
    provenance = story_provenance([en, reprint, es], links[:1])
    assert (provenance[es.id].kind, provenance[es.id].of) == ("translation", en.id)
