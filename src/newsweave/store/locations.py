"""Where a store is, as it may be shown: a PostgreSQL URL without its password."""

from __future__ import annotations

import re

POSTGRES_SCHEMES = ("postgresql://", "postgres://")
_PASSWORD = re.compile(r"(://[^:/@]+:)[^@]*@")


def redacted(location: str) -> str:
    """``location`` without a password it carries, for messages, logs and a terminal."""
    return _PASSWORD.sub(r"\1***@", location)
