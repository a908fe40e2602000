"""Who was killed, injured, missing, evacuated or arrested, read with a language pack (packs.py).

The engine knows no language; it finds the pack's words in each sentence and reads them by
where they stand:

- a count is a number (digits, or a number word) next to a role word, or with a counted noun of
  people between them: "16 Tote", "zwei Feuerwehrleute leicht verletzt", "3 kişi yaralandı",
  "مقتل 15 شخصا", "zginęło 25 osób"; counts joined by "and" before one role word add up
  ("ein Polizist und drei Mitarbeiter wurden verletzt" is 4);
- a negation has a scope: a "nobody" word reaches a role word a few words away ("Verletzt wurde
  bei dem Brand niemand", "Aucun pompier n'a été blessé"), a "none of" word only the next one
  ("keine Verletzten", "sin heridos", "пострадавших нет"); either gives zero, stated, unless an
  "else" word spares only others ("niemand sonst"); a "not" word before a role word denies it;
- a singular form ("wurde … verletzt", "murió") in the first sentences tells of one person:
  one, implied;
- sentences about the background (the pack's words of a tally over time or place, or a year
  before the article's) are passed over.

A role's value is its first count stated, else a zero stated, else one implied.
"""

from __future__ import annotations

from bisect import bisect_left

from .count import Count
from .evidence import Sentences
from .packs import EITHER, ROLES, Pack
from .role_items import (
    CLAUSE_END,
    YEAR,
    Item,
    gap,
    people_after,
    role_right_after,
    sentence_items,
)

# Where a singular form or a person named by age may stand for the event's victims: the first
# paragraphs
# for the killed and injured; the lead only for the other roles, which later sentences often tell of
# other
# people or loosely ("fue detenido en un retén": stopped at a checkpoint, not arrested).
HARM_SENTENCES = 12
LEAD_SENTENCES = 3
LEAD_CHARS = 600  # the headline and lead, where an article tells what it is about
# words between a counted noun and its role word ("Menschen sind an der Küste … ums Leben gekommen")
COUNTED_REACH = 8
# words between a bare number and its role word ("fünf leicht verletzt"; not "30 Tiere kamen ums
# Leben")
BARE_REACH = 1
ROLE_BEFORE_REACH = (
    2  # words between a role word and the number after it ("la muerte de 16 personas")
)
NOBODY_REACH = (
    5  # words between "nobody" and its role word ("Verletzt wurde bei dem Brand niemand")
)
NONE_OF_REACH = (
    1  # words between "none of" and its role word ("keine Verletzten", "no hubo heridos")
)
NOT_REACH = 2  # words between "not" and the role word it denies ("wurde nicht verletzt")
# words between a person named by age and the role word of the clause ("Ein 24-Jähriger wurde …
# verletzt")
AGE_REACH = 12


def read_roles(
    text: str,
    pack: Pack,
    sentences: Sentences,
    year: int | None = None,
    wanted: tuple[str, ...] = ROLES,
) -> dict[str, Count]:
    """The ``wanted`` roles an article states or implies, each with its count (see the module's doc)."""
    lowered = text.lower().replace("’", "'")
    if len(lowered) != len(text):  # a few characters change length when lowercased
        lowered = "".join(ch.lower()[0] for ch in text).replace("’", "'")
    # Most articles tell of no harm: the other words are looked for only in sentences with a role word,
    # and only when the lead has one (harm told only in passing, further down, is another event's:
    # "bilan … de huit militaires tués" at the end of a report on refugees).
    patterns = [pack.roles.get(role) for role in (*wanted, EITHER)] + [
        pack.one.get(r) for r in wanted
    ]
    hits = sorted(m.start() for p in patterns if p is not None for m in p.finditer(lowered))
    if not hits:
        return {}
    lead_told = role_in_lead(lowered, pack)
    stated: dict[str, Count] = {}
    more: dict[str, list[Count]] = {}  # "die neun anderen Verletzten": counts besides the first
    zeros: dict[str, Count] = {}
    implied: dict[str, Count] = {}
    for index, (start, end) in enumerate(sentences.spans()):
        if bisect_left(hits, start) == bisect_left(hits, end):
            continue  # no role word in the sentence
        if _in_background(lowered[start:end], pack, year):
            continue
        items = sentence_items(lowered, start, end, pack)
        _deny(items, lowered, pack)
        for role, count, besides in _counts(items, text, pack):
            if besides and role in stated:
                more.setdefault(role, []).append(count)
            stated.setdefault(role, count)
        for role, count in _zeros(items, text, pack):
            zeros.setdefault(role, count)
        if index < HARM_SENTENCES:
            for item, people in _named_people(items, lowered, pack):
                assert item.role is not None  # a role word's item
                if index >= LEAD_SENTENCES and item.role not in ("killed", "injured"):
                    continue
                implied.setdefault(
                    item.role, Count(float(people), text[item.start : item.end], item.start, False)
                )
    found: dict[str, Count] = {}
    if not lead_told:  # only "nobody was hurt" is kept: it is no invented figure
        return {role: zeros[role] for role in wanted if role in zeros}
    for role in wanted:
        chosen = (
            _with_more(stated.get(role), more.get(role, [])) or zeros.get(role) or implied.get(role)
        )
        if chosen is not None:
            found[role] = chosen
    return found


def role_in_lead(lowered: str, pack: Pack) -> bool:
    """Whether the headline and lead (of a lowercased text) name a role of the pack: harm an article
    tells only further down is another event's, for every reader of roles."""
    return any(p.search(lowered, 0, LEAD_CHARS) for p in pack.roles.values())


def _with_more(first: Count | None, others: list[Count]) -> Count | None:
    """The first count of a role and the ones told as others besides it (after it in the text)."""
    if first is None:
        return None
    # the same figure told again with "more" ("cinco más lesionadas" after "cinco heridos") is a
    # restatement
    later = [c for c in others if c.position > first.position and c.value != first.value]
    return first._replace(value=first.value + sum(c.value for c in later)) if later else first


def _named_people(items: list[Item], text: str, pack: Pack) -> list[tuple[Item, int]]:
    """Role words with the people they tell of when no number counts them: one for a singular form,
    and one per person named by age before the role word ("Radfahrer (27) … verletzt" is one; "Lila,
    3 ans, et Adélaïde, 26 mois, mouraient" is two)."""
    found = []
    aged: list[
        Item
    ] = []  # persons named by age wait for the first role word after them: their clause's verb
    for item in items:
        if item.kind == "age" and item.value > 0:
            aged.append(item)
            continue
        if item.kind != "role":
            continue
        # "Lila, 3 ans, et …"
        near = [a for a in aged if gap(text, a, item, pack, comma_words=1) <= AGE_REACH]
        aged = []
        if (item.one or near) and not (item.denied or item.bound) and item.role in ROLES:
            found.append((item, max(len(near), 1)))
    return found


def _in_background(sentence: str, pack: Pack, year: int | None) -> bool:
    """A tally over time or place in the pack's words, or a sentence dated to an earlier year."""
    words = pack.lists["background"]
    if words is not None and words.search(sentence):
        return True
    return year is not None and any(int(y) < year for y in YEAR.findall(sentence))


def _deny(items: list[Item], text: str, pack: Pack) -> None:
    """Mark the role words a "not" stands before: "wurde nicht verletzt" denies the injury."""
    for index, item in enumerate(items):
        if item.kind != "not":
            continue
        role = next((i for i in items[index + 1 :] if i.kind in ("role", "number")), None)
        if role is not None and role.kind == "role" and gap(text, item, role, pack) <= NOT_REACH:
            role.denied = True


def _counts(items: list[Item], text: str, pack: Pack) -> list[tuple[str, Count, bool]]:
    """(role, count, besides) for each number bound to a role word in a sentence; ``besides`` when an
    "else" word tells them apart from a count before ("die neun anderen Verletzten")."""
    found = []
    used: set[int] = set()
    for index, number in enumerate(items):
        if number.kind != "number" or index in used or number.value <= 0:
            continue
        bound = _bind(items, index, text, pack)
        if bound is None:
            continue
        role, _, counted = bound
        value = number.value
        start, end = min(number.start, role.start), max(number.end, role.end)
        if counted and role.start > number.start:
            for joined_index in _joined_before(items, index, text, pack):
                value += items[joined_index].value
                used.add(joined_index)
                start = items[joined_index].start
        used.add(index)
        number.bound = role.bound = True
        if role.role in ROLES and not role.denied:
            low, high = min(number.start, role.start), max(number.end, role.end)
            besides = any(i.kind == "else" and low <= i.start < high for i in items)
            found.append((role.role, Count(value, text[start:end], start, True), besides))
    return found


def _bind(items: list[Item], index: int, text: str, pack: Pack) -> tuple[Item, int, bool] | None:
    """The role word a number counts: after it or just before it: the nearer."""
    after = _role_after(items, index, text, pack)
    before = _role_before(items, index, text, pack)
    if after and before:
        people = people_after(items, index, text, pack)
        anchor = items[people] if people is not None else items[index]
        nearer_after = gap(text, anchor, after[0], pack) <= gap(text, before[0], items[index], pack)
        return after if nearer_after else before
    return after or before


def _role_after(
    items: list[Item], index: int, text: str, pack: Pack
) -> tuple[Item, int, bool] | None:
    number = items[index]
    people = people_after(items, index, text, pack)
    if (
        number.weak and people is None
    ):  # "un blessé", "a druga została ciężko ranna": only right before the role word
        return (
            (items[index + 1], index + 1, False)
            if role_right_after(items, number, text, pack)
            else None
        )
    anchor = items[people] if people is not None else number
    reach = COUNTED_REACH if people is not None else (BARE_REACH if pack.spaced else 0)
    for next_index in range((people if people is not None else index) + 1, len(items)):
        item = items[next_index]
        if item.kind in ("number", "nobody", "none_of", "none_after"):
            return None
        if item.kind == "and":
            # "killed three people and injured five": the verb after "and" has its own count
            return None
        if item.kind == "role":
            joined = pack.lists["and_prefixes"] is not None and pack.lists["and_prefixes"].match(
                text, item.start
            )
            if gap(text, anchor, item, pack) <= reach and not joined:
                return _predicate(items, next_index, text, pack) or (
                    item,
                    next_index,
                    people is not None,
                )
            return None
    return None


def _predicate(
    items: list[Item], index: int, text: str, pack: Pack
) -> tuple[Item, int, bool] | None:
    """A role word used as an attribute of the counted noun after it, whose own verb follows: "7 kayıp
    İranlı göçmenin cesedine ulaşıldı" (the bodies of 7 missing migrants) counts the dead."""
    attribute = items[index]
    following = [i for i in items[index + 1 : index + 4] if i.kind != "age"]
    if len(following) < 2 or following[0].kind != "people" or following[1].kind != "role":
        return None
    noun, verb = following[:2]
    if gap(text, attribute, noun, pack) > 1 or gap(text, noun, verb, pack) > COUNTED_REACH:
        return None
    return verb, items.index(verb), True


def _role_before(
    items: list[Item], index: int, text: str, pack: Pack
) -> tuple[Item, int, bool] | None:
    """ "la muerte de 16 personas", "zginęło 25 osób", "死亡3人": the role word stands first."""
    number = items[index]
    people = people_after(items, index, text, pack)
    ends_clause = CLAUSE_END.match(text, number.end) or text[number.end : number.end + 1] in (
        "",
        "\n",
    )
    if number.weak and people is None:
        return None
    # "مصرع 15 حريبياً", "killed 15 fighters"
    reach = ROLE_BEFORE_REACH if people is not None or ends_clause else 0
    for previous_index in range(index - 1, -1, -1):
        item = items[previous_index]
        if item.kind in ("number", "nobody", "none_of", "none_after", "and"):
            return (
                None  # "murió y nueve personas resultaron heridas": the nine are the next clause's
            )
        if item.kind == "role":
            if gap(text, item, number, pack) <= reach:
                return item, previous_index, people is not None
            return None
    return None


def _joined_before(items: list[Item], index: int, text: str, pack: Pack) -> list[int]:
    """Counts joined by "and" before the one at ``index``: "ein Polizist und drei Mitarbeiter"."""
    joined = []
    while index >= 3:
        conj, people, number = items[index - 1], items[index - 2], items[index - 3]
        if not (conj.kind == "and" and people.kind == "people" and number.kind == "number"):
            break
        if gap(text, conj, items[index], pack) > 0 or gap(text, people, conj, pack) > 0:
            break
        if people_after(items, index - 3, text, pack) != index - 2:
            break
        joined.append(index - 3)
        index -= 3
    return joined


def _zeros(items: list[Item], text: str, pack: Pack) -> list[tuple[str, Count]]:
    """(role, zero) for the role word a "nobody" or "none of" word denies: the first after it in reach
    (and one joined to it: "getötet oder verletzt"), else the nearest before it ("Verletzt wurde …
    niemand"); not every
    role word of the sentence ("Nessuno è rimasto ferito e gli inquilini sono stati evacuati")."""
    found = []
    for index, word in enumerate(items):
        if word.kind not in ("nobody", "none_of", "none_after"):
            continue
        reach = NOBODY_REACH if word.kind == "nobody" else NONE_OF_REACH
        people = people_after(items, index, text, pack) if word.kind == "none_of" else None
        # "kein Feuerwehrmann wurde verletzt"
        anchor = items[people] if people is not None else word
        after = [i for i in items[index + 1 :] if i.kind == "role" and i.start >= anchor.end]
        before = [i for i in reversed(items[:index]) if i.kind == "role"]
        denied: list[Item] = []
        if word.kind != "none_after" and after and gap(text, anchor, after[0], pack) <= reach:
            denied = [after[0]] + [i for i in after[1:2] if gap(text, after[0], i, pack) <= 1]
        elif word.kind != "none_of" and before and gap(text, before[0], word, pack) <= reach:
            denied = [before[0]]
        for other in denied:
            if _spares_others(items, word, other):
                continue
            assert other.role is not None  # a role word's item
            start, end = min(word.start, other.start), max(word.end, other.end)
            roles = ("killed", "injured") if other.role == EITHER else (other.role,)
            found += [(role, Count(0.0, text[start:end], start, True)) for role in roles]
    return found


def _spares_others(items: list[Item], word: Item, role: Item) -> bool:
    """ "niemand sonst", "no one else", or a count between: others spared, the victims counted."""
    low, high = min(word.start, role.start), max(word.end, role.end)
    between = [
        i for i in items if low <= i.start and i.end <= high and i is not word and i is not role
    ]
    return any(i.kind == "else" or (i.kind == "number" and not i.weak) for i in between)
