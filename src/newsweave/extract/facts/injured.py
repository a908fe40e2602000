"""How many were injured, as an English shooting report tells it (see casualties.py).

The first count stated, or the most shot, less the dead; without one, the wounded told in words
("in critical condition"), unless that wound is the dead victim's (``_of_the_dead``).
"""

from __future__ import annotations

import re

from ...models import Quantity
from .background import cue_in_background, first_cue, in_background
from .count import Count
from .cues import figures, harm, scope, unnumbered
from .evidence import Sentences
from .lists import listed_victims
from .stated_counts import first_count, not_a_count


def _of_the_dead(cue: re.Match[str], sentences: Sentences, killed: float) -> bool:
    """Whether an injury cue, in a report of a death, tells of the dead victim."""
    start, end = sentences.at(cue.start())
    sentence, before = sentences.text[start:end], sentences.text[start : cue.start()]
    word = cue[0].lower()
    if word in ("injured", "injuring") and scope.INJURED_OTHER.match(sentences.text, cue.end()):
        return False  # "killing a 6-year-old boy and critically injuring his father": the verb has its object
    spared = scope.NOBODY_ELSE.search(sentence) or scope.NEGATED.search(sentence)
    other = scope.ALIVE_OTHER.search(before) and not spared
    later = harm.DIED_LATER.search(sentences.text, cue.end(), end)
    if later and scope.NEW_SUBJECT.search(sentences.text, cue.end(), later.start()):
        # "the driver is in critical condition and a passenger has died": another one died
        later = None
    # The last death told before the cue: "Doctors pronounced Walker dead, a 16-year-old was
    # flown to the hospital ..."
    died_before = next(reversed(list(harm.DIED_LATER.finditer(before))), None)
    if died_before and scope.CLAUSE_SUBJECT.search(before, died_before.end()):
        died_before = None  # another one's wound, told after the death
    if later or (died_before and not other):
        return True  # "in critical condition, where she died"
    if other or scope.SURVIVING.search(sentence):
        # "another man was injured", "left one dead and one injured", "has died and her father ...";
        # "The child is recovering at the hospital", "he remains in serious condition": alive
        return False
    if killed == 1 and _named_subject(sentence) and not scope.ALSO.search(sentence):
        return True  # one death, and "Felder was wounded in the head": the one who died, named
    if (
        killed == 1
        and word == "wounded"
        and scope.THE_WOUNDED.match(sentences.text, cue.start() - 4)
    ):
        return True  # one death, and "holding the wounded girl": the one who died
    if (
        killed == 1
        and scope.THE_VICTIM_SUBJECT.match(sentence)
        and not scope.ALIVE_OTHER.search(sentence)
    ):
        return True  # one death, and "He was rushed to the hospital in critical condition": the one who died
    if (
        word in ("injured", "wounded")
        and scope.WAS_BEFORE.search(before)
        and not scope.THE_VICTIM_SUBJECT.match(sentence)
    ):
        return False  # "Officer Braun was injured in the incident": someone else, named
    return word.startswith("injur")


_NOT_NAMES = frozenset(
    {"he", "she", "police", "the", "a", "an", "one", "another", "officials", "authorities"}
)


def _named_subject(sentence: str) -> bool:
    """Whether the sentence is about someone named ("Felder was wounded in the head")."""
    named = scope.NAMED_SUBJECT.match(sentence)
    return named is not None and named[1].lower() not in _NOT_NAMES


def count_injured(
    text: str, quantities: list[Quantity], sentences: Sentences, dead: Count, year: int | None
) -> Count:
    """Injured: the shot less the killed, the first count stated, or the wounded told in words."""
    killed = dead.value
    stated = first_count(quantities, "injured", sentences, year)
    listed_shot, listed_wounded = listed_victims(sentences, year)
    shot = _most_shot(quantities, sentences, year, listed_shot)
    # "Three other victims were shot": counted besides the dead, not among them; but "a boy and
    # six others were shot" counts the boy with them (``_joined``), and he may be the dead.
    besides = killed if shot is None or not _others(shot, text) else 0
    if (
        shot is not None
        and shot.value > besides
        and (stated is None or shot.value - besides > stated.value)
    ):
        # "six people were shot, two of whom died": the others were wounded. A larger total
        # shot than the injured count stated means that count was only part of the tally.
        return Count(shot.value - besides, shot.surface, shot.position, False)
    hurt = _hurt_unread(sentences, year)
    if hurt is not None and (stated is None or hurt.position < stated.position):
        return hurt  # the first count told wins, as for the counts numbers.py reads
    if stated:
        return stated
    if listed_wounded is not None and listed_wounded.value >= 2:
        return listed_wounded  # "his mother, grandmother and a friend were wounded"
    people = _people_wounded(quantities, sentences, year)
    if people is not None and _others(people, text) and people.value > 1:
        # "Three other people were also struck": counted besides the dead, told elsewhere
        return Count(people.value, people.surface, people.position, True)
    if (
        people is not None
        and people.value > killed
        and (killed == 0 or sentences.at(people.position) == sentences.at(dead.position))
    ):
        # "The four victims were taken to the hospital"; "four teens, one fatally, were shot":
        # the dead told in the same sentence are among the people counted.
        return Count(people.value - killed, people.surface, people.position, True)
    ranked = first_cue(unnumbered.RANKED_VICTIM, sentences, year) if killed == 0 else None
    if ranked:  # "the second victim", and nobody died: at least two wounded
        return Count(float(unnumbered.RANKS[ranked[1].lower()]), ranked[0], ranked.start(), False)
    # With a death reported, "injured" and "injuries" mostly tell of the dead ("died of his injuries").
    cue = next(
        (
            m
            for m in harm.INJURY.finditer(text)
            if not (killed and _of_the_dead(m, sentences, killed))
            and not cue_in_background(m, sentences, year)
            and not _spared(m, text)
        ),
        None,
    )
    cue = cue or (
        first_cue(harm.SHOT, sentences, year) if killed == 0 else _limb_wound(sentences, year)
    )
    many = _several_others(text, sentences, year)
    if many:  # "one man died and several others were wounded": at least three
        return Count(3.0, many[0], many.start(), False)
    if cue is None:
        return Count(0.0, "", -1, False)
    several = next(
        (
            m
            for m in unnumbered.SEVERAL_HURT.finditer(text)
            if not _spared(m, text) and not cue_in_background(m, sentences, year)
        ),
        None,
    )
    several = several or (_two_wounded(sentences, year) if killed == 0 else None)
    if several and not scope.NEGATED.search(several[0]):
        return Count(2.0, several[0], several.start(), False)
    return Count(1.0, cue[0], cue.start(), False)


def _several_others(text: str, sentences: Sentences, year: int | None) -> re.Match[str] | None:
    """ "Several others were wounded" in a sentence about this event, not spared ("several others were not hurt")."""
    if not any(
        word in text for word in unnumbered.SEVERAL_WORDS
    ):  # twenty times cheaper than the search
        return None
    return next(
        (
            m
            for m in unnumbered.SEVERAL_OTHERS.finditer(text)
            if not _spared(m, text) and not cue_in_background(m, sentences, year)
        ),
        None,
    )


def _limb_wound(sentences: Sentences, year: int | None) -> re.Match[str] | None:
    """In a report of a death, a wound seldom fatal told in a sentence that tells of no death ("shot in the leg")."""
    for wound in harm.LIMB_WOUND.finditer(sentences.text):
        start, end = sentences.at(wound.start())
        sentence = sentences.text[start:end]
        if not (
            harm.DEATH.search(sentence)
            or harm.DIED_LATER.search(sentence)
            or in_background(sentence, year)
            or scope.OTHER_INCIDENT.search(sentence)
            or scope.VICTIM_BEFORE_WOUND.search(sentences.text, start, wound.start())
        ):
            return wound
    return None


def _two_wounded(sentences: Sentences, year: int | None) -> re.Match[str] | None:
    """Two wounded told in one sentence about this event ("a woman was shot ... and a boy was shot")."""
    searched = set()
    for verb in unnumbered.WOUND_VERB.finditer(sentences.text):
        start, end = sentences.at(verb.start())
        if start in searched:
            continue
        searched.add(start)
        found = unnumbered.TWO_WOUNDED.search(sentences.text, start, end)
        if found and not in_background(sentences.text[start:end], year):
            return found
    return None


def _spared(cue: re.Match[str], text: str) -> bool:
    """An injury denied ("the driver was not injured", "no one was hurt"), or told of things ("homes were also hit")
    or animals ("injuring one of the family dogs")."""
    return bool(
        scope.DENIED_BEFORE.search(text, max(0, cue.start() - 30), cue.start())
        or figures.ANIMALS_AFTER.match(text, cue.end())
        or (cue[0][:4].lower() in ("also", "surv") and figures.THINGS_AFTER.match(text, cue.end()))
        or any(
            m.start() <= cue.start() < m.end()
            for m in figures.PROPERTY_HIT.finditer(text, max(0, cue.start() - 80), cue.end())
        )
    )


def _others(count: Count, text: str) -> bool:
    """ "three others were shot", not "he and three others were shot"."""
    besides = scope.OTHERS_SPARED.search(count.surface) or scope.ALSO.search(count.surface)
    return bool(besides) and not figures.ONE_BEFORE.search(
        text, max(0, count.position - 24), count.position
    )


def _most_shot(
    quantities: list[Quantity], sentences: Sentences, year: int | None, listed: Count | None = None
) -> Count | None:
    """The largest count of people shot in a sentence about this event."""
    counts = []
    for q in quantities:
        if q.what == "shot":
            found = first_count([q], "shot", sentences, year)
            if found is not None:
                counts.append(found)
    after_verb = first_cue(figures.SHOT_AFTER_VERB, sentences, year)
    if after_verb:
        value = sum(figures.count_word(n) for n in after_verb.groups() if n)
        counts.append(Count(float(value), after_verb[0], after_verb.start(), True))
    if listed is not None:  # "shot his wife, her friend and a deputy"
        counts.append(listed)
    # it can only add 2
    two = None if any(c.value >= 2 for c in counts) else _two_named_hurt(sentences, year)
    if two:
        counts.append(two)
    multi = unnumbered.MULTI_SHOOTING.search(sentences.text)
    if multi:  # "a double shooting": two people shot
        counts.append(
            Count(float(unnumbered.MULTIPLE[multi[1].lower()]), multi[0], multi.start(), False)
        )
    # of counts as large, "three other people were shot" (besides the dead) over "three of the people shot"
    return max(counts, key=lambda c: (c.value, _others(c, sentences.text))) if counts else None


def _hurt_unread(sentences: Sentences, year: int | None) -> Count | None:
    """A count of the hurt, besides the dead, told with a verb extract/numbers.py does not read ("wound five
    others", "sent three others to local hospitals", "four others were hospitalized")."""
    found = first_cue(figures.HURT_AFTER_VERB, sentences, year) or _hurt_before_verb(
        sentences, year
    )
    if found is None:
        return None
    # the groups of the pattern's alternatives
    value = float(figures.count_word(next(n for n in found.groups() if n)))
    if not_a_count(Quantity(value, "injured", None, found[0]), sentences.text, found.start()):
        return None
    return Count(value, found[0], found.start(), True)


def _hurt_before_verb(sentences: Sentences, year: int | None) -> re.Match[str] | None:
    """ "four others were hospitalized", "three other people were treated": the count before the verb."""
    text = sentences.text
    for verb in figures.HURT_VERB.finditer(text):
        found = figures.HURT_COUNT_BEFORE.search(text, max(0, verb.start() - 40), verb.start())
        if (
            found
            and (verb[1] or found[2].lower().startswith("other"))
            and not cue_in_background(found, sentences, year)
        ):
            return found
    return None


def _two_named_hurt(sentences: Sentences, year: int | None) -> Count | None:
    """Two people shot named together without a number: "Officer, suspect wounded", "Mother and child shot"."""
    text = sentences.text
    for word in harm.HURT_WORD.finditer(text):
        two = unnumbered.TWO_BEFORE_HURT.search(text, max(0, word.start() - 90), word.start())
        if two and not cue_in_background(two, sentences, year):
            return Count(2.0, two[0] + word[0], two.start(), False)
    # most texts have none
    both = first_cue(unnumbered.BOTH_HURT, sentences, year) if "both" in text.lower() else None
    return Count(2.0, both[0], both.start(), False) if both else None


def _people_wounded(
    quantities: list[Quantity], sentences: Sentences, year: int | None
) -> Count | None:
    """The first count of people (two or more) followed in its sentence by their wounds and no death."""
    for q in quantities:
        if (q.what in figures.PEOPLE or q.what in figures.VICTIMS_OF) and 2 <= q.value <= 20:
            position = sentences.find(q.surface)
            if q.what in figures.VICTIMS_OF and not figures.VICTIMS_AFTER.match(
                sentences.text, position + len(q.surface)
            ):
                continue  # "Five shooting victims" are people, "two shooting incidents" are not
            start, end = sentences.at(position)
            sentence, after = (
                sentences.text[start:end],
                sentences.text[position : min(end, position + 80)],
            )
            told = figures.WOUNDS_TOLD.search(after) or figures.MORE_WOUNDS_TOLD.search(after)
            if (
                told
                and not scope.NEGATED.search(after)
                # "Three people were in a car when the teen was shot"
                and not figures.ANOTHER_WAS_HIT.search(after)
                # the dead told in the sentence may be among them, unless they are "other people"
                and (
                    scope.OTHERS_SPARED.search(q.surface)
                    or not (harm.DEATH.search(sentence) or harm.DIED_LATER.search(sentence))
                )
                and not in_background(sentence, year)
                and not not_a_count(q, sentences.text, position)
                and not scope.NOBODY_ELSE.search(sentence)
            ):
                return Count(q.value, q.surface, position, True)
    return None
