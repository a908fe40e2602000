"""Every value an article could mean for killed and injured, each described by the words around it.

The candidates and features of the learned casualty chooser that ``train_casualties.py`` tries
against the rules. It is a bench experiment, not part of the package: on gva-dev's held-out
halves it did not beat the rules (BENCHMARKS.md has the figures), so ingest keeps the rules.

The rules of ``casualties.py`` give one answer per slot; here every count they or
extract/numbers.py see (and every small number near a death or wound word) is a candidate,
with sums and differences of them, the rules' own answer, 0, 1 and 2. Each candidate value
carries features: which reading produced it, where (headline, lead, later), what words stand in
its sentence ("critical condition", "including", "another", an earlier year, a city-wide tally),
and how it relates to the other readings.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import NamedTuple

from newsweave.extract.facts.background import in_background
from newsweave.extract.facts.casualties import shot_dead
from newsweave.extract.facts.count import Count
from newsweave.extract.facts.cues import figures, harm, scope, unnumbered
from newsweave.extract.facts.evidence import Sentences
from newsweave.extract.facts.stated_counts import joined_count, not_a_count
from newsweave.models import Quantity


class Mention(NamedTuple):
    """One reading of a value: what produced it and where it stands."""

    value: float
    source: str
    surface: str
    position: int  # -1 when no words state it (0, or a value derived from others)
    stated: bool


@dataclass
class Candidate:
    """One value for a slot, every reading that gives it, and its features."""

    value: float
    mentions: list[Mention] = field(default_factory=list)
    features: dict[str, float] = field(default_factory=dict)


_NUMBER = r"\b(\d{1,2}|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen)\b"
_WORDS = {**figures.SMALL, "one": 1, "eleven": 11, "twelve": 12}
# A small number followed within a few words by a death or wound word: what numbers.py may miss.
NEAR_DEATH = re.compile(
    _NUMBER
    + r"(?![- ](?:year|month|week|day|hour|minute|mile|foot|feet|inch)s?\b)(?:\W+\w+){0,5}?\W+"
    r"(?:dead|killed|died|deaths|slain|fatally|murdered|lost their lives|bodies)\b",
    re.IGNORECASE,
)
NEAR_WOUND = re.compile(
    _NUMBER
    + r"(?![- ](?:year|month|week|day|hour|minute|mile|foot|feet|inch)s?\b)(?:\W+\w+){0,5}?\W+"
    r"(?:wounded|injured|hurt|shot|hospitali[sz]ed|struck|hit)\b",
    re.IGNORECASE,
)
# Words of the sentence around a candidate that make a count more or less likely to be the tally.
CONTEXT = {
    "critical": re.compile(r"\bcritical(?:ly)?\b", re.I),
    "fatally": re.compile(r"\bfatal(?:ly)?\b", re.I),
    "including": re.compile(r"\bincluding\b", re.I),
    "another": re.compile(r"\b(?:another|also|other|others|second)\b", re.I),
    "suicide": harm.SUICIDE,
    "died_later": re.compile(
        r"\b(?:later died|died later|succumbed|has died|have died|died (?:at|in) (?:the )?hospital)\b",
        re.I,
    ),
    "negated": scope.NEGATED,
    "furniture": scope.FURNITURE,
    "tally": re.compile(
        r"\b(?:this year|so far|weekend|since|total|citywide|city-wide|overnight|separate)\b", re.I
    ),
    "at_least": re.compile(r"\bat least\b", re.I),
    "said": re.compile(r"\b(?:said|says|told|according)\b", re.I),
    "suspect": re.compile(r"\b(?:suspect|gunman|shooter)\b", re.I),
    "officer": re.compile(r"\b(?:officers?|deputy|deputies|police)\b", re.I),
    "hospital": re.compile(r"\bhospital\w*\b", re.I),
    "shot": re.compile(r"\bshot\b", re.I),
    "death": harm.DEATH,
    "injury": harm.INJURY,
}


def candidates(
    text: str,
    quantities: list[Quantity],
    sentences: Sentences,
    year: int | None,
    rules: tuple[Count, Count],
) -> tuple[list[Candidate], list[Candidate]]:
    """(killed candidates, injured candidates) of one article, with their features.

    Args:
        text: the article's title, body and captions.
        quantities: what extract/numbers.py found in ``text`` (headline counts first).
        sentences: the sentence index of ``text``.
        year: the article's publication year, to flag counts of earlier years.
        rules: the rules' (killed, injured) answer, itself one candidate per slot.
    """
    quantities = [shot_dead(q, text, sentences) for q in quantities]
    found = {slot: _stated(quantities, slot, sentences) for slot in ("killed", "injured", "shot")}
    killed = _killed_mentions(text, found, sentences, year, rules[0])
    injured = _injured_mentions(text, found, sentences, year, rules)
    lead = _lead_end(sentences)
    title = text.find("\n") if "\n" in text else len(text)
    context = _Context(
        sentences, year, lead, title, found, rules, _article_features(text, found, rules)
    )
    return _describe(killed, "killed", context), _describe(injured, "injured", context)


def _stated(quantities: list[Quantity], slot: str, sentences: Sentences) -> list[Mention]:
    """Every count numbers.py read for ``slot``, passed over or not (features tell why)."""
    mentions, cursor = [], 0
    for q in quantities:
        if q.what != slot:
            continue
        position = sentences.find(q.surface, cursor)
        cursor = max(cursor, position + 1)
        inner = figures.INNER_NUMBER.search(q.surface) if q.value == 1 else None
        value = float(_WORDS.get(inner[1].lower()) or int(inner[1])) if inner else q.value
        if 0 <= value <= 200:
            mentions.append(Mention(value, f"q_{slot}", q.surface, position, True))
            joined = joined_count(
                Quantity(value, q.what, q.unit, q.surface), sentences.text, position
            )
            if joined:
                mentions.append(
                    Mention(value + joined, f"q_{slot}_joined", q.surface, position, True)
                )
    return mentions


def _near(pattern: re.Pattern[str], text: str, source: str) -> list[Mention]:
    found = []
    for m in pattern.finditer(text):
        word = m[1].lower()
        value = _WORDS.get(word) or (int(word) if word.isdigit() else 0)
        if 0 < value <= 50:
            found.append(Mention(float(value), source, m[0], m.start(), True))
    return found


def _killed_mentions(
    text: str, found: dict[str, list[Mention]], sentences: Sentences, year: int | None, rule: Count
) -> list[Mention]:
    """Readings of the killed: stated counts, the shot (when shot dead), charges, words, sums."""
    mentions = [
        Mention(rule.value, "rule", rule.surface, rule.position, rule.stated),
        Mention(0.0, "zero", "", -1, False),
    ]
    mentions += found["killed"] + [m._replace(source="shot_as_killed") for m in found["shot"]]
    mentions += _near(NEAR_DEATH, text, "near_death")
    for pattern, source in ((harm.MURDER_COUNTS, "charges"),):
        for m in pattern.finditer(text):
            mentions.append(
                Mention(
                    float(_WORDS.get(m[1].lower()) or int(m[1])), source, m[0], m.start(), False
                )
            )
    several = unnumbered.SEVERAL.search(text)
    if several:
        mentions.append(
            Mention(
                float(unnumbered.MULTIPLE.get((several[1] or "").lower(), 2)),
                "several",
                several[0],
                several.start(),
                False,
            )
        )
    death = _first_cue(harm.DEATH, sentences, year)
    suicide = _first_cue(harm.SUICIDE, sentences, year)
    if death:
        mentions.append(Mention(1.0, "death_word", death[0], death.start(), False))
    if suicide:
        mentions.append(Mention(1.0, "suicide_word", suicide[0], suicide.start(), False))
        mentions += [
            m._replace(value=m.value + 1, source=m.source + "+suicide") for m in found["killed"][:2]
        ]
    if death and suicide:
        mentions.append(Mention(2.0, "death+suicide", death[0], death.start(), False))
    mentions += _sums(found["killed"], "sum_killed")
    mentions += _victims_named(sentences, year, dead=True)
    return mentions


def _injured_mentions(
    text: str,
    found: dict[str, list[Mention]],
    sentences: Sentences,
    year: int | None,
    rules: tuple[Count, Count],
) -> list[Mention]:
    """Readings of the injured: stated counts, the shot less each reading of the killed, words, sums."""
    rule_killed, rule = rules
    mentions = [
        Mention(rule.value, "rule", rule.surface, rule.position, rule.stated),
        Mention(0.0, "zero", "", -1, False),
    ]
    mentions += found["injured"] + found["shot"]
    mentions += _near(NEAR_WOUND, text, "near_wound")
    killed_values = {rule_killed.value} | {m.value for m in found["killed"][:3]}
    for shot in found["shot"] + _near(NEAR_WOUND, text, "near_wound"):
        for k in killed_values:
            if 0 < k < shot.value:
                mentions.append(shot._replace(value=shot.value - k, source=shot.source + "-killed"))
    injury = _first_cue(harm.INJURY, sentences, year)
    if injury:
        mentions.append(Mention(1.0, "injury_word", injury[0], injury.start(), False))
    shot_word = _first_cue(harm.SHOT, sentences, year)
    if shot_word:
        mentions.append(Mention(1.0, "shot_word", shot_word[0], shot_word.start(), False))
    several = unnumbered.SEVERAL_HURT.search(text)
    if several:
        mentions.append(Mention(2.0, "several_hurt", several[0], several.start(), False))
    if scope.ALIVE_OTHER.search(text) and found["injured"]:
        first = found["injured"][0]
        mentions.append(first._replace(value=first.value + 1, source="q_injured+another"))
    mentions += _sums(found["injured"], "sum_injured")
    mentions += _victims_named(sentences, year, dead=False)
    return mentions


_AGE = re.compile(r"\b(\d{1,2})[- ]year[- ]old\b|, (\d{1,2}),", re.IGNORECASE)
_WOUND = re.compile(
    r"\b(?:shot|wounded|injured|hurt|struck|hit|grazed|hospitali[sz]ed|condition)\b", re.IGNORECASE
)
_DEAD = re.compile(r"\b(?:killed|dead|died|fatally|slain|death|murdered)\b", re.IGNORECASE)


def _victims_named(sentences: Sentences, year: int | None, dead: bool) -> list[Mention]:
    """How many people of different ages the article tells were killed (or only wounded)."""
    ages: dict[str, int] = {}
    for m in _AGE.finditer(sentences.text):
        sentence = sentences.text[slice(*sentences.at(m.start()))]
        if in_background(sentence, year):
            continue
        if bool(_DEAD.search(sentence)) == dead and (dead or _WOUND.search(sentence)):
            ages.setdefault(m[1] or m[2], m.start())
    if not ages:
        return []
    return [Mention(float(len(ages)), "victims_named", "", min(ages.values()), False)]


def _sums(mentions: list[Mention], source: str) -> list[Mention]:
    """Two counts of one slot in different places added: "two men were killed ... a woman also died"."""
    sums = []
    for i, a in enumerate(mentions[:4]):
        for b in mentions[i + 1 : 4]:
            if a.position >= 0 and b.position >= 0 and a.position != b.position:
                sums.append(Mention(a.value + b.value, source, a.surface, a.position, True))
    return sums


def _first_cue(
    pattern: re.Pattern[str], sentences: Sentences, year: int | None
) -> re.Match[str] | None:
    return next(
        (
            m
            for m in pattern.finditer(sentences.text)
            if not in_background(sentences.text[slice(*sentences.at(m.start()))], year)
        ),
        None,
    )


def _lead_end(sentences: Sentences, count: int = 3) -> int:
    end = 0
    for _ in range(count):
        end = sentences.at(end)[1]
    return end


class _Context(NamedTuple):
    sentences: Sentences
    year: int | None
    lead: int
    title: int
    found: dict[str, list[Mention]]
    rules: tuple[Count, Count]
    article: dict[str, float]


def _describe(mentions: list[Mention], slot: str, context: _Context) -> list[Candidate]:
    """Mentions grouped by value, each group described by features."""
    by_value: dict[float, Candidate] = {}
    for m in mentions:
        by_value.setdefault(m.value, Candidate(m.value)).mentions.append(m)
    result = list(by_value.values())
    for candidate in result:
        candidate.features = _features(candidate, slot, context, result)
    return result


def _features(
    candidate: Candidate, slot: str, context: _Context, others: list[Candidate]
) -> dict[str, float]:
    """What a candidate value is, where it is stated, and what words stand near it."""
    v, sentences = candidate.value, context.sentences
    f: dict[str, float] = {"bias": 1.0, f"v={min(int(v), 6)}": 1.0, "log_v": math.log1p(v)}
    rule = context.rules[0 if slot == "killed" else 1]
    f["gt_rule"], f["lt_rule"] = float(v > rule.value), float(v < rule.value)
    placed = [m for m in candidate.mentions if m.position >= 0]
    for m in candidate.mentions:
        f[f"src:{m.source}"] = 1.0
        if 0 <= m.position < context.title:
            f[f"title:{m.source}"] = 1.0
        elif 0 <= m.position < context.lead:
            f[f"lead:{m.source}"] = 1.0
        if m.position >= 0:
            sentence = sentences.text[slice(*sentences.at(m.position))]
            if in_background(sentence, context.year):
                f[f"background:{m.source}"] = 1.0
            if m.source.startswith("q_") and not_a_count(
                Quantity(m.value, "", None, m.surface), sentences.text, m.position
            ):
                f[f"not_count:{m.source}"] = 1.0
    f["n_sources"] = math.log1p(len({m.source for m in candidate.mentions}))
    f["n_placed"] = math.log1p(len({m.position for m in placed}))
    if placed:
        first = min(m.position for m in placed)
        f["first_at"] = first / max(len(sentences.text), 1)
        sentence = sentences.text[slice(*sentences.at(first))]
        for name, pattern in CONTEXT.items():
            if pattern.search(sentence):
                f[f"ctx:{name}"] = 1.0
    f["largest"] = float(v == max(c.value for c in others))
    other = context.rules[1 if slot == "killed" else 0].value
    shots = {m.value for m in context.found["shot"]}
    if v + (other if slot == "injured" else 0) in shots:
        f["fits_shot"] = 1.0
    if slot == "injured" and other > 0:
        f["killed>0"] = 1.0
    if rule.stated and v == rule.value:
        f["rule_stated"] = 1.0
    kind = "rule" if v == rule.value else f"v{min(int(v), 2)}"
    for name, value in context.article.items():
        f[f"{name}&{kind}"] = value
    return f


_ARTICLE = {
    "critical": re.compile(r"\bcritical(?:ly)? (?:condition|injur|wound)", re.I),
    "died": re.compile(r"\b(?:died|dies|dead|killed|fatal\w*|homicide|murder\w*)\b", re.I),
    "roundup": re.compile(
        r"\b(?:separate|another shooting|other shootings|weekend|citywide|across the city)\b", re.I
    ),
    "suicide": harm.SUICIDE,
    "injury": harm.INJURY,
    "shot": re.compile(r"\bshot\b", re.I),
    "trial": re.compile(r"\b(?:trial|sentenced|convicted|pleaded|jury|court)\b", re.I),
}


def _article_features(
    text: str, found: dict[str, list[Mention]], rules: tuple[Count, Count]
) -> dict[str, float]:
    """What the whole article tells, to weigh against each candidate's kind (0, 1, 2+, the rules')."""
    f = {
        f"art:{name}": math.log1p(len(pattern.findall(text))) for name, pattern in _ARTICLE.items()
    }
    f["art:blocks"] = math.log1p(text.lower().count("block of"))
    for slot, mentions in found.items():
        f[f"art:n_{slot}"] = math.log1p(len(mentions))
    f["art:rule_killed"], f["art:rule_injured"] = min(rules[0].value, 3), min(rules[1].value, 3)
    f["art:length"] = math.log1p(len(text)) / 8
    return {k: v for k, v in f.items() if v}
