"""The PostgreSQL side of a TM's Database (see database.py for what differs and why).

The TM's tables live in the connection's current schema (the first of its search_path), so one
database can hold several TMs: postgresql://host/db?options=-csearch_path%3Dteam_a. Writers
start in READ COMMITTED; the index lock and the schema lock are transaction-level advisory
locks keyed by database and schema, so two TMs in one database never wait for each other. A
writer's lock waits are bounded by `wait` (lock_timeout); readers take a REPEATABLE READ
snapshot per search and never wait.
"""

from __future__ import annotations

import functools
import hashlib
import re
import time

import psycopg
from psycopg import errors as pgerrors
from psycopg.conninfo import conninfo_to_dict

from esfterm.errors import InputError
from esfterm.tm.connection import Notify, locked_error
from esfterm.tm.database import Database, StoreConflict, redact

#: Seconds to wait for the server to answer a connection.
CONNECT_TIMEOUT = 10

_TYPES = [
    (re.compile(r"\bINTEGER\b"), "BIGINT"),
    (re.compile(r"\bBLOB\b"), "BYTEA"),
    (re.compile(r"\bTEXT\b"), 'TEXT COLLATE "C"'),
    (re.compile(r"\)\s*WITHOUT ROWID", re.S), ")"),
]
_SEQUENCES = ("unit", "variant")


@functools.lru_cache(maxsize=512)
def _placeholders(sql: str) -> str:
    return sql.replace("?", "%s")


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__


class PostgresDatabase(Database):
    """A TM in the current schema of a PostgreSQL database."""

    kind = "postgresql"
    for_update = " FOR UPDATE"
    own_place_hint = "give the TM a schema of its own: ?options=-csearch_path%3Dname"
    errors = (psycopg.OperationalError, psycopg.DataError, pgerrors.InsufficientPrivilege, UnicodeEncodeError)

    def __init__(self, url: str, *, readonly: bool = False) -> None:
        super().__init__(redact(url))
        options = {"autocommit": True, "application_name": "esfterm"}
        try:
            if "connect_timeout" not in conninfo_to_dict(url):
                options["connect_timeout"] = CONNECT_TIMEOUT
            self.conn = psycopg.connect(url, **options)
        except psycopg.Error as exc:
            raise InputError(f"cannot connect to the PostgreSQL server: {_first_line(exc)}",
                             path=self.location) from None
        self._wait, self._on_wait = 0.0, None
        self._index_locked = False
        if readonly:
            self.execute("SET default_transaction_read_only = on")
        database, schema = self.execute("SELECT current_database(), current_schema()").fetchone()
        if schema is None:
            self.close()
            raise InputError("the database has no schema to hold the TM (no schema of the search_path exists)",
                             path=self.location, hint="create it first: CREATE SCHEMA name")
        self.schema = schema
        self._keys = {name: int.from_bytes(hashlib.blake2b(f"esfterm {name} {database} {schema}".encode(),
                                                           digest_size=8).digest(), "big", signed=True)
                      for name in ("index", "schema")}

    @property
    def broken(self) -> bool:
        return self.conn is None or self.conn.closed or self.conn.broken

    def _sql(self, sql: str) -> str:
        return _placeholders(sql)

    def unusable(self, exc: BaseException) -> InputError:
        if isinstance(exc, pgerrors.LockNotAvailable):
            return locked_error(self.location, self._wait)
        if isinstance(exc, (pgerrors.DeadlockDetected, pgerrors.SerializationFailure)):
            return StoreConflict("the write collided with another writer and was rolled back whole "
                                 f"({_first_line(exc)})", path=self.location, hint="run it again")
        if isinstance(exc, (psycopg.DataError, UnicodeEncodeError)):
            return InputError(f"PostgreSQL cannot store this text: {_first_line(exc)}", path=self.location)
        if isinstance(exc, pgerrors.InsufficientPrivilege):
            return InputError(f"not allowed: {_first_line(exc)}", path=self.location,
                              hint="connect as a user that may write to the TM's tables")
        return InputError(f"the PostgreSQL server failed: {_first_line(exc)}", path=self.location)

    # ---------------------------------------------------------------- transactions

    def begin_write(self, wait: float, on_wait: Notify | None) -> None:
        self._wait, self._on_wait = wait, on_wait
        self._index_locked = False
        self.execute("BEGIN")
        self.execute(f"SET LOCAL lock_timeout = {max(1, int(wait * 1000))}")

    def begin_read(self) -> None:
        self.execute("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")

    def commit(self) -> None:
        self._index_locked = False
        self.execute("COMMIT")

    def rollback(self) -> None:
        self._index_locked = False
        try:
            if not self.conn.closed:
                self.conn.execute("ROLLBACK")
        except psycopg.Error:
            pass

    def _advisory(self, name: str, what: str) -> None:
        """Take the named transaction lock: at once when free, else after saying so, within `wait`."""
        key = self._keys[name]
        if self.one("SELECT pg_try_advisory_xact_lock(?)", (key,)):
            return
        if self._wait <= 0:
            raise locked_error(self.location, 0)
        if self._on_wait is not None:
            self._on_wait(f"{self.location}: another process is writing to {what}; "
                          f"waiting up to {self._wait:g} s for it to finish (--wait)")
        start = time.monotonic()
        try:
            self.conn.execute("SELECT pg_advisory_xact_lock(%s)", (key,))
        except pgerrors.LockNotAvailable:
            raise locked_error(self.location, round(time.monotonic() - start, 1)) from None
        except self.errors as exc:
            raise self.unusable(exc) from None

    def lock_index(self) -> None:
        if not self._index_locked:
            self._advisory("index", "this translation memory")
            self._index_locked = True

    def lock_schema(self) -> None:
        self._advisory("schema", "this translation memory's schema")

    # ---------------------------------------------------------------- what PostgreSQL spells differently

    def has_table(self, name: str) -> bool:
        return self.one("SELECT 1 FROM information_schema.tables WHERE table_schema = current_schema() "
                        "AND table_name = ?", (name,)) is not None

    def has_tables(self) -> bool:
        return self.one("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = current_schema()") > 0

    def ddl(self, statement: str) -> str:
        for pattern, replacement in _TYPES:
            statement = pattern.sub(replacement, statement)
        return statement

    def create_extras(self) -> None:
        for table in _SEQUENCES:
            start = self.one(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")
            self.execute(f"CREATE SEQUENCE IF NOT EXISTS {table}_ids START {int(start)}")

    def new_ids(self, table: str, count: int) -> list[int]:
        if table not in _SEQUENCES:
            raise ValueError(table)
        return sorted(r[0] for r in self.execute(f"SELECT nextval('{table}_ids') FROM generate_series(1, ?)",
                                                 (count,)))

    def insert_new(self, sql: str, rows: list[tuple]) -> set:
        if not rows:
            return set()
        try:
            cur = self.conn.cursor()
            cur.executemany(_placeholders(sql + " ON CONFLICT (key) DO NOTHING RETURNING key"), rows, returning=True)
            inserted = set()
            while True:
                row = cur.fetchone()
                if row is not None:
                    inserted.add(bytes(row[0]))
                if not cur.nextset():
                    return inserted
        except self.errors as exc:
            raise self.unusable(exc) from None
