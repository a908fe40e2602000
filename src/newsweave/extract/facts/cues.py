"""The words that state or imply casualties in an English shooting report, and the ones that unmake a count.

These are the gun-violence rules of the English pack: casualties.py reads killed and injured in
English with them (the gva-dev evaluation is English). Every other language, and the other roles
in English, are read by roles.py from the language packs in extract/data/lang/.
"""

from __future__ import annotations

import re

# One death told without a number: "was shot and killed", "died at the hospital", "fatal shooting".
DEATH = re.compile(
    r"\b(?:(?:was|is|got) (?:shot and |fatally )?(?:killed|slain|murdered)|"
    r"shot (?:and killed|dead|to death)|(?:he|she|who|victim|man|woman|boy|girl|teen|child|later|and|but) died|"
    r"left (?:an? |the |one )?(?:[\w-]+ )?(?:teen|man|woman|boy|girl|child|person|toddler) dead|"
    r"died (?:at|from|of|after|on|in|early|late|shortly|later)|ha(?:s|ve) died|dies|declared (?:clinically )?dead|fatally (?:shot|wounded|struck)|"
    r"(?<!non-)(?<!non )fatal(?:ly)? shooting|shooting death|deadly shooting|pronounced dead|found dead|"
    r"(?:killing|killed) (?:a|an|his|her|their|one|the)\b|murder-suicide|homicide victim|(?:was|were|is|are) dead|"
    r"(?<!attempted )murder of|charged (?:with|in) (?:the )?(?:first-degree |second-degree )?murder|"
    r"deadly (?:shooting|attack|incident|crossfire|rampage|spree|ambush|encounter|confrontation|standoff)|"
    r"(?:victim|man|woman|boy|girl|teen|teenager|child|person|officer) (?:was )?killed|death of|"
    r"(?:mortally|fatally) wounded|succumbed|(?:unable|not able) to save|could not be saved|"
    r"claimed the li(?:fe|ves) of|brain dead|(?:a|the) body (?:was )?found|"
    r"\d+-(?:year|month)-old(?: \w+)? (?:is |was )?(?:killed|dead)|had died|shot, killed|\w's death\b|"
    r"kills\b(?! (?:time|it|himself|herself|self|themselves)\b)|"
    r"murdered (?:\w+ ){0,3}?(?:teen|teenager|man|woman|boy|girl|child|son|daughter|victim)\b|"
    r"(?:suspect|gunman|shooter),? (?:is |was )?(?:dead|killed))",
    re.IGNORECASE,
)
# The gunman's suicide as a second act after the count: "killed two ... before killing himself".
THEN_SUICIDE = re.compile(
    r"\b(?:(?:before|then|and then) (?:\w+ ){0,2}(?:turning the gun on|killing|shooting|killed|shot|taking)|"
    r"turn(?:ed|ing) the gun on) (?:himself|herself|his own life|her own life|self)\b|"
    r"\b(?:before|then|and then) (?:he|she)(?: was| is|'s|’s) (?:fatally shot|shot and killed|killed|shot dead)\b|"
    r"\bcommit(?:s|ted|ting)? suicide\b|"
    r"\bturn(?:s|ed|ing)? (?:the )?gun on\b|(?:,| and) (?:then )?(?:himself|herself)\b",
    re.IGNORECASE,
)
# Numbers that are not counts of victims: an age written "5 year-old", "father of 3", ".223 caliber".
NOT_A_COUNT = re.compile(
    r"^\w+\s?(?:-|\s)y(?:ea)?r?s?\b|^\d+-y\b|^\d+ yo\b|^911\b|"
    r"^\w+ (?:caliber|calibre|mm|gauge|rounds?|shots|times|bullets|casings|shootings|incidents)\b",  # not people
    re.IGNORECASE,
)
AGE_AFTER = re.compile(r"[- ](?:year|month|week|day)s?[- ]old\b", re.IGNORECASE)
# The last age of a list read as a count: "five men between the ages of 21 and 58 were shot".
AGES_BEFORE = re.compile(r"\bages?,? (?:of )?(?:\d{1,2},? )+(?:and|to|-) $", re.IGNORECASE)
# "a shooting that left multiple people wounded": no count, not one.
UNCOUNTED = re.compile(
    r"\b(?:multiple|several|numerous) (?:people|persons|victims|others)\b", re.IGNORECASE
)
# "holding the wounded girl": in a report of one death, the one who died.
THE_WOUNDED = re.compile(
    r"the wounded (?:[\w-]+ )?(?:girl|boy|child|man|woman|victim|teen|teenager|toddler|baby)\b",
    re.IGNORECASE,
)
# A broadcaster's number read as a count: "told FOX 4 that McBride was shot", "Channel 9".
STATION_BEFORE = re.compile(r"\b(?:channel|fox|news|abc|cbs|nbc)\s$", re.IGNORECASE)
# One named within a larger group is not the count: "Four people, including a 13-year-old girl, were injured".
INCLUDING_BEFORE = re.compile(r"\bincluding\s$", re.IGNORECASE)
PARENT_OF = re.compile(
    r"\b(?:father|mother|dad|mom|parent|grandfather|grandmother) of\s$", re.IGNORECASE
)
# Charges and bodies count the dead: "three counts of first-degree murder", "located two bodies".
MURDER_COUNTS = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:counts of (?:\w+[- ]degree )?murder|bodies)\b",
    re.IGNORECASE,
)
# Two victims named together without a number: "Woman, 3-year-old", "suspect and bystander".
_VICTIM = (
    r"(?:(?:an?|the|his|her|their) )?(?:[\w-]+ )?(?:man|woman|boy|girl|child|baby|teen|teenager|toddler|"
    r"mother|father|mom|dad|son|daughter|brother|sister|wife|husband|suspect|gunman|bystander|officer|"
    r"\d{1,2}-year-old)"
)
_TWO_VICTIMS = rf"\b{_VICTIM}(?:,| and) {_VICTIM}"
# Several dead told without a number: "a double homicide", "they were pronounced dead".
SEVERAL = re.compile(
    r"\b(?:(double|triple|quadruple)[- ](?:murder|homicide|killing|slaying)s?|"
    r"(?:they|both|bodies) (?:were|had been) (?:found |later |pronounced )*(?:dead|killed)|"
    r"(?:bodies|both) (?:were )?found|both (?:died|killed|were killed)|"
    r"were (?:both |all )?(?:found )?(?:shot (?:and killed|dead|to death)|fatally shot|killed|slain|"
    r"found dead|pronounced dead|dead))\b|"
    r"\b(?:kill(?:s|ed|ing)|murder(?:s|ed|ing)|fatally shot|shot and killed|slaying of|deaths of) "
    + _TWO_VICTIMS
    + r"\b(?! (?:and|or)\b)",
    re.IGNORECASE,
)
# "Woman, 3-year-old dead": two victims before a death word (looked for back from the word,
# since a pattern that opens with optional words is slow to search a whole text).
DEAD_WORD = re.compile(r"\b(?:dead|killed|slain)\b", re.IGNORECASE)
TWO_BEFORE_DEAD = re.compile(_TWO_VICTIMS + r",? (?:(?:are|were|both|found|now) )*$", re.IGNORECASE)
# "Officer, suspect wounded", "a girl and her mother were shot": two hurt without a number (looked for back
# from the wound word, as TWO_BEFORE_DEAD); not "shot dead" nor "shot and killed".
HURT_WORD = re.compile(
    r"\b(?:wounded|injured|shot|hurt)\b(?! (?:dead|to death|and killed|fatally)\b)", re.IGNORECASE
)
TWO_BEFORE_HURT = re.compile(
    _TWO_VICTIMS + r",? (?:(?:are|were|both|have been|had been|being|also) )*$", re.IGNORECASE
)
# "striking both him and their son", "Both the suspect and the child were taken to a hospital".
# (a name keeps its capital letter: without it any word would pass for one)
_ONE_OF_BOTH = (
    rf"(?:{_VICTIM}|(?:the |an? )?(?:[\w-]+ )?victim|him|himself|her|herself|(?-i:[A-Z][a-z]+))"
)
BOTH_HURT = re.compile(
    rf"\b(?:(?:striking|hitting|wounding|injuring|sen(?:t|ding)) both {_ONE_OF_BOTH} and {_ONE_OF_BOTH}|"
    rf"both {_ONE_OF_BOTH} and {_ONE_OF_BOTH}(?=[^.]{{0,60}}\b(?:hospitals?|injur\w*|wound\w*|condition|treated|"
    r"transported))\b)",
    re.IGNORECASE,
)
MULTI_SHOOTING = re.compile(r"\b(double|triple|quadruple)[- ]shooting\b", re.IGNORECASE)
MULTIPLE = {"double": 2, "triple": 3, "quadruple": 4}
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


# The shooter's own death, which casualty tallies count too: "before turning the gun on himself".
SUICIDE = re.compile(
    r"\b(?:murder-suicide|turn(?:ed|ing) the gun on (?:himself|herself)|"
    r"(?:then |before |and )(?:fatally )?sho(?:t|oting) (?:himself|herself)(?! in the)|killed (?:himself|herself)|"
    r"took (?:his|her) own life|kill(?:s|ed|ing) (?:himself|herself))\b",
    re.IGNORECASE,
)
# One injured told without a number: "was wounded", "in critical condition", "hospitalized".
INJURY = re.compile(
    r"\b(?<!mortally )(?<!fatally )(?<!fatal )(?:wound(?:ed|ing)|injured|injuring|injuries|injury|hospitali[sz]ed|coma|"
    r"intensive care|non[- ]life|not life[- ]threatening|critical condition|stable condition|"
    r"serious condition|fair condition|good condition|graze[sd]?|survived(?! by)|recovering|"
    r"expected to (?:survive|recover)|also (?:been )?(?:shot|hit|struck)(?! (?:and killed|dead|to death|and died))|"
    r"another (?:[\w-]+,? ){1,4}?(?:was|were) "
    r"(?:shot|wounded|hit|struck|grazed|(?:rushed|taken|transported|flown) to)\b"
    r"(?! (?:and killed|dead|to death|fatally)))\b",
    re.IGNORECASE,
)
# Wounded told as "several" ("one man died and several others were wounded"): at least three,
# the least the word means, where a pair of wounded ("both were hurt", SEVERAL_HURT) reads two.
SEVERAL_OTHERS = re.compile(
    r"\b(?:several|multiple|numerous|a number of)(?: other)?(?: others| people| persons| victims)?,? "
    r"(?:(?:were|are|have been|had been|was) )?(?:\w+ )?(?:injured|wounded|hurt)\b",
    re.IGNORECASE,
)
SEVERAL_WORDS = (
    "several",
    "Several",
    "SEVERAL",
    "multiple",
    "Multiple",
    "MULTIPLE",
    "numerous",
    "Numerous",
    "NUMEROUS",
    "number of",
    "Number of",
    "NUMBER OF",
)
# Several wounded told without a number: "a man and a woman were wounded", "both were hospitalized".
_PERSON = r"(?:man|woman|boy|girl|child|teen|teenager|toddler|infant|baby|officer|deputy)"
SEVERAL_HURT = re.compile(
    rf"\b(?:injur\w*|wound\w*|hurt|shot)\b[^.]{{0,40}}?\ban? (?:[\w-]+ ){{0,2}}?{_PERSON}\b,? "
    rf"and an? (?:[\w-]+ ){{0,2}}?{_PERSON}\b|"
    r"\b(?:were|are) (?:both |all )?(?:\w+ )?(?:wounded|injured|hospitali[sz]ed|hurt)\b|\bboth victims\b|"
    r"\bboth (?:men|women)\b"  # the wounded, not the two who fought
    r"(?=[^.]{0,60}\b(?:hospitals?|wounded|injured|hurt|condition|treated|survived|recovering|"
    r"shot (?:in|multiple|several|once|twice))\b)|"
    r"\bboth (?:(?:are|were) )?(?:expected to (?:survive|recover)|in \w+ condition|recovering|hospitali[sz]ed)\b|"
    r"\b(?:are|were) both (?:taken|rushed|transported|listed|in)\b(?![^.]{0,40}\b(?:jail|custody|prison)\b)|"
    rf"\b(?:injur(?:ed|ing)|wound(?:ed|ing)|hurt(?:ing)?) (?:{_VICTIM}|himself|herself)(?:,| and) {_VICTIM}\b",
    re.IGNORECASE,
)
# Sentences that are page furniture (photo captions, video carousels: "VPC 3 of 10 ... | 01:14")
# or tallies over a period, not this event ("126 people had been murdered this year").
FURNITURE = re.compile(
    r"\bcaption\b|\|\s*\d{1,2}:\d{2}\b|^\s*\d{1,2}:\d{2}\s|\b\d+ of \d+\b|\b(?:this|last) year\b|\bso far\b|"
    r"\blast month\b|\ba (?:month|year) ago\b|\bseparate (?:shootings|incidents)\b|"
    r"\bweekend (?:of )?(?:violence|shootings)\b|"
    r"\bin (?:weekend|overnight|separate|several|citywide) (?:shootings|violence)\b|"
    r"\bacross the (?:city|county|state)\b|\bshootings across\b|\bin attacks\b|\bseries of (?:[\w-]+ )?shootings\b|"
    r"\bspate of\b|\bin gun violence\b|\bover the (?:[\w-]+ ){0,2}(?:weekend|holiday)\b|\b(?:such|those) shootings\b|"
    r"\bin (?:\w+ )(?:separate )?(?:shooting )?incidents\b|"
    r"\bviolent (?:weekend|night)\b|\b(?:in|across) the city since\b|\bcitywide\b|"
    r"\b(?:two|three|four|five|six|several|few|\d+) (?:weeks|months|years) ago\b",
    re.IGNORECASE,
)
# "No one else was hurt" says nothing of how many were: the victims are counted elsewhere.
OTHERS_SPARED = re.compile(r"\b(?:else|other|others|further|more)\b", re.IGNORECASE)
# ... nor does "No officers were injured": one group spared, the victims counted elsewhere.
GROUP_SPARED = re.compile(
    r"\b(?:officers?|deput(?:y|ies)|troopers?|agents?|bystanders?|students?|employees?|customers?|children|kids|"
    r"residents|passengers?|patrons|staff)\b",
    re.IGNORECASE,
)
# "Another man and a baby were also injured": besides the dead.
ALSO = re.compile(r"\b(?:another|also)\b", re.IGNORECASE)
NEGATED = re.compile(r"\b(?:not|never)\b|n't\b", re.IGNORECASE)
YEAR = re.compile(r"\b(?:19|20)\d{2}\b")
# "Three charged in 2014 shooting", "the June 2013 shooting": the event reported on (not "a 2014 shooting").
YEAR_OF_EVENT = re.compile(
    r"\b(?:the|in) (?:[a-z]+\.? )?(?:19|20)\d{2} (?:[\w-]+ ){0,3}?(?:shooting|killing|murder|slaying|homicide)s?\b",
    re.IGNORECASE,
)
# A day of the month read as a count: "shot ... March 18 died".
MONTH_BEFORE = re.compile(
    r"\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.?\s$", re.IGNORECASE
)
# Another count inside the words of a count: "a shooting that left four people dead" is four, not one.
INNER_NUMBER = re.compile(
    r"^an? .*\s(\d+|two|three|four|five|six|seven|eight|nine|ten|dozen)\b", re.IGNORECASE
)
# A victim counted by its rank: "the second victim" means at least two were shot.
RANKED_VICTIM = re.compile(r"\b(?:the|a) (second|third|fourth|fifth) victim\b", re.IGNORECASE)
RANKS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
# Someone shot and, with no death reported, wounded: "11-year-old shot on Mellowood Drive".
SHOT = re.compile(
    r"\b(?:(?:was|were|been|being|got) shot|shot (?:in|on|at|while|during|by|near|after|outside|inside|"
    r"multiple|twice|once|him|her)|gunshot wounds?|treated and released|shoots, (?:injures|wounds)|"
    r"shoots (?:himself|herself|self|(?:his|her|a|an|the) [\w-]+|(?:son|daughter|friend|brother|sister|wife|"
    r"husband|girlfriend|boyfriend|father|mother|cousin|neighbor|man|woman|boy|girl|teen|child)\b)|"
    r"(?:struck|hit) by (?:a )?(?:stray )?(?:bullet|gunfire)|shot (?:himself|herself)|hospitali[sz]es|hospital|"
    r"hurts?)\b",
    re.IGNORECASE,
)
# A wound seldom fatal: in a report of a death, told of someone who lived ("her brother was shot in the leg").
LIMB_WOUND = re.compile(
    r"\b(?:shot|hit|struck|wounded|grazed) (?:once |twice )?in (?:the|his|her|their) (?:left |right |upper |lower )?"
    r"(?:legs?|arms?|foot|feet|hands?|ankles?|knees?|thighs?|shoulders?|buttocks?|hips?|wrists?|fingers?|calf)\b",
    re.IGNORECASE,
)
# The victim already told of, as the subject of the wound: in a report of one death, the dead
# ("The child was shot in the arm").
VICTIM_BEFORE_WOUND = re.compile(
    r"\b(?:he|she|the (?:[\w-]+ )?(?:victim|child|boy|girl|man|woman|teen|teenager|toddler|baby|infant))"
    r"\s+(?:was|had been)\s+$",
    re.IGNORECASE,
)
# Another incident told in the same report: "In the other incident, ...", "in which ... was murdered".
OTHER_INCIDENT = re.compile(
    r"\b(?:the other|another|an earlier|a previous|a separate) (?:incident|shooting)\b|"
    r"\bin which\b",
    re.IGNORECASE,
)
# A victim in a condition sentence who died later is not an injured one ("critical condition, where she died").
DIED_LATER = re.compile(r"\b(?:died|dies|passed away|pronounced|succumbed)\b", re.IGNORECASE)
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
_GROUP = (
    r"(?:(?:police |other |more )?(?:people|persons|individuals|men|women|children|teens|teenagers|victims|"
    r"others|adults|boys|girls|officers|deputies|civilians|agents|bystanders))"
)  # "shot two police officers"
SHOT_AFTER_VERB = re.compile(
    rf"\b(?:shooting|shot|hitting|hit|striking|struck|wounding) (?:at least )?{_NUM} {_GROUP}"
    rf"(?: and {_NUM} {_GROUP})?\b",
    re.IGNORECASE,
)
# Words that tell of a victim alive after the shooting: in a report of a death, another one than the dead.
SURVIVING = re.compile(
    r"\b(?:recovering|expected to (?:survive|recover|be (?:ok|okay|fine|all right))|(?:stable|good|fair) condition|"
    r"remains?|remained|(?:treated and )?released|non[- ]life)\b",
    re.IGNORECASE,
)
# A sentence about someone named: "Romero-Sanchez was taken to the hospital in critical condition", "Karma's still ...";
# not one named by rank ("Officer Braun was injured": in a report of a death, usually someone else).
NAMED_SUBJECT = re.compile(
    r"\s*(?:(?:police|officials|authorities|investigators|deputies) (?:say|said) (?:that )?)?"
    r"(?!(?:officer|deputy|sgt|sergeant|trooper|agent|detective|lt|capt|cpl|corporal|chief)\b)"
    r"(?:(?-i:[A-Z][a-z]+) )?(?-i:([A-Z][a-z]+(?:-[A-Z][a-z]+)?))(?:,? \d{1,2},)?(?:'s|’s)? "
    r"(?:was|is|had|has|remains|remained|still|suffered|died|underwent)\b",
    re.IGNORECASE,
)
# A clause with its own subject, after a death told in the sentence: ", a 16-year-old was flown to the hospital".
CLAUSE_SUBJECT = re.compile(
    r"(?:,|;| and| while| but) (?:an?|the|his|her|their|another|one) (?:[\w-]+ ){0,3}?"
    r"(?:was|were|is|are|had|has|remains?)\b",
    re.IGNORECASE,
)
# A clause about someone else: "... in critical condition and a six-year-old passenger has died".
NEW_SUBJECT = re.compile(
    r"\b(?:and|while|but) (?:an?|the|his|her|their|another|one) ", re.IGNORECASE
)
# "Officer Braun was injured": a wound told of a named subject, in a report of a death.
WAS_BEFORE = re.compile(r"\b(?:was|were) (?:also )?(?:\w+ly )?$", re.IGNORECASE)
# An injury told of someone besides the dead: "another man was wounded", "left one dead and one injured".
ALIVE_OTHER = re.compile(
    r"\b(?:another|second|other|others|also|(?:dead|killed|died),? and)\b", re.IGNORECASE
)
NOBODY_ELSE = re.compile(r"\bno(?: one|body|ne| other)?\b", re.IGNORECASE)
# "3 people shot to death": the shot are the dead.
SHOT_DEAD = re.compile(r"\s(?:to death|dead|and killed|fatally)\b", re.IGNORECASE)
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
# A zero that holds only for some: "no one on the bus was injured", "Nobody was seriously injured" (the victim
# was shot elsewhere, or not seriously), not "No one was injured".
QUALIFIED_ZERO = re.compile(
    r"^(?:no one|nobody|none)\b(?! (?:else )?(?:was|were|is|has been|had been|got)\b)|"
    r"\b(?:was|were|been) (?:seriously|critically|badly|gravely|physically)\b|"
    r"\bin (?:the|this|that|a) (?:crash|collision|blast|fire|explosion|fight|wreck)\b",
    re.IGNORECASE,
)
# Words that deny the injury told right after them: "was not injured", "no one else was hurt".
DENIED_BEFORE = re.compile(
    r"(?:\b(?:not|never|no one|nobody|none|no other|without|no|escaped)\b|n't)(?:\s+[\w-]+){0,3}?\s+$",
    re.IGNORECASE,
)
# A sentence about the victim already named: in a report of one death, that is the dead one.
THE_VICTIM_SUBJECT = re.compile(
    r"\s*(?:(?:an? |the )?(?:[\w-]+ ){0,4}?(?:police|officials|authorities|investigators|deputies|officers|"
    r"spokes(?:man|woman|person)) (?:say|says|said) (?:that )?)?"
    r"(?:he|she|the (?:[\w-]+ )?(?:victim|man|woman|boy|girl|child|teen|teenager|toddler|baby|infant))\b",
    re.IGNORECASE,
)
# "a shooting which killed a 3-year-old girl and injured three": "a ... girl" is the object of
# the verb before, and the verb after counts others; read as one injured it hides the three.
OBJECT_THEN_VERB = re.compile(
    r"an? [^.;]*\band (?:\w+ly )?(?:injured|wounded|injuring|wounding|hurt|hurting)$", re.IGNORECASE
)
# "a double murder-suicide": the killer dies too.
AND_SUICIDE = re.compile(r"[- ]suicides?\b", re.IGNORECASE)
# A shooting told as an accident: a child who shot himself is the one death, not a second one.
ACCIDENT = re.compile(r"\baccident(?:al|ally)?\b", re.IGNORECASE)
# "a man killed his girlfriend": a count of one followed by what it killed counts the killer.
KILLED_OBJECT = re.compile(
    r"\s+(?:his|her|their|a|an|the|two|three|four|five|six|\d+|one|both|several|another|[\w-]+-year-old)\b",
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
# "killing a 6-year-old boy and critically injuring his father": the verb has its own object.
INJURED_OTHER = re.compile(
    r" (?:his|her|their|a|an|one|another|two|three|the other|[\w-]+['’]s)\b", re.IGNORECASE
)
# Two wounded told in two clauses of a sentence: "a woman was shot in the back and a 5-year-old boy was
# shot in the arm", or together: "A man and a police officer suffered minor injuries".
_HIT = r"(?:was|were) (?:also )?(?:shot|wounded|grazed|hit|struck|injured)\b(?! (?:and killed|dead|to death|fatally))"
WOUND_VERB = re.compile(
    r"\b(?:was|were) (?:also )?(?:shot|wounded|grazed|hit|struck|injured)\b|"
    r"\b(?:suffered|sustained|received)\b"
)  # where TWO_WOUNDED may be: it is slow to search
TWO_WOUNDED = re.compile(
    rf"(?:\b(?i:{_VICTIM})|\b[A-Z][a-z]+ [A-Z][a-z]+) {_HIT}[^.;]{{0,60}}?(?:,|;| and)+ (?:and )?(?i:{_VICTIM}) {_HIT}|"
    rf"(?i:{_TWO_VICTIMS}) (?:both )?(?:suffered|sustained|received) (?:\w+ )?(?:injuries|wounds)",  # names keep case
)

# --- Seventh round (over-counts: more injured read than the article's one event had) ---
# A count over several shootings or a span of time is a roundup, not this event's tally: "1 dead, 6 wounded
# in South Side shootings", "6 Hurt in 2 Downtown Minneapolis Shootings", "two other shootings left three
# people injured", "7 adults, one child shot in five hours", "10 people shot in Buffalo over seven days".
_FEW = r"(?:\d{1,2}|two|three|four|five|six|seven|eight|nine|ten|several|multiple|a pair of|a string of|a rash of)"
_NOT_OF_SHOOTINGS = (
    r"(?:in|at|of|on|from|after|wounded|hurt|injured|killed|dead|shot|arrested|charged|people)\b"
)
ROUNDUP = re.compile(
    # not "3 wounded in Stockton shootings" nor "3 arrested in fatal shootings": the words between are the shootings'
    rf"\b{_FEW} (?:(?!{_NOT_OF_SHOOTINGS})[\w-]+ ){{0,3}}?(?:shootings|shooting incidents)\b|"
    r"\bother (?:[\w-]+ )?(?:shootings|attacks|cases)\b|\bin separate (?:attacks|shootings|incidents)\b|"
    r"\bshootings from (?:early )?\w+day\b|"
    # a day's tally: "4 killed, 11 wounded in city shootings Tuesday", "injured in Baltimore shootings Sunday"
    r"\bin city shootings\b|\bin (?:[\w.'-]+ ){0,2}?shootings (?:on )?(?:mon|tues|wednes|thurs|fri|satur|sun)day\b|"
    rf"\b(?:in|within|over|during) (?:the |a )?(?:span of |past |last )?(?:less than |more than |just |about )?"
    rf"(?:\d{{1,3}}|two|three|four|five|six|seven|eight|nine|ten|several|a few)[- ](?:hours|days|weeks|months)\b|"
    r"\bviolent (?:[\w-]+ ){0,2}?(?:span|hours|stretch)\b|"
    r"\bsince (?:(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d|\d{1,2}(?::\d\d)? ?[ap]\.?m\b)",
    re.IGNORECASE,
)
# A word each ROUNDUP needs (in lowercase): looking for them first halves the cost of the search.
ROUNDUP_WORDS = (
    "shooting",
    "attacks",
    "cases",
    "incidents",
    "hours",
    "days",
    "weeks",
    "months",
    "since",
    "span",
    "stretch",
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
# Harm of another kind told on the page (news briefs): "a DUI crash that sent an officer to the hospital",
# "remains in critical condition after being rescued from the bottom of a pool".
# "Eight students were injured in a fight at ... Middle School". Only in a sentence with no word of gunfire
# ("a shooting and crash", "a pool hall" are the shooting's).
NOT_GUNFIRE = re.compile(
    r"\b(?:crash|collision|wreck|pool(?! hall)|drown\w*|frostbite|overdose|stabb\w*|"
    r"fire (?:broke|engulfed)|(?:in|during) a (?:fight|brawl))\b",
    re.IGNORECASE,
)
GUNFIRE = re.compile(
    r"\b(?:shoot\w*|shot|guns?|gunfire|gunshots?|gunman|bullets?)\b", re.IGNORECASE
)
# A statistic or a question, not a count: "Five adults were accidentally wounded or killed by children with guns",
# "asked if anyone had been killed or wounded".
EITHER_OR = re.compile(
    r"\b(?:killed|wounded|injured|hurt|shot) or (?:killed|wounded|injured|hurt|shot)\b|"
    r"\bif (?:anyone|anybody)\b",
    re.IGNORECASE,
)
# A count corrected in the same sentence: "Police had originally said that seven people were shot, but amended".
CORRECTED = re.compile(
    r"\b(?:originally|initially|first) (?:said|reported)\b[^.]*\b(?:amended|revised|corrected|lowered)\b",
    re.IGNORECASE,
)
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
# The first call about the victim, not a count of the wounded: "deputies responded to a call of a child injured",
# "police scanner reports there was at least one person injured" (in a death report, that is the one who died).
FIRST_CALL = re.compile(
    r"\b(?:dispatch\w*|scanner|(?:a|the) (?:\d{3} )?call (?:of|about|for|reporting))\b",
    re.IGNORECASE,
)
# One death told in words DEATH does not know: "pronounced clinically dead", "later pronounced deceased", "THE CHILD
# HAS PASSED AWAY", "death ruled homicide", "one charge of negligent homicide" (else the victim's wound is read as a
# survivor's).
DEATH_MORE = re.compile(
    r"\b(?:pronounced (?:clinically )?(?:dead|deceased)|(?:has|had|have) passed away|"
    r"death (?:was |has been )?ruled (?:a )?homicide|fatal gunshot wound|"
    r"(?:charged with|charges? of|counts? of) (?:(?:negligent|criminal|reckless|first-degree|second-degree) )?"
    r"homicide)\b",
    re.IGNORECASE,
)
# One of these is in every match of DEATH_MORE: looking for them first spares most texts the search.
DEATH_MORE_WORDS = ("pronounced", "passed away", "homicide", "fatal gunshot")
# --- Seventh round: wounded read too few (ours < gold) ------------------------------------------------
# Patterns searched over a whole text open with a plain space and a look-ahead at their first letters,
# not with a word boundary: Python's re then skips to the candidates and searches a few times faster.

# A street number is no year: "in the 1900 block of Prospect", "at 2011 Main Street" would date the
# sentence to an earlier year and pass its count over.
ADDRESS_NUMBER = re.compile(
    r"\b(?:19|20)\d{2} (?:block|(?:[NSEW]\.? |North |South |East |West )?(?:[A-Z][a-z]+ )+"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Drive|Dr|Blvd|Boulevard|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|"
    r"Highway|Hwy)\b)"
)
# Victims named in a list without a number: "shot his ex-wife, her friend, a local sheriff and a deputy",
# "Shoots Girlfriend And Her Son", "the baby's mother, grandmother and a family friend were critically wounded".
# One listed victim is a person word with its article or owner, "himself", or "his two daughters" (two).
_LISTED = (
    r"(?:(?:an?|the|his|her|their|[\w-]+['’]s) )?(?:(?:two|three|four|\d) )?(?:[\w-]+ )?"
    r"(?:man|woman|boy|girl|child|baby|infant|teen|teenager|toddler|mother|father|mom|dad|son|daughter|"
    r"brother|sister|wife|husband|ex-wife|ex-husband|girlfriend|boyfriend|ex-girlfriend|ex-boyfriend|"
    r"friend|cousin|uncle|aunt|nephew|niece|grandmother|grandfather|grandson|granddaughter|stepfather|"
    r"stepmother|stepson|stepdaughter|fiancee?|neighbor|bystander|passenger|driver|officer|deputy|"
    r"sheriff|trooper|agent|clerk|guard|(?:sons|daughters|children|kids|brothers|sisters|officers|deputies))"
    r"|himself|herself"
)
_LISTED_ONE = rf"\b(?:{_LISTED})\b"
_NOT_HIT = r"(?! (?:and killed|dead|to death|fatally)\b)"
# The listed were shot (group 1: the dead among them), or wounded (besides the dead): "injuring a girl and a man".
# The verb is found first and the list matched after it (A_LIST).
LIST_VERB = re.compile(
    r" (?=[sShHwWiI])(?:(?i:(shot|shoots|shooting|hitting|striking))|"
    r"(?i:wounding|injuring|wounded|injured|injures|wounds)) "
)
A_LIST = re.compile(
    rf"((?:{_LISTED_ONE})(?:, (?:{_LISTED_ONE}))*,? (?:and|&) (?:{_LISTED_ONE})){_NOT_HIT}",
    re.IGNORECASE,
)
# "... were critically wounded": the verb found first, the list matched back from it (LISTED_BEFORE) when it
# opens a sentence or a clause.
PLURAL_HURT = re.compile(
    r" (?=[wWaAhH])(?i:were|are|have been|had been)(?: \w+ly)? (?i:(shot|wounded|injured|hurt))\b"
    + _NOT_HIT
)
LISTED_BEFORE = re.compile(
    rf"(?:^|[^\w ]|\b(?:and|while|but|when|after) )\s*((?:{_LISTED_ONE})(?:, (?:{_LISTED_ONE}))*,? and "
    rf"(?:{_LISTED_ONE})),?(?: (?:all|both|also))?$",
    re.IGNORECASE,
)
LIST_SPLIT = re.compile(r",\s*(?:and\s+|&\s+)?|\s+(?:and|&)\s+", re.IGNORECASE)
LISTED_NUMBER = re.compile(r"^(?:\w+ )?(two|three|four|\d) ", re.IGNORECASE)
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
AGE_ONE_BEFORE = re.compile(
    r"\b\d{1,2}-(?:year|month)-old(?: (?:boy|girl|child|man|woman|teen|toddler|baby))? and $",
    re.IGNORECASE,
)  # not "7-year-old dead, three others wounded"
