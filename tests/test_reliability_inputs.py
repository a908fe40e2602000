"""Hostile inputs, second round (issue 16): each ends with the good inputs stored, the bad one
named with one reason line, and nothing stored before changed or lost."""

from __future__ import annotations

import json
import os
import shutil
import sqlite3
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from conftest import REPO
from newsweave.config import Settings
from newsweave.errors import StoreError
from newsweave.ingest import read_inputs, urls
from newsweave.models import RawDocument, Rejection
from newsweave.pipeline import Pipeline
from newsweave.store import open_store
from test_warc import html_record, page, write_warc

STORY = (
    "The {0} ferry crossing reopened on Tuesday after repairs to the pier, the harbour office said."
)


def _pipeline(tmp_path: Path) -> Pipeline:
    return Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing"))


def _texts(pipeline: Pipeline) -> dict[str, tuple[str, str | None]]:
    return {article.id: (article.text, article.source) for article, _ in pipeline.store.articles()}


def test_a_file_name_that_is_not_utf8_is_rejected_and_the_others_are_stored(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for name in ("a", "b", "c"):
        (folder / f"{name}.txt").write_text(STORY.format(name))
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as bad:
        bad.write(STORY.format("Porto").encode())
    with open(
        os.fsencode(folder) + b"/fake\nline.txt", "wb"
    ) as forged:  # would forge a summary line
        forged.write(STORY.format("Braga").encode())
    pipeline = _pipeline(tmp_path)
    for run in range(2):  # a re-run must not fail the same way
        summary = pipeline.ingest([str(folder)])
        assert (summary.new, summary.duplicate) == ((3, 0) if run == 0 else (0, 3))
        reasons = {r.origin: r.reason for r in summary.rejected}
        assert reasons == {
            f"{folder}/caf\\xe9.txt": "file name is not valid UTF-8; rename the file to read it",
            f"{folder}/fake\\nline.txt": "file name holds a control character (a line break?); rename the file to read it",
        }
    assert len(list(pipeline.store.articles())) == 3


SECRET = "AWS_SECRET_ACCESS_KEY=do-not-leak-this-key-1234567890"


def test_a_local_feed_cannot_pull_hidden_files_or_files_that_are_not_pages(tmp_path: Path) -> None:
    home = tmp_path / "home"
    (home / ".ssh").mkdir(parents=True)
    (home / ".env").write_text(SECRET + "\n" + SECRET)
    (home / ".ssh" / "id_ed25519").write_text(SECRET + "\n" + SECRET)
    (home / "notes").write_text(SECRET + "\n" + SECRET)
    (home / "story.html").write_text(page("Ferry back", STORY.format("Vigo")).decode())
    items = "".join(
        f"<item><title>T{n}</title><link>{link}</link></item>"
        for n, link in enumerate([".env", ".ssh/id_ed25519", "notes", "story.html"])
    )
    (home / "news.rss").write_text(
        f'<?xml version="1.0"?><rss version="2.0"><channel><title>N</title>{items}</channel></rss>'
    )
    pipeline = _pipeline(tmp_path)
    summary = pipeline.ingest([str(home / "news.rss")])
    assert summary.new == 1
    assert {r.origin: r.reason for r in summary.rejected} == {
        f"{home}/news.rss#entry 1": "entry links to the local file .env, which is hidden; not read",
        f"{home}/news.rss#entry 2": "entry links to the local file .ssh/id_ed25519, which is hidden; not read",
        f"{home}/news.rss#entry 3": "entry links to the local file notes, which is not a page (.html, .txt, .md); not read",
    }
    assert all(SECRET not in text for text, _ in _texts(pipeline).values())


def _reuters(tmp_path: Path) -> tuple[Pipeline, dict[str, tuple[str, str | None]]]:
    record = tmp_path / "wire.jsonl"
    record.write_text(
        json.dumps(
            {
                "url": "https://news.example/tulsa",
                "source": "Reuters",
                "title": "Tulsa flood",
                "text": "Flood waters rose in Tulsa on Monday and 40 homes were evacuated.",
            }
        )
        + "\n"
    )
    pipeline = _pipeline(tmp_path)
    assert pipeline.ingest([str(record)]).new == 1
    return pipeline, _texts(pipeline)


CLAIMING_PAGE = (
    '<html><head><title>Fake</title><link rel="canonical" href="https://news.example/tulsa"></head>'
    "<body><article><p>Nothing happened in Tulsa at all, the whole story was invented here.</p>"
    "</article></body></html>"
)


def test_a_local_page_claiming_a_stored_url_does_not_overwrite_another_sources_article(
    tmp_path: Path,
) -> None:
    pipeline, before = _reuters(tmp_path)
    (tmp_path / "page.html").write_text(CLAIMING_PAGE)
    summary = pipeline.ingest([str(tmp_path / "page.html")])
    assert (summary.new, summary.updated) == (1, 0)
    after = _texts(pipeline)
    assert {k: after[k] for k in before} == before  # the Reuters text and source are kept
    assert (
        sum("news.example/tulsa" in note and "kept apart" in note for note in summary.notes) == 1
    ), summary.notes


def test_a_warc_record_from_another_host_cannot_claim_a_stored_url(tmp_path: Path) -> None:
    pipeline, before = _reuters(tmp_path)
    archive = write_warc(
        tmp_path / "crawl.warc",
        [("response", "text/html", CLAIMING_PAGE.encode(), "https://evil.example/copy", "200 OK")],
    )
    summary = pipeline.ingest([str(archive)])
    assert (summary.new, summary.updated) == (1, 0)
    after = _texts(pipeline)
    assert {k: after[k] for k in before} == before
    urls_stored = {a.url for a, _ in pipeline.store.articles()}
    assert urls_stored == {"https://news.example/tulsa", "https://evil.example/copy"}


def test_the_same_source_still_updates_its_own_article(tmp_path: Path) -> None:
    pipeline, _ = _reuters(tmp_path)
    later = tmp_path / "later.jsonl"
    later.write_text(
        json.dumps(
            {
                "url": "https://news.example/tulsa",
                "source": "Reuters",
                "title": "Tulsa flood",
                "text": "Flood waters rose in Tulsa on Monday and 60 homes were evacuated.",
            }
        )
        + "\n"
    )
    summary = pipeline.ingest([str(later)])
    assert (summary.new, summary.updated) == (0, 1)
    [(text, source)] = _texts(pipeline).values()
    assert "60 homes" in text and source == "Reuters"


def test_a_duplicate_of_an_update_points_at_an_article_that_exists(tmp_path: Path) -> None:
    first = tmp_path / "one.jsonl"
    first.write_text(
        json.dumps(
            {
                "id": "a1",
                "url": "https://news.example/1",
                "text": "First report: the pier at Vigo closed.",
            }
        )
        + "\n"
    )
    pipeline = _pipeline(tmp_path)
    pipeline.ingest([str(first)])
    second = tmp_path / "two.jsonl"
    second.write_text(
        "\n".join(
            json.dumps(r)
            for r in [
                {
                    "id": "a1-v2",
                    "url": "https://news.example/1",
                    "text": "Second report: the pier at Vigo reopened on Friday.",
                },
                {
                    "id": "mirror-1",
                    "url": "https://mirror.example/copy",
                    "text": "Second report: the pier at Vigo reopened on Friday.",
                },
            ]
        )
        + "\n"
    )
    summary = pipeline.ingest_documents(read_inputs([str(second)]), list_articles=True)
    assert (summary.updated, summary.duplicate) == (1, 1)
    # mirror-1 is a duplicate of the updated article: the id it is reported under answers.
    [(updated_id, first_status), (duplicate_of, second_status)] = summary.articles
    assert (first_status, second_status) == ("updated", "duplicate")
    found = pipeline.store.article(duplicate_of)
    assert found is not None and "reopened on Friday" in found[0].text
    assert [a.origin for a in pipeline.store.aliases(duplicate_of)] == [f"{second}#line 2"]
    assert [a.id for a, _ in pipeline.store.articles()] == [updated_id] == [duplicate_of]


def _cut(archive: Path, keep: float) -> bytes:
    data = archive.read_bytes()
    return data[: int(len(data) * keep)]


@pytest.mark.parametrize("name", ["crawl.warc", "crawl.warc.gz"])
def test_a_cut_warc_record_is_rejected_and_read_whole_by_a_later_run(
    tmp_path: Path, name: str
) -> None:
    body = " ".join(
        f"Paragraph {n} of the long report from the harbour at Vigo." for n in range(60)
    )
    whole = write_warc(
        tmp_path / name,
        [
            html_record("https://news.example/a", "Pier reopens", STORY.format("Vigo")),
            html_record("https://news.example/b", "Long report", body),
        ],
    )
    data = whole.read_bytes()
    cut = tmp_path / "cut" / name
    cut.parent.mkdir()
    cut.write_bytes(data[: len(data) - 400])  # inside the second record's page
    pipeline = _pipeline(tmp_path)
    summary = pipeline.ingest([str(cut)])
    assert summary.new == 1
    [rejected] = summary.rejected
    # Named by archive and record, and not stored as the record's own origin: that would mark it done.
    assert rejected.origin == str(cut) and rejected.reason.startswith("record 2 is cut short ("), (
        rejected
    )
    cut.write_bytes(data)  # the whole archive, downloaded again
    again = pipeline.ingest([str(cut)])
    assert (again.new, again.rejected) == (1, [])
    texts = [t for t, _ in _texts(pipeline).values()]
    assert any("Paragraph 59" in t for t in texts)


def test_a_garbage_warc_is_named_as_not_a_warc(tmp_path: Path) -> None:
    garbage = tmp_path / "junk.warc"
    garbage.write_bytes(b"this is not an archive at all\n" * 20)
    [item] = read_inputs([str(garbage)])
    assert (
        isinstance(item, Rejection)
        and "AttributeError" not in item.reason
        and "not a WARC" in item.reason
    ), item


def _feed_with_entities() -> str:
    return (
        '<!DOCTYPE r [<!ENTITY x SYSTEM "file:///etc/passwd">]><rss version="2.0"><channel><title>T</title>'
        "<item><title>t</title><description>&x; the pier reopened on Friday.</description></item></channel></rss>"
    )


def test_a_doctype_with_entities_is_refused_past_64kb_and_in_utf16(tmp_path: Path) -> None:
    late = tmp_path / "late.rss"
    late.write_text('<?xml version="1.0"?><!--' + " " * 70_000 + "-->" + _feed_with_entities())
    wide = tmp_path / "wide.rss"
    wide.write_bytes(
        ('<?xml version="1.0" encoding="utf-16"?>' + _feed_with_entities()).encode("utf-16")
    )
    for path in (late, wide):
        [item] = read_inputs([str(path)])
        assert item == Rejection(
            str(path), "feed declares its own XML entities in its DOCTYPE; refused"
        ), item


def test_a_6to4_address_holding_loopback_is_refused() -> None:
    assert urls.check_address("2002:7f00:1::") == "a loopback address"
    assert (
        urls.check_address("2001:0:4136:e378:8000:63bf:80ff:fffe") is not None
    )  # Teredo to 127.0.0.1
    assert urls.check_address("2002:808:808::") is None  # 6to4 of 8.8.8.8 is public


def test_the_api_path_keeps_the_text_limit_and_cleans_what_xml_cannot_carry(tmp_path: Path) -> None:
    pipeline = Pipeline(Settings(db=str(tmp_path / "s.db"), embedder="hashing", max_chars=1000))
    summary = pipeline.ingest_documents(
        [
            RawDocument("api#record 1", "word " * 1000),
            RawDocument(
                "api#record 2",
                "The pier at Vigo\x0c reopened\uffff on Friday.",
                title="Pier\x17 reopens\uffff",
                source="Harbour\x17 News",
                lang="e\x17n",
                url="https://news.example/\x17pier",
            ),
        ],
        list_articles=True,
    )
    assert [(r.origin, r.reason) for r in summary.rejected] == [
        ("api#record 1", "text is 5,000 characters, over the 1,000 limit for one article")
    ]
    [(article, _)] = pipeline.store.articles()
    assert (article.title, article.source, article.lang, article.url) == (
        "Pier reopens",
        "Harbour News",
        "en",
        "https://news.example/pier",
    )
    assert article.text == "The pier at Vigo reopened on Friday."


def _damage(db: Path) -> None:
    """Overwrite pages in the middle of the file, as a bad disk sector or a stray write would."""
    size = db.stat().st_size
    with db.open("r+b") as handle:
        handle.seek(size // 2)
        handle.write(b"\xa5" * 8192)


def test_a_store_damaged_in_the_middle_is_a_store_error(tmp_path: Path) -> None:
    pipeline = _pipeline(tmp_path)
    for n in range(60):
        (tmp_path / f"{n}.txt").write_text(f"Report {n}\n\n" + STORY.format(f"town {n}") * 20)
    pipeline.ingest([str(tmp_path / f"{n}.txt") for n in range(60)])
    pipeline.store.close()
    db = tmp_path / "s.db"
    with sqlite3.connect(db) as con:
        con.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    _damage(db)
    with pytest.raises(StoreError):
        store = open_store(str(db))
        list(store.articles())
        store.search_text("ferry")


_READ_ONLY_CHILD = """
import sys
from newsweave.errors import StoreError
from newsweave.models import Rejection
from newsweave.store import Batch, open_store
store = open_store(sys.argv[1])
print(len(list(store.articles())), len(store.stories()))
try:
    store.write(Batch(rejected=[Rejection("x.txt", "a test")]))
except StoreError as error:
    print("write refused:", error)
"""


def test_a_store_in_a_read_only_folder_can_be_read(tmp_path: Path) -> None:
    # Its own folder under /tmp, readable by all: as root, the reader runs as nobody, since
    # permissions do not bind root.
    folder = Path(tempfile.mkdtemp(prefix="newsweave-ro-"))
    try:
        folder.chmod(0o755)
        (folder / "a.txt").write_text(STORY.format("Vigo"))
        pipeline = Pipeline(Settings(db=str(folder / "s.db"), embedder="hashing"))
        pipeline.ingest([str(folder / "a.txt")])
        pipeline.store.close()  # the last connection: SQLite removes the -wal and -shm files
        assert sorted(p.name for p in folder.iterdir()) == ["a.txt", "s.db"]
        (folder / "s.db").chmod(0o444)
        folder.chmod(0o555)
        as_nobody = (
            ["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups"]
            if os.geteuid() == 0
            else []
        )
        if as_nobody and not shutil.which("setpriv"):
            pytest.skip("running as root without setpriv: permissions do not bind root")
        env = {**os.environ, "PYTHONPATH": str(REPO / "src")}
        if (
            as_nobody
            and subprocess.run(
                [*as_nobody, sys.executable, "-c", "import newsweave.store"],
                capture_output=True,
                env=env,
                timeout=120,
            ).returncode
            != 0
        ):
            # A checkout in a folder only root may enter (mktemp -d makes one): nobody cannot load newsweave.
            pytest.skip(f"nobody cannot read this checkout ({REPO}), so cannot be the reader")
        done = subprocess.run(
            [*as_nobody, sys.executable, "-c", _READ_ONLY_CHILD, str(folder / "s.db")],
            capture_output=True,
            text=True,
            env=env,
            timeout=120,
        )
        assert done.returncode == 0, done.stderr
        lines = done.stdout.splitlines()
        assert lines[0] == "1 1" and lines[1].startswith("write refused: cannot write to"), lines
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


def test_only_the_site_itself_or_the_same_source_vouches_for_a_url() -> None:
    from newsweave.models import Article
    from newsweave.pipeline import provenance

    def made(origin: str, url: str, source: str | None = None) -> Article:
        return Article(
            id="x",
            origin=origin,
            title="t",
            text="t",
            lang="en",
            content_hash="h",
            url=url,
            source=source,
        )

    site = provenance(made("https://news.example/tulsa", "https://news.example/tulsa", "News"))
    assert (
        provenance(made("crawl.warc.gz#record 7", "https://news.example/tulsa", "Other name"))
        == site
    )
    # Claims: a JSON object fetched from another host, a feed entry, a local file.
    assert (
        provenance(made("https://evil.example/a.json", "https://news.example/tulsa", "News"))
        != site
    )
    assert (
        provenance(made("crawl.warc#record 2#entry 1", "https://news.example/tulsa", "News"))
        != site
    )
    assert provenance(made("page.html", "https://news.example/tulsa", "News")) != site
    assert provenance(made("wire.jsonl#line 3", "u", "Reuters")) == provenance(
        made("later.json", "u", "Reuters")
    )
