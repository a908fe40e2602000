"""The story ledger: who said what, when, where and how many, and where sources disagree.

Per article (at ingest, ``article_facts``): the event date, casualty counts and every count
or measure in a known slot, each with the sentence that states it. Per story (on demand,
``build_ledger``): the values each independent source gives per slot, agreed / conflict /
single source, the majority value, each value's first reporter, and the consensus date.
"""

from .facts import article_facts, place_names
from .report import ledger_dict, ledger_lines
from .story import Ledger, build_ledger

__all__ = ["Ledger", "article_facts", "build_ledger", "ledger_dict", "ledger_lines", "place_names"]
