"""Killed and injured per article: stated counts, counts told in words, and numbers that are not counts."""

from __future__ import annotations

import sqlite3
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from casualty_helpers import counts
from newsweave.store import open_store

STATED_OR_TOLD_IN_WORDS = [
    ("2 Dead, 3 Wounded In East Garfield Park Shooting", "Police are investigating.", 2, 3),
    ("Shooting in Macon", "Six people were shot, two of them fatally, early Friday.", 2, 4),
    (
        "Teen shot",
        "A 17-year-old was shot in the leg on Monday and taken to a hospital in stable condition.",
        0,
        1,
    ),
    ("Man killed", "A man was shot and killed on Monday night. No one else was hurt.", 1, 0),
    ("Deaths in Toone", "Police said a double homicide was reported on Friday.", 2, 0),
    (
        "Shooting",
        "Three men were shot on Sunday. In 2008, Dion Wiley, 20, was killed on the same corner.",
        0,
        3,
    ),
]


IN_CONTEXT = [
    # "No one else" spares the others: it is not a count of the wounded.
    (
        "Girl shot",
        "A 9-year-old girl was shot in the leg while sleeping on a couch. No one else was injured.",
        0,
        1,
    ),
    # A tally of the city's shootings is not this shooting's count.
    (
        "Three shot in Uptown",
        "Three people were shot in Uptown on Monday. Elsewhere, 12 people were wounded "
        "in shootings across the city since Friday.",
        0,
        3,
    ),
    # A lead that counts only the wounded: a death told further down is another event's.
    (
        "Five wounded in shooting at Tampa nightclub",
        "Five people were wounded early Saturday at a nightclub. "
        "All were expected to be treated and released. Officers arrived within minutes. Neighbours recalled "
        "the deadly shooting at the same club in March.",
        0,
        5,
    ),
    # A death told as a life claimed; one more victim "also shot" who will recover.
    (
        "Shooting in Minneapolis",
        "The shooting claimed the life of a 2-year-old boy on Friday.",
        1,
        0,
    ),
    (
        "Three dead",
        "Three people were shot to death at a home on Sunday. The woman's boyfriend was also shot "
        "in his leg and is expected to recover.",
        3,
        1,
    ),
    # Counts joined in a list, and one more named after a count of people.
    ("3 men, 1 woman wounded in East Harlem", "Police are investigating.", 0, 4),
    (
        "Drive-by",
        "A drive-by shooting injured three adults and an 11-year-old child on Friday.",
        0,
        4,
    ),
    # A count inside the words "a shooting that left ..." is the count.
    ("Town mourns", "A shooting that left four people dead shocked the town on Sunday.", 4, 0),
    # People counted with their wounds, a number between them and the verb.
    (
        "Shooting in Charlotte",
        "Four people, including an 11-year-old, were shot on Thursday.",
        0,
        4,
    ),
    (
        "Shooting in Galt",
        "A total of seven people were treated for non-life threatening wounds.",
        0,
        7,
    ),
    # Another victim told apart from the dead, and "the second victim" with nobody dead.
    (
        "Harris shooting",
        "A shooting left one person dead on Thursday. Another person was injured and taken "
        "to the hospital.",
        1,
        1,
    ),
    (
        "Shooting on Elm Street",
        "A teen was shot on Monday. The second victim, a 20-year-old man, was shot in the arm.",
        0,
        2,
    ),
    ("Shootout", "The shootout injured a 5-year-old boy and a 20-year-old woman.", 0, 2),
    # The shot counted after the verb, less the dead.
    (
        "Porch shooting",
        "A gunman opened fire on a porch, hitting three women and two men. One of the men "
        "was pronounced dead at the scene.",
        1,
        4,
    ),
    ("Accomack shooting", "A man fired at a home and shot four people inside.", 0, 4),
    # A calibre is not a count of the shot; "four teens, one fatally" is four, not five.
    (
        "Teen remembered",
        "Investigators say the teen was killed with a .223 caliber, single shot rifle.",
        1,
        0,
    ),
    ("Rogers Park", "Four teens, one fatally, were shot outside the restaurant in February.", 1, 3),
    # "kills himself" is one death, not a killing and a suicide.
    ("Robbery suspect fights with K-9, kills himself", "Police said the man had a gun.", 1, 0),
]


@pytest.mark.parametrize(
    ("title", "text", "killed", "injured"),
    [
        *STATED_OR_TOLD_IN_WORDS,
        *IN_CONTEXT,
    ],
)
def test_casualty_counts(title: str, text: str, killed: float, injured: float) -> None:
    found = counts(text, title)
    assert (found["killed"][0], found["injured"][0]) == (killed, injured)


def test_an_injury_denied_is_not_one_injured() -> None:
    found = counts(
        "Shots were fired at a car on Elm Street on Monday. The driver escaped without injury."
    )
    assert found.get("injured", (0,))[0] == 0 and found.get("killed", (0,))[0] == 0


def test_numbers_that_are_not_counts() -> None:
    # An age written with a space, and a day of the month, are not counts of the dead.
    assert counts("A 5 year-old boy died hours after being shot on Tuesday.")["killed"][0] == 1
    assert (
        counts("The boy was shot in Pontiac on March 18 and died a week later.")["killed"][0] == 1
    )


def test_an_implied_count_is_marked() -> None:
    found = counts("Police said the victim died at the hospital after the shooting on Saturday.")
    assert found["killed"] == (1, False) and found["injured"] == (0, False)


def test_no_casualties_no_casualty_facts() -> None:
    assert counts("The council approved the new budget on Tuesday.") == {}


def test_a_store_from_before_the_ledger_is_upgraded(tmp_path: Path) -> None:
    """Articles stored before migration 0003 keep everything and read with no facts."""
    path = tmp_path / "old.db"
    db = sqlite3.connect(path)
    db.execute("CREATE TABLE schema_migrations (name TEXT PRIMARY KEY, applied_at TEXT)")
    folder = resources.files("newsweave.store") / "migrations"
    for name in ("0001_initial.sql", "0002_aliases.sql"):
        db.executescript((folder / name).read_text())
        db.execute("INSERT INTO schema_migrations VALUES (?, '2026-01-01')", (name,))
    db.execute(
        "INSERT INTO articles (id, content_hash, origin, title, text, lang, published, story_id, ingested_at) "
        "VALUES ('a1', 'h1', 'old.txt', 'Old', 'Old text.', 'en', '2024-01-01', 's1', '2026-01-01')"
    )
    db.execute("INSERT INTO stories VALUES ('s1', 'Old', 1, 1)")
    db.commit()
    db.close()
    store = open_store(str(path))
    article, decision = store.article("a1")  # type: ignore[misc]
    assert (article.title, article.published, decision.story_id) == ("Old", date(2024, 1, 1), "s1")
    assert article.facts == [] and article.event_date is None
    store.close()
