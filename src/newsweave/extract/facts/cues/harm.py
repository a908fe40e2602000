"""How a death or a wound is told in an English shooting report, with or without a number."""

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
# Charges and bodies count the dead: "three counts of first-degree murder", "located two bodies".
MURDER_COUNTS = re.compile(
    r"\b(\d{1,2}|two|three|four|five|six|seven|eight|nine|ten) (?:counts of (?:\w+[- ]degree )?murder|bodies)\b",
    re.IGNORECASE,
)
# "Woman, 3-year-old dead": two victims before a death word (looked for back from the word,
# since a pattern that opens with optional words is slow to search a whole text).
DEAD_WORD = re.compile(r"\b(?:dead|killed|slain)\b", re.IGNORECASE)
# "Officer, suspect wounded", "a girl and her mother were shot": two hurt without a number (looked for back
# from the wound word, as TWO_BEFORE_DEAD); not "shot dead" nor "shot and killed".
HURT_WORD = re.compile(
    r"\b(?:wounded|injured|shot|hurt)\b(?! (?:dead|to death|and killed|fatally)\b)", re.IGNORECASE
)
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
# A victim in a condition sentence who died later is not an injured one ("critical condition, where she died").
DIED_LATER = re.compile(r"\b(?:died|dies|passed away|pronounced|succumbed)\b", re.IGNORECASE)
# "3 people shot to death": the shot are the dead.
SHOT_DEAD = re.compile(r"\s(?:to death|dead|and killed|fatally)\b", re.IGNORECASE)
# "a double murder-suicide": the killer dies too.
AND_SUICIDE = re.compile(r"[- ]suicides?\b", re.IGNORECASE)
# A shooting told as an accident: a child who shot himself is the one death, not a second one.
ACCIDENT = re.compile(r"\baccident(?:al|ally)?\b", re.IGNORECASE)
# "a man killed his girlfriend": a count of one followed by what it killed counts the killer.
KILLED_OBJECT = re.compile(
    r"\s+(?:his|her|their|a|an|the|two|three|four|five|six|\d+|one|both|several|another|[\w-]+-year-old)\b",
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
