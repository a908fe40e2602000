"""Killed and injured per article: stated counts, counts told in words, and numbers that are not counts."""

from __future__ import annotations

import sqlite3
from datetime import date
from importlib import resources
from pathlib import Path

import pytest

from newsweave.models import RawDocument
from newsweave.prepare import prepare
from newsweave.store import open_store


def _counts(
    text: str, title: str = "Shooting report", published: str = "2016-05-02"
) -> dict[str, tuple[float, bool]]:
    article = prepare(
        RawDocument(origin="t", title=title, text=text, published=published, lang="en")
    )
    return {f.slot: (f.value, f.stated) for f in article.facts if f.slot in ("killed", "injured")}


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


FIRST_RULES_MISREAD = [
    # Who the wound belongs to, in a report of a death.
    (
        "Girl dies after shooting",
        "An 11-year-old girl died on Sunday. The girl was rushed to the hospital "
        "in critical condition on Saturday night.",
        1,
        0,
    ),
    (
        "Shooting in Miami",
        "An 8-year-old girl has died and her father is listed in critical condition.",
        1,
        1,
    ),
    (
        "Officers indicted",
        "The two officers are accused of killing a 6-year-old boy and critically injuring "
        "his father after a chase.",
        1,
        1,
    ),
    (
        "Teen shot dead on Friday",
        "A teen was shot and killed on Friday. Several homes were also struck by gunfire.",
        1,
        0,
    ),
    # Others counted besides the dead, or with the one named before them.
    ("Man killed, 3 others shot on Elm Avenue", "Police are investigating.", 1, 3),
    (
        "Bar shooting",
        "A man died Tuesday night after he and four others were shot outside a bar.",
        1,
        4,
    ),
    (
        "Family shot",
        "Police said the shooting killed a 3-year-old girl and injured three of her relatives.",
        1,
        3,
    ),
    ("Shooting spree leaves 4 wounded, gunman dead", "Police are investigating.", 1, 4),
    (
        "One man killed, suspect at large after apartment shooting",
        "Police are investigating.",
        1,
        0,
    ),
    # Victims named together without a number, and the killer's own death.
    ("Woman, 3-year-old dead in shooting", "Police are investigating.", 2, 0),
    (
        "Police: man killed his wife and her sister",
        "Police said a man killed his wife and her sister at their home on Sunday.",
        2,
        0,
    ),
    (
        "Beaverton deaths",
        "Police identified a father and his two children who were found dead on Thursday.",
        3,
        0,
    ),
    ("Two boys killed, father commits suicide", "Police are investigating.", 3, 0),
    ("Man kills woman, her son, himself in apartment", "Police are investigating.", 3, 0),
    # A child who shot himself by accident: one wounded or one dead, not a killing and a suicide.
    (
        "Toddler shot",
        "A 4-year-old boy found a gun and shot himself on Sunday, in what police called an "
        "accident. He is expected to recover.",
        0,
        1,
    ),
    ("Boy dead", "Police said the boy killed himself after an argument on Sunday.", 1, 0),
    # Two who fought are not two wounded; two told of together are.
    (
        "Girl hit by stray bullet",
        "A 10-year-old girl was struck by a stray bullet when two men began "
        "shooting at each other. Both men fled.",
        0,
        1,
    ),
    (
        "Woman shot husband and son",
        "Police said a woman shot her husband and son on Sunday. Both are expected to survive.",
        0,
        2,
    ),
    (
        "Shooting near the park",
        "A 20-year-old woman was shot in the back and a 6-year-old boy was shot "
        "in the arm on Sunday.",
        0,
        2,
    ),
    # One group spared is not a count of the wounded; "shoots himself" is a wound.
    (
        "Suspect injured in officer-involved shooting",
        "The suspect was taken to a hospital. No officers were injured.",
        0,
        1,
    ),
    (
        "Teen shoots himself in the leg in Bluffton",
        "Deputies were called to the home on Monday.",
        0,
        1,
    ),
]


THIRD_RULES_MISREAD = [
    # Two wounded named together without a number, or told as "both ... and ...".
    ("Officer, gunman wounded in exchange of fire", "Investigators are at the scene.", 0, 2),
    (
        "Girl, 6, hurt in shooting",
        "A 6-year-old girl and a 30-year-old man were injured in a shooting on Friday night.",
        0,
        2,
    ),
    (
        "Shooting on Oak Street",
        "A man fired into a car on Sunday, striking both him and his son.",
        0,
        2,
    ),
    (
        "Shooting at the fair",
        "Both the gunman and the child were transported to a local hospital with minor injuries.",
        0,
        2,
    ),
    (
        "Shooting downtown",
        "A man and his cousin were found with gunshot wounds on Monday. Both in stable "
        "condition, police said.",
        0,
        2,
    ),
    # Counted besides the dead: "two other people were also hit", "another man ... was shot".
    (
        "Man killed at party",
        "A man was shot dead at a party on Saturday. Two other people were also hit by "
        "bullets and taken to the hospital.",
        1,
        2,
    ),
    (
        "Teen killed in park",
        "A 17-year-old was killed in the park on Friday. Another teen, also 17, was "
        "shot in the hand.",
        1,
        1,
    ),
    (
        "Family mourns",
        "A gunman killed a woman and seriously wounded two others at a bus stop.",
        1,
        2,
    ),
    # A wound told of someone else in a report of one death: another subject, a name, a possessive.
    (
        "Crash after shooting",
        "The driver of the car is in critical condition and a 6-year-old passenger has "
        "been pronounced dead, troopers said.",
        1,
        1,
    ),
    (
        "Man killed by officers",
        "A man was shot and killed by officers inside a vacant home. Officer Dana Cole "
        "was injured in the struggle and was treated at a hospital.",
        1,
        1,
    ),
    (
        "Girl killed",
        "A 5-year-old girl was shot dead while she slept. The gunmen severely injured Maria's "
        "stepfather before they fired into the home.",
        1,
        1,
    ),
    # The wound of the one who died: "fatal injuries", "the wounded boy", "... has died".
    (
        "Mother charged",
        "A 4-year-old girl died after being shot at home. Her mother was also charged over "
        "the girl's fatal injury.",
        1,
        0,
    ),
    (
        "Toddler killed",
        "A toddler was fatally shot in her home on Monday. A neighbour ran over and carried "
        "the wounded toddler to a car.",
        1,
        0,
    ),
    (
        "Boy, 9, dies",
        "A boy who suffered critical injuries in a shooting at a park on Friday has died, "
        "police said.",
        1,
        0,
    ),
    # One shot in a headline told in few words; one named within a larger count.
    ("Man cleaning rifle accidentally shoots self", "", 0, 1),
    (
        "Shooting outside club",
        "Five people, including a 16-year-old boy, were injured early Sunday outside a club.",
        0,
        5,
    ),
    (
        "Shooting on Main Street",
        "Two men are in hospital after a shooting on Main Street on Sunday.",
        0,
        2,
    ),
    # Numbers that are not this shooting's count: ages, a broadcaster, a city's tally.
    (
        "Five shot",
        "Police say five men between the ages of 19 and 44 were shot on the porch.",
        0,
        5,
    ),
    ("Man shot on Elm", "A witness told Channel 5 the wounded man ran into a store.", 0, 1),
    (
        "Teen shot on Pine",
        "A 15-year-old was shot in the arm on Monday. At least 31 people were wounded "
        "in shootings across Chicago over the weekend.",
        0,
        1,
    ),
    # The event reported on, named by its year in a later article; "a 2014 shooting" stays another event.
    (
        "Two charged in 2014 shooting that left teen dead, 3 injured",
        "Prosecutors announced the charges on Tuesday.",
        1,
        3,
    ),
    (
        "Boy hit by stray bullet",
        "A 7-year-old boy was hit by a stray bullet on Monday. It happened a block "
        "from a 2014 shooting that left a girl dead.",
        0,
        1,
    ),
]


FOURTH_RULES_MISREAD = [
    # A zero that holds only for some: the bus, or "seriously", or the crash after the shooting.
    (
        "Student shot near school",
        "A student was shot in the shoulder near the high school on Wednesday. No one on "
        "the bus was hurt.",
        0,
        1,
    ),
    (
        "Teen shot",
        "A teenager was struck by gunfire on Elm Street. Nobody was seriously hurt in the crash that "
        "followed.",
        0,
        1,
    ),
    # An animal hurt is not a person injured.
    (
        "Girl killed by shotgun",
        "The shotgun went off, killing a 7-year-old girl and injuring one of their dogs.",
        1,
        0,
    ),
    # In a report of a death, a victim who is recovering is another one, alive.
    (
        "Man dies",
        "A man died after a shooting outside a bar on Friday. The boy is recovering at a children's "
        "hospital.",
        1,
        1,
    ),
    # ... while the one named, or the child a spokesman speaks of, in critical condition is the one who died.
    (
        "Teen dies",
        "A 19-year-old died on Sunday after a shooting on Elm Street. Okafor was taken to the hospital "
        "in critical condition.",
        1,
        0,
    ),
    (
        "Boy dies",
        "A 6-year-old boy has died after a shooting at his home. A fire department spokesman said the "
        "child was taken to the hospital in critical condition.",
        1,
        0,
    ),
    (
        "Driver shot",
        "The driver was struck by gunfire late Tuesday and taken to a trauma center with wounds that "
        "were not life-threatening.",
        0,
        1,
    ),
    (
        "Gang shooting",
        "According to the indictment, the defendants shot four individuals outside a church.",
        0,
        4,
    ),
    (
        "Two dead",
        "Two men were found dead in the apartment; another woman was rushed to a hospital.",
        2,
        1,
    ),
    # "other people" are counted besides the dead told in the same sentence.
    (
        "Fatal shooting",
        "A man was fatally wounded and at least six other people were hospitalized after the "
        "shooting.",
        1,
        6,
    ),
    # A wound seldom fatal, told of someone besides the dead; not of the dead one himself.
    (
        "Man killed",
        "A 30-year-old man was killed in a shooting on Main Street. A woman with him was shot in the "
        "ankle, police said.",
        1,
        1,
    ),
    (
        "Man killed",
        "A 30-year-old man was killed in a shooting on Main Street. The man was shot in the arm and "
        "chest.",
        1,
        0,
    ),
    # Two taken to jail are not two wounded.
    (
        "Teen shot",
        "A teenager was shot in the leg on Friday. The two suspects were both taken to the county "
        "jail.",
        0,
        1,
    ),
    # A count of others before a count, with a word between number and noun.
    (
        "Shooting near bus stop",
        "Two young women and three men were shot and wounded near a bus stop.",
        0,
        5,
    ),
    # A wound told in a clause of its own after a death.
    (
        "Driver killed",
        "The driver died at the scene, a 17-year-old was flown to a hospital in critical condition "
        "and the other passenger was not hurt.",
        1,
        1,
    ),
]


FIFTH_RULES_MISREAD = [
    # "Several others" wounded besides the dead are at least three, not a pair.
    (
        "Party shooting",
        "One man died at the scene on Saturday and several others were wounded when a gunman "
        "opened fire at a birthday party.",
        1,
        3,
    ),
    (
        "Club shooting",
        "Deputies said callers reported that multiple people had been injured outside the club "
        "late Sunday.",
        0,
        3,
    ),
    # ...but a pair stays a pair.
    ("Two hurt", "A man and a woman were wounded outside a store on Sunday.", 0, 2),
]


# Seventh round, over-counts: more injured read than the shooting reported on had.
SEVENTH_RULES_MISREAD = [
    # A tally over several shootings or hours is not this shooting's count.
    (
        "3 dead, 9 wounded in 4 overnight shootings",
        "A man was shot in the leg outside a bar on Elm Street early "
        "Sunday. He was taken to a hospital in good condition.",
        0,
        1,
    ),
    (
        "Violent stretch",
        "Eleven people were shot within 36 hours in the city. On Friday night a 20-year-old woman "
        "was shot in the arm on Oak Street and was listed in stable condition.",
        0,
        1,
    ),
    # The people counted did the shooting, or were only there when someone else was hit.
    (
        "Man shot to death",
        "A 40-year-old man was fatally shot on Monday night. He was sitting on his porch when "
        "two men walked up and shot him, police said.",
        1,
        0,
    ),
    (
        "Girl wounded",
        "The 6-year-old was sitting in a car with her aunt and two other children when she was shot.",
        0,
        1,
    ),
    ("Teen hurt", "Four people were in the truck when the teen was shot by a passenger.", 0, 1),
    # A count with its injuries denied, and one named among the dead.
    (
        "Shots fired at van",
        "The van, which carried five children, was struck twice, but no injuries were reported. "
        "Police later found a man who had been shot in the hand.",
        0,
        1,
    ),
    (
        "Victims named",
        "Police identified Ann Lee, 31, as one of the deceased. The gunman shot 4 people at the home; "
        "three people are dead and one is critically injured.",
        3,
        1,
    ),
    # Harm of another kind on the same page.
    (
        "Man killed in shooting",
        "A man was shot and killed on Main Street on Tuesday. In other news, a driver was "
        "taken to the hospital in critical condition after a crash on Route 9.",
        1,
        0,
    ),
    # A statistic, a corrected count, and the share hurt by gunfire.
    (
        "Girl shoots herself",
        "A 4-year-old girl shot herself in the hand on Sunday. Nationally, nine adults were "
        "accidentally wounded or killed by children with guns.",
        0,
        1,
    ),
    (
        "Shooting at party",
        "Three people were shot at a party on Saturday. Police had first said that six people "
        "were shot, but later corrected the count.",
        0,
        3,
    ),
    (
        "Brawl outside club",
        "A brawl outside a club left seven people injured, four by gunfire.",
        0,
        4,
    ),
    # In a report of a death: things hit, and the first call about the one who died.
    (
        "Teen dies",
        "A 15-year-old boy shot on Friday died on Sunday. Police said stray bullets also hit the windows "
        "of a nearby store.",
        1,
        0,
    ),
    (
        "Boy dies",
        "Deputies responded to a call of a child injured by an accidental gunshot. The boy died at the "
        "hospital.",
        1,
        0,
    ),
    # A death told in words the earlier rounds did not know: the wound is the dead one's.
    (
        "Teen shot at home",
        "Deputies said the 17-year-old was playing with a gun when it went off. He was flown "
        "to a hospital, where he was pronounced clinically dead.",
        1,
        0,
    ),
    (
        "Cousin charged",
        "A man faces one charge of negligent homicide after his cousin was shot in the head at a "
        "party.",
        1,
        0,
    ),
]


# Seventh round, wounded read too few: the sixth round's rules read fewer injured in each.
SIXTH_RULES_UNDERCOUNTED = [
    # A street number is no year: "the 1900 block" does not date the sentence before the article's year.
    (
        "Shooting on the South Side",
        "Three men were shot on Sunday night in the 1900 block of Prospect Avenue.",
        0,
        3,
    ),
    # Victims named in a list without a number: shot (the dead among them) or wounded (besides the dead).
    (
        "Shooting in Elm Grove",
        "Police said the man shot his ex-girlfriend, her brother and a neighbor before he fled.",
        0,
        3,
    ),
    (
        "Man shoots wife and her two sons",
        "The wife died at the scene on Tuesday, police said.",
        1,
        2,
    ),
    (
        "Home invasion",
        "A toddler was killed on Friday night. His mother, his grandmother and a family friend were "
        "critically wounded.",
        1,
        3,
    ),
    # Officers and civilians counted like people.
    (
        "Rampage",
        "A man opened fire on Friday, hitting two police officers and three bystanders.",
        0,
        5,
    ),
    (
        "Clinic shootout",
        "Two civilians were killed. Five more officers and four other civilians were injured.",
        2,
        9,
    ),
    # Counts of the hurt told with verbs extract/numbers.py does not read.
    (
        "Party shooting",
        "The gunfire at a birthday party sent four people to area hospitals on Saturday.",
        0,
        4,
    ),
    (
        "Township meeting",
        "Two people were killed and four others were hospitalized after the meeting.",
        2,
        4,
    ),
    (
        "Mesa rampage",
        "Police say the man killed one person and went on to wound five others on Tuesday.",
        1,
        5,
    ),
    (
        "Bar shooting",
        "One man died on Sunday. The three other people were treated at Mercy Hospital.",
        1,
        3,
    ),
    ("Shooting at a park", "Five shooting victims were taken to local hospitals on Sunday.", 0, 5),
    # Of counts as large, the one told besides the dead; a part of a count is not the count.
    (
        "Shooting on Ryburn Avenue",
        "Three of the people shot were visitors, police said. One man is dead and three "
        "other people were shot.",
        1,
        3,
    ),
    ("Bodega shooting", "Four men, including three bystanders, were wounded early Saturday.", 0, 4),
    # One named by age joins the count after it.
    ("5-year-old and three adults shot in Millbrook", "Police are investigating.", 0, 4),
    # Suspects counted "in connection with" a shooting are no victims.
    (
        "Arrests",
        "Police arrested 2 men in connection with a shooting that injured 13 people in June.",
        0,
        13,
    ),
]


@pytest.mark.parametrize(
    ("title", "text", "killed", "injured"),
    [
        *STATED_OR_TOLD_IN_WORDS,
        *IN_CONTEXT,
        *FIRST_RULES_MISREAD,
        *THIRD_RULES_MISREAD,
        *FOURTH_RULES_MISREAD,
        *FIFTH_RULES_MISREAD,
        *SEVENTH_RULES_MISREAD,
        *SIXTH_RULES_UNDERCOUNTED,
    ],
)
def test_casualty_counts(title: str, text: str, killed: float, injured: float) -> None:
    found = _counts(text, title)
    assert (found["killed"][0], found["injured"][0]) == (killed, injured)


def test_an_injury_denied_is_not_one_injured() -> None:
    found = _counts(
        "Shots were fired at a car on Elm Street on Monday. The driver escaped without injury."
    )
    assert found.get("injured", (0,))[0] == 0 and found.get("killed", (0,))[0] == 0


def test_numbers_that_are_not_counts() -> None:
    # An age written with a space, and a day of the month, are not counts of the dead.
    assert _counts("A 5 year-old boy died hours after being shot on Tuesday.")["killed"][0] == 1
    assert (
        _counts("The boy was shot in Pontiac on March 18 and died a week later.")["killed"][0] == 1
    )


def test_an_implied_count_is_marked() -> None:
    found = _counts("Police said the victim died at the hospital after the shooting on Saturday.")
    assert found["killed"] == (1, False) and found["injured"] == (0, False)


def test_no_casualties_no_casualty_facts() -> None:
    assert _counts("The council approved the new budget on Tuesday.") == {}


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
