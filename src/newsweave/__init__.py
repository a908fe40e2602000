"""newsweave: follow news stories across languages.

from newsweave import Pipeline, Settings
summary = Pipeline(Settings(db="news.db")).ingest(["articles/"])
"""

__version__ = "0.1.0"  # first: modules imported below read it (cluster/snapshot.py)

from .config import Settings
from .errors import InputError, NewsweaveError, NotInstalled, StoreError
from .models import Article, Decision, Entity, Quantity, RawDocument, Rejection
from .pipeline import Pipeline, Summary

__all__ = [
    "Article",
    "Decision",
    "Entity",
    "InputError",
    "NewsweaveError",
    "NotInstalled",
    "Pipeline",
    "Quantity",
    "RawDocument",
    "Rejection",
    "Settings",
    "StoreError",
    "Summary",
]
