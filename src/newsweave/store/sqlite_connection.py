"""How the SQLite store meets its file: a connection whose every read and write reports a damaged
file as a StoreError that names it, and the read-only way in to a store this process cannot write."""

from __future__ import annotations

import functools
import inspect
import os
import sqlite3
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar
from urllib.parse import quote

from ..errors import StoreError

_T = TypeVar("_T")
_Class = TypeVar("_Class", bound=type)


def read_only_uri(path: str) -> str | None:
    """The URI to open an existing store that this process cannot write, read-only; None when it can.

    A store in a WAL keeps two files beside it (-wal, -shm) that a reader creates when they are
    missing, which a read-only folder refuses. Without them and without a way to make them, the
    file is opened as immutable: nobody can be writing to it, as nobody can make the -wal.
    """
    folder = os.path.dirname(os.path.abspath(path))
    if not os.path.isfile(path) or (os.access(path, os.W_OK) and os.access(folder, os.W_OK)):
        return None
    uri = "file:" + quote(os.path.abspath(path))
    return uri + ("?mode=ro" if os.path.exists(path + "-shm") else "?mode=ro&immutable=1")


class _Cursor(sqlite3.Cursor):
    """A cursor that reports a damaged file as a StoreError that says so, wherever it is met.

    SQLite finds damage only when it reads the damaged page: in any query, at any row. Left
    as ``sqlite3.DatabaseError`` it ended the CLI in a traceback and the web in a 500.
    (try/except, not a context manager: ``__next__`` runs once a row; this way costs ~0.7 µs a row.)
    """

    def _checked(self, method: Callable[..., _T], *args: Any) -> _T:
        try:
            return method(*args)
        except sqlite3.DatabaseError as exc:
            _raise_if_damaged(self.connection, exc)
            raise

    def execute(self, *args: Any) -> _Cursor:
        self._checked(super().execute, *args)
        return self  # what sqlite3's execute returns: the cursor itself

    def executemany(self, *args: Any) -> _Cursor:
        self._checked(super().executemany, *args)
        return self

    def fetchone(self) -> Any:
        return self._checked(super().fetchone)

    def fetchall(self) -> list[Any]:
        return self._checked(super().fetchall)

    def fetchmany(self, *args: Any) -> list[Any]:
        return self._checked(super().fetchmany, *args)

    # Inline, not through _checked: it runs once a row.
    def __next__(self) -> Any:
        try:
            return super().__next__()
        except sqlite3.DatabaseError as exc:
            _raise_if_damaged(self.connection, exc)
            raise


class Connection(sqlite3.Connection):
    """A connection whose cursors, those ``execute`` makes too, are ``_Cursor``s."""

    def cursor(self, factory: Any = None) -> Any:
        return super().cursor(factory or _Cursor)

    def execute(self, *args: Any) -> Any:  # Python 3.11's own execute does not go through cursor()
        return self.cursor().execute(*args)

    def executemany(self, *args: Any) -> Any:
        return self.cursor().executemany(*args)


def _raise_if_damaged(connection: sqlite3.Connection, exc: sqlite3.DatabaseError) -> None:
    """Raise a StoreError naming the store when ``exc`` says its file is damaged.

    Only DatabaseError itself ("malformed", "not a database") and the "Could not decode to
    UTF-8" a damaged text page gives: the other subclasses (OperationalError: locked, busy,
    read-only) are handled where they can happen, and mean something else.
    """
    if type(exc) is sqlite3.DatabaseError or str(exc).startswith("Could not decode"):
        path = getattr(connection, "store_path", "the store")
        what = str(exc).split(" with text ")[0]  # not the damaged bytes themselves
        raise StoreError(
            f"the store {path} is damaged ({what}): restore it from a backup, "
            f"or recover what is left with: sqlite3 {path} .recover"
        ) from exc


def reads_report_errors(*, writes: Iterable[str]) -> Callable[[_Class], _Class]:
    """A class decorator: every public method of the class but ``writes`` reports the driver's
    errors as a StoreError naming the store, as PostgreSQL's reads do: a file that is no newsweave
    store, or a lock held past the busy timeout, then reads as a clear error in the CLI and a 503
    on the web, not a traceback and a 500. (The writes map their own errors, around their
    transaction.)
    """
    skipped = set(writes)

    def decorate(store_class: _Class) -> _Class:
        for name, method in list(vars(store_class).items()):
            if not name.startswith("_") and name not in skipped and inspect.isfunction(method):
                setattr(store_class, name, _reporting(method))
        return store_class

    return decorate


def _reporting(method: Callable[..., Any]) -> Callable[..., Any]:
    if inspect.isgeneratorfunction(method):

        @functools.wraps(method)
        def rows(store: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
            try:
                yield from method(store, *args, **kwargs)
            except sqlite3.Error as exc:
                raise StoreError(f"cannot read store {store.path}: {exc}") from exc

        return rows

    @functools.wraps(method)
    def read(store: Any, *args: Any, **kwargs: Any) -> Any:
        try:
            return method(store, *args, **kwargs)
        except sqlite3.Error as exc:
            raise StoreError(f"cannot read store {store.path}: {exc}") from exc

    return read
