"""The story ledger: who said what, when, where and how many, and where sources disagree.

Per story (on demand, ``build_ledger``): the values each independent source gives per slot,
agreed / conflict / updated (a tally that changed over time) / distinct (figures not known to be
one claim) / single source, the majority value, each value's first reporter, and the
consensus date; and where each article comes from (``provenance``: original, copy, rewrite,
translation, independent), so a claim counts once per origin. The per-article facts it compares are read at ingest by ``newsweave.extract.facts``.
"""

from ..models import TranslationLink
from .provenance import KINDS, Provenance, story_provenance
from .report import COUNTING, ledger_dict, ledger_lines, provenance_dict, provenance_label
from .story import Ledger, build_ledger
from .translation import TranslationFinder

__all__ = [
    "COUNTING",
    "KINDS",
    "Ledger",
    "Provenance",
    "TranslationFinder",
    "TranslationLink",
    "build_ledger",
    "ledger_dict",
    "ledger_lines",
    "provenance_dict",
    "provenance_label",
    "story_provenance",
]
