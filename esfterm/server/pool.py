"""Open TM connections shared by a server's worker threads, one request at a time each.

Opening a TM costs a connection and a schema check (a PostgreSQL login, a SQLite file open),
so readers borrow an open read-only TM and give it back; a TM whose connection broke (the
database restarted) is closed instead of returned, and the next request opens a fresh one.
Writers (imports) open their own TM per request: writes are rare and must not hold a reader.
"""

from __future__ import annotations

import contextlib
import os
import queue
import threading
from typing import Iterator

from esfterm.tm import TranslationMemory


class PoolBusy(Exception):
    """Every TM connection stayed in use for the whole wait."""


class StorePool:
    """Up to `size` read-only TMs at `location`, opened on demand."""

    def __init__(self, location: str | os.PathLike, size: int = 8, wait: float = 30.0) -> None:
        self.location = location
        self.size, self.wait = size, wait
        self._idle: queue.LifoQueue[TranslationMemory] = queue.LifoQueue()
        self._opened = 0
        self._lock = threading.Lock()
        self._all: list[TranslationMemory] = []

    def _open(self) -> TranslationMemory | None:
        with self._lock:
            if self._opened >= self.size:
                return None
            self._opened += 1
        try:
            tm = TranslationMemory(self.location, readonly=True)
        except BaseException:
            with self._lock:
                self._opened -= 1
            raise
        with self._lock:
            self._all.append(tm)
        return tm

    def _discard(self, tm: TranslationMemory) -> None:
        with self._lock:
            self._opened -= 1
            if tm in self._all:
                self._all.remove(tm)
        tm.close()

    @contextlib.contextmanager
    def reader(self) -> Iterator[TranslationMemory]:
        """A read-only TM for the length of the block."""
        try:
            tm = self._idle.get_nowait()
        except queue.Empty:
            tm = self._open()
            if tm is None:
                try:
                    tm = self._idle.get(timeout=self.wait)
                except queue.Empty:
                    raise PoolBusy from None
        try:
            yield tm
        finally:
            if tm.db.broken:
                self._discard(tm)
            else:
                self._idle.put(tm)

    def writer(self, wait: float) -> TranslationMemory:
        """A TM of its own for one write (the caller closes it)."""
        return TranslationMemory(self.location, wait=wait)

    def close(self) -> None:
        with self._lock:
            stores, self._all = self._all, []
            self._opened = 0
        for tm in stores:
            tm.close()

