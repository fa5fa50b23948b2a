"""Opening the TM's SQLite file: one writer at a time, readers never blocked, clear lock errors.

The file is kept in WAL mode, so a reader (search, export, check --tm) opens it read-only and
sees the last committed state while an import runs. A writer takes the write lock with
BEGIN IMMEDIATE; when another process holds it, the writer says so once (`on_wait`) and waits
up to `wait` seconds before giving up with a message that names the lock, never "not a
translation memory". Everything about connections lives here, so that another backend
(PostgreSQL) can take the same place behind the store's API.
"""

from __future__ import annotations

import sqlite3
import time
from pathlib import Path
from typing import Callable
from urllib.parse import quote

from esfterm.errors import InputError

#: Seconds a writer waits for another writer unless told otherwise (--wait).
DEFAULT_WAIT = 60.0
#: Seconds any statement waits on a passing lock (WAL recovery or a checkpoint).
STATEMENT_WAIT = 5.0
_BUSY_CODES = (sqlite3.SQLITE_BUSY, sqlite3.SQLITE_LOCKED)

Notify = Callable[[str], None]


def is_locked(exc: sqlite3.Error) -> bool:
    """True when SQLite failed because another connection holds a lock (not for a broken file)."""
    code = getattr(exc, "sqlite_errorcode", None)
    if code is not None:
        return code & 0xFF in _BUSY_CODES
    return "locked" in str(exc) or "busy" in str(exc)


class TMLocked(InputError):
    """Another process holds the TM's write lock: the same request may succeed later."""


def locked_error(path: Path | str, waited: float) -> TMLocked:
    """The one message for a TM that another process is writing to."""
    return TMLocked(f"the translation memory is locked: another process is writing to it "
                    f"(waited {waited:g} s)", path=path,
                    hint="try again when it has finished, or wait longer with --wait SECONDS")


def connect(path: Path, *, readonly: bool, wait: float = STATEMENT_WAIT) -> sqlite3.Connection:
    """A connection in autocommit mode (transactions are explicit); a reader's is read-only.
    It may pass between threads (a server's pool), one user at a time.

    Raises sqlite3.Error for a file SQLite cannot use; the caller words it.
    """
    if readonly:
        conn = sqlite3.connect(f"file:{quote(str(path.resolve()))}?mode=ro", uri=True,
                               isolation_level=None, timeout=wait, check_same_thread=False)
    else:
        conn = sqlite3.connect(str(path), isolation_level=None, timeout=wait, check_same_thread=False)
    try:
        if not readonly:
            conn.execute("PRAGMA journal_mode = WAL")
            conn.execute("PRAGMA synchronous = NORMAL")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA cache_size = -131072")
        conn.execute("PRAGMA mmap_size = 4294967296")
    except BaseException:
        conn.close()
        raise
    return conn


def _set_wait(conn: sqlite3.Connection, seconds: float) -> None:
    conn.execute(f"PRAGMA busy_timeout = {max(0, int(seconds * 1000))}")


def begin_write(conn: sqlite3.Connection, path: Path, *, wait: float = DEFAULT_WAIT,
                on_wait: Notify | None = None) -> None:
    """Take the write lock (BEGIN IMMEDIATE), waiting up to `wait` seconds for another writer.

    `on_wait` hears once, before the wait, that another process holds the lock.
    """
    _set_wait(conn, 0)
    try:
        conn.execute("BEGIN IMMEDIATE")
        return
    except sqlite3.OperationalError as exc:
        if not is_locked(exc):
            raise
    finally:
        _set_wait(conn, STATEMENT_WAIT)
    if wait <= 0:
        raise locked_error(path, 0)
    if on_wait is not None:
        on_wait(f"{path}: another process is writing to this translation memory; "
                f"waiting up to {wait:g} s for it to finish (--wait)")
    start = time.monotonic()
    _set_wait(conn, wait)
    try:
        conn.execute("BEGIN IMMEDIATE")
    except sqlite3.OperationalError as exc:
        if is_locked(exc):
            raise locked_error(path, round(time.monotonic() - start, 1)) from None
        raise
    finally:
        _set_wait(conn, STATEMENT_WAIT)
