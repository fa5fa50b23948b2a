"""The SQLite translation memory: lossless unit storage, atomic imports, duplicate merging, search.

Every import runs in one transaction: if anything fails half-way, the store is exactly as it was.
Two units are duplicates when they have the same id (or none) and their variants the same
languages, texts and inline codes; a duplicate is merged into the stored unit (new props, notes and attributes added, the newest
change date kept) instead of being stored again.
"""

from __future__ import annotations

import contextlib
import copy
import functools
import hashlib
import json
import os
import sqlite3
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterable, Iterator

from rapidfuzz import fuzz

from esfterm.errors import InputError
from esfterm.formats.tmx import tmx_date
from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit, Variant
from esfterm.model.serial import notes_from_json, notes_to_json, props_from_json, props_to_json
from esfterm.tm import schema
from esfterm.tm.connection import DEFAULT_WAIT, STATEMENT_WAIT, Notify, begin_write, connect, is_locked, locked_error
from esfterm.tm.fuzzy import cat_score, word_diff
from esfterm.tm.index import PostingWriter, candidates

#: Where the TM lives unless --tm or ESFTERM_TM says otherwise.
DEFAULT_TM_PATH = Path("build") / "esf-tm.sqlite"
TM_ENV = "ESFTERM_TM"
#: Units inserted per batch; postings are flushed every FLUSH_UNITS units.
BATCH = 5000
FLUSH_UNITS = 250_000
#: Candidates taken from the index and scored exactly per query.
CANDIDATES = 200


def default_tm_path(explicit: str | os.PathLike | None = None) -> Path:
    """--tm PATH, else $ESFTERM_TM, else build/esf-tm.sqlite."""
    return Path(explicit or os.environ.get(TM_ENV) or DEFAULT_TM_PATH)


@functools.lru_cache(maxsize=1024)
def _norm(lang: str) -> str:
    return normalize_lang(lang)


@functools.lru_cache(maxsize=1024)
def _base(lang: str) -> str:
    return primary(lang)


def _dump(value) -> str:
    return json.dumps(value, ensure_ascii=False, separators=(",", ":")) if value else ("{}" if isinstance(value, dict) else "[]")


def unit_key(unit: Unit) -> bytes:
    """What makes two units the same: their id (tuid; both may have none), languages, texts and
    inline codes. The id counts so that distinct resources with equal text stay distinct."""
    parts = sorted(f"{_norm(v.lang)}\x1e{v.text}\x1e{v.markup or ''}" for v in unit.variants)
    parts.insert(0, "" if unit.id is None else "#" + unit.id)
    return hashlib.blake2b("\x1f".join(parts).encode("utf-8"), digest_size=16).digest()


def _changed(unit: Unit, now: str) -> str:
    dates = [d for attrs in [unit.attrs, *(v.attrs for v in unit.variants)]
             for d in (attrs.get("changedate"), attrs.get("creationdate")) if d]
    return max(dates) if dates else now


@dataclass
class ImportStats:
    """What an import did."""

    added: int = 0
    merged: int = 0
    skipped: int = 0
    #: Units from which control characters were removed (see esfterm.tm.controlchars).
    cleaned: int = 0
    drafts: int = 0
    problems: list[str] = field(default_factory=list)

    @property
    def read(self) -> int:
        return self.added + self.merged


@dataclass
class Match:
    """One fuzzy match: both sides, the CAT score, the raw similarity, what differs, and origin."""

    score: int
    ratio: float
    source: str
    target: str
    source_lang: str
    target_lang: str
    origin: str
    tuid: str | None
    unit_id: int
    changes: list[tuple[str, str, str]]
    changed: str


class TranslationMemory:
    """A translation memory in one SQLite file (created on first use)."""

    def __init__(self, path: str | os.PathLike, *, create: bool = True, readonly: bool = False,
                 wait: float = DEFAULT_WAIT, on_wait: Notify | None = None) -> None:
        """Open (or create) the TM at `path`. A `readonly` TM must exist and is opened for
        reading only, so it never waits for a writer; a writer waits up to `wait` seconds
        for another one, telling `on_wait` once that it does."""
        self.path = Path(path)
        self._depth = 0
        self._wait, self._on_wait = wait, on_wait
        if (readonly or not create) and not self.path.exists():
            raise InputError("no translation memory here", path=self.path,
                             hint="create one with 'esfterm tm import' or 'esfterm build'")
        if not readonly:
            self.path.parent.mkdir(parents=True, exist_ok=True)
        try:
            self.conn = connect(self.path, readonly=readonly)
        except sqlite3.Error as exc:
            raise self._unusable(exc) from None
        try:
            if not self._has_schema():
                if readonly:
                    raise InputError("not a translation memory database (no TM tables)", path=self.path)
                with self.transaction():
                    schema.create(self.conn)
        except BaseException:
            self.conn.close()
            raise

    def _has_schema(self) -> bool:
        try:
            return self.conn.execute("SELECT 1 FROM meta WHERE key = 'schema'").fetchone() is not None
        except sqlite3.Error as exc:
            if "no such table" in str(exc) and self.conn.execute(
                    "SELECT COUNT(*) FROM sqlite_master").fetchone()[0] == 0:
                return False
            raise self._unusable(exc) from None

    def _unusable(self, exc: sqlite3.Error) -> InputError:
        """Why SQLite cannot use the file: a lock held by another process, or not a TM."""
        if is_locked(exc):
            return locked_error(self.path, STATEMENT_WAIT)
        return InputError(f"not a translation memory database: {exc}", path=self.path)

    def close(self) -> None:
        self.conn.close()

    def __enter__(self) -> "TranslationMemory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: nested uses join the outermost transaction."""
        depth = self._depth
        if depth == 0:
            try:
                begin_write(self.conn, self.path, wait=self._wait, on_wait=self._on_wait)
            except sqlite3.Error as exc:
                raise self._unusable(exc) from None
        self._depth = depth + 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                self.conn.execute("ROLLBACK")
            raise
        self._depth = depth
        if depth == 0:
            self.conn.execute("COMMIT")

    def __len__(self) -> int:
        return self.conn.execute("SELECT COUNT(*) FROM unit").fetchone()[0]

    def languages(self) -> list[tuple[str, int]]:
        """(language, number of variants) in the store."""
        return self.conn.execute("SELECT lang, COUNT(*) FROM variant GROUP BY lang ORDER BY lang").fetchall()

    def set_header(self, origin: str, header: dict) -> None:
        """Keep the file-level header (JSON-ready) of the document imported as `origin`."""
        with self.transaction():
            self.conn.execute("INSERT OR REPLACE INTO document (origin, header) VALUES (?, ?)",
                              (origin, json.dumps(header, ensure_ascii=False, sort_keys=True)))

    def header(self, origin: str | None = None) -> dict | None:
        """The header kept for `origin`; without one, that of the only document in the store."""
        if origin is None:
            rows = self.conn.execute("SELECT DISTINCT origin FROM unit LIMIT 2").fetchall()
            if len(rows) != 1:
                return None
            origin = rows[0][0]
        row = self.conn.execute("SELECT header FROM document WHERE origin = ?", (origin,)).fetchone()
        return json.loads(row[0]) if row else None

    # ------------------------------------------------------------ import

    def import_units(self, units: Iterable[Unit], origin: str, stats: ImportStats | None = None) -> ImportStats:
        """Add units (merging duplicates) in one transaction; `origin` names their document."""
        stats = stats or ImportStats()
        now = tmx_date()
        with self.transaction():
            postings = PostingWriter(self.conn)
            ids = self.conn.execute("SELECT COALESCE(MAX(id), 0), (SELECT COALESCE(MAX(id), 0) FROM variant) "
                                    "FROM unit").fetchone()
            self._next_unit, self._next_variant = ids[0] + 1, ids[1] + 1
            batch: list[Unit] = []
            since_flush = 0
            for unit in units:
                batch.append(unit)
                if len(batch) >= BATCH:
                    self._add_batch(batch, origin, now, postings, stats)
                    since_flush += len(batch)
                    batch = []
                    if since_flush >= FLUSH_UNITS:
                        postings.flush()
                        since_flush = 0
            self._add_batch(batch, origin, now, postings, stats)
            postings.flush()
        return stats

    def _existing(self, keys: list[bytes]) -> dict[bytes, int]:
        found: dict[bytes, int] = {}
        for start in range(0, len(keys), 500):
            part = keys[start:start + 500]
            marks = ",".join("?" * len(part))
            found.update(self.conn.execute(f"SELECT key, id FROM unit WHERE key IN ({marks})", part))
        return found

    def _add_batch(self, batch: list[Unit], origin: str, now: str, postings: PostingWriter,
                   stats: ImportStats) -> None:
        if not batch:
            return
        keyed: dict[bytes, Unit] = {}
        copied: set[bytes] = set()
        for unit in batch:
            key = unit_key(unit)
            if key in keyed:
                if key not in copied:  # merge into a copy: the caller's units stay as given
                    keyed[key] = copy.deepcopy(keyed[key])
                    copied.add(key)
                _merge_into(keyed[key], unit)
                stats.merged += 1
            else:
                keyed[key] = unit
        existing = self._existing(list(keyed))
        unit_rows, variant_rows = [], []
        for key, unit in keyed.items():
            if key in existing:
                self._merge_stored(existing[key], unit)
                stats.merged += 1
                continue
            uid = self._next_unit
            self._next_unit += 1
            unit_rows.append((uid, key, unit.id, _dump(unit.attrs), _dump(props_to_json(unit.props)),
                              _dump(notes_to_json(unit.notes, unit.comments)), origin, _changed(unit, now)))
            for pos, v in enumerate(unit.variants):
                vid = self._next_variant
                self._next_variant += 1
                lang = _norm(v.lang)
                base = _base(lang)
                variant_rows.append((vid, uid, pos, lang, base, v.text, v.markup, _dump(v.attrs),
                                     _dump(props_to_json(v.props)), _dump(notes_to_json(v.notes, v.comments))))
                postings.add(base, vid, v.text)
            stats.added += 1
        self.conn.executemany("INSERT INTO unit (id, key, tuid, attrs, props, notes, origin, changed) "
                              "VALUES (?, ?, ?, ?, ?, ?, ?, ?)", unit_rows)
        self.conn.executemany("INSERT INTO variant (id, unit_id, pos, lang, base, text, markup, attrs, props, "
                              "notes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", variant_rows)

    def _merge_stored(self, unit_id: int, unit: Unit) -> None:
        row = self.conn.execute("SELECT tuid, attrs, props, notes, changed FROM unit WHERE id = ?",
                                (unit_id,)).fetchone()
        notes, comments = notes_from_json(json.loads(row[3]))
        stored = Unit([], row[0], json.loads(row[1]), props_from_json(json.loads(row[2])), notes, comments)
        _merge_into(stored, unit)
        changed = max(row[4], _changed(unit, row[4]))
        self.conn.execute("UPDATE unit SET attrs = ?, props = ?, notes = ?, changed = ? WHERE id = ?",
                          (_dump(stored.attrs), _dump(props_to_json(stored.props)),
                           _dump(notes_to_json(stored.notes, stored.comments)), changed, unit_id))

    # ------------------------------------------------------------ reading back

    def iter_units(self, src: str | None = None, tgt: str | None = None, document: str | None = None,
                   since: str | None = None, until: str | None = None) -> Iterator[Unit]:
        """Stored units in import order, rebuilt exactly; with src/tgt only units having both,
        holding just those two variants; `document` matches the origin; dates are TMX dates."""
        where, args = [], []
        if document:
            where.append("u.origin = ?")
            args.append(document)
        if since:
            where.append("u.changed >= ?")
            args.append(since)
        if until:
            where.append("u.changed < ?")
            args.append(until)
        sql = ("SELECT u.id, u.tuid, u.attrs, u.props, u.notes, v.lang, v.text, v.markup, "
               "v.attrs, v.props, v.notes, u.origin FROM unit u JOIN variant v ON v.unit_id = u.id"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY u.id, v.pos")
        wanted = [_base(normalize_lang(x)) for x in (src, tgt) if x]
        current: Unit | None = None
        current_id = None
        for row in self.conn.execute(sql, args):
            if row[0] != current_id:
                if current is not None and _has(current, wanted):
                    yield _only(current, src, tgt)
                current_id = row[0]
                notes, comments = notes_from_json(json.loads(row[4]))
                current = Unit([], row[1], json.loads(row[2]), props_from_json(json.loads(row[3])), notes,
                               comments, ref=f"unit {row[0]}", origin=row[11])
            notes, comments = notes_from_json(json.loads(row[10]))
            current.variants.append(Variant(row[5], row[6], row[7], json.loads(row[8]),
                                            props_from_json(json.loads(row[9])), notes, comments))
        if current is not None and _has(current, wanted):
            yield _only(current, src, tgt)

    # ------------------------------------------------------------ search

    def search(self, text: str, src: str, tgt: str, *, min_score: int = 75, limit: int = 5,
               penalize: bool = True) -> list[Match]:
        """The best `limit` matches for `text` (language `src`) that have a `tgt` side, best first.

        Only index candidates are scored. With `penalize=False` the score is the plain rapidfuzz
        ratio (used to check recall against brute force).
        """
        src_base, tgt_base = _base(normalize_lang(src)), _base(normalize_lang(tgt))
        ids = candidates(self.conn, text, src_base, CANDIDATES)
        if not ids:
            return []
        marks = ",".join("?" * len(ids))
        rows = self.conn.execute(
            "SELECT s.id, s.unit_id, s.lang, s.text, s.markup, t.lang, t.text, u.origin, u.tuid, u.changed "
            "FROM variant s JOIN variant t ON t.unit_id = s.unit_id AND t.base = ? AND t.id <> s.id "
            f"JOIN unit u ON u.id = s.unit_id WHERE s.id IN ({marks})", [tgt_base, *ids]).fetchall()
        matches: dict[int, Match] = {}
        for (_, unit_id, slang, stext, smarkup, tlang, ttext, origin, tuid, changed) in rows:
            if unit_id in matches:
                continue
            ratio = fuzz.ratio(text, stext, score_cutoff=min_score)
            if not ratio:
                continue
            score = cat_score(text, stext, None, smarkup, ratio=ratio) if penalize else (
                100 if text == stext else int(ratio))
            if score < min_score:
                continue
            matches[unit_id] = Match(score, ratio, stext, ttext, slang, tlang, origin, tuid, unit_id,
                                          [], changed)
        best = sorted(matches.values(), key=lambda m: (-m.score, -m.ratio, m.unit_id))[:limit]
        for match in best:
            match.changes = word_diff(text, match.source)
        return best


def _merge_into(stored: Unit, new: Unit) -> None:
    """Add what `new` knows and `stored` does not (props, notes, attributes)."""
    stored.props.extend(p for p in new.props if p not in stored.props)
    stored.notes.extend(n for n in new.notes if n not in stored.notes)
    stored.comments.extend(c for c in new.comments if c not in stored.comments)
    for key, value in new.attrs.items():
        if key not in stored.attrs or (key == "changedate" and value > stored.attrs[key]):
            stored.attrs[key] = value


def _has(unit: Unit, bases: list[str]) -> bool:
    have = {_base(v.lang) for v in unit.variants}
    return all(b in have for b in bases)


def _only(unit: Unit, src: str | None, tgt: str | None) -> Unit:
    if src and tgt:
        unit.variants = [unit.variant(src), unit.variant(tgt)]
    return unit
