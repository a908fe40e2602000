"""How many were killed and injured, as one article tells it: one value per slot.

An article states counts ("four people were found shot dead": 4 killed) and often implies
them: "a man died after being shot" is one killed, a shooting report that names no injured
has none. The stated count wins; without one, the words decide. The cue words (cues/) are
English: facts.py reads English articles with them, and every other language with its pack
(roles.py); ``stated`` tells stated and implied counts apart in the ledger.

Each slot is read in its own module: killed.py, injured.py (which also tells a wound of the
dead from a survivor's); both take stated counts through stated_counts.py.
"""

from __future__ import annotations

from ...models import Quantity
from .count import Count
from .cues import harm
from .evidence import Sentences
from .injured import count_injured
from .killed import count_killed


def casualties(
    text: str, quantities: list[Quantity], sentences: Sentences, year: int | None = None
) -> tuple[Count, Count] | None:
    """(killed, injured) as the article tells them, or None when it reports no casualties at all.

    Args:
        text: the article's title, body and captions, as the quantities were read from.
        quantities: what extract/numbers.py found in ``text``.
        sentences: the sentence index of ``text``, for positions.
        year: the year the article was published, to pass over counts of earlier years' events.
    """
    quantities = [shot_dead(q, text, sentences) for q in quantities]
    killed = count_killed(text, quantities, sentences, year)
    injured = count_injured(text, quantities, sentences, killed, year)
    if (
        killed.position < 0
        and injured.position < 0
        and not any(q.what == "shot" for q in quantities)
    ):
        return None
    return killed, injured


def shot_dead(q: Quantity, text: str, sentences: Sentences) -> Quantity:
    """ "4 shot dead", "3 people shot to death": a count of the killed, not of the wounded."""
    if q.what == "shot":
        position = sentences.find(q.surface)
        if position >= 0 and harm.SHOT_DEAD.match(text, position + len(q.surface)):
            return Quantity(q.value, "killed", q.unit, q.surface)
    return q
