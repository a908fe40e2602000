"""Killed and injured counts the fourth to seventh rounds of rules misread: zeros that hold for some, tallies, victims in lists."""

from __future__ import annotations

import pytest

from casualty_helpers import counts

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
        *FOURTH_RULES_MISREAD,
        *FIFTH_RULES_MISREAD,
        *SEVENTH_RULES_MISREAD,
        *SIXTH_RULES_UNDERCOUNTED,
    ],
)
def test_casualty_counts(title: str, text: str, killed: float, injured: float) -> None:
    found = counts(text, title)
    assert (found["killed"][0], found["injured"][0]) == (killed, injured)
