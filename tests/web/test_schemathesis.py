"""Schemathesis against the OpenAPI document: generated requests, valid and not, never get a 5xx.

It runs in-process against the ASGI app over a store holding the fixture articles, on SQLite and on
PostgreSQL (which refuses NUL characters SQLite takes), with the write token set, so POST
/api/articles reaches the pipeline. The examples per operation are bounded to keep `make test` fast;
RELIABILITY.md records a run with NEWSWEAVE_API_EXAMPLES=500.
"""

from __future__ import annotations

import os
from collections.abc import Iterator

import pytest
import schemathesis
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error

from newsweave.web import create_app

from .conftest import FIXTURES, TOKEN, fill

EXAMPLES = int(os.environ.get("NEWSWEAVE_API_EXAMPLES", "20"))  # per operation


@pytest.fixture(scope="module")
def api_schema(web_db: str) -> Iterator[object]:
    """The app's own OpenAPI document, loaded from the app over a store of the fixtures (SQLite, PostgreSQL)."""
    app = create_app(fill(web_db, FIXTURES / "articles.jsonl"), token=TOKEN)
    yield schemathesis.openapi.from_asgi("/api/openapi.json", app)
    app.state.writer.close()


schema = schemathesis.pytest.from_fixture("api_schema")


@schema.parametrize()
@settings(
    max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck), derandomize=True
)
def test_no_request_gets_a_server_error(case: schemathesis.Case) -> None:
    case.call_and_validate(
        headers={"Authorization": f"Bearer {TOKEN}"}, checks=[not_a_server_error]
    )
