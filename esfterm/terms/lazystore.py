"""An object graph in a SQLite file, read back lazily: only the parts a query touches are loaded.

A term index of 100,000 concepts is millions of dict entries; unpickling all of it takes
longer than building it. Here the object is pickled with its big dicts and lists (those of
`LAZY_MIN` items or more, reached through attributes) stored item by item in a table, and
read back as read-only mappings and sequences that fetch an item when asked for it. Concepts
and their terms are stored once, in their own part, and referred to from everywhere else,
so a hit's term is the very object found in its concept.

The store knows nothing of what it holds: any object whose attributes are dicts, lists and
picklable values goes in, and comes out behaving the same for reading.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import sqlite3
import threading
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Iterator

from esfterm.model import Concept, Term

#: Dicts and lists with at least this many items are stored item by item.
LAZY_MIN = 256
ROWS_PER_BATCH = 20_000
#: The part that holds the concepts, by number.
CONCEPTS = 0

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE item (part INTEGER NOT NULL, key BLOB NOT NULL, value BLOB NOT NULL,
                   PRIMARY KEY (part, key)) WITHOUT ROWID;
"""


def _encode_key(key: Any) -> str | None:
    """A dict key as text (str, int, or a tuple of str without NUL), None when it has no such form."""
    if type(key) is str:
        return "s" + key
    if type(key) is int:
        return "i" + str(key)
    if type(key) is tuple and all(type(k) is str and "\0" not in k for k in key):
        return "t" + "\0".join(key)
    return None


def _decode_key(text: str) -> Any:
    kind, body = text[0], text[1:]
    if kind == "s":
        return body
    if kind == "i":
        return int(body)
    return tuple(body.split("\0")) if body else ()


class _Writer:
    """Pickles one object into the store, big containers item by item.

    Concepts and terms are pickled as references through the pickler's dispatch table, so
    everything else goes through pickle's C code untouched."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.parts = CONCEPTS
        self.concepts: dict[int, int] = {}
        self.terms: dict[int, tuple[int, int]] = {}
        self.lazy: dict[int, tuple] = {}
        self.pending: list[tuple[int, Any, Any]] = []
        self.buffer = io.BytesIO()
        self.pickler = self._pickler(self.buffer)

    def _pickler(self, buffer: io.BytesIO) -> pickle.Pickler:
        pickler = pickle.Pickler(buffer, protocol=pickle.HIGHEST_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, Concept: self._reduce_concept, Term: self._reduce_term}
        return pickler

    def _reduce_concept(self, concept: Concept) -> tuple:
        number = self.concepts.get(id(concept))
        if number is None:
            number = self.concepts[id(concept)] = len(self.concepts)
            self._add(CONCEPTS, number, pickle.dumps(concept, protocol=pickle.HIGHEST_PROTOCOL))
            for j, term in enumerate(concept.terms()):
                self.terms[id(term)] = (number, j)
        return (_concept, (number,))

    def _reduce_term(self, term: Term) -> tuple:
        ref = self.terms.get(id(term))
        return (_term, ref) if ref is not None else term.__reduce_ex__(pickle.HIGHEST_PROTOCOL)

    def _add(self, part: int, key: Any, value: Any) -> None:
        self.pending.append((part, key, value))
        if len(self.pending) >= ROWS_PER_BATCH:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO item (part, key, value) VALUES (?, ?, ?)", self.pending)
        self.pending = []

    def value(self, item: Any) -> Any:
        """Text and integers as they are; anything else pickled (so bytes always mean a pickle)."""
        kind = type(item)
        if kind is str or kind is int:
            return item
        self.buffer.seek(0)
        self.buffer.truncate()
        self.pickler.clear_memo()
        self.pickler.dump(item)
        return self.buffer.getvalue()

    def _write_part(self, items: Iterator[tuple[Any, Any]]) -> int:
        """Store (key, value) pairs as a new part, in key order (the table fills front to back)."""
        self.parts += 1
        part = self.parts
        for key, item in items:
            self._add(part, key, self.value(item))
        return part

    def _lazy(self, obj: Any) -> tuple | None:
        """The reference of a big list or dict stored item by item (once, however often it is met)."""
        if id(obj) in self.lazy:
            return self.lazy[id(obj)]
        kind = type(obj)
        pid = None
        if kind is list and len(obj) >= LAZY_MIN:
            pid = ("seq", self._write_part(enumerate(obj)), len(obj))
        elif kind in (dict, defaultdict) and len(obj) >= LAZY_MIN:
            keys = [_encode_key(k) for k in obj]
            if None not in keys:
                part = self._write_part(iter(sorted(zip(keys, obj.values()), key=lambda kv: kv[0])))
                pid = ("map", part, len(obj), obj.default_factory if kind is defaultdict else None)
        if pid is not None:
            self.lazy[id(obj)] = pid
        return pid

    def root(self, obj: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = self._pickler(buffer)
        pickler.persistent_id = self._lazy
        pickler.dump(obj)
        return buffer.getvalue()


def write_store(conn: sqlite3.Connection, obj: Any, meta: dict[str, str]) -> None:
    """Write `obj` (and `meta`, strings for the caller) into an empty database."""
    for statement in SCHEMA.split(";"):
        if statement.strip():
            conn.execute(statement)
    writer = _Writer(conn)
    root = writer.root(obj)
    writer.flush()
    conn.executemany("INSERT INTO meta (key, value) VALUES (?, ?)",
                     [("root", root), *((k, v) for k, v in meta.items())])


def read_meta(conn: sqlite3.Connection) -> dict[str, Any]:
    """The caller's meta strings (and the pickled root under 'root')."""
    return dict(conn.execute("SELECT key, value FROM meta"))


#: The readers unpickling in this thread, innermost last (references resolve against it).
_ACTIVE = threading.local()


def _concept(number: int) -> Concept:
    return _ACTIVE.readers[-1].concept(number)


def _term(number: int, position: int) -> Term:
    return _ACTIVE.readers[-1].concept(number).terms()[position]


class _Reader:
    """Fetches and unpickles items, remembering each (objects keep their identity)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.concepts: dict[int, Concept] = {}

    def fetch(self, part: int, key: Any) -> Any:
        row = self.conn.execute("SELECT value FROM item WHERE part = ? AND key = ?", (part, key)).fetchone()
        return None if row is None else row[0]

    def loads(self, data: Any, persistent_load=None) -> Any:
        if type(data) is not bytes:
            return data
        stack = getattr(_ACTIVE, "readers", None)
        if stack is None:
            stack = _ACTIVE.readers = []
        stack.append(self)
        try:
            if persistent_load is None:
                return pickle.loads(data)
            unpickler = pickle.Unpickler(io.BytesIO(data))
            unpickler.persistent_load = persistent_load
            return unpickler.load()
        finally:
            stack.pop()

    def concept(self, number: int) -> Concept:
        found = self.concepts.get(number)
        if found is None:
            found = self.concepts[number] = self.loads(self.fetch(CONCEPTS, number))
        return found

    def lazy(self, pid: tuple) -> Any:
        if pid[0] == "seq":
            return LazySequence(self, pid[1], pid[2])
        if pid[0] == "map":
            return LazyMapping(self, pid[1], pid[2], pid[3])
        raise pickle.UnpicklingError(f"unknown reference {pid[0]!r}")


class LazySequence(Sequence):
    """A read-only list whose items are loaded when first asked for."""

    def __init__(self, reader: _Reader, part: int, length: int) -> None:
        self._reader, self._part, self._length = reader, part, length
        self._items: dict[int, Any] = {}

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        try:
            return self._items[index]
        except KeyError:
            value = self._items[index] = self._reader.loads(self._reader.fetch(self._part, index))
            return value

    def __iter__(self) -> Iterator[Any]:
        rows = self._reader.conn.execute("SELECT key, value FROM item WHERE part = ? ORDER BY key",
                                         (self._part,))
        for index, data in rows:
            if index not in self._items:
                self._items[index] = self._reader.loads(data)
            yield self._items[index]


_MISSING = object()


class LazyMapping(Mapping):
    """A read-only dict whose values are loaded when first asked for; a stored defaultdict
    answers a missing key with a fresh default, as the original did (without keeping it)."""

    def __init__(self, reader: _Reader, part: int, length: int, factory) -> None:
        self._reader, self._part, self._length = reader, part, length
        self.default_factory = factory
        self._values: dict[Any, Any] = {}

    def _lookup(self, key: Any) -> Any:
        try:
            return self._values[key]
        except KeyError:
            pass
        except TypeError:  # an unhashable key is in no dict
            return _MISSING
        encoded = _encode_key(key)
        data = None if encoded is None else self._reader.fetch(self._part, encoded)
        value = self._values[key] = _MISSING if data is None else self._reader.loads(data)
        return value

    def __getitem__(self, key: Any) -> Any:
        value = self._lookup(key)
        if value is _MISSING:
            if self.default_factory is not None:
                return self.default_factory()
            raise KeyError(key)
        return value

    def get(self, key: Any, default: Any = None) -> Any:
        value = self._lookup(key)
        return default if value is _MISSING else value

    def __contains__(self, key: Any) -> bool:
        return self._lookup(key) is not _MISSING

    def __len__(self) -> int:
        return self._length

    def __iter__(self) -> Iterator[Any]:
        for (key,) in self._reader.conn.execute("SELECT key FROM item WHERE part = ?", (self._part,)):
            yield _decode_key(key)


def read_store(conn: sqlite3.Connection) -> Any:
    """The object written by write_store, its big parts loaded on demand through `conn`."""
    reader = _Reader(conn)
    return reader.loads(read_meta(conn)["root"], persistent_load=reader.lazy)
