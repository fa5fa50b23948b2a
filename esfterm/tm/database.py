"""Where a TM lives: a SQLite file (the default) or a PostgreSQL database, behind one small interface.

The store (store.py), the schema (schema.py) and the fuzzy index (index.py) write portable SQL with
'?' placeholders and call a Database for the few things the two engines do differently:

- transactions: SQLite takes its one write lock at BEGIN IMMEDIATE, so writers queue there;
  PostgreSQL lets writers run side by side (MVCC) and serialises only what must not interleave:
  the fuzzy index's counters and chunk numbers (an advisory lock held from the index write to
  the commit, `lock_index`) and schema changes (`lock_schema`);
- new row ids: the highest id plus one under SQLite's write lock, sequences in PostgreSQL;
- new units: a unit key another writer has just stored is skipped (ON CONFLICT DO NOTHING) and
  merged into instead, and a merge reads the stored row FOR UPDATE, so no merge is lost;
- the DDL's types (BLOB is bytea, text compares as "C", so word-prefix ranges and sort orders
  are those of SQLite, by code point);
- driver errors, turned into one-line InputErrors (a held lock, a lost server, a collision).
"""

from __future__ import annotations

import os
import re
import sqlite3
from pathlib import Path
from typing import Iterable, Sequence

from esfterm.errors import InputError
from esfterm.tm.connection import STATEMENT_WAIT, Notify, begin_write, connect, is_locked, locked_error

URL_SCHEMES = ("postgresql://", "postgres://")


def is_database_url(location: str | os.PathLike) -> bool:
    """True for a PostgreSQL URL (postgresql://user@host/db), False for a file path."""
    return isinstance(location, str) and location.startswith(URL_SCHEMES)


class StoreConflict(InputError):
    """A write that collided with another writer and was rolled back whole: safe to run again."""


class Database:
    """One connection to a TM's database; SQL uses '?' placeholders."""

    kind = ""
    #: Appended to a SELECT that reads a row in order to rewrite it.
    for_update = ""
    #: What to do when the place given for a new TM holds other tables.
    own_place_hint = ""
    #: The driver's errors that mean the TM cannot be used right now (turned into InputErrors).
    errors: tuple[type[BaseException], ...] = ()

    def __init__(self, location: str | Path) -> None:
        self.location = location
        self.conn = None

    # ---------------------------------------------------------------- statements

    def _sql(self, sql: str) -> str:
        return sql

    def execute(self, sql: str, args: Sequence = ()):
        """Run one statement; returns the cursor (iterate it, or fetchone/fetchall)."""
        try:
            cur = self.conn.cursor()
            cur.execute(self._sql(sql), list(args))
            return cur
        except self.errors as exc:
            raise self.unusable(exc) from None

    def executemany(self, sql: str, rows: Iterable[Sequence]) -> None:
        try:
            self.conn.cursor().executemany(self._sql(sql), rows)
        except self.errors as exc:
            raise self.unusable(exc) from None

    def one(self, sql: str, args: Sequence = ()):
        """The first column of the first row (None when there is no row)."""
        row = self.execute(sql, args).fetchone()
        return None if row is None else row[0]

    def unusable(self, exc: BaseException) -> InputError:
        """The InputError for a driver error."""
        return InputError(f"the translation memory cannot be used: {exc}", path=self.location)

    # ---------------------------------------------------------------- transactions

    def begin_write(self, wait: float, on_wait: Notify | None) -> None:
        raise NotImplementedError

    def begin_read(self) -> None:
        """Start a read-only transaction: every statement until commit sees one snapshot."""
        self.execute("BEGIN")

    def commit(self) -> None:
        self.execute("COMMIT")

    def rollback(self) -> None:
        """Roll back; a connection that is already gone has nothing to roll back."""
        raise NotImplementedError

    def lock_index(self) -> None:
        """Hold the fuzzy index's write lock until the transaction ends (see the module doc)."""

    def lock_schema(self) -> None:
        """Hold the schema lock until the transaction ends."""

    # ---------------------------------------------------------------- what the engines spell differently

    def has_table(self, name: str) -> bool:
        raise NotImplementedError

    def has_tables(self) -> bool:
        """True when the TM's place (a file, a schema) holds any table at all."""
        raise NotImplementedError

    def ddl(self, statement: str) -> str:
        """A CREATE statement of schema.py in this engine's types."""
        return statement

    def create_extras(self) -> None:
        """What the engine needs beyond the tables (PostgreSQL: the id sequences)."""

    def new_ids(self, table: str, count: int) -> list[int]:
        """`count` unused ids for rows of `table` (unit or variant), ascending."""
        raise NotImplementedError

    def insert_new(self, sql: str, rows: list[tuple]) -> set:
        """Insert unit rows (the key second) unless a unit with the key exists; the keys inserted."""
        raise NotImplementedError

    @property
    def broken(self) -> bool:
        """True when the connection is lost (a pool then opens a new one)."""
        return self.conn is None

    def close(self) -> None:
        if self.conn is not None:
            self.conn.close()
            self.conn = None


class SqliteDatabase(Database):
    """A TM in one SQLite file, in WAL mode: readers see the last commit while a writer works
    (connection.py opens the file and takes the write lock)."""

    kind = "sqlite"
    errors = (sqlite3.OperationalError,)
    own_place_hint = "give a new file for the TM"

    def __init__(self, path: Path, *, readonly: bool = False) -> None:
        super().__init__(path)
        try:
            self.conn = connect(path, readonly=readonly)
            self.conn.execute("SELECT COUNT(*) FROM sqlite_master").fetchone()
        except sqlite3.Error as exc:
            self.close()
            raise self.unusable(exc) from None

    def unusable(self, exc: BaseException) -> InputError:
        """Why SQLite cannot use the file: a lock held by another process, or not a TM."""
        if isinstance(exc, sqlite3.Error) and is_locked(exc):
            return locked_error(self.location, STATEMENT_WAIT)
        return InputError(f"not a translation memory database: {exc}", path=self.location)

    def begin_write(self, wait: float, on_wait: Notify | None) -> None:
        try:
            begin_write(self.conn, self.location, wait=wait, on_wait=on_wait)
        except sqlite3.Error as exc:
            raise self.unusable(exc) from None

    def rollback(self) -> None:
        try:
            self.conn.execute("ROLLBACK")
        except sqlite3.Error:
            pass

    def has_table(self, name: str) -> bool:
        return self.one("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)) is not None

    def has_tables(self) -> bool:
        return self.one("SELECT COUNT(*) FROM sqlite_master") > 0

    def new_ids(self, table: str, count: int) -> list[int]:
        start = self.one(f"SELECT COALESCE(MAX(id), 0) FROM {table}") + 1
        return list(range(start, start + count))

    def insert_new(self, sql: str, rows: list[tuple]) -> set:
        # the write lock is held since BEGIN IMMEDIATE: no other writer can have stored these keys
        self.executemany(sql, rows)
        return {row[1] for row in rows}


def open_database(location: str | os.PathLike, *, readonly: bool = False) -> Database:
    """The Database for a file path or a PostgreSQL URL."""
    if is_database_url(location):
        from esfterm.tm.postgres import PostgresDatabase  # psycopg is loaded only for a URL

        return PostgresDatabase(str(location), readonly=readonly)
    return SqliteDatabase(Path(location), readonly=readonly)


def redact(url: str) -> str:
    """A URL fit for messages: its password replaced by ***."""
    return re.sub(r"^(\w+://[^/:@]*):[^@/]*@", r"\1:***@", url)
