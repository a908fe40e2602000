"""The story ledger: who said what, when, where and how many, and where sources disagree.

Per story (on demand, ``build_ledger``): the values each independent source gives per slot,
agreed / conflict / updated (a tally that changed over time) / distinct (figures not known to be
one claim) / single source, the majority value, each value's first reporter, and the
consensus date. The per-article facts it compares are read at ingest by ``newsweave.extract.facts``.
"""

from .report import ledger_dict, ledger_lines
from .story import Ledger, build_ledger

__all__ = ["Ledger", "build_ledger", "ledger_dict", "ledger_lines"]
