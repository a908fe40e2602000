"""Every stored text field through every page, feed and API route: no 5xx, every feed well-formed."""

from __future__ import annotations

from typing import Any

from hypothesis import strategies as st

from newsweave.models import Quantity, RawDocument, Rejection
from newsweave.prepare import prepare

from .inputs import HOSTILE_TEXTS, any_text

# Every stored text field through every page, feed and API route: a value is written straight to
# a store (as a store filled before the door cleaned inputs may hold it), or passed through the
# door and prepare as an input would be; then no route may answer 5xx, and every feed must parse.
_STORED_FIELDS = [
    "title",
    "text",
    "source",
    "lang",
    "url",
    "origin",
    "external_id",
    "caption",
    "entity",
    "quantity",
]
# Besides the hostile texts: a vertical tab, quotes without a space, template and line-break marks.
_NASTY = [*HOSTILE_TEXTS, "\x0b", "'\"", "{{", "{%", "\r\n"]
stored_value = st.one_of(
    any_text, st.lists(st.sampled_from(_NASTY), min_size=1, max_size=6).map("".join)
)
stored_field = st.tuples(st.sampled_from(_STORED_FIELDS), stored_value, st.booleans())
_web: dict[str, Any] = {}


def _web_client() -> Any:
    """One app over one SQLite store for the whole run: each input adds an article to it."""
    if not _web:
        import tempfile

        from fastapi.testclient import TestClient

        from newsweave.config import Settings
        from newsweave.embed import open_embedder
        from newsweave.web import create_app

        folder = tempfile.mkdtemp(prefix="newsweave-fuzz-")
        app = create_app(
            Settings(db=f"{folder}/s.db", embedder="hashing"), embedder=open_embedder("hashing")
        )
        _web["client"] = TestClient(app, raise_server_exceptions=False).__enter__()
        _web["count"] = 0
    return _web["client"]


def _stored_article(field: str, value: str, through_door: bool, n: int) -> Any:
    import dataclasses

    from newsweave.ingest.door import admit
    from newsweave.models import Article, Entity

    base = {
        "title": "Pier reopens",
        "text": "The pier at Vigo reopened on Friday after repairs.",
        "source": "Harbour",
        "lang": "en",
        "url": f"https://news.example/{n}",
        "origin": f"fuzz{n}.txt",
        "external_id": f"x{n}",
    }
    if through_door:
        raw = RawDocument(
            base["origin"],
            base["text"],
            title=base["title"],
            url=base["url"],
            source=base["source"],
            external_id=base["external_id"],
            lang=base["lang"],
        )
        if field in ("title", "text", "source", "lang", "url", "origin", "external_id"):
            raw = dataclasses.replace(raw, **{field: getattr(raw, field) + value})
        else:
            raw = dataclasses.replace(
                raw, text=raw.text + " " + value
            )  # derived fields come from the text
        item = admit(raw, 200_000)
        if isinstance(item, Rejection):
            return None
        article = prepare(item)
        article.id, article.content_hash = f"f{n}", f"fuzz{n}"
    else:
        if any(0xD800 <= ord(c) <= 0xDFFF for c in value) or "\x00" in value:
            return None  # neither store can hold these: the writes refuse them, tested elsewhere
        fields = {name: base[name] + value if name == field else base[name] for name in base}
        article = Article(id=f"f{n}", content_hash=f"fuzz{n}", **fields)
        article.captions = (value,) if field == "caption" else ()
        article.entities = [Entity(f"place:{value}", "place", value)] if field == "entity" else []
        article.quantities = (
            [Quantity(3.0, value or "x", value or None, value)] if field == "quantity" else []
        )
    article.embedding = [0.0] * 256
    return article


def check_stored_field(args: tuple[str, str, bool]) -> None:
    from lxml import etree

    from newsweave.models import Decision
    from newsweave.store import Batch, open_store

    field, value, through_door = args
    client = _web_client()
    _web["count"] += 1
    n = _web["count"]
    article = _stored_article(field, value, through_door, n)
    if article is None:
        return
    store = open_store(client.app.state.settings.db)
    store.write(Batch(new=[(article, Decision(article.id, f"s{n}", True, 1.0, {}, 0))]))
    store.close()
    story = f"s{n}"
    routes = [
        ("/", {}),
        ("/", {"q": value}),
        (f"/stories/{story}", {}),
        (f"/articles/{article.id}", {}),
        ("/feeds/stories.atom", {}),
        (f"/feeds/stories/{story}.atom", {}),
        ("/feeds/search.atom", {"q": value, "mode": "text"}),
        ("/api/stories", {}),
        (f"/api/stories/{story}", {}),
        (f"/api/articles/{article.id}", {}),
        ("/api/search", {"q": value, "mode": "text"}),
    ]
    for route, params in routes:
        params = {k: v for k, v in params.items() if v.strip() and "\x00" not in v}
        response = client.get(route, params=params)
        assert response.status_code < 500, (
            route,
            params,
            response.status_code,
            response.text[:200],
        )
        if route.startswith("/feeds") and response.status_code == 200:
            etree.fromstring(response.content)
