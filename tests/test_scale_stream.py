"""bench/synthetic.py: the perturbed stream bench/scale.py feeds the serial stage with."""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np
import pytest

from conftest import REPO, SAMPLE
from newsweave.config import Settings
from newsweave.ingest import read_inputs
from newsweave.models import Article
from newsweave.pipeline import Pipeline
from newsweave.store import Batch

sys.path.append(str(REPO / "bench"))  # last: bench/web.py and the like must not shadow anything
from synthetic import SyntheticStream, enrich


@pytest.fixture(scope="module")
def templates() -> list[Article]:
    """The bundled sample (5 languages) through prepare and the hashing embedder."""
    articles, _ = enrich(list(read_inputs([str(SAMPLE / "articles")])), "hashing")
    assert len({a.lang for a in articles}) >= 4
    return articles


def test_copies_keep_their_templates_language_and_the_stream_moves_forward(
    templates: list[Article],
) -> None:
    stream = SyntheticStream(templates, per_day=20)
    days, firsts = [], 0
    for article, event, first in stream.articles(400):
        assert article.lang == templates[event.template].lang == event.lang
        days.append(article.published)
        firsts += first
    assert days == sorted(days) and (days[-1] - days[0]).days == 19
    assert 0.45 < firsts / 400 < 0.75  # most articles open an event, the rest follow a recent one


def test_an_event_changes_numbers_places_and_dates_and_its_copies_stay_close(
    templates: list[Article],
) -> None:
    stream = SyntheticStream(templates, per_day=5)
    changed_numbers = moved_dates = 0
    for article, event, first in stream.articles(200):
        t = templates[event.template]
        vector = np.asarray(article.embedding)
        assert abs(np.linalg.norm(vector) - 1) < 1e-5
        assert 0.5 < float(vector @ t.embedding) < 0.995  # blended and nudged, not replaced
        if first and t.quantities:
            changed_numbers += [q.value for q in article.quantities] != [
                q.value for q in t.quantities
            ]
        if first and t.published and t.event_dates:
            shift = article.published - t.published
            assert [d.value - shift for d in article.event_dates] == [
                d.value for d in t.event_dates
            ]
            moved_dates += shift.days != 0
    assert changed_numbers > 10 and moved_dates > 10


def test_every_copy_is_stored_once_as_a_new_article(
    templates: list[Article], tmp_path: Path
) -> None:
    pipeline = Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing"))
    copies = [article for article, _, _ in SyntheticStream(templates, per_day=50).articles(192)]
    for start in range(0, len(copies), 64):
        batch = pipeline.commit(copies[start : start + 64], Batch())
        assert not batch.aliases and not batch.updated
    stored = [article.id for article, _ in pipeline.store.articles()]
    assert sorted(stored) == sorted(a.id for a in copies)
