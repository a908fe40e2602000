"""The exceptions newsweave raises.

NewsweaveError
 ├── InputError        an input could not be read (names the file or record and the reason)
 ├── StoreError        the store failed; wraps the driver's exception
 ├── CorrectionError   an analyst's merge, move, split or undo that cannot be made (says why)
 └── NotInstalled      an optional extra is missing (``cluster``: Dask); says the install line
"""

from __future__ import annotations


class NewsweaveError(Exception):
    """Base of every error newsweave raises on purpose."""


class InputError(NewsweaveError):
    """An input (file, page, feed, record) that cannot become an article."""

    def __init__(self, origin: str, reason: str) -> None:
        super().__init__(f"{origin}: {reason}")
        self.origin = origin
        self.reason = reason


class StoreError(NewsweaveError):
    """The store could not do what was asked."""


class CorrectionError(NewsweaveError):
    """A correction asked of the store that cannot be made: an unknown id, a merge of a story
    with itself, a split that would leave a story empty. Nothing was changed.

    ``missing`` says it named a story, article or history entry that does not exist.
    """

    def __init__(self, message: str, missing: bool = False) -> None:
        super().__init__(message)
        self.missing = missing


class NotInstalled(NewsweaveError):
    """A package of an optional extra is missing; ``extra`` names one in pyproject.toml's
    [project.optional-dependencies]. The models (USE, e5) are dependencies, never extras."""

    def __init__(self, package: str, extra: str) -> None:
        super().__init__(f"{package} is not installed: pip install 'newsweave[{extra}]'")
