"""The web app's writer: POSTs queued together are ingested in one batch, each answered alone."""

from __future__ import annotations

import gc
from concurrent.futures import Future

from newsweave.config import Settings
from newsweave.ingest.records import record_document
from newsweave.pipeline import Summary
from newsweave.store import open_store
from newsweave.web.app import Writer


def _post(n: int, *records: dict[str, object]) -> list:  # type: ignore[type-arg]
    return [record_document(f"api#record {i}", r) for i, r in enumerate(records, 1)]


def _report(n: int, town: str) -> dict[str, object]:
    return {
        "id": f"report-{n}",
        "title": f"Flood closes the bridge at {town} ({n})",
        "text": f"The river rose overnight and the bridge at {town} was closed on Tuesday, "
        f"report {n} said. Residents of {town} were told to stay home.",
        "published": "2026-03-03",
    }


FIRE = {
    "id": "fire",
    "title": "Warehouse fire in Braga destroys textile stock",
    "text": "Firefighters fought a blaze at a textile warehouse in Braga for six hours; "
    "nobody was hurt, the fire brigade said.",
    "published": "2026-05-10",
}
ELECTION = {
    "id": "election",
    "title": "Faro elects a new mayor after recount",
    "text": "The municipal council of Faro confirmed the new mayor after a recount of "
    "the ballots cast in the local election.",
    "published": "2026-09-21",
}


def test_queued_posts_are_ingested_together_and_each_gets_its_own_answer(
    empty_db: str,
) -> None:
    writer = Writer(Settings(db=empty_db, embedder="hashing"), _hashing())
    try:
        first = writer.submit(_post(0, _report(0, "Coimbra")))  # keeps the writer busy
        answers: list[Future[Summary]] = [
            writer.submit(_post(1, _report(1, "Coimbra"), {"text": "   "})),
            writer.submit(_post(2, ["not", "an", "object"], _report(2, "Porto"))),
            writer.submit(_post(3, _report(0, "Coimbra"))),  # the first post's text again
            writer.submit(_post(4, FIRE, ELECTION)),
        ]
        alone = first.result(timeout=120)
        one, two, three, four = (a.result(timeout=120) for a in answers)
    finally:
        writer.close()
    assert (alone.new, alone.new_stories, alone.rejected) == (1, 1, [])
    assert (one.new, len(one.articles or []), [r.origin for r in one.rejected]) == (
        1,
        1,
        ["api#record 2"],
    )
    assert one.new_stories == 0  # it joined the first post's story
    assert [r.origin for r in two.rejected] == ["api#record 1"] and two.new == 1
    assert (three.new, three.duplicate) == (0, 1)
    assert three.articles == [(alone.articles[0][0], "duplicate")]  # type: ignore[index]
    assert (four.new, four.new_stories, four.rejected) == (2, 2, [])
    store = open_store(empty_db)
    try:
        stored = {
            line.id: line.story_id
            for line in store.article_lines(
                articles=[a for s in (alone, one, two, four) for a, _ in s.articles or []]
            )
        }
    finally:
        store.close()
    assert len(stored) == 5 and stored[one.articles[0][0]] == stored[alone.articles[0][0]]  # type: ignore[index]


def _hashing():  # type: ignore[no-untyped-def]
    from newsweave.embed import open_embedder

    return open_embedder("hashing")


def test_the_writer_leaves_the_servers_objects_to_the_garbage_collector(empty_db: str) -> None:
    # A batch run freezes its clusterer's state out of the cyclic collector; a server must not:
    # the other threads' objects of that moment would never be collected.
    gc.unfreeze()
    writer = Writer(Settings(db=empty_db, embedder="hashing"), _hashing())
    try:
        assert writer.submit(_post(0, _report(0, "Coimbra"), FIRE)).result(timeout=120).new == 2
    finally:
        writer.close()
    assert gc.get_freeze_count() == 0
