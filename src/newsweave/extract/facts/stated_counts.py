"""The counts an English shooting report states for a slot (the gun-violence rules of cues/).

``first_count`` is the first count stated about this event; ``joined_count`` adds the victims named
beside it ("a child and her grandfather"), ``not_a_count`` passes over numbers that only look like
counts (ages, days of the month, "father of 3"). killed.py and injured.py read their slot with them.
"""

from __future__ import annotations

from ...models import Quantity
from .background import in_background
from .count import Count
from .cues import figures, harm, scope, unnumbered
from .evidence import Sentences


def first_count(
    quantities: list[Quantity], slot: str, sentences: Sentences, year: int | None
) -> Count | None:
    """The first count stated for ``slot`` in a sentence about this event.

    The lead and headline give the event's own tally; counts in captions, video lists and
    sentences about an earlier year ("In 2008, Dion Wiley, 20, was killed") are passed over,
    and so are numbers that only look like counts (ages, days of the month, "father of 3").
    """
    cursor = 0
    for q in quantities:
        if q.what != slot:
            continue
        position = sentences.find(q.surface, cursor)
        cursor = max(cursor, position + 1)
        start, end = sentences.at(position)
        sentence = sentences.text[start:end]
        inner = figures.INNER_NUMBER.search(q.surface) if q.value == 1 else None
        if inner:  # "a shooting that left four people dead" is four, not one
            # "a father and his two children"
            one_more = bool(figures.ONE_AND_NUMBER.match(q.surface))
            q = Quantity(float(figures.count_word(inner[1])) + one_more, q.what, q.unit, q.surface)
        if in_background(sentence, year) or not_a_count(q, sentences.text, position):
            continue
        if (
            slot == "injured"
            and q.value == 1
            and harm.DIED_LATER.search(sentences.text, position + len(q.surface), end)
        ):
            continue  # "A child who suffered critical injuries ... has died": the dead, not a wounded
        if slot == "injured" and q.value == 1 and scope.FIRST_CALL.search(sentence):
            continue  # "responded to a call of a child injured": the victim as first reported, told again below
        value = q.value + joined_count(q, sentences.text, position)
        by_gunfire = (
            figures.BY_GUNFIRE.match(sentences.text, position + len(q.surface))
            if slot == "injured"
            else None
        )
        if by_gunfire:  # "six injured, five by gunfire": the others were hurt otherwise
            value = float(figures.count_word(by_gunfire[1]))
        if slot == "killed" and harm.THEN_SUICIDE.search(sentence):
            value += 1  # "killed two people ... before killing himself": the gunman is counted too
        return Count(value, q.surface, position, True)
    return None


def joined_count(q: Quantity, text: str, position: int) -> int:
    """Victims named alongside a count: "a child and her grandfather", "Father, two daughters"."""
    after = position + len(q.surface)
    # "4 wounded, gunman dead": the gunman joins the dead, not the wounded
    one_after = figures.ONE_AFTER.match(text, after) and (
        q.what == "killed" or not figures.ONE_AFTER_DEAD.match(text, after)
    )
    # "2 people, including the shooter, dead" counts him already
    another = figures.AND_ANOTHER.search(q.surface) and "including" not in q.surface.lower()
    joined = bool(another) + bool(one_after)
    if q.surface.rsplit(None, 1)[-1].lower() in figures.PEOPLE:
        joined += bool(figures.ONE_MORE_AFTER.match(text, after))
    before = text[max(0, position - 24) : position]
    # Only a count that opens its clause joins one before it: not "killed two and wounded two",
    # nor a share of the same victims ("two children, one of them fatally").
    others = (
        figures.COUNT_BEFORE.search(before) if figures.OPENS_WITH_NUMBER.match(q.surface) else None
    )
    if others:
        joined += figures.count_word(others[1])
    opens = figures.OPENS_WITH_NUMBER.match(q.surface) or q.surface[:2].lower() in ("a ", "an")
    return joined + bool(
        opens and (figures.ONE_BEFORE.search(before) or figures.AGE_ONE_BEFORE.search(before))
    )


def not_a_count(q: Quantity, text: str, position: int) -> bool:
    """Numbers read as casualty counts that are something else, or negated ones."""
    before, after = text[max(0, position - 16) : position], position + len(q.surface)
    return bool(
        scope.NEGATED.search(q.surface)  # "two other children were not injured"
        or figures.MONTH_BEFORE.search(before)
        or figures.NOT_A_COUNT.search(q.surface)
        # "2 men in connection with shooting that injured"
        or figures.SUSPECTS_COUNTED.search(q.surface)
        or figures.AGE_AFTER.match(text, after)
        or figures.ANIMALS_AFTER.match(text, after)  # "injuring one of the family dogs"
        # "men ages 21 and 58 were shot"
        or figures.AGES_BEFORE.search(text, max(0, position - 30), position)
        # "left multiple people wounded": not one
        or (q.value == 1 and unnumbered.UNCOUNTED.search(q.surface))
        or figures.PARENT_OF.search(before)
        or figures.STATION_BEFORE.search(before)  # "told Channel 9 the injured suspect"
        # "Four people, including a girl (two children), were hurt"
        or figures.INCLUDING_BEFORE.search(before)
        or (
            q.value == 0
            and (scope.OTHERS_SPARED.search(q.surface) or scope.GROUP_SPARED.search(q.surface))
        )
        or (
            q.value == 0
            and q.what != "killed"  # "no one on the bus was injured": the victim was elsewhere
            and scope.QUALIFIED_ZERO.search(q.surface + text[after : after + 30])
        )
        # "two people walked up and shot him"
        or (q.what == "shot" and figures.SHOOTERS_AFTER.match(text, after))
        or figures.ANOTHER_WAS_HIT.search(q.surface)  # "two other children when she was shot"
        # "five juveniles, was struck, but no injuries"
        or (q.value > 0 and figures.DENIED_IN_COUNT.search(q.surface))
        or figures.ONE_OF_THE_DEAD.match(q.surface)  # "as one of the deceased individuals"
        # "killed a 3-year-old girl and injured three ..."
        or scope.OBJECT_THEN_VERB.match(q.surface)
        or (
            q.value == 1
            # "a man killed his wife": the killer
            and q.surface.lower().endswith(("killed", "kills"))
            and harm.KILLED_OBJECT.match(text, after)
        )
    )


def lead_end(sentences: Sentences, count: int = 3) -> int:
    """Where the headline and the first sentences of the story end."""
    end = 0
    for _ in range(count):
        end = sentences.at(end)[1]
    return end
