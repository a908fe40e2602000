"""Victims told without a number: "a double homicide", "a man and a woman were wounded",
a list of the people shot, "the second victim"."""

from __future__ import annotations

import re

# "a shooting that left multiple people wounded": no count, not one.
UNCOUNTED = re.compile(
    r"\b(?:multiple|several|numerous) (?:people|persons|victims|others)\b", re.IGNORECASE
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
TWO_BEFORE_DEAD = re.compile(_TWO_VICTIMS + r",? (?:(?:are|were|both|found|now) )*$", re.IGNORECASE)
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
# A victim counted by its rank: "the second victim" means at least two were shot.
RANKED_VICTIM = re.compile(r"\b(?:the|a) (second|third|fourth|fifth) victim\b", re.IGNORECASE)
RANKS = {"second": 2, "third": 3, "fourth": 4, "fifth": 5}
# Two wounded told in two clauses of a sentence: "a woman was shot in the back and a 5-year-old boy was
# shot in the arm", or together: "A man and a police officer suffered minor injuries".
_HIT = r"(?:was|were) (?:also )?(?:shot|wounded|grazed|hit|struck|injured)\b(?! (?:and killed|dead|to death|fatally))"
# where TWO_WOUNDED may be: it is slow to search
WOUND_VERB = re.compile(
    r"\b(?:was|were) (?:also )?(?:shot|wounded|grazed|hit|struck|injured)\b|"
    r"\b(?:suffered|sustained|received)\b"
)
TWO_WOUNDED = re.compile(
    rf"(?:\b(?i:{_VICTIM})|\b[A-Z][a-z]+ [A-Z][a-z]+) {_HIT}[^.;]{{0,60}}?(?:,|;| and)+ (?:and )?(?i:{_VICTIM}) {_HIT}|"
    rf"(?i:{_TWO_VICTIMS}) (?:both )?(?:suffered|sustained|received) (?:\w+ )?(?:injuries|wounds)",  # names keep case
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
