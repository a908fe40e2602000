"""The newsweave command, through click's runner, as a user would type it."""

from __future__ import annotations

import csv
import gc
import io
import json
from pathlib import Path

from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.config import Settings
from newsweave.pipeline import Pipeline
from newsweave.store import open_store


def _run(db: str, *args: str, input: str | None = None) -> str:
    result = CliRunner().invoke(cli, ["--db", db, *args], input=input, catch_exceptions=False)
    assert result.exit_code == 0, result.output
    return result.stdout


def test_ingest_stories_story_export_on_the_seeds(seeds: Path, db_path: str) -> None:
    summary = _run(db_path, "ingest", str(seeds))
    assert "new 5" in summary and "rejected 0" in summary
    lines = _run(db_path, "stories").strip().splitlines()
    assert len(lines) == 2
    listed = [json.loads(line) for line in _run(db_path, "stories", "--json").splitlines()]
    gala = next(s for s in listed if set(s["languages"]) == {"en", "pt"})
    assert gala["articles"] == 2
    assert _run(db_path, "stories", "--lang", "pt", "--json").count("\n") == 1
    detail = _run(db_path, "story", gala["id"])
    assert (
        "[pt]" in detail
        and "[en]" in detail
        and "why:" in detail
        and "person:kim jong un" in detail
    )
    # The English report joined the Portuguese one on what two languages can compare, and says so.
    assert "words left out (no article of the story in this language)" in detail
    # The seeds' dates are header lines, which do not place an article in time, and it says so.
    assert "time not weighed (no trusted date on the article or the story)" in detail
    exported = [
        json.loads(line)
        for line in _run(db_path, "export", "articles").splitlines()
        if line.startswith("{")
    ]
    assert len(exported) == 5 and {
        "id",
        "story",
        "lang",
        "published",
        "title",
        "url",
        "source",
    } <= set(exported[0])
    rows = list(
        csv.DictReader(
            io.StringIO(_run(db_path, "export", "stories", "--format", "csv").split("exported")[0])
        )
    )
    assert len(rows) == 2


def test_stdin_and_compare(tmp_path: Path, db_path: str) -> None:
    text = "Fire destroys warehouse in Hanover\n\nA fire destroyed a warehouse in Hanover on Tuesday; 180 firefighters fought it."
    assert "new 1" in _run(db_path, "ingest", "-", input=text)
    a = tmp_path / "a.txt"
    a.write_text(text)
    b = tmp_path / "b.txt"
    b.write_text(
        "Brand in Hannover\n\nEin Feuer zerstörte am Dienstag eine Lagerhalle in Hannover; 180 Feuerwehrleute waren im Einsatz."
    )
    out = _run(db_path, "compare", str(a), str(b))
    assert "score" in out and "semantic" in out and "entities" in out


def test_compare_pairs_prints_one_score_a_pair(tmp_path: Path, db_path: str) -> None:
    pairs = tmp_path / "pairs.jsonl"
    same = "Earthquake of magnitude 6 shakes Lisbon, 12 injured."
    pairs.write_text(
        json.dumps(
            {
                "id": "p1",
                "a": {"lang": "en", "text": same},
                "b": {"lang": "en", "text": same + " Buildings cracked."},
            }
        )
        + "\n"
        + json.dumps(
            {
                "id": "p2",
                "a": {"lang": "en", "text": same},
                "b": {"lang": "en", "text": "The football final ended 2-1 after extra time."},
            }
        )
        + "\n"
    )
    scores = {
        r["id"]: r["score"]
        for r in map(json.loads, _run(db_path, "compare", "--pairs", str(pairs)).splitlines())
    }
    assert scores["p1"] > scores["p2"]


def test_unknown_story_is_a_clear_error(db_path: str) -> None:
    open_store(db_path).close()  # a store that exists, without that story
    result = CliRunner().invoke(cli, ["--db", db_path, "story", "nope"])
    assert result.exit_code == 2 and "no story 'nope'" in result.output


def test_compare_two_files_on_an_empty_store(tmp_path: Path, db_path: str) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(
        "Bridge closed in Porto\n\nThe Luiz I bridge in Porto was closed on Friday after a crack was found."
    )
    b.write_text(
        "Ponte fechada no Porto\n\nA ponte Luiz I no Porto foi fechada na sexta-feira depois de encontrada uma fissura."
    )
    out = _run(db_path, "compare", str(a), str(b))
    assert "score" in out and "semantic" in out


def test_exports_carry_facts_and_the_story_ledger(db_path: str) -> None:
    fixture = Path(__file__).parent / "fixtures" / "ledger" / "derailment.jsonl"
    result = CliRunner().invoke(
        cli,
        ["--db", db_path, "--embedder", "hashing", "ingest", "-q", str(fixture)],
        catch_exceptions=False,
    )
    assert result.exit_code == 0, result.output
    articles = {
        r["id"]: r for r in map(json.loads, _run(db_path, "export", "articles").splitlines())
    }
    pt = articles["pt"]
    assert pt["event_date"] == "2023-12-31"
    assert {"slot": "killed", "value": 12.0, "unit": None}.items() <= pt["facts"][0].items()
    assert "Doze pessoas morreram" in pt["facts"][0]["evidence"]
    assert "Coimbra" in pt["places"] and "Espanha" in pt["places"]
    stories = [json.loads(line) for line in _run(db_path, "export", "stories").splitlines()]
    assert all("slots" in s["ledger"] and "event_date" in s["ledger"] for s in stories)
    detail = _run(db_path, "story", pt["story"])
    assert "ledger" in detail and "killed:" in detail and "Doze pessoas morreram" in detail


def test_only_the_batch_ingest_freezes_the_garbage_collector(seeds: Path, db_path: str) -> None:
    # gc.freeze acts on the whole process: the long batch run that owns it may (at 100k stories
    # the collector's re-scans were a fifth of clustering), a program embedding the library not.
    gc.unfreeze()
    try:
        Pipeline(Settings(db=db_path, embedder="hashing")).ingest([str(seeds)])
        assert gc.get_freeze_count() == 0
        _run(db_path, "--embedder", "hashing", "ingest", str(seeds))
        assert gc.get_freeze_count() > 0
    finally:
        gc.unfreeze()
