"""An object graph in a SQLite file, read back lazily: only the parts a query touches are loaded.

A term index of 100,000 concepts is millions of dict entries; unpickling all of it takes
longer than building it. Here the object is pickled with its big dicts and lists (those of
`LAZY_MIN` items or more, reached through attributes) stored apart in buckets of about
`BUCKET` items, and read back as read-only mappings and sequences that load a bucket when one
of its items is asked for. Concepts are stored once each, in their own part, and referred to
from everywhere else, so a hit's term is the very object found in its concept.

The store knows nothing of what it holds: any object whose attributes are dicts, lists and
picklable values goes in, and comes out behaving the same for reading.
"""

from __future__ import annotations

import copyreg
import io
import pickle
import sqlite3
import threading
import zlib
from collections import defaultdict
from collections.abc import Mapping, Sequence
from typing import Any, Iterator

from esfterm.model import Concept, Term

#: Dicts and lists with at least this many items are stored apart from the object.
LAZY_MIN = 256
#: Items per stored bucket: few enough to unpickle in microseconds, many enough that a
#: million items make few rows.
BUCKET = 64
ROWS_PER_BATCH = 2000
#: The part that holds the concepts, one row each.
CONCEPTS = 0
_PROTOCOL = pickle.HIGHEST_PROTOCOL

SCHEMA = """
CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL);
CREATE TABLE item (id INTEGER PRIMARY KEY, value BLOB NOT NULL);
"""
#: A row's id is part * _PART_SPAN + bucket (an integer key keeps big rows compact).
_PART_SPAN = 1 << 32


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


def _bucket_of(encoded: str, buckets: int) -> int:
    """The bucket of a key: a checksum, the same in every process (str hashes are salted)."""
    return zlib.crc32(encoded.encode("utf-8", "surrogatepass")) % buckets


class _Writer:
    """Pickles one object into the store, its big containers bucket by bucket.

    Concepts and terms are pickled as references through the pickler's dispatch table, so
    everything else goes through pickle's C code untouched."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.parts = CONCEPTS
        self.concepts: dict[int, int] = {}
        self.terms: dict[int, tuple[int, int]] = {}
        self.lazy: dict[int, tuple] = {}
        self.pending: list[tuple[int, bytes]] = []

    def _dumps(self, value: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, Concept: self._reduce_concept, Term: self._reduce_term}
        pickler.dump(value)
        return buffer.getvalue()

    def _reduce_concept(self, concept: Concept) -> tuple:
        number = self.concepts.get(id(concept))
        if number is None:
            number = self.concepts[id(concept)] = len(self.concepts)
            self._add(CONCEPTS, number, pickle.dumps(concept, protocol=_PROTOCOL))
            for j, term in enumerate(concept.terms()):
                self.terms[id(term)] = (number, j)
        return (_concept, (number,))

    def _reduce_term(self, term: Term) -> tuple:
        ref = self.terms.get(id(term))
        return (_term, ref) if ref is not None else term.__reduce_ex__(_PROTOCOL)

    def _add(self, part: int, bucket: int, value: bytes) -> None:
        self.pending.append((part * _PART_SPAN + bucket, value))
        if len(self.pending) >= ROWS_PER_BATCH:
            self.flush()

    def flush(self) -> None:
        self.conn.executemany("INSERT INTO item (id, value) VALUES (?, ?)", self.pending)
        self.pending = []

    def _new_part(self, buckets: list) -> int:
        self.parts += 1
        for number, bucket in enumerate(buckets):
            if bucket:
                self._add(self.parts, number, self._dumps(bucket))
        return self.parts

    def _lazy(self, obj: Any) -> tuple | None:
        """The reference of a big list or dict stored apart (once, however often it is met)."""
        if id(obj) in self.lazy:
            return self.lazy[id(obj)]
        kind = type(obj)
        pid = None
        if kind is list and len(obj) >= LAZY_MIN:
            part = self._new_part([obj[start:start + BUCKET] for start in range(0, len(obj), BUCKET)])
            pid = ("seq", part, len(obj))
        elif kind in (dict, defaultdict) and len(obj) >= LAZY_MIN:
            keys = [_encode_key(k) for k in obj]
            if None not in keys:
                count = -(-len(obj) // BUCKET)
                buckets: list[dict] = [{} for _ in range(count)]
                for key, value in zip(keys, obj.values()):
                    buckets[_bucket_of(key, count)][key] = value
                factory = obj.default_factory if kind is defaultdict else None
                pid = ("map", self._new_part(buckets), len(obj), count, factory)
        if pid is not None:
            self.lazy[id(obj)] = pid
        return pid

    def root(self, obj: Any) -> bytes:
        buffer = io.BytesIO()
        pickler = pickle.Pickler(buffer, protocol=_PROTOCOL)
        pickler.dispatch_table = {**copyreg.dispatch_table, Concept: self._reduce_concept, Term: self._reduce_term}
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
    """Fetches and unpickles buckets and concepts, remembering each (objects keep their identity)."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.concepts: dict[int, Concept] = {}

    def load(self, part: int, bucket: int) -> Any:
        row = self.conn.execute("SELECT value FROM item WHERE id = ?", (part * _PART_SPAN + bucket,)).fetchone()
        return None if row is None else self.loads(row[0])

    def loads(self, data: bytes, persistent_load=None) -> Any:
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
            found = self.concepts[number] = self.load(CONCEPTS, number)
        return found

    def lazy(self, pid: tuple) -> Any:
        if pid[0] == "seq":
            return LazySequence(self, *pid[1:])
        if pid[0] == "map":
            return LazyMapping(self, *pid[1:])
        raise pickle.UnpicklingError(f"unknown reference {pid[0]!r}")


class LazySequence(Sequence):
    """A read-only list whose items are loaded, a bucket at a time, when first asked for."""

    def __init__(self, reader: _Reader, part: int, length: int) -> None:
        self._reader, self._part, self._length = reader, part, length
        self._buckets: dict[int, list] = {}

    def __len__(self) -> int:
        return self._length

    def _bucket(self, number: int) -> list:
        found = self._buckets.get(number)
        if found is None:
            found = self._buckets[number] = self._reader.load(self._part, number)
        return found

    def __getitem__(self, index):
        if isinstance(index, slice):
            return [self[i] for i in range(*index.indices(self._length))]
        if index < 0:
            index += self._length
        if not 0 <= index < self._length:
            raise IndexError(index)
        return self._bucket(index // BUCKET)[index % BUCKET]

    def __iter__(self) -> Iterator[Any]:
        for number in range(-(-self._length // BUCKET)):
            yield from self._bucket(number)


_MISSING = object()


class LazyMapping(Mapping):
    """A read-only dict whose items are loaded, a bucket at a time, when first asked for; a
    stored defaultdict answers a missing key with a fresh default, as the original did
    (without keeping it)."""

    def __init__(self, reader: _Reader, part: int, length: int, buckets: int, factory) -> None:
        self._reader, self._part, self._length, self._count = reader, part, length, buckets
        self.default_factory = factory
        self._buckets: dict[int, dict] = {}

    def _bucket(self, number: int) -> dict:
        found = self._buckets.get(number)
        if found is None:
            found = self._buckets[number] = self._reader.load(self._part, number) or {}
        return found

    def _lookup(self, key: Any) -> Any:
        encoded = _encode_key(key)
        if encoded is None:
            return _MISSING
        return self._bucket(_bucket_of(encoded, self._count)).get(encoded, _MISSING)

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
        for number in range(self._count):
            yield from map(_decode_key, self._bucket(number))


def read_store(conn: sqlite3.Connection) -> Any:
    """The object written by write_store, its big parts loaded on demand through `conn`."""
    reader = _Reader(conn)
    return reader.loads(read_meta(conn)["root"], persistent_load=reader.lazy)
