"""The words that state or imply casualties in a shooting report, and the ones that unmake a count.

English first: the gva-dev evaluation is English, and the casualty counts themselves are read
in every language by extract/numbers.py; a few words of pt, es, de and fr are here as well.
"""

from __future__ import annotations

import re

# One death told without a number: "was shot and killed", "died at the hospital", "fatal shooting".
DEATH = re.compile(
    r"\b(?:(?:was|is|got) (?:shot and |fatally )?(?:killed|slain|murdered)|"
    r"shot (?:and killed|dead|to death)|(?:he|she|who|victim|man|woman|boy|girl|teen|child|later|and|but) died|"
    r"died (?:at|from|of|after|on|in|early|late|shortly|later)|ha(?:s|ve) died|dies|declared (?:clinically )?dead|fatally (?:shot|wounded|struck)|"
    r"(?<!non-)(?<!non )fatal(?:ly)? shooting|shooting death|deadly shooting|pronounced dead|found dead|"
    r"(?:killing|killed) (?:a|an|his|her|their|one|the)\b|murder-suicide|homicide victim|(?:was|were|is|are) dead|"
    r"(?<!attempted )murder of|charged (?:with|in) (?:the )?(?:first-degree |second-degree )?murder|"
    r"deadly (?:shooting|attack|incident|crossfire|rampage|spree|ambush|encounter|confrontation|standoff)|"
    r"(?:victim|man|woman|boy|girl|teen|teenager|child|person|officer) (?:was )?killed|death of|"
    r"(?:mortally|fatally) wounded|succumbed|"
    r"morreu|foi morto|murió|fue asesinad[oa]|starb|wurde getötet|est mort|a été tué)",
    re.IGNORECASE,
)
# The gunman's suicide as a second act after the count: "killed two ... before killing himself".
THEN_SUICIDE = re.compile(
    r"\b(?:(?:before|then|and then) (?:\w+ ){0,2}(?:turning the gun on|killing|shooting|killed|shot|taking)|"
    r"turn(?:ed|ing) the gun on) (?:himself|herself|his own life|her own life|self)\b|"
    r"\b(?:before|then|and then) (?:he|she) was (?:fatally shot|shot and killed|killed)\b",
    re.IGNORECASE,
)
# Numbers that are not counts of victims: an age written "5 year-old", "father of 3".
NOT_A_COUNT = re.compile(r"^\w+\s?(?:-|\s)y(?:ea)?r?s?\b|^\d+-y\b|^\d+ yo\b|^911\b", re.IGNORECASE)
AGE_AFTER = re.compile(r"[- ](?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)
PARENT_OF = re.compile(r"\b(?:father|mother|dad|mom|parent|grandfather|grandmother) of\s$", re.IGNORECASE)
# Charges count the dead: "three counts of first-degree murder".
MURDER_COUNTS = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) counts of (?:\w+[- ]degree )?murder\b",
    re.IGNORECASE,
)
# Several dead told without a number: "a double homicide", "they were pronounced dead".
SEVERAL = re.compile(
    r"\b(?:(double|triple|quadruple)[- ](?:murder|homicide|killing|slaying)s?|"
    r"(?:they|both|bodies) (?:were|had been) (?:found |later |pronounced )*(?:dead|killed)|"
    r"(?:bodies|both) (?:were )?found|both (?:died|killed|were killed)|"
    r"were (?:both |all )?(?:found )?(?:shot (?:and killed|dead|to death)|fatally shot|killed|slain|"
    r"found dead|pronounced dead))\b",
    re.IGNORECASE,
)
MULTI_SHOOTING = re.compile(r"\b(double|triple|quadruple)[- ]shooting\b", re.IGNORECASE)
MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}
SMALL = {"two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7, "eight": 8, "nine": 9, "ten": 10}
# The shooter's own death, which casualty tallies count too: "before turning the gun on himself".
SUICIDE = re.compile(
    r"\b(?:murder-suicide|turn(?:ed|ing) the gun on (?:himself|herself)|"
    r"(?:then |before |and )(?:fatally )?sho(?:t|oting) (?:himself|herself)(?! in the)|killed (?:himself|herself)|"
    r"took (?:his|her) own life|kill(?:s|ed|ing) (?:himself|herself))\b",
    re.IGNORECASE,
)
# One injured told without a number: "was wounded", "in critical condition", "hospitalized".
INJURY = re.compile(
    r"\b(?:(?<!mortally )(?<!fatally )wound(?:ed|ing)|injured|injuring|injuries|injury|hospitali[sz]ed|coma|intensive care|non-life|critical condition|stable condition|"
    r"serious condition|fair condition|good condition|graze[sd]?|survived(?! by)|recovering|expected to survive|"
    r"ferid[oa]s?|herid[oa]s?|verletzt\w*|bless[ée]e?s?)\b",
    re.IGNORECASE,
)
# Several wounded told without a number: "a man and a woman were wounded", "both were hospitalized".
SEVERAL_HURT = re.compile(
    r"\b(?:were|are) (?:both |all )?(?:\w+ )?(?:wounded|injured|hospitali[sz]ed|hurt)\b|\bboth (?:victims|men|women)\b",
    re.IGNORECASE,
)
# Sentences that are page furniture (photo captions, video carousels: "VPC 3 of 10 ... | 01:14")
# or tallies over a period, not this event ("126 people had been murdered this year").
FURNITURE = re.compile(
    r"\bcaption\b|\|\s*\d{1,2}:\d{2}\b|^\s*\d{1,2}:\d{2}\s|\b\d+ of \d+\b|\b(?:this|last) year\b|\bso far\b|"
    r"\blast month\b|\ba (?:month|year) ago\b",
    re.IGNORECASE,
)
NEGATED = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# A day of the month read as a count: "shot ... March 18 died".
MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s$", re.IGNORECASE
)
# Another count inside the words of a count: "a shooting that left four people dead" is four, not one.
INNER_NUMBER = re.compile(r"^an? .*\s(?:\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)\b", re.IGNORECASE)
# Someone shot and, with no death reported, wounded: "11-year-old shot on Mellowood Drive".
SHOT = re.compile(
    r"\b(?:(?:was|were|been|being|got) shot|shot (?:in|on|at|while|during|by|near|after|outside|inside|"
    r"multiple|twice|once|him|her)|gunshot wounds?|treated and released|shoots, (?:injures|wounds)|"
    r"(?:struck|hit) by (?:a )?(?:stray )?bullet|shot (?:himself|herself)|hospital|hurts?)\b",
    re.IGNORECASE,
)
# A victim in a condition sentence who died later is not an injured one ("critical condition, where she died").
DIED_LATER = re.compile(r"\b(?:died|dies|passed away|pronounced|succumbed)\b", re.IGNORECASE)
# "3 people shot to death": the shot are the dead.
SHOT_DEAD = re.compile(r"\s(?:to death|dead|and killed|fatally)\b", re.IGNORECASE)
# A second victim joined to a count of one: "a missing child and her grandfather have been found dead".
AND_ANOTHER = re.compile(
    r"\band (?:an? |her |his |their |the |\w+'s )?(?:\w+ )?(?:man|woman|boy|girl|child|baby|teen|teenager|"
    r"mother|father|son|daughter|brother|sister|grandfather|grandmother|wife|husband|girlfriend|boyfriend|"
    r"friend|cousin|uncle|aunt|nephew|niece)\b",
    re.IGNORECASE,
)
# One more victim named before or after a count: "Father, two daughters shot to death",
# "he and his 2 kids were found dead", "2 bailiffs, shooter dead".
ONE_BEFORE = re.compile(
    r"(?:\b(?:he|him|she|her) and (?:his|her) |\b(?:father|mother|dad|mom|man|woman|grandfather|grandmother|"
    r"boy|girl|baby|child|toddler|teen|shooter|gunman|suspect), )$",
    re.IGNORECASE,
)
ONE_AFTER = re.compile(r", (?:the )?(?:shooter|gunman|suspect)\b", re.IGNORECASE)
