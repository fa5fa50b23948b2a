"""Two writers at once on one TM lose nothing: not a unit, not a merged prop, not an index count.

SQLite queues the second writer at its write lock. PostgreSQL lets both run: the second waits
only where they meet (a unit key the first has just inserted, a stored unit the first is merging
into, the fuzzy index's lock) and then goes on from what the first committed. Each test holds
the first writer's transaction open until the second is seen waiting on a lock in PostgreSQL
(pg_stat_activity), so the collision really happens, then lets it commit.
"""

from __future__ import annotations

import threading
import time

import pytest

from esfterm.errors import InputError
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory
from tmstate import index_content

#: Longest wait for the second writer to reach its lock (it is there within milliseconds).
BLOCK_WAIT = 30


def pairs(prefix: str, n: int) -> list[tuple[str, str]]:
    return [(f"{prefix} mening nummer {i} om fonden", f"{prefix} stavek številka {i} o skladu") for i in range(n)]


def units(rows: list[tuple[str, str]], prop: str | None = None) -> list[Unit]:
    return [Unit([Variant("sv", s), Variant("sl", t)], props=[("x-by", prop)] if prop else []) for s, t in rows]


def lock_waiters(location) -> int:
    """How many connections of the test database wait on a lock now (PostgreSQL)."""
    import psycopg

    with psycopg.connect(str(location), autocommit=True) as conn:
        return conn.execute("SELECT COUNT(*) FROM pg_stat_activity WHERE datname = current_database() "
                            "AND wait_event_type = 'Lock'").fetchone()[0]


class Collision:
    """A first writer that runs `first` in a transaction and holds it open; a second one, in
    another thread, that runs `second`; `run()` releases the first once the second waits."""

    def __init__(self, location, first, second) -> None:
        self.location = location
        self.first, self.second = first, second
        self.inside, self.release = threading.Event(), threading.Event()
        self.results: dict[str, object] = {}
        self.errors: list[BaseException] = []

    def _first(self) -> None:
        try:
            with TranslationMemory(self.location) as tm, tm.transaction():
                self.results["first"] = self.first(tm)
                self.inside.set()
                self.release.wait(BLOCK_WAIT * 2)
        except BaseException as exc:  # noqa: BLE001 - reported by run()
            self.errors.append(exc)
            self.inside.set()

    def _second(self) -> None:
        try:
            with TranslationMemory(self.location) as tm:
                self.results["second"] = self.second(tm)
        except BaseException as exc:  # noqa: BLE001 - reported by run()
            self.errors.append(exc)

    def run(self) -> dict[str, object]:
        first = threading.Thread(target=self._first)
        first.start()
        assert self.inside.wait(BLOCK_WAIT)
        second = threading.Thread(target=self._second)
        second.start()
        if str(self.location).startswith("postgresql://"):
            deadline = time.monotonic() + BLOCK_WAIT
            while not lock_waiters(self.location) and second.is_alive() and time.monotonic() < deadline:
                time.sleep(0.02)
            assert second.is_alive() and lock_waiters(self.location), "the second writer never waited"
        self.release.set()
        first.join(BLOCK_WAIT * 2)
        second.join(BLOCK_WAIT * 2)
        assert not self.errors, self.errors
        return self.results


def props_by_source(tm: TranslationMemory) -> dict[str, list]:
    return {u.text("sv"): sorted(value for _, value in u.props) for u in tm.iter_units()}


def assert_index_is_a_fresh_build(backend, tm: TranslationMemory) -> None:
    with TranslationMemory(backend.location("fresh")) as fresh:
        fresh.import_units(list(tm.iter_units()), origin="fresh")
        assert index_content(tm) == index_content(fresh)


def test_the_same_new_units_from_two_writers_are_stored_once_with_both_writers_props(backend):
    location = backend.location()
    shared, own = pairs("Delad", 300), pairs("Egen", 200)
    results = Collision(location,
                        lambda tm: tm.import_units(units(shared, "first"), origin="a.tmx"),
                        lambda tm: tm.import_units(units(own + shared, "second"), origin="b.tmx")).run()
    assert (results["first"].added, results["second"].added, results["second"].merged) == (300, 200, 300)
    with TranslationMemory(location) as tm:
        assert len(tm) == 500
        stored = props_by_source(tm)
        assert all(stored[s] == ["first", "second"] for s, _ in shared)
        assert all(stored[s] == ["second"] for s, _ in own)
        (match,) = tm.search(shared[7][0], "sv", "sl", min_score=100)
        assert match.target == shared[7][1]
        assert_index_is_a_fresh_build(backend, tm)


def test_two_merges_into_one_stored_unit_keep_both_props(backend):
    location = backend.location()
    rows = pairs("Lagrad", 50)
    with TranslationMemory(location) as tm:
        tm.import_units(units(rows, "original"), origin="old.tmx")
    Collision(location,
              lambda tm: tm.import_units(units(rows, "first"), origin="a.tmx"),
              lambda tm: tm.import_units(units(rows, "second"), origin="b.tmx")).run()
    with TranslationMemory(location) as tm:
        assert len(tm) == 50
        assert set(map(tuple, props_by_source(tm).values())) == {("first", "original", "second")}


def test_units_deleted_while_another_writer_merges_into_them_are_stored_again(backend):
    location = backend.location()
    rows = pairs("Borttagen", 40)
    with TranslationMemory(location) as tm:
        tm.import_units(units(rows, "old"), origin="old.tmx")
    results = Collision(location,
                        lambda tm: tm.delete_document("old.tmx"),
                        lambda tm: tm.import_units(units(rows, "new"), origin="new.tmx")).run()
    assert results["first"] == 40 and results["second"].read == 40
    with TranslationMemory(location) as tm:
        assert len(tm) == 40
        assert set(map(tuple, props_by_source(tm).values())) == {("new",)}
        assert {u.origin for u in tm.iter_units()} == {"new.tmx"}
        assert_index_is_a_fresh_build(backend, tm)


def test_many_writers_at_once_leave_every_unit_once_and_the_index_exact(backend):
    location = backend.location()
    batches = [pairs(f"Skribent{n}", 150) + pairs("Alla", 100) for n in range(4)]
    errors: list[BaseException] = []

    def write(rows: list[tuple[str, str]], n: int) -> None:
        try:
            with TranslationMemory(location) as tm:
                for start in range(0, len(rows), 50):
                    tm.import_units(units(rows[start:start + 50], f"w{n}"), origin=f"w{n}.tmx")
        except BaseException as exc:  # noqa: BLE001 - asserted below
            errors.append(exc)

    with TranslationMemory(location):
        pass
    threads = [threading.Thread(target=write, args=(rows, n)) for n, rows in enumerate(batches)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(120)
    assert not errors, errors
    with TranslationMemory(location) as tm:
        assert len(tm) == 4 * 150 + 100
        stored = props_by_source(tm)
        assert all(stored[s] == ["w0", "w1", "w2", "w3"] for s, _ in pairs("Alla", 100))
        assert_index_is_a_fresh_build(backend, tm)


def test_a_writer_that_may_not_wait_fails_whole_and_leaves_nothing(backend):
    location = backend.location()
    with TranslationMemory(location) as tm, tm.transaction():
        tm.import_units(units(pairs("Först", 30)), origin="a.tmx")
        with TranslationMemory(location, wait=0) as impatient, pytest.raises(InputError) as refused:
            impatient.import_units(units(pairs("Otålig", 30)), origin="c.tmx")
    assert "locked: another process is writing to it" in str(refused.value)
    with TranslationMemory(location) as tm:
        assert len(tm) == 30 and {u.origin for u in tm.iter_units()} == {"a.tmx"}
