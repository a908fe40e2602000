"""Clean article text: repair encoding and spacing, take out the header date, title and captions.

    clean(text, title)  ->  CleanText(title, body, captions, header_date)

The steps run in this order because each one needs the previous one done: the
header date sits above the headline (seed 002), and captions are told apart by
the paragraph structure that whitespace repair makes regular.
"""

from __future__ import annotations

import re
import unicodedata

from newsweave.extract.dates import looks_like_date_line, split_leading_date
from newsweave.models import CleanText

# Characters that carry no text: C0/C1 controls except newline and tab, zero-width
# space, BOM, soft hyphen. ZWJ/ZWNJ stay: Persian and Indic scripts need them.
_INVISIBLE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200b\u00ad\ufeff]")
_PLAIN_ASCII = re.compile("[\t\n\x20-\x25\x27-\x7e]*")  # printable ASCII, tab, newline; no "&"
_LINES = re.compile("[^\n]*\n|[^\n]+")  # each line with its newline, as ftfy cuts a text
_SPACES = re.compile("[ \t\u00a0\u1680\u2000-\u200a\u202f\u205f\u3000]+")
# Machine translation splits hyphenated words: "norte -coreanos", "admitiu -se".
_SPACED_HYPHEN = re.compile(r"(?<=[^\W\d_]) -(?=([^\W\d_]))")
_SENTENCE_END = tuple(".!?…。！？")
_CLOSERS = "\"'”’»)]*"
# A headline or caption never ends like this; a clause cut off mid-sentence does.
_NOT_HEADLINE_END = tuple(".,;:-–—")
_HEADLINE_MAX_CHARS = 200
# Captions describe a picture in a full clause; shorter lines are subheadings ("The luxury train").
_CAPTION_MIN_WORDS = 8
_CAPTION_MAX_CHARS = 300
_CREDIT = re.compile(
    r"^(\(?(photo|image|foto|picture|photograph|bild|imagen|credit|caption)s?\s*(:|by\b|/)"
    r"|\(photo\b|getty images\b|ap photo\b|(reuters|afp|epa|ap)\s*(/|$|\)|:))",
    re.I,
)
# Site furniture that only reads as a paragraph by accident; matched on short paragraphs only.
_BOILERPLATE = re.compile(
    r"(sign up for (our|the) [\w\s]*newsletter|^stay informed with the latest"
    r"|^follow (us|\w+ news from \S+) on (twitter|facebook|instagram)"
    r"|^(click here to|share this (article|story)|advertisement$|more content from \S+:?$))",
    re.I,
)
_BOILERPLATE_MAX_CHARS = 160
# A line ending in one of these was cut mid-sentence (a broken transcript line), not a caption.
_DANGLING_WORDS = frozenset(
    "a an and as at but by for from in of on or the then to with "
    "e o a os as de do da em para que com "  # Portuguese (and Spanish "de", "que")
    "el la los las y en por con del "
    "le les et des du pour sur "
    "der die das und mit von zu im".split()
)
# Two sentences run together on one line: body text that lost its final period.
_INNER_SENTENCE = re.compile(r"[a-z0-9][.!?][\"”’)]?\s+[A-Z]")


def clean(text: str, title: str | None = None) -> CleanText:
    """Normalise an article's text and separate what is not body text.

    Args:
        text: the article as ingested (may hold a date line, the headline, captions).
        title: the title the source gave, if any; a first line repeating it is dropped.

    Returns:
        CleanText with the body (paragraphs joined by a blank line), the title ("" when
        there is none), the captions taken out, and the header date as an ISO string.
        The body is never empty for input with any text in it.
    """
    fixed = repair(text)
    header_date, fixed = _take_header_date(fixed)
    given = " ".join(repair(title).split()) if title else None
    found_title, fixed = _take_title(fixed, given)
    paragraphs = [p for p in fixed.split("\n\n") if p.strip()]
    kept = _drop_boilerplate(paragraphs) or paragraphs
    body, captions = _split_captions(kept)
    if not body:
        body, captions = kept, []
    return CleanText(
        title=found_title or "",
        body="\n\n".join(body),
        captions=tuple(captions),
        header_date=header_date,
    )


def repair(text: str) -> str:
    """Fix mojibake, NFC-normalise, drop invisible characters, regularise whitespace.

    Paragraphs end up separated by exactly one blank line, lines inside a paragraph by
    one newline, with single spaces inside lines. Curly quotes are kept as written.
    """
    fixed = fix_mojibake(text)
    fixed = fixed.replace("\u2029", "\n\n").replace("\u2028", "\n")
    fixed = _INVISIBLE.sub("", fixed.replace("\r\n", "\n").replace("\r", "\n"))
    lines = [_SPACES.sub(" ", line).strip() for line in fixed.split("\n")]
    joined = re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()
    return unicodedata.normalize("NFC", mend_hyphens(joined))


def fix_mojibake(text: str) -> str:
    """``ftfy.fix_text`` (curly quotes kept, NFC), given only the lines it could change.

    ftfy fixes each line on its own and leaves a line of printable ASCII without "&" as it is: no
    mojibake, entity, control or wide character can be written in one. 70% of gva-dev's texts are
    all such lines, and 92% of its lines: ftfy then takes ~0.25 ms an article instead of ~0.5.
    """
    if _PLAIN_ASCII.fullmatch(text):
        return text
    if "<" in text:  # ftfy's HTML unescaping then depends on the lines before: it sees them all
        return _ftfy(text)
    fixed: list[str] = []
    unplain: list[str] = []  # consecutive lines ftfy may change, fixed in one call
    for line in _LINES.findall(text):
        if not _PLAIN_ASCII.fullmatch(line):
            unplain.append(line)
            continue
        if unplain:
            fixed.append(_ftfy("".join(unplain)))
            unplain = []
        fixed.append(line)
    if unplain:
        fixed.append(_ftfy("".join(unplain)))
    return "".join(fixed)


def _ftfy(text: str) -> str:
    """``ftfy.fix_text`` as ``repair`` wants it: curly quotes kept, NFC."""
    import ftfy  # on first use: ~0.3 s to import, which commands that read no text need not pay

    return ftfy.fix_text(text, uncurl_quotes=False, normalization="NFC")


def mend_hyphens(text: str) -> str:
    """Close the space machine translation puts before a word-joining hyphen.

    "norte -coreanos" -> "norte-coreanos", "Entende -se" -> "Entende-se". Only when a
    letter precedes and a lower-case letter follows, so " - " dashes and "-5" stay.
    """
    return _SPACED_HYPHEN.sub(lambda m: "-" if m.group(1).islower() else m.group(0), text)


def looks_like_headline(line: str) -> bool:
    """Whether one line reads as a headline: short, a few words, no closing period, not a date."""
    line = line.strip().lstrip("#").strip()
    if not line or len(line) > _HEADLINE_MAX_CHARS or len(line.split()) < 2:
        return False
    if line.rstrip(_CLOSERS).endswith(_NOT_HEADLINE_END) or line[0].islower():
        return False
    if not any(ch.isalpha() for ch in line) or _CREDIT.match(line):
        return False
    return looks_like_date_line(line) is None


def _take_header_date(text: str) -> tuple[str | None, str]:
    """Remove a date line, or a label+date glued before the first sentence, from the top.

    The date is read in any language (extract.dates' tables hold every language's month
    names and labels), so the article's language is not needed.
    """
    first, _, rest = text.partition("\n")
    found = looks_like_date_line(first)
    if found is not None and rest.strip():
        return found.isoformat(), rest.strip()
    found, _surface, rest = split_leading_date(text)
    if found is not None and rest.strip():
        return found.isoformat(), rest.strip()
    return None, text


def _take_title(text: str, given: str | None) -> tuple[str | None, str]:
    """The title, and the text without a first line that is the title."""
    first, _, rest = text.partition("\n")
    if not rest.strip():
        return given, text
    if given is not None:
        same = _comparable(first) == _comparable(given)
        return given, rest.strip() if same else text
    if looks_like_headline(first):
        return first.lstrip("#").strip(), rest.strip()
    return None, text


def _comparable(line: str) -> str:
    """A line reduced for comparing a title with a first line: no markup, case or spacing."""
    return " ".join(line.lstrip("#").casefold().split()).rstrip(".")


def _drop_boilerplate(paragraphs: list[str]) -> list[str]:
    """Paragraphs without newsletter, follow-us and share prompts."""
    return [p for p in paragraphs if not _is_boilerplate(p)]


def _is_boilerplate(paragraph: str) -> bool:
    """Whether a whole paragraph is site furniture rather than reporting."""
    return len(paragraph) <= _BOILERPLATE_MAX_CHARS and bool(_BOILERPLATE.search(paragraph))


def _split_captions(paragraphs: list[str]) -> tuple[list[str], list[str]]:
    """Body paragraphs and captions.

    Credit lines ("Photo: ...", "AP Photo/...") are captions anywhere. A caption
    sentence without a final period is told apart only in text with blank-line
    paragraphs, where it stands alone or opens a paragraph (seed 001): in one
    sentence per line text (seed 000) there is no structure to tell it by.
    """
    structured = len(paragraphs) >= 3
    body: list[str] = []
    captions: list[str] = []
    for paragraph in paragraphs:
        lines = paragraph.split("\n")
        kept = []
        for index, line in enumerate(lines):
            continues = index + 1 < len(lines) and lines[index + 1][:1].islower()
            opens = structured and index == 0 and not continues
            if _is_credit(line) or (opens and _is_caption(line)):
                captions.append(line)
            else:
                kept.append(line)
        if kept:
            body.append("\n".join(kept))
    return body, captions


def _is_credit(line: str) -> bool:
    """A photo credit or labelled caption line."""
    return len(line) <= _CAPTION_MAX_CHARS and bool(_CREDIT.match(line))


def _is_caption(line: str) -> bool:
    """A clause describing a picture: capitalised, a full clause long, no end punctuation.

    All-capitals lines are broadcast transcript lines, and a line ending in "the" or
    "and" was cut mid-sentence: both are body text that lost its line structure.
    """
    words = line.split()
    if len(line) > _CAPTION_MAX_CHARS or len(words) < _CAPTION_MIN_WORDS or line.isupper():
        return False
    if not (line[0].isupper() or line[0].isdigit()):
        return False
    end = line.rstrip(_CLOSERS)
    if not end or end.endswith(_SENTENCE_END + _NOT_HEADLINE_END):
        return False
    if words[-1].casefold() in _DANGLING_WORDS:
        return False
    # Several sentences without a final period are body, unless a credit closes them.
    return not _INNER_SENTENCE.search(line) or line.endswith(")")
