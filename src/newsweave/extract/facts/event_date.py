"""The day an article's event happened, chosen among the dates the article states.

An article states several days: the event's, the day police spoke, an arrest, a court
date, an earlier case. Each stated day is scored by the sentence it sits in: words of the
event itself (shot, killed, fire, flood) count for it; reporting and aftermath words
right before it ("said Tuesday", "arrested on Friday", "Posted:") count against it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from ...models import Article
from .evidence import Sentences

# Words of the event itself (stems): "shooting", "tiroteio", "Schüsse", "incendie".
_HAPPENED = (
    r"shot|shoot\w*|gunfire|gunned|gunman|fired|kill\w*|slain|stabb\w*|murder\w*|wound\w*|injur\w*|"
    r"respond\w*|crash\w*|collid\w*|fire|blaze|flood\w*|explo\w*|attack\w*|struck|happened|occurred|erupted|"
    r"arrived|arrives|met|meets|visited|gala|ceremony|"
    r"baleado\w*|tiro\w*|mat[oa]u|feri\w*|incêndio|cheias?|chegou|aconteceu|"
    r"dispar\w*|tiroteo|herid\w*|incendio|inundaci\w*|llegó|ocurrió|"
    r"schüsse\w*|schuss|erschoss\w*|getötet|verletzt\w*|brand|feuer|hochwasser|traf|"
    r"tirs?|abattu\w*|tué\w*|bless\w*|incendie|crue|arrivé\w*"
)
# Words of its outcome: people die days later, so these say less about the day than _HAPPENED.
_OUTCOME = r"dead|died|dies|death|deadly|fatal\w*|hurt|morr\w*|morto\w*|muert\w*|murió|tot|tote\w*|starb|mort\w*"
_EVENT = re.compile(rf"\b(?:{_HAPPENED}|{_OUTCOME})\b", re.IGNORECASE)
_EVENT_NEAR = re.compile(rf"\b(?:{_HAPPENED})\b", re.IGNORECASE)
# Page furniture: a date after these is the page's, never the event's.
_STAMP = re.compile(
    r"(?:posted|updated|published|modified|last update|related(?: articles| stories)?|previous story|"
    r"read more|see also|publicado|atualizado|actualizado|veröffentlicht|aktualisiert|publié|mis à jour)"
    r"\W{0,3}(?:\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)
# Words just before a date that make it the day of a report or of what followed the event.
_AFTER = re.compile(
    r"(?:posted|updated|published|modified|date|said|says|told|announced|release[d]?|statement|"
    r"arrested|charged|arraigned|sentenced|convicted|court|hearing|trial|autopsy|funeral|vigil|"
    r"identified|named|booked|indicted|extradited|appeared|scheduled|recalled|testified|as of|"
    r"related(?: articles| stories)?|previous story|read more|see also|"
    r"disse|afirmou|publicado|atualizado|dijo|afirmó|publicado|actualizado|"
    r"sagte|teilte mit|veröffentlicht|aktualisiert|a déclaré|publié|mis à jour)"
    r"\W{0,3}(?:\w+\W{1,3}){0,2}$",
    re.IGNORECASE,
)
# A reporting verb right after the day: "the coroner on Saturday released the names".
_REPORTED = re.compile(
    r"\W{0,3}(?:released|said|says|announced|confirmed|identified|told|charged|arrested|reported|"
    r"disse|afirmou|dijo|sagte|a déclaré)\b",
    re.IGNORECASE,
)
# Aftermath anywhere in the sentence: the day of a funeral or an autopsy is not the event's.
_AFTERMATH = re.compile(
    r"\b(?:funeral|autops|vigil|memorial|arraign|hearing|court|tweet|press conference|news conference|"
    r"velório|enterro|sepelio|beerdigung|trauerfeier|obsèques|funérailles)\w*",
    re.IGNORECASE,
)
_NEAR = 30  # characters either side of a day read for _EVENT_NEAR ("shot on Dec. 12")
_LEAD = 1000  # characters: a day stated in the lead is more often the event's
_BEFORE_WINDOW = 40  # characters before a date read for _AFTER


@dataclass(frozen=True)
class _Weights:
    """How much each clue moves a mention's score (tuned on gva-dev; see BENCHMARKS.md)."""

    event: float = 2.0  # the sentence tells of the event (shot, killed, fire, arrived)
    after: float = 2.5  # a reporting or aftermath word right before or after the day
    near: float = 1.5  # an event word right next to the day
    aftermath: float = 0.25  # a funeral, a hearing, a press conference in the sentence
    lead: float = 1.0  # at most this much for being early in the text
    publication_day: float = (
        0.375  # the report's own day is the event's less often than an earlier one
    )


_W = _Weights()
# trials and sentencings state the event's date outright, often a year or more on
_TOO_OLD = timedelta(days=731)


@dataclass(frozen=True)
class EventDate:
    """The chosen day, the words that state it ("" when it is the publication date) and its sentence."""

    value: date
    surface: str
    evidence: str


def choose_event_date(article: Article, sentences: Sentences) -> EventDate | None:
    """The most likely day of the article's event.

    Args:
        article: an article with ``event_dates`` and ``published`` already found.
        sentences: the sentences of the text the dates were found in (title, body and captions).

    Returns:
        The best scored stated day; the publication date when the text states none
        that could be the event's; None when neither is known.
    """
    best: tuple[float, int, EventDate] | None = None
    for mention in article.event_dates:
        if article.published and not _plausible(mention.value, article.published):
            continue
        scored = [
            (_score(sentences, p, len(mention.surface)), -p)
            for p in sentences.occurrences(mention.surface)
        ]
        if not scored:
            continue
        score, at = max(scored)
        if mention.value == article.published:
            score -= _W.publication_day
        candidate = (score, at, EventDate(mention.value, mention.surface, sentences.quote(-at)))
        if best is None or candidate[:2] > best[:2]:
            best = candidate
    if best is not None and best[0] > 0:
        return best[2]
    if article.published is not None:
        return EventDate(article.published, "", "")
    return best[2] if best is not None else None


def _plausible(value: date, published: date) -> bool:
    """Not after publication (a day's grace for time zones), not long before it."""
    return published - _TOO_OLD <= value <= published + timedelta(days=1)


def _score(sentences: Sentences, position: int, length: int) -> float:
    """How much the words around one mention say it is the event's day."""
    start, end = sentences.at(position)
    sentence = sentences.text[start:end]
    score = 1.0 + (_W.event if _EVENT.search(sentence) else 0.0)
    before = sentences.text[max(start, position - _BEFORE_WINDOW) : position]
    if _STAMP.search(before):
        return -10.0
    if _AFTER.search(before) or _REPORTED.match(sentences.text, position + length):
        score -= _W.after
    near = sentences.text[max(start, position - _NEAR) : min(end, position + _NEAR)]
    if _EVENT_NEAR.search(near):
        score += _W.near
    if _AFTERMATH.search(sentence):
        score -= _W.aftermath
    return score + _W.lead * max(0.0, 1.0 - position / _LEAD)
