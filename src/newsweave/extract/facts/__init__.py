"""An article's facts, read at ingest: its event date, casualty counts and every count or measure
in a known slot, each with the sentence that states it (``article_facts``), and the places it
names (``place_names``). The story side that compares them across sources is ``newsweave.ledger``.
"""

from .facts import article_facts, place_names

__all__ = ["article_facts", "place_names"]
