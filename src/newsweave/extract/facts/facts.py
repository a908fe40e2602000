"""An article's facts for the ledger: event date, casualty counts, counts and measures, places."""

from __future__ import annotations

from collections import Counter
from datetime import date

from ...models import Article, Entity, Fact, Quantity
from ..gazetteer import place_region, region_name
from ..numbers import find_quantities
from .casualties import casualties
from .count import Count
from .event_date import choose_event_date
from .evidence import Sentences
from .packs import ROLES, pack_for
from .roles import LEAD_CHARS, read_roles, role_in_lead
from .slots import quantity_facts

# The language the gun-violence rules of cues/ were written for: its killed and injured are
# read by casualties.py, the other roles (and every role in other languages) by roles.py.
GUN_VIOLENCE_RULES_LANG = "en"


def article_facts(article: Article, text: str) -> tuple[date | None, list[Fact]]:
    """The event date and the facts one article states.

    Args:
        article: an article whose dates, entities and quantities are already extracted.
        text: the text they were extracted from (title, body and captions).

    Returns:
        (event date or None, facts): an ``event_date`` fact first when the date is known,
        then ``killed`` and ``injured`` when the article reports casualties, then every
        count and measure in a known slot.
    """
    sentences = Sentences(text)
    facts: list[Fact] = []
    chosen = choose_event_date(article, sentences)
    if chosen is not None:
        facts.append(
            Fact(
                "event_date",
                chosen.value.isoformat(),
                "date",
                chosen.evidence,
                chosen.surface,
                stated=bool(chosen.surface),
            )
        )
    year = article.published.year if article.published else None
    counts = _role_counts(article, text, sentences, year)
    facts.extend(_casualty_fact(role, counts[role], sentences) for role in ROLES if role in counts)
    # A figure the role reader already gives (evacuated, missing, arrested…) is stated once; a role
    # the slot reader finds past the lead of an article whose lead names none is another event's,
    # as the role reader holds ("huit militaires tués, huit blessés et trois disparus" closing a
    # report on refugees).
    read = {(f.slot, f.value) for f in facts}
    pack = pack_for(article.lang)
    in_passing = pack is not None and not role_in_lead(text.lower(), pack)
    facts.extend(
        f
        for f in quantity_facts(article.quantities, sentences, article.lang)
        if (f.slot, f.value) not in read
        and not (in_passing and f.slot in ROLES and text.find(f.surface) >= LEAD_CHARS)
    )
    return (chosen.value if chosen else None), facts


def _role_counts(
    article: Article, text: str, sentences: Sentences, year: int | None
) -> dict[str, Count]:
    """Killed, injured, missing, evacuated and arrested as the article tells them, by its pack.

    A language without a pack gets only counts extract/numbers.py reads with digits and a casualty
    word, never a count implied by words alone.
    """
    pack = pack_for(article.lang)
    if article.lang != GUN_VIOLENCE_RULES_LANG:
        if pack is None:
            return _stated_without_pack(article.quantities, sentences)
        return read_roles(text, pack, sentences, year)
    others = tuple(role for role in ROLES if role not in ("killed", "injured"))
    counts = read_roles(text, pack, sentences, year, others) if pack else {}
    english = casualties(text, _headline_counts(article) + article.quantities, sentences, year)
    if english is not None:
        counts["killed"], counts["injured"] = english
    return counts


def _stated_without_pack(quantities: list[Quantity], sentences: Sentences) -> dict[str, Count]:
    """The first count of the killed and of the injured in digits (pack-free: no word of the language)."""
    counts: dict[str, Count] = {}
    for q in quantities:
        if q.what in ("killed", "injured") and q.value > 0 and q.surface[:1].isdigit():
            counts.setdefault(q.what, Count(q.value, q.surface, sentences.find(q.surface), True))
    return counts


def _headline_counts(article: Article) -> list[Quantity]:
    """Casualty counts of a Title Case headline ("2 Dead, 3 Wounded In East Garfield Park").

    Capitals mid-sentence tell extract/numbers.py that a number is a street number or a
    label; in a Title Case headline every word has one, so it is read again in lowercase.
    """
    words = [w for w in article.title.split() if w[:1].isalpha()]
    if len(words) < 3 or sum(w[0].isupper() for w in words) < 0.7 * len(words):
        return []
    lowered = article.title.lower()
    found = []
    for q in find_quantities(lowered, article.lang):
        at = lowered.find(q.surface)
        if (
            q.what in ("killed", "injured", "shot")
            and at >= 0
            and len(lowered) == len(article.title)
        ):
            found.append(Quantity(q.value, q.what, q.unit, article.title[at : at + len(q.surface)]))
    return found


def _casualty_fact(slot: str, count: Count, sentences: Sentences) -> Fact:
    evidence = sentences.quote(count.position, len(count.surface)) if count.position >= 0 else ""
    return Fact(slot, count.value, None, evidence, count.surface, stated=count.stated)


def place_names(entities: list[Entity]) -> list[str]:
    """The places an article names, most named first, one name per place (its commonest spelling).

    The region of each city or county follows the named places when the article does not name
    it: "Tulsa" implies "Oklahoma", which local news seldom writes out.
    """
    spellings: dict[str, Counter[str]] = {}
    for e in entities:
        if e.kind == "place":
            spellings.setdefault(e.key, Counter())[e.surface] += 1
    # stable: first named wins ties
    ranked = sorted(spellings.items(), key=lambda kv: -sum(kv[1].values()))
    names = [_place_name(key, found) for key, found in ranked]
    for key, _ in ranked:
        region = place_region(key)
        if region and f"place:{region}" not in spellings:
            name = region_name(region)
            if name and name not in names:
                names.append(name)
    return names


def _place_name(key: str, names: Counter[str]) -> str:
    """A US state by its full name ("Okla." -> "Oklahoma"); otherwise the commonest spelling."""
    code = key.split(":", 1)[1]
    if code.startswith("US-") and ":" not in code:
        return region_name(code) or names.most_common(1)[0][0]
    return names.most_common(1)[0][0]
