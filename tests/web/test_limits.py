"""What the API refuses before any work: bodies over the size cap, NUL characters, writes without the right token."""

from __future__ import annotations

import base64
import json
from collections.abc import Iterator
from dataclasses import replace

import anyio.to_thread
import httpx2
import pytest
from fastapi.testclient import TestClient

from newsweave.config import Settings
from newsweave.web import create_app

from .conftest import TOKEN, LiveServer

AUTH = {"Authorization": f"Bearer {TOKEN}"}
SMALL = 4_000  # a cap small enough that a test body passes it with a few articles


def _app(db_path: str, limit: int | None = None, **options: object):  # type: ignore[no-untyped-def]
    settings = Settings(db=db_path, embedder="hashing")
    if limit is not None:
        settings = Settings(db=db_path, embedder="hashing", max_request_bytes=limit)
    return create_app(settings, token=TOKEN, **options)  # type: ignore[arg-type]


def _articles(n: int, size: int) -> bytes:
    return json.dumps(
        [{"text": f"Article {i}: " + "word " * (size // 5), "id": f"a{i}"} for i in range(n)]
    ).encode()


def _chunks(body: bytes, size: int = 1_000) -> Iterator[bytes]:
    for start in range(0, len(body), size):
        yield body[start : start + size]


def _stored(client: TestClient) -> int:
    return len(client.get("/api/stories").json()["items"])


def test_a_body_over_the_default_cap_is_refused_with_413_before_it_is_read(db_path: str) -> None:
    body = _articles(300, 20_000)  # 300 articles of 20 kB: about 6 MB, over the 5 MB default
    assert len(body) > Settings().max_request_bytes
    with TestClient(_app(db_path)) as client:
        response = client.post(
            "/api/articles",
            content=body,
            headers=dict(AUTH, **{"Content-Type": "application/json"}),
        )
        assert response.status_code == 413
        assert "5,000,000 bytes" in response.json()["detail"]
        assert response.headers[
            "Content-Security-Policy"
        ]  # the refusal is a normal response of the app
        assert _stored(client) == 0


def test_a_chunked_body_without_content_length_is_capped_while_read(db_path: str) -> None:
    body = _articles(3, 2_000)
    assert len(body) > SMALL
    with TestClient(_app(db_path, SMALL)) as client:
        response = client.post(
            "/api/articles",
            content=_chunks(body),
            headers=dict(AUTH, **{"Content-Type": "application/json"}),
        )
        assert "content-length" not in response.request.headers
        assert response.status_code == 413, response.text
        assert f"{SMALL:,} bytes" in response.json()["detail"]
        assert _stored(client) == 0


def test_a_body_under_the_cap_is_ingested_whether_chunked_or_not(db_path: str) -> None:
    body = _articles(2, 1_000)
    assert len(body) < SMALL
    headers = dict(AUTH, **{"Content-Type": "application/json"})
    with TestClient(_app(db_path, SMALL)) as client:
        assert client.post("/api/articles", content=body, headers=headers).json()["new"] == 2
        again = client.post("/api/articles", content=_chunks(body, 100), headers=headers)
        assert again.status_code == 200 and again.json()["duplicate"] == 2


def test_a_real_server_caps_a_chunked_upload_and_keeps_serving(db_path: str) -> None:
    with (
        LiveServer(_app(db_path, SMALL)) as server,
        httpx2.Client(base_url=server.url, timeout=10) as client,
    ):
        response = client.post(
            "/api/articles",
            content=_chunks(_articles(20, 2_000)),
            headers=dict(AUTH, **{"Content-Type": "application/json"}),
        )
        assert response.status_code == 413 and "bytes" in response.json()["detail"]
        assert client.get("/api/stories").json()["items"] == []


def test_the_cap_applies_before_the_token_is_even_checked(db_path: str) -> None:
    with TestClient(_app(db_path, SMALL)) as client:
        response = client.post("/api/articles", content=b"x" * (SMALL + 1))
        assert response.status_code == 413


@pytest.mark.parametrize(
    "authorization",
    [
        None,
        f"Bearer {'x' * len(TOKEN)}",  # same length as the token: refused on content, not length
        f"Bearer {TOKEN[:-1]}{chr(ord(TOKEN[-1]) + 1)}",  # differs only in the last character
        f"Bearer {TOKEN.upper()}",
        f"Token {TOKEN}",  # the right secret under an unknown scheme
        "Basic " + base64.b64encode(f"analyst:{'y' * len(TOKEN)}".encode()).decode(),
        "Basic " + base64.b64encode(TOKEN.encode()).decode(),  # the token as user name, no password
        "Basic not-base64!",
    ],
)
def test_a_write_with_a_missing_or_wrong_token_is_refused(
    db_path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    with TestClient(_app(db_path)) as client:
        response = client.post("/api/articles", json={"text": "Flood in Coimbra."}, headers=headers)
        assert response.status_code == 401, response.text
        assert "token" in response.json()["detail"]
        assert _stored(client) == 0


@pytest.mark.parametrize("authorization", [None, f"Bearer {'x' * len(TOKEN)}"])
def test_closed_reads_refuse_a_missing_or_same_length_wrong_token(
    db_path: str, authorization: str | None
) -> None:
    headers = {"Authorization": authorization} if authorization else {}
    with TestClient(_app(db_path, open_reads=False)) as client:
        assert client.get("/api/stories", headers=headers).status_code == 401
        assert client.get("/api/stories", headers=AUTH).status_code == 200


@pytest.mark.parametrize(
    "url",
    [
        "/api/articles/a%00b",
        "/api/stories/a%00b",
        "/api/search?q=a%00b&mode=text",
        "/api/stories?entity=a%00b",
        "/api/stories?q=flood%00&mode=text",
        "/stories/a%00b",
        "/feeds/search.atom?entity=%00",
    ],
)
def test_a_nul_in_the_url_is_a_400_on_either_store_not_a_store_failure(
    client: TestClient, url: str
) -> None:
    response = client.get(url)
    assert response.status_code == 400, (
        response.text
    )  # PostgreSQL cannot hold NUL: it answered 503 before
    assert "NUL character" in response.text


@pytest.mark.parametrize("field", ["id", "url"])
def test_a_posted_id_or_url_with_a_nul_is_refused_naming_the_field(
    fresh_client: TestClient, field: str
) -> None:
    article = {"text": "Flood in Coimbra: the river rose two metres.", field: "flood\x00-1"}
    response = fresh_client.post("/api/articles", json=article, headers=AUTH)
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "ArticleIn", field]
    assert _stored(fresh_client) == 0


@pytest.mark.parametrize("field", ["text", "title", "id", "published", "url", "lang", "source"])
def test_a_lone_surrogate_in_a_posted_field_is_a_422_naming_it(
    fresh_client: TestClient, field: str
) -> None:
    # JSON may escape a lone surrogate; it used to crash the error reply or the store write with 500
    body = {"text": "Flood in Coimbra: the river rose two metres.", field: "x\udc80y"}
    response = fresh_client.post(
        "/api/articles",
        content=json.dumps(body).encode(),
        headers=dict(AUTH, **{"Content-Type": "application/json"}),
    )
    assert response.status_code == 422, response.text
    assert response.json()["detail"][0]["loc"] == ["body", "ArticleIn", field]
    assert _stored(fresh_client) == 0


def test_the_server_runs_only_web_threads_requests_at_once(db_path: str, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Forty handlers at once slice one GIL between them and every answer waits for the slowest
    # (p99 ~470 ms under 20 clients against ~260 with four): the pool is what the setting says.
    monkeypatch.setenv("NEWSWEAVE_WEB_THREADS", "3")
    settings = replace(Settings.from_env(), db=db_path, embedder="hashing")
    with TestClient(create_app(settings)) as client:
        assert client.get("/api/stories").status_code == 200
        limiter = anyio.to_thread.current_default_thread_limiter
        assert client.portal.call(lambda: limiter().total_tokens) == 3  # type: ignore[union-attr]
