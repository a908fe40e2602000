"""Killed and injured counts the first and third rounds of rules misread: whose wound it is, victims named together."""

from __future__ import annotations

import pytest

from casualty_helpers import counts

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


@pytest.mark.parametrize(
    ("title", "text", "killed", "injured"),
    [
        *FIRST_RULES_MISREAD,
        *THIRD_RULES_MISREAD,
    ],
)
def test_casualty_counts(title: str, text: str, killed: float, injured: float) -> None:
    found = counts(text, title)
    assert (found["killed"][0], found["injured"][0]) == (killed, injured)
