"""What a number in an English shooting report counts, and the numbers that count no victims:
ages, calibres, stations, addresses of a count, the one more named beside it."""

from __future__ import annotations

import re

# Numbers that are not counts of victims: an age written "5 year-old", "father of 3", ".223 caliber".
NOT_A_COUNT = re.compile(
    r"^\w+\s?(?:-|\s)y(?:ea)?r?s?\b|^\d+-y\b|^\d+ yo\b|^911\b|"
    r"^\w+ (?:caliber|calibre|mm|gauge|rounds?|shots|times|bullets|casings|shootings|incidents)\b",  # not people
    re.IGNORECASE,
)
AGE_AFTER = re.compile(r"[- ](?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)
# The last age of a list read as a count: "five men between the ages of 21 and 58 were shot".
AGES_BEFORE = re.compile(r"\bages?,? (?:of )?(?:\d{1,2},? )+(?:and|to|-) $", re.IGNORECASE)
# A broadcaster's number read as a count: "told FOX 4 that McBride was shot", "Channel 9".
STATION_BEFORE = re.compile(r"\b(?:channel|fox|news|abc|cbs|nbc)\s$", re.IGNORECASE)
# One named within a larger group is not the count: "Four people, including a 13-year-old girl, were injured".
INCLUDING_BEFORE = re.compile(r"\bincluding\s$", re.IGNORECASE)
PARENT_OF = re.compile(
    r"\b(?:father|mother|dad|mom|parent|grandfather|grandmother) of\s$", re.IGNORECASE
)
SMALL = {
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "dozen": 12,
}


def count_word(word: str) -> int:
    """A count the cue patterns capture, in words or digits: "five" -> 5, "12" -> 12."""
    return SMALL.get(word.lower()) or int(word)


# A day of the month read as a count: "shot ... March 18 died".
MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s$", re.IGNORECASE
)
# Another count inside the words of a count: "a shooting that left four people dead" is four, not one.
INNER_NUMBER = re.compile(
    r"^an? .*\s(\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)\b", re.IGNORECASE
)
# A count of people in a sentence that tells of their wounds: "the four victims are recovering",
# "four people, including an 11-year-old, were shot" (the number inside hides the verb from numbers.py).
PEOPLE = frozenset(
    {
        "people",
        "persons",
        "men",
        "women",
        "children",
        "teenagers",
        "teens",
        "boys",
        "girls",
        "victims",
        "adults",
        "students",
        "others",
    }
)
WOUNDS_TOLD = re.compile(
    r"\b(?:(?:were|are|was|been|got) (?:\w+ )?(?:shot|wounded|injured|hurt|hit|struck)|wounded|injured|"
    r"gunshot wounds?|recovering|treated for|(?:taken|transported|rushed|driven) to|hospitali[sz]ed|"
    r"in (?:the )?hospital|"
    r"(?:critical|stable|serious|fair|good) condition|"
    r"(?:hit|struck) by (?:gunfire|bullets?|shots|stray bullets?))\b",
    re.IGNORECASE,
)
# The shot counted after the verb: "shot four people inside", "hitting three women and two men".
_NUM = r"(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten)"
# "shot two police officers"
_GROUP = (
    r"(?:(?:police |other |more )?(?:people|persons|individuals|men|women|children|teens|teenagers|victims|"
    r"others|adults|boys|girls|officers|deputies|civilians|agents|bystanders))"
)
SHOT_AFTER_VERB = re.compile(
    rf"\b(?:shooting|shot|hitting|hit|striking|struck|wounding) (?:at least )?{_NUM} {_GROUP}"
    rf"(?: and {_NUM} {_GROUP})?\b",
    re.IGNORECASE,
)
# A second victim joined to a count of one: "a missing child and her grandfather have been found dead".
AND_ANOTHER = re.compile(
    r"(?:\band|,) (?:an? |her |his |their |the |\w+'s )?(?:\w+ )?(?:man|woman|boy|girl|child|baby|teen|teenager|"
    r"mother|father|son|daughter|brother|sister|grandfather|grandmother|wife|husband|girlfriend|boyfriend|"
    r"friend|cousin|uncle|aunt|nephew|niece|toddler|infant|kid|grandson|granddaughter|fiance|fiancee|stepfather|"
    r"stepmother|stepson|stepdaughter|shooter|gunman)\b",
    re.IGNORECASE,
)
# One more victim named before or after a count: "Father, two daughters shot to death",
# "he and his 2 kids were found dead", "2 bailiffs, shooter dead".
ONE_BEFORE = re.compile(
    r"(?:\b(?:he|him|she|her) and (?:his |her )?|\b(?:father|mother|dad|mom|man|woman|grandfather|grandmother|"
    r"boy|girl|baby|child|toddler|teen|shooter|gunman|suspect)(?:, | and )(?:his |her |their )?)$",
    re.IGNORECASE,
)
# One more after a count that ends in its noun: "injured three adults and an 11-year-old child".
ONE_MORE_AFTER = re.compile(
    r"(?:,| and) (?:an? |one )(?:\d+-(?:year|month)-old |young |teenage |little )?"
    r"(?:man|woman|boy|girl|child|teen|teenager|toddler|infant|baby)\b",
    re.IGNORECASE,
)
# A count of others before a count: "3 men, 1 woman wounded".
COUNT_BEFORE = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:[a-z]+ )?"  # "two teenage girls and"
    r"(?:men|women|boys|girls|children|teens|teenagers|adults|people|officers|deputies|civilians|agents)(?:,| and) $",
    re.IGNORECASE,
)
OPENS_WITH_NUMBER = re.compile(
    r"(?:\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten)\b(?! of\b| fatally\b)",
    re.IGNORECASE,
)
# Not a suspect still about: "One man killed, suspect at large".
ONE_AFTER = re.compile(
    r", (?:the )?(?:shooter|gunman|suspect)\b(?!,? (?:(?:is|are|was|remains?|still) )*(?:at large|sought|wanted|"
    r"arrested|in custody|fled|on the run|charged|held|identified|jailed|caught)\b)",
    re.IGNORECASE,
)
# "4 wounded, gunman dead": the gunman is one of the dead, not one more wounded.
ONE_AFTER_DEAD = re.compile(
    r", (?:the )?(?:shooter|gunman|suspect),? (?:is |was )?(?:dead|killed|slain|dies|died)\b",
    re.IGNORECASE,
)
# "a father and his two children": the one named before the number is one more.
ONE_AND_NUMBER = re.compile(r"^an? (?:[\w-]+ ){1,2}and (?:his |her |their )?\w+ ", re.IGNORECASE)
# Things hit, not people: "Other residences, all vacant, in the block were also struck by gunfire".
PROPERTY_HIT = re.compile(
    r"\b(?:residences|homes|houses|cars|vehicles|windows|buildings|walls|apartments)\b(?:\W+\w+){0,5}?\W+"
    r"(?:were |was )?also (?:been )?(?:struck|hit|shot)\b",
    re.IGNORECASE,
)
# Animals, not people: "killing her and injuring one of the family dogs".
ANIMALS_AFTER = re.compile(
    r"(?:\s+(?:one|two|three|both|all|\d+))?\s+of (?:the|his|her|their|its) (?:[\w-]+ )?"
    r"(?:dogs|cats|pets|horses|puppies|animals)\b",
    re.IGNORECASE,
)
# A count of people who did the shooting: "two other people walked up and shot him", "two people shot at them".
SHOOTERS_AFTER = re.compile(
    r"\s+(?:him|her|them|each other|at (?:him|her|them|each other|police|officers|deputies))\b",
    re.IGNORECASE,
)
# Someone else was the one hit: "sitting with an uncle and two other children when she was shot",
# "Three people were in a car when the teen was shot" (not "four men were outside when they were shot").
ANOTHER_WAS_HIT = re.compile(
    r"\b(?:when|as|while|after|before)\s+(?:he|she|the|a|an|his|her)\b[^,;.]{0,30}?\bwas\b",
    re.IGNORECASE,
)
# An injury denied inside the words of a count: "carried five juveniles, was struck twice, but no injuries".
DENIED_IN_COUNT = re.compile(
    r"\bno (?:injuries|one|other)\b|\bnone\b|\b(?:unharmed|uninjured|unhurt)\b", re.IGNORECASE
)
# One among the dead, not a count of them: "identified ... as one of the deceased individuals".
ONE_OF_THE_DEAD = re.compile(r"^one of the (?:deceased|dead)\b", re.IGNORECASE)
# Part of the injured hurt by gunfire: "leaves six injured, five by gunfire" (the gold counts gunshot wounds).
BY_GUNFIRE = re.compile(
    r",? (\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:of them )?(?:by|from) gunfire\b",
    re.IGNORECASE,
)
# Things hit, told after the verb: "two bullets also hit the windows of a nearby bank"; and a survival of something
# else: "her daughter survived cancer".
THINGS_AFTER = re.compile(
    r"\s+(?:the |a |an |two |three |several )?(?:nearby |neighboring |parked |front |\w+'s )?(?:windows?|houses?|"
    r"cars?|vehicles?|buildings?|walls?|apartments?|doors?|bank|store|cancer|leukemia|an illness|a heart attack|"
    r"a stroke)\b",
    re.IGNORECASE,
)
# The hurt counted after a verb numbers.py does not read, besides the dead: "wound five others", "the wounding of
# three men", "sent three others to local hospitals", "put three women into the hospital", and "injured nine
# others" when numbers.py has read its verb into the count before ("killed a woman and injured nine others").
_HURT_GROUP = r"(?:people|persons|individuals|men|women|children|teens|teenagers|victims|others|adults|boys|girls)"
HURT_AFTER_VERB = re.compile(
    rf" (?=[wWiIsStTpP])(?:(?i:wound|wounding|the wounding of|injure) (?i:at least )?"
    rf"(?i:{_NUM} (?:other |more )?{_HURT_GROUP})\b|"
    rf"(?i:injured|wounded|injuring) (?i:at least )?(?i:{_NUM} (?:other |more )?(?:others|other {_HURT_GROUP}))\b|"
    rf"(?i:sen(?:t|d|ds|ding)|put|putting) (?i:at least )?(?i:{_NUM} (?:other |more )?{_HURT_GROUP}"
    r"(?:,? including [^,.]{1,40},?)? (?:in)?to (?:the |a |local |area |several |two |three )?hospitals?)\b)"
)
# ... or before a verb it does not read: "Three people were killed and four others were hospitalized" (the verb
# found first, the count matched back from it). "Ten victims were treated at Bridgeport Hospital and three at
# St. Vincent's" is a part; "three other people were treated", besides the dead, is not.
HURT_VERB = re.compile(
    r" (?=[wWhH])(?i:were|have been|had been) (?i:also )?(?i:(hospitali[sz]ed)|treated)\b"
)
HURT_COUNT_BEFORE = re.compile(rf"\b{_NUM} ((?:other |more )?{_HURT_GROUP})$", re.IGNORECASE)
# People counted by what they are victims of ("Two other gunshot victims", "Five shooting victims"): numbers.py
# gives the count the first noun ("gunshot"), the people's noun follows.
VICTIMS_AFTER = re.compile(r" victims\b", re.IGNORECASE)
VICTIMS_OF = frozenset({"gunshot", "shooting"})
# Wounds told of a count of people in words WOUNDS_TOLD lacks: "were treated at Erie County Medical Center",
# "arrived at the hospital".
MORE_WOUNDS_TOLD = re.compile(
    r"\b(?:treated at|arrived at (?:the |a |an )?(?:[\w-]+ )?hospital)\b", re.IGNORECASE
)
# Suspects, not victims: numbers.py reads "arrested 2 men in connection with shooting that injured 13" as 2 injured.
SUSPECTS_COUNTED = re.compile(r"\bin connection with\b", re.IGNORECASE)
# One more named by age before a count: "3-year-old and four adults shot".
# not "7-year-old dead, three others wounded"
AGE_ONE_BEFORE = re.compile(
    r"\b\d{1,2}-(?:year|month)-old(?: (?:boy|girl|child|man|woman|teen|toddler|baby))? and $",
    re.IGNORECASE,
)
