"""WARC archives: pages from response records, per-record limits and errors, and a resumable backfill.

Every archive is written here with warcio; none is downloaded.
"""

from __future__ import annotations

import random
from io import BytesIO
from pathlib import Path

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

from newsweave.ingest import ReadLimits, input_units, read_inputs
from newsweave.models import RawDocument, Rejection
from newsweave.store import Alias, Batch
from reliability_helpers import (
    article_count,
    exported_ids,
    ingest_timing_commits,
    kill_ingest_once_stored,
    partition,
    run_cli,
    stored,
)
from test_store import _article, location, store  # noqa: F401 - the Store contract's fixtures, both backends

PLACES = [
    "Lisbon",
    "Osaka",
    "Denver",
    "Nairobi",
    "Krakow",
    "Lima",
    "Perth",
    "Oslo",
    "Quito",
    "Accra",
]
EVENTS = [
    (
        "flood",
        "Heavy rain flooded the streets of {p}, and {n} people were killed as the river rose",
    ),
    (
        "fire",
        "A fire tore through a warehouse district in {p}; firefighters said {n} people were injured",
    ),
    ("strike", "Transit workers in {p} walked out for the {n}th day, halting buses and trains"),
    ("quake", "An earthquake shook {p} before dawn, collapsing {n} buildings near the old market"),
]


def page(title: str, body: str, published: str | None = None) -> bytes:
    meta = f'<meta property="article:published_time" content="{published}">' if published else ""
    return (
        f"<html lang='en'><head><title>{title}</title>{meta}</head><body><article><h1>{title}</h1>"
        f"<p>{body}</p></article></body></html>"
    ).encode()


def write_warc(path: Path, records: list[tuple[str, str, bytes, str, str]]) -> Path:
    """(record type, content type, payload, target URI, status) records, gzipped per record for .warc.gz."""
    with path.open("wb") as out:
        writer = WARCWriter(out, gzip=path.name.endswith(".gz"))
        for number, (rec_type, content_type, payload, uri, status) in enumerate(records):
            http = StatusAndHeaders(status, [("Content-Type", content_type)], protocol="HTTP/1.1")
            writer.write_record(
                writer.create_warc_record(
                    uri,
                    rec_type,
                    payload=BytesIO(payload),
                    http_headers=http if rec_type == "response" else None,
                    warc_headers_dict={"WARC-Date": f"2025-02-{number % 28 + 1:02d}T08:00:00Z"},
                )
            )
    return path


def html_record(
    uri: str, title: str, body: str, published: str | None = None, status: str = "200 OK"
):
    return ("response", "text/html; charset=utf-8", page(title, body, published), uri, status)


def text(n: int) -> str:
    return " ".join(
        f"Sentence {i} of the report on the river town, with its own details." for i in range(n)
    )


def test_pages_in_a_gzipped_warc_become_articles_and_other_records_are_passed_over(
    tmp_path: Path,
) -> None:
    archive = write_warc(
        tmp_path / "crawl.warc.gz",
        [
            (
                "request",
                "text/html",
                b"GET /a HTTP/1.1\r\n\r\n",
                "https://news.example/a",
                "200 OK",
            ),
            html_record(
                "https://news.example/a", "Dam breaks upstream", text(6), published="2024-06-03"
            ),
            (
                "response",
                "image/png",
                b"\x89PNG\r\n\x1a\n0000",
                "https://news.example/logo.png",
                "200 OK",
            ),
            html_record(
                "https://news.example/old", "Moved", text(3), status="301 Moved Permanently"
            ),
            html_record("https://news.example/b", "Town cleans up", text(5)),  # states no date
        ],
    )
    found = list(read_inputs([str(archive)], ReadLimits(max_bytes=100_000)))
    assert all(isinstance(doc, RawDocument) for doc in found), found
    assert [(d.origin, d.url, d.title) for d in found] == [
        (f"{archive}#record 2", "https://news.example/a", "Dam breaks upstream"),
        (f"{archive}#record 5", "https://news.example/b", "Town cleans up"),
    ]
    # The page's own date wins; the capture date stands in only for a page that states none.
    assert [d.published for d in found] == ["2024-06-03", "2025-02-05"]
    assert found[0].source == "news.example"


def test_size_limit_applies_to_each_record_not_to_the_archive(tmp_path: Path) -> None:
    records = [
        html_record(f"https://news.example/{i}", f"Report {i}", text(8) + f" Item {i}.")
        for i in range(20)
    ]
    records.insert(3, html_record("https://news.example/huge", "Huge", text(400)))
    archive = write_warc(tmp_path / "big.warc", records)
    limit = 5_000
    assert archive.stat().st_size > limit * 4  # the archive alone would be refused as a file
    found = list(read_inputs([str(archive)], ReadLimits(max_bytes=limit)))
    rejected = [item for item in found if isinstance(item, Rejection)]
    assert [(r.origin, "over the 5.0 kB limit" in r.reason) for r in rejected] == [
        (f"{archive}#record 4", True)
    ]
    assert sum(isinstance(item, RawDocument) for item in found) == 20


def test_a_broken_record_is_rejected_by_number_and_the_run_goes_on(tmp_path: Path) -> None:
    archive = write_warc(
        tmp_path / "cut.warc",
        [
            html_record("https://news.example/1", "First", text(5)),
            html_record("https://news.example/2", "Second", text(5) + " More."),
        ],
    )
    with archive.open("ab") as out:
        out.write(b"this is not a WARC record\r\n\r\n")
    after = tmp_path / "after.txt"
    after.write_text(
        "Rescuers reached the village after the storm.\n\n" + text(3), encoding="utf-8"
    )
    found = list(read_inputs([str(archive), str(after)]))
    assert [getattr(d, "url", None) for d in found if isinstance(d, RawDocument)][:2] == [
        "https://news.example/1",
        "https://news.example/2",
    ]
    rejected = [item for item in found if isinstance(item, Rejection)]
    assert len(rejected) == 1 and rejected[0].origin == f"{archive}#record 3", rejected
    assert "broken WARC record" in rejected[0].reason
    assert isinstance(found[-1], RawDocument) and found[-1].origin == str(
        after
    )  # the next input is still read


def test_a_folder_walk_picks_up_warc_archives(tmp_path: Path) -> None:
    write_warc(tmp_path / "b.warc.gz", [html_record("https://news.example/x", "X", text(4))])
    write_warc(tmp_path / "a.warc", [html_record("https://news.example/y", "Y", text(4) + " Y.")])
    (tmp_path / "notes.tar.gz").write_bytes(b"\x1f\x8b\x08\x00")  # not an archive we read
    assert list(input_units([str(tmp_path)])) == [
        str(tmp_path / "a.warc"),
        str(tmp_path / "b.warc.gz"),
    ]
    assert [d.url for d in read_inputs([str(tmp_path)])] == [
        "https://news.example/y",
        "https://news.example/x",
    ]


def test_stored_origins_are_the_records_an_archive_already_gave(store) -> None:  # type: ignore[no-untyped-def]  # noqa: F811 - the imported fixture
    article, decision = _article(1)
    article.origin = "a.warc.gz#record 2"
    store.write(
        Batch(
            new=[(article, decision)],
            aliases=[
                Alias("a1", None, "a.warc.gz#record 9", None),
                Alias("a1", None, "b.warc.gz#record 2", None),
            ],
            rejected=[
                Rejection("a.warc.gz#record 10", "no article text found"),
                Rejection("a%warc", "x"),
            ],
        )
    )
    assert store.stored_origins("a.warc.gz#record ") == {
        "a.warc.gz#record 2",
        "a.warc.gz#record 9",
        "a.warc.gz#record 10",
    }
    assert store.stored_origins("c.warc#record ") == set()


def backfill_archive(path: Path, count: int) -> Path:
    """``count`` news pages about a few dozen events, some re-crawled, in a gzipped WARC."""
    rng = random.Random(7)
    records = []
    for number in range(count):
        event = rng.randrange(len(EVENTS) * len(PLACES))
        kind, template = EVENTS[event % len(EVENTS)]
        place = PLACES[event // len(EVENTS)]
        n = 3 + event  # one count an event, and one day: events months apart are different stories
        body = " ".join(
            [
                template.format(p=place, n=n) + ".",
                f"Officials in {place} said the {kind} was the worst in years.",
                f"Reporter {number} spoke to residents who described the scene in detail.",
            ]
            * 3
        )
        uri = f"https://news{number % 7}.example/{kind}/{place.lower()}/{number}"
        records.append(
            html_record(
                uri,
                f"{kind.title()} in {place}: {n}",
                body,
                published=f"20{20 + event // 12}-{event % 12 + 1:02d}-15",
            )
        )
        if number % 50 == 0:  # a re-crawl of the same page: stored once, as an alias
            records.append((*records[-1][:3], uri + "?utm=1", *records[-1][4:]))
    return write_warc(path, records)


def test_a_killed_warc_backfill_resumes_without_redoing_stored_records(tmp_path: Path) -> None:
    archive = backfill_archive(tmp_path / "backfill.warc.gz", 800)
    reference = tmp_path / "reference.db"
    batch_seconds = ingest_timing_commits(reference, archive)
    expected = stored(reference)
    assert (
        len(expected) > 300 and len(set(expected.values())) > 20
    )  # enough stories for "the same stories" to mean something

    killed = tmp_path / "killed.db"
    rng = random.Random(3)
    for _ in range(3):
        delay = rng.uniform(0.0, 0.5 * batch_seconds)  # within the next half batch, on any machine
        kill_ingest_once_stored(killed, archive, article_count(killed) + 1, delay)
    before = article_count(killed)
    assert 0 < before < len(expected), "the kills missed the run: nothing was tested"

    done = run_cli(killed, "ingest", "-q", str(archive))
    assert done.returncode == 0, done.stderr
    first_line = done.stdout.splitlines()[0]
    assert first_line.startswith(f"new {len(expected) - before}, duplicate "), (
        done.stdout
    )  # only what was missing
    assert "WARC records stored by an earlier run were skipped" in done.stdout
    resumed = stored(killed)
    assert sorted(resumed) == sorted(expected)  # every article, once
    assert partition(resumed) == partition(expected)  # the same stories
    assert exported_ids(killed) == exported_ids(
        reference
    )  # re-crawls kept as aliases, neither lost nor doubled

    again = run_cli(killed, "ingest", "-q", str(archive))
    assert again.stdout.startswith("new 0, duplicate 0, updated 0, rejected 0"), (
        again.stdout
    )  # nothing re-read
