"""newsweave on a real PostgreSQL: the CLI end to end, `newsweave migrate`, and errors a user meets."""

from __future__ import annotations

import json
import sqlite3
from pathlib import Path

import pytest
from click.testing import CliRunner

from newsweave.cli import cli
from newsweave.errors import InputError, StoreError
from newsweave.models import TranslationLink
from newsweave.store import Batch, open_store
from newsweave.store.postgres import PostgresStore
from newsweave.store.to_postgres import migrate

HERE = Path(__file__).parent
# The bundled sample (5 languages, 5 events) and the ingest fixtures (a bad feed, duplicates, records).
CORPUS = [
    str(HERE.parent / "src" / "newsweave" / "sample" / "articles"),
    str(HERE / "fixtures" / "ingest"),
]


def _run(db: str, *args: str) -> str:
    result = CliRunner().invoke(
        cli, ["--db", db, "--embedder", "hashing", *args], catch_exceptions=False
    )
    assert result.exit_code == (
        3 if "ingest" in args and "rejected 0" not in result.output else 0
    ), result.output  # 3: some rejected
    return result.stdout


def _what_a_user_sees(db: str) -> dict[str, object]:
    """Every story list, story page and export line, as the CLI prints them (history times aside:
    the two stores were filled by two runs, seconds apart)."""
    listed = [json.loads(line) for line in _run(db, "stories", "--json").splitlines()]
    return {
        "stories": listed,
        "pages": {
            s["id"]: _timeless(json.loads(_run(db, "story", s["id"], "--json"))) for s in listed
        },
        "articles": _run(db, "export", "articles").splitlines(),
        "story_export": [
            _timeless(json.loads(line)) for line in _run(db, "export", "stories").splitlines()
        ],
    }


def _timeless(story: dict[str, object]) -> dict[str, object]:
    return {**story, "history": [{**event, "at": None} for event in story["history"]]}  # type: ignore[attr-defined]


def test_the_cli_on_postgresql_makes_the_same_stories_as_on_sqlite(
    tmp_path: Path, postgres_url: str
) -> None:
    sqlite_db = str(tmp_path / "store.db")
    for db in (sqlite_db, postgres_url):
        summary = _run(db, "ingest", "--quiet", *CORPUS)
        assert (
            "new 33" in summary and "rejected 4" in summary
        )  # a broken feed, JSON line, empty records
        assert "new 0" in _run(db, "ingest", "--quiet", *CORPUS)  # a re-run stores nothing twice
    on_postgres = _what_a_user_sees(postgres_url)
    assert len(on_postgres["stories"]) >= 5  # type: ignore[arg-type]
    assert on_postgres == _what_a_user_sees(sqlite_db)


def test_newsweave_db_picks_postgresql(
    tmp_path: Path, postgres_url: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("NEWSWEAVE_DB", postgres_url)
    result = CliRunner().invoke(
        cli, ["--embedder", "hashing", "ingest", "-q", CORPUS[0]], catch_exceptions=False
    )
    assert result.exit_code == 0 and "new 22" in result.stdout
    store = open_store(postgres_url)
    try:
        assert isinstance(store, PostgresStore) and len(list(store.articles())) == 22
    finally:
        store.close()


def test_migrate_copies_a_sqlite_store_exactly_and_is_idempotent(
    tmp_path: Path, postgres_url: str
) -> None:
    sqlite_db = str(tmp_path / "store.db")
    _run(sqlite_db, "ingest", "--quiet", *CORPUS)
    _run(sqlite_db, "ingest", "--quiet", *CORPUS)  # aliases and a second rejection
    out = _run(sqlite_db, "migrate", sqlite_db, postgres_url)
    assert "articles: 33 read, 33 written" in out and "aliases: 34 read, 34 written" in out
    assert "rejections: 8 read, 8 written" in out
    assert _what_a_user_sees(postgres_url) == _what_a_user_sees(sqlite_db)

    again = _run(sqlite_db, "migrate", sqlite_db, postgres_url)
    assert all(line.endswith(", 0 written") for line in again.splitlines()), again
    assert _what_a_user_sees(postgres_url) == _what_a_user_sees(sqlite_db)


def test_migrate_carries_translation_links(tmp_path: Path, postgres_url: str) -> None:
    sqlite_db = str(tmp_path / "store.db")
    _run(sqlite_db, "ingest", "--quiet", *CORPUS)
    source = open_store(sqlite_db)
    story = next(s.id for s in source.stories() if s.articles > 1)
    first, second = [a.id for a, _ in source.story_articles(story)][:2]
    source.write(Batch(translations=[TranslationLink(second, first, 0.91)]))
    source.close()
    out = _run(sqlite_db, "migrate", sqlite_db, postgres_url)
    assert "translations: 1 read, 1 written" in out
    target = open_store(postgres_url)
    assert target.translation_links(story) == [TranslationLink(second, first, 0.91)]
    target.close()


def test_migrate_then_ingest_continues_the_same_stories(tmp_path: Path, postgres_url: str) -> None:
    """A migrated store carries on: new articles arrive after the copied ones and join their stories."""
    sample = Path(CORPUS[0])
    first, rest = tmp_path / "first", tmp_path / "rest"
    first.mkdir(), rest.mkdir()
    for n, path in enumerate(sorted(sample.iterdir())):
        (first if n % 2 else rest).joinpath(path.name).write_bytes(path.read_bytes())
    sqlite_db = str(tmp_path / "store.db")
    _run(sqlite_db, "ingest", "-q", str(first))
    _run(sqlite_db, "migrate", "-q", sqlite_db, postgres_url)
    for db in (sqlite_db, postgres_url):
        _run(db, "ingest", "-q", str(rest))
    assert _what_a_user_sees(postgres_url) == _what_a_user_sees(sqlite_db)


def test_migrate_brings_over_what_changed_since_the_last_run(
    tmp_path: Path, postgres_url: str
) -> None:
    page = tmp_path / "page.jsonl"
    record = {
        "id": "r1",
        "url": "http://news.example/fire",
        "title": "Fire in Hanover",
        "text": "A fire broke out.",
    }
    page.write_text(json.dumps(record) + "\n")
    sqlite_db = str(tmp_path / "store.db")
    _run(sqlite_db, "ingest", str(page))
    ticks: list[tuple[str, int, int]] = []
    migrate(sqlite_db, postgres_url, progress=lambda *tick: ticks.append(tick))
    assert ("articles", 1, 1) in ticks and ("stories", 1, 1) in ticks  # what the progress bars show
    page.write_text(
        json.dumps({**record, "text": "A fire broke out; 180 firefighters fought it."}) + "\n"
    )
    assert "updated 1" in _run(sqlite_db, "ingest", str(page))
    (copied,) = [c for c in migrate(sqlite_db, postgres_url) if c.table == "articles"]
    assert copied.written == 1
    store = open_store(postgres_url)
    try:
        found = store.article("r1")
        assert found is not None and "180 firefighters" in found[0].text
    finally:
        store.close()


def test_migrate_refuses_a_database_holding_other_articles(
    tmp_path: Path, postgres_url: str
) -> None:
    sample = sorted(Path(CORPUS[0]).glob("*.txt"))
    _run(postgres_url, "ingest", "-q", str(sample[0]))
    sqlite_db = str(tmp_path / "store.db")
    _run(sqlite_db, "ingest", "-q", str(sample[1]))
    with pytest.raises(StoreError, match="already holds other articles"):
        migrate(sqlite_db, postgres_url)


def test_migrate_names_a_source_that_is_not_a_store(tmp_path: Path, postgres_url: str) -> None:
    other = tmp_path / "other.db"
    sqlite3.connect(other).execute("CREATE TABLE t (x)").connection.close()
    with pytest.raises(InputError, match=r"other\.db: not a newsweave store"):
        migrate(other, postgres_url)
    result = CliRunner().invoke(cli, ["migrate", str(tmp_path / "missing.db"), postgres_url])
    assert isinstance(result.exception, InputError) and "missing.db: no such SQLite file" in str(
        result.exception
    )
    result = CliRunner().invoke(cli, ["migrate", str(other), str(tmp_path / "target.db")])
    assert result.exit_code == 2 and "must be a postgresql:// URL" in result.output


def test_an_unreachable_server_is_a_store_error_without_the_password() -> None:
    url = "postgresql://newsweave:s3cret@127.0.0.1:1/news?connect_timeout=2"
    with pytest.raises(StoreError, match="cannot open store") as caught:
        open_store(url)
    assert "s3cret" not in str(caught.value) and "newsweave:***@127.0.0.1:1" in str(caught.value)


def test_two_writers_on_postgresql_assign_stories_as_one_writer_would(
    tmp_path: Path, postgres_url: str
) -> None:
    """Two pipelines writing small batches at once: each catches up on the other under the lock."""
    import threading

    from newsweave.config import Settings
    from newsweave.pipeline import Pipeline

    folder = HERE.parent / "src" / "newsweave" / "sample" / "articles"
    sample = sorted(
        p for p in folder.iterdir() if p.suffix in {".txt", ".html"}
    )  # one article a file
    halves = [[str(p) for p in sample[0::2]], [str(p) for p in sample[1::2]]]
    settings = Settings(db=postgres_url, embedder="hashing", batch_size=1)
    failures: list[BaseException] = []

    def ingest(paths: list[str]) -> None:
        try:
            Pipeline(settings).ingest(paths)
        except BaseException as exc:
            failures.append(exc)

    writers = [threading.Thread(target=ingest, args=(half,)) for half in halves]
    for writer in writers:
        writer.start()
    for writer in writers:
        writer.join(timeout=300)
    assert not failures, failures
    together = PostgresStore(postgres_url)
    stored = {a.id: d.story_id for a, d in together.articles()}
    order = [a.origin for a, _ in together.articles()]
    together.close()
    assert len(stored) == len(sample)

    serial = Pipeline(Settings(db=str(tmp_path / "serial.db"), embedder="hashing", batch_size=1))
    serial.ingest(order)  # the order the store took them in
    assert stored == {a.id: d.story_id for a, d in serial.store.articles()}
