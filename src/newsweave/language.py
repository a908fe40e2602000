"""Language identification with py3langid: an ISO 639-1 code, or "und" when unsure."""

from __future__ import annotations

from functools import cache
from typing import Any

UNDETERMINED = "und"
# Fewer letters than this give py3langid too few n-grams to go on ("OK", "12:30 GMT").
MIN_LETTERS = 20
# Below this normalised probability the best guess is as likely wrong as right.
MIN_CONFIDENCE = 0.5
# The opening of an article settles its language; reading more only costs time.
SAMPLE_CHARS = 2000
# py3langid labels a few varieties with ISO 639-3 codes; fold those that belong to a
# language with a 639-1 code, so Egyptian Arabic news groups with Arabic news.
_TO_ISO_639_1 = {
    "arz": "ar",
    "ary": "ar",
    "uzs": "uz",
    "gug": "gn",
    "yue": "zh",
    "wuu": "zh",
    "zxx": UNDETERMINED,  # "no linguistic content"
}


def detect(text: str) -> str:
    """The language ``text`` is written in.

    Args:
        text: any text; only the first ~2,000 characters are read.

    Returns:
        An ISO 639-1 code such as "en" or "pt", or "und" when the text has fewer than
        20 letters or the identifier is not confident. The few languages without a
        639-1 code come back as their ISO 639-3 code (e.g. "kab" for Kabyle).
    """
    sample = text[:SAMPLE_CHARS]
    if sum(ch.isalpha() for ch in sample) < MIN_LETTERS:
        return UNDETERMINED
    code, confidence = _identifier().classify(sample)
    if confidence < MIN_CONFIDENCE:
        return UNDETERMINED
    return _TO_ISO_639_1.get(str(code), str(code))


@cache
def _identifier() -> Any:
    """The py3langid model, loaded once per process on first use (it takes ~0.1 s)."""
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
