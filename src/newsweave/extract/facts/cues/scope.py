"""Whether a sentence tells of this event and of whom: page furniture, earlier years, roundups
of several shootings, harm other than gunfire, denials, and the subject a wound is told of."""

from __future__ import annotations

import re

# "holding the wounded girl": in a report of one death, the one who died.
THE_WOUNDED = re.compile(
    r"the wounded (?:[\w-]+ )?(?:girl|boy|child|man|woman|victim|teen|teenager|toddler|baby)\b",
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
# "killing a 6-year-old boy and critically injuring his father": the verb has its own object.
INJURED_OTHER = re.compile(
    r" (?:his|her|their|a|an|one|another|two|three|the other|[\w-]+['’]s)\b", re.IGNORECASE
)
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
# The first call about the victim, not a count of the wounded: "deputies responded to a call of a child injured",
# "police scanner reports there was at least one person injured" (in a death report, that is the one who died).
FIRST_CALL = re.compile(
    r"\b(?:dispatch\w*|scanner|(?:a|the) (?:\d{3} )?call (?:of|about|for|reporting))\b",
    re.IGNORECASE,
)
# A street number is no year: "in the 1900 block of Prospect", "at 2011 Main Street" would date the
# sentence to an earlier year and pass its count over.
ADDRESS_NUMBER = re.compile(
    r"\b(?:19|20)\d{2} (?:block|(?:[NSEW]\.? |North |South |East |West )?(?:[A-Z][a-z]+ )+"
    r"(?:St|Street|Ave|Avenue|Road|Rd|Drive|Dr|Blvd|Boulevard|Lane|Ln|Way|Court|Ct|Place|Pl|Parkway|Pkwy|"
    r"Highway|Hwy)\b)"
)
