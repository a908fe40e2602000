"""Ingest: every format yields documents, every bad input yields a Rejection and the run goes on."""

from __future__ import annotations

import io
import os
from pathlib import Path
from typing import Any, BinaryIO

import pytest

from newsweave.ingest import ReadLimits, read_inputs
from newsweave.ingest.sources import sniff
from newsweave.ingest.text import decode, is_binary
from newsweave.ingest.urls import check_url
from newsweave.models import RawDocument, Rejection

FIXTURES = Path(__file__).parent / "fixtures" / "ingest"


def read(
    *paths: str | Path, stdin: BinaryIO | None = None, **limits: Any
) -> list[RawDocument | Rejection]:
    """All items read_inputs yields for the given paths, within ``limits`` (ReadLimits' fields)."""
    return list(read_inputs([str(p) for p in paths], ReadLimits(**limits), stdin=stdin))


def docs(items: list[RawDocument | Rejection]) -> list[RawDocument]:
    """Only the documents."""
    return [item for item in items if isinstance(item, RawDocument)]


def rejections(items: list[RawDocument | Rejection]) -> list[Rejection]:
    """Only the rejections."""
    return [item for item in items if isinstance(item, Rejection)]


def only_rejection(items: list[RawDocument | Rejection]) -> Rejection:
    """The single item, which must be a Rejection."""
    assert len(items) == 1 and isinstance(items[0], Rejection), items
    return items[0]


# --- formats ---------------------------------------------------------------------------


def test_plain_text_file() -> None:
    [doc] = read(FIXTURES / "story.txt")
    assert isinstance(doc, RawDocument)
    assert doc.title == "Harbour ferry service resumes after storm repairs"
    assert doc.origin == doc.source == str(FIXTURES / "story.txt")
    assert "twelve pylons" in doc.text
    assert doc.notes == ()


def test_markdown_heading_is_the_title() -> None:
    [doc] = read(FIXTURES / "notes.md")
    assert isinstance(doc, RawDocument)
    assert doc.title == "Library reopens with longer hours"


def test_text_whose_first_line_is_a_sentence_has_no_title(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("The council met on Monday.\nIt approved the budget.\n", encoding="utf-8")
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.title is None


def test_html_page() -> None:
    [doc] = read(FIXTURES / "page.html")
    assert isinstance(doc, RawDocument), doc
    assert doc.title == "Orchard growers report record apple harvest"
    assert doc.source == "Valley Courier"
    assert doc.url == "https://courier.example.org/2024/09/record-apple-harvest"
    assert doc.published == "2024-09-18"
    assert doc.lang == "en"
    assert "steady rain in July" in doc.text
    assert "Copyright" not in doc.text and "Home" not in doc.text


def test_rss_feed_entries() -> None:
    items = read(FIXTURES / "feed.rss")
    origin = str(FIXTURES / "feed.rss")
    assert [item.origin for item in items] == [f"{origin}#entry {n}" for n in (1, 2, 3)]
    first, second, third = items
    assert isinstance(first, RawDocument)
    assert first.source == "Coastal Gazette"
    assert first.title == "Lighthouse keeper retires after forty years"
    assert first.url == "https://gazette.example.net/lighthouse-keeper"
    assert first.published == "Mon, 04 Mar 2024 09:00:00 GMT"
    assert first.external_id == "gazette-101"
    assert "handed over the keys" in first.text and "<p>" not in first.text
    # The second entry links a local page: its full text is read instead of the teaser.
    assert isinstance(second, RawDocument)
    assert "eleven weeks" in second.text and "teaser" not in second.text
    assert second.title == "Harbour dredging to start in spring"
    assert second.source == "Coastal Gazette"
    assert third == Rejection(f"{origin}#entry 3", "entry has no text")


def test_atom_feed() -> None:
    [doc] = read(FIXTURES / "feed.atom")
    assert isinstance(doc, RawDocument)
    assert doc.origin == f"{FIXTURES / 'feed.atom'}#entry 1"
    assert doc.source == "Mountain Post"
    assert doc.url == "https://post.example.com/ski-lifts"
    assert doc.published == "2024-01-12T08:00:00Z"
    assert doc.text.startswith("Three resorts shut their upper lifts")


def test_jsonl_broken_line_and_missing_text_do_not_stop_the_others() -> None:
    path = FIXTURES / "records.jsonl"
    items = read(path)
    good = docs(items)
    assert [d.external_id for d in good] == ["r1", "r2", "r5"]
    assert [d.origin for d in good] == [f"{path}#line {n}" for n in (1, 2, 6)]
    first = good[0]
    assert (first.title, first.published, first.url, first.lang, first.source) == (
        "Bridge closed for inspection",
        "2024-02-01",
        "https://example.com/bridge",
        "en",
        "River Times",
    )
    bad = {r.origin: r.reason for r in rejections(items)}
    assert set(bad) == {f"{path}#line 3", f"{path}#line 4"}
    assert bad[f"{path}#line 3"].startswith("invalid JSON")
    assert bad[f"{path}#line 4"] == "record has no text"


def test_json_list_of_records() -> None:
    path = FIXTURES / "records.json"
    items = read(path)
    assert [d.origin for d in docs(items)] == [f"{path}#record 1", f"{path}#record 2"]
    assert [d.external_id for d in docs(items)] == ["j1", "j2"]
    assert docs(items)[1].lang == "en"


def test_json_single_object_and_wrong_shapes(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text('{"text": "A single article in one object.", "id": 7}', encoding="utf-8")
    [doc] = read(one)
    assert isinstance(doc, RawDocument) and doc.origin == str(one) and doc.external_id == "7"
    shapes = tmp_path / "shapes.json"
    shapes.write_text('[1, {"text": 5}, {"text": "   "}]', encoding="utf-8")
    assert [r.reason for r in rejections(read(shapes))] == [
        "record is a JSON number, not an object",
        "record text is a JSON number, not a string",
        "record has no text",
    ]


def test_record_without_text(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"id": "a", "title": "Headline only"}\n', encoding="utf-8")
    assert only_rejection(read(path)) == Rejection(f"{path}#line 1", "record has no text")


def test_deeply_nested_json_is_rejected_not_crashed(tmp_path: Path) -> None:
    path = tmp_path / "deep.json"
    path.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    assert "nested too deeply" in only_rejection(read(path)).reason
    lines = tmp_path / "deep.jsonl"
    lines.write_text("[" * 100_000 + "\n" + '{"text": "still read"}\n', encoding="utf-8")
    items = read(lines)
    assert len(rejections(items)) == 1 and docs(items)[0].text == "still read"


@pytest.mark.parametrize(
    ("payload", "kind", "check"),
    [
        (b"Plain words on stdin, nothing more than that.\n", "text", "Plain words"),
        ((FIXTURES / "page.html").read_bytes(), "html", "record apple harvest"),
        ((FIXTURES / "feed.rss").read_bytes(), "feed", "handed over the keys"),
        ((FIXTURES / "feed.atom").read_bytes(), "feed", "upper lifts"),
        ((FIXTURES / "records.json").read_bytes(), "json", "glass roof"),
        ((FIXTURES / "records.jsonl").read_bytes(), "json", "river bridge"),
    ],
)
def test_stdin_is_sniffed(payload: bytes, kind: str, check: str) -> None:
    assert sniff(payload) == kind
    items = read("-", stdin=io.BytesIO(payload))
    assert any(check in d.text for d in docs(items))
    assert all(item.origin.startswith("<stdin>") for item in items)


def test_unknown_extension_is_sniffed(tmp_path: Path) -> None:
    path = tmp_path / "download.bin2"
    path.write_bytes((FIXTURES / "feed.atom").read_bytes())
    [doc] = read(path)
    assert isinstance(doc, RawDocument) and doc.source == "Mountain Post"


# --- folders ----------------------------------------------------------------------------


def test_folder_recursion_is_sorted_and_skips_hidden(tmp_path: Path) -> None:
    for name in ["b.txt", "a/z.txt", "a/b/c.md", "c.txt", ".hidden.txt", ".git/x.txt", "pic.png"]:
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(f"Some text in {name} for the test.\n", encoding="utf-8")
    origins = [Path(item.origin).relative_to(tmp_path).as_posix() for item in read(tmp_path)]
    assert origins == ["a/b/c.md", "a/z.txt", "b.txt", "c.txt"]


def test_symlinked_folder_loop_ends(tmp_path: Path) -> None:
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_text("Text inside the loop folder.\n", encoding="utf-8")
    os.symlink(tmp_path, tmp_path / "sub" / "loop")
    items = read(tmp_path)
    assert [Path(i.origin).name for i in items] == ["a.txt"]


def test_nonexistent_path_and_run_goes_on() -> None:
    items = read("/no/such/folder/anywhere", FIXTURES / "story.txt")
    assert items[0] == Rejection("/no/such/folder/anywhere", "no such file or directory")
    assert isinstance(items[1], RawDocument)


# --- bad inputs -------------------------------------------------------------------------


def test_empty_file(tmp_path: Path) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(b"")
    assert only_rejection(read(path)).reason == "empty file"


def test_binary_file(tmp_path: Path) -> None:
    path = tmp_path / "photo.txt"
    path.write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4)
    assert only_rejection(read(path)).reason == "binary file, not text"
    assert is_binary(b"\x01\x02\x03\x04 some" * 10)
    assert not is_binary("ação e coração".encode("utf-16"))


def test_file_over_limit_is_not_read(tmp_path: Path) -> None:
    path = tmp_path / "big.txt"
    path.write_text("word " * 100, encoding="utf-8")
    assert only_rejection(read(path, max_bytes=100)).reason == (
        "file is 500 bytes, over the 100 bytes limit"
    )


def test_fifty_megabyte_sparse_file(tmp_path: Path) -> None:
    path = tmp_path / "huge.jsonl"
    path.touch()
    os.truncate(path, 50_000_000)
    assert only_rejection(read(path)).reason == "file is 50.0 MB, over the 20.0 MB limit"


def test_stdin_over_limit() -> None:
    rejection = only_rejection(read("-", stdin=io.BytesIO(b"x" * 50), max_bytes=10))
    assert rejection.origin == "<stdin>" and "over the 10 bytes limit" in rejection.reason


def test_portuguese_in_cp1252(tmp_path: Path) -> None:
    text = "Coreia do Norte envia soldados.\nA cooperação entre as nações aumentou.\n"
    path = tmp_path / "pt.txt"
    path.write_bytes(text.encode("cp1252"))
    [doc] = read(path)
    assert isinstance(doc, RawDocument)
    assert doc.text == text
    assert "ção" in doc.text and "Coreia" in doc.text and "soldados" in doc.text
    assert doc.notes == ("decoded as cp1252",)


def test_decoding_fallbacks() -> None:
    assert decode("ação".encode("utf-8-sig")) == ("ação", ())
    assert decode(b"caf\xe9 \x81") == ("café \x81", ("decoded as latin-1",))


def test_feed_that_is_not_xml() -> None:
    rejection = only_rejection(read(FIXTURES / "not_a_feed.xml"))
    assert rejection.reason.startswith("not a feed")


def test_xml_that_is_not_a_feed(tmp_path: Path) -> None:
    path = tmp_path / "data.xml"
    path.write_text('<?xml version="1.0"?><catalog><book>Title</book></catalog>', encoding="utf-8")
    assert only_rejection(read(path)).reason.startswith("not a feed")


def test_unreadable_file(tmp_path: Path) -> None:
    if os.geteuid() == 0:
        pytest.skip("root reads files whatever their mode")
    path = tmp_path / "secret.txt"
    path.write_text("Some text that cannot be read.\n", encoding="utf-8")
    path.chmod(0)
    assert only_rejection(read(path)).reason == "cannot read: permission denied"


def test_not_a_regular_file() -> None:
    if not Path("/dev/null").exists():
        pytest.skip("no /dev/null here")
    assert only_rejection(read("/dev/null")).reason == "not a regular file"


# --- URLs (no network: only the refusals) -----------------------------------------------


@pytest.mark.parametrize("url", ["ftp://example.com/feed.xml", "file:///etc/passwd"])
def test_non_http_urls_are_refused(url: str) -> None:
    assert "unsupported URL scheme" in only_rejection(read(url)).reason


def test_url_check_hook() -> None:
    assert check_url("https://example.com/news") is None
    assert check_url("http:///nohost") == "URL has no host"


def test_url_is_fetched_and_read() -> None:
    """A page served on the loopback interface (the address guard relaxed for 127.0.0.1 only)."""
    import http.server
    import threading

    page = (FIXTURES / "page.html").read_bytes()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            if self.path == "/moved":
                self.send_response(302)
                self.send_header("Location", "/page")
                self.end_headers()
                return
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(page)))
            self.end_headers()
            self.wfile.write(page)

        def log_message(self, *args: object) -> None:
            pass

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        base = f"http://127.0.0.1:{server.server_port}"
        [doc] = read(f"{base}/moved", allowed_addresses=("127.0.0.1",))
        too_big = only_rejection(
            read(f"{base}/page", max_bytes=100, allowed_addresses=("127.0.0.1",))
        )
    finally:
        server.shutdown()
        server.server_close()
    assert isinstance(doc, RawDocument) and doc.origin == f"{base}/moved"
    assert "steady rain in July" in doc.text and doc.source == "Valley Courier"
    assert too_big.reason.startswith("page is ") and "over the 100 bytes limit" in too_big.reason


def test_feed_links_outside_its_folder_are_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret"
    secret.write_text("private key material that must stay out of the store\n", encoding="utf-8")
    feed_dir = tmp_path / "feeds"
    feed_dir.mkdir()
    feed = feed_dir / "f.rss"
    feed.write_text(
        '<?xml version="1.0"?><rss version="2.0"><channel><title>T</title>'
        f"<item><title>A</title><link>file://{secret}</link><description>Teaser text.</description></item>"
        "<item><title>B</title><link>../secret</link><description>Other teaser.</description></item>"
        "</channel></rss>",
        encoding="utf-8",
    )
    assert [d.text for d in docs(read(feed))] == ["Teaser text.", "Other teaser."]
