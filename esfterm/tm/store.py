"""The translation memory: lossless unit storage, atomic imports, duplicate merging, search.

One store API over a SQLite file (the default) or a PostgreSQL database (a postgresql:// URL);
what the two engines do differently lives in database.py and postgres.py. Every import runs
in one transaction: if anything fails half-way, the store is exactly as it was.
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
from esfterm.tm.connection import DEFAULT_WAIT, Notify
from esfterm.tm.database import Database, StoreConflict, is_database_url, open_database
from esfterm.tm.fuzzy import Scorer, index_keys, word_diff
from esfterm.tm.index import FuzzyIndex, IndexWriter

#: Where the TM lives unless --tm or ESFTERM_TM says otherwise.
DEFAULT_TM_PATH = Path("build") / "esf-tm.sqlite"
TM_ENV = "ESFTERM_TM"
#: Units inserted per batch; the index is written every FLUSH_UNITS units (and at the end).
BATCH = 5000
FLUSH_UNITS = 2_000_000
#: Index candidates whose texts are read and scored per round of a search.
SCORE_ROUND = 100
#: Units read per query when the store is read back.
READ_PAGE = 1000
#: How often a unit that another writer stores or deletes at the same moment is tried again.
CONFLICT_ROUNDS = 3

_INSERT_UNIT = "INSERT INTO unit (id, key, tuid, attrs, props, notes, origin, changed) VALUES (?, ?, ?, ?, ?, ?, ?, ?)"
_INSERT_VARIANT = ("INSERT INTO variant (id, unit_id, pos, lang, base, text, markup, attrs, props, notes) "
                   "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")


def default_tm_path(explicit: str | os.PathLike | None = None) -> Path | str:
    """--tm PATH|URL, else $ESFTERM_TM, else build/esf-tm.sqlite (a postgresql:// URL stays a string)."""
    location = explicit or os.environ.get(TM_ENV) or DEFAULT_TM_PATH
    return str(location) if is_database_url(str(location)) else Path(location)


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
    """One fuzzy match: both sides, the CAT score (fuzzy.score: its word-level base and the
    penalties taken off), the character similarity that breaks ties, what differs, and origin."""

    score: int
    base: int
    penalties: dict[str, int]
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

    def to_dict(self) -> dict:
        """JSON-ready, as `esfterm tm search --json` and the server give it."""
        return {"score": self.score, "word_score": self.base, "penalties": self.penalties, "source": self.source,
                "target": self.target, "source_lang": self.source_lang, "target_lang": self.target_lang,
                "origin": self.origin, "tuid": self.tuid, "changed": self.changed,
                "differences": [{"op": op, "query": a, "match": b} for op, a, b in self.changes]}


class TranslationMemory:
    """A translation memory in a SQLite file or a PostgreSQL database (created on first use)."""

    def __init__(self, location: str | os.PathLike, *, create: bool = True, readonly: bool = False,
                 wait: float = DEFAULT_WAIT, on_wait: Notify | None = None) -> None:
        """Open (or create) the TM at `location`: a file path or a postgresql:// URL. A `readonly`
        TM must exist and is opened for reading only, so it never waits for a writer; a writer
        waits up to `wait` seconds for another one's lock, telling `on_wait` once that it does."""
        url = is_database_url(str(location))
        self._location: Path | str = str(location) if url else Path(location)
        self.path: Path | str = self._location
        self._depth = 0
        self._reading = False
        self._wait, self._on_wait = wait, on_wait
        if not url:
            if (readonly or not create) and not self.path.exists():
                raise InputError("no translation memory here", path=self.path,
                                 hint="create one with 'esfterm tm import' or 'esfterm build'")
            if not readonly:
                self.path.parent.mkdir(parents=True, exist_ok=True)
        self.db: Database = open_database(self._location, readonly=readonly)
        self.path = self.db.location
        self.conn = self.db.conn
        self.index = FuzzyIndex(self.db)
        try:
            version = schema.version(self.db)
            if version != schema.SCHEMA_VERSION:
                if version is None and url and (readonly or not create):
                    raise InputError("no translation memory here", path=self.path,
                                     hint="create one with 'esfterm tm import'")
                if version is None and readonly:
                    raise InputError("not a translation memory database (no TM tables)", path=self.path)
                if readonly:
                    self._upgrade_once()
                else:
                    self._create_or_migrate()
        except BaseException:
            self.db.close()
            raise

    def _create_or_migrate(self) -> None:
        """Create the tables, or migrate an older store (its fuzzy index is rebuilt once)."""
        with self.transaction():
            if schema.create(self.db):
                self.index.rebuild(self.db.execute("SELECT id, base, text FROM variant ORDER BY id"))

    def _upgrade_once(self) -> None:
        """A reader of a store with an older schema: migrate it once through a writer, then read."""
        with TranslationMemory(self._location, wait=self._wait, on_wait=self._on_wait):
            pass

    @property
    def backend(self) -> str:
        """'sqlite' or 'postgresql'."""
        return self.db.kind

    def close(self) -> None:
        self.db.close()

    def __enter__(self) -> "TranslationMemory":
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    @contextlib.contextmanager
    def transaction(self) -> Iterator[None]:
        """All or nothing: nested uses join the outermost transaction."""
        depth = self._depth
        if depth == 0:
            self.db.begin_write(self._wait, self._on_wait)
        self._depth = depth + 1
        try:
            yield
        except BaseException:
            self._depth = depth
            if depth == 0:
                self.db.rollback()
            raise
        self._depth = depth
        if depth == 0:
            self.db.commit()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[None]:
        """Reads that see one state of the store, whatever commits meanwhile (a search's many
        queries); inside a transaction, that transaction's state."""
        if self._depth or self._reading:
            yield
            return
        self.db.begin_read()
        self._reading = True
        try:
            yield
        finally:
            self._reading = False
            self.db.rollback()

    def __len__(self) -> int:
        return self.db.one("SELECT COUNT(*) FROM unit")

    def languages(self) -> list[tuple[str, int]]:
        """(language, number of variants) in the store."""
        return [tuple(row) for row in self.db.execute("SELECT lang, COUNT(*) FROM variant GROUP BY lang ORDER BY lang")]

    def set_header(self, origin: str, header: dict) -> None:
        """Keep the file-level header (JSON-ready) of the document imported as `origin`."""
        with self.transaction():
            self.db.execute("INSERT INTO document (origin, header) VALUES (?, ?) "
                            "ON CONFLICT (origin) DO UPDATE SET header = excluded.header",
                            (origin, json.dumps(header, ensure_ascii=False, sort_keys=True)))

    def header(self, origin: str | None = None) -> dict | None:
        """The header kept for `origin`; without one, that of the only document in the store."""
        if origin is None:
            rows = self.db.execute("SELECT DISTINCT origin FROM unit LIMIT 2").fetchall()
            if len(rows) != 1:
                return None
            origin = rows[0][0]
        header = self.db.one("SELECT header FROM document WHERE origin = ?", (origin,))
        return json.loads(header) if header is not None else None

    # ------------------------------------------------------------ import

    def import_units(self, units: Iterable[Unit], origin: str, stats: ImportStats | None = None) -> ImportStats:
        """Add units (merging duplicates) in one transaction; `origin` names their document."""
        stats = stats or ImportStats()
        now = tmx_date()
        with self.transaction():
            postings = self.index.writer()
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
            found.update((bytes(key), uid) for key, uid in
                         self.db.execute(f"SELECT key, id FROM unit WHERE key IN ({marks})", part))
        return found

    def _add_batch(self, batch: list[Unit], origin: str, now: str, postings: IndexWriter,
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
        for _ in range(CONFLICT_ROUNDS):
            keyed = self._merge_existing(keyed, stats)
            keyed = self._insert_new(keyed, origin, now, postings, stats)
            if not keyed:
                return
        raise StoreConflict("units were stored and deleted by other writers while this import ran",
                            path=self.path, hint="run it again")

    def _merge_existing(self, keyed: dict[bytes, Unit], stats: ImportStats) -> dict[bytes, Unit]:
        """Merge the units whose key is stored into the stored ones (in id order, so writers
        lock rows in one order); the units left to insert."""
        existing = self._existing(list(keyed))
        for key in sorted(existing, key=existing.get):
            if self._merge_stored(existing[key], keyed[key]):
                stats.merged += 1
            else:
                existing.pop(key)
        return {key: unit for key, unit in keyed.items() if key not in existing}

    def _insert_new(self, keyed: dict[bytes, Unit], origin: str, now: str, postings: IndexWriter,
                    stats: ImportStats) -> dict[bytes, Unit]:
        """Insert units as new ones; those another writer stored meanwhile are returned (to merge)."""
        if not keyed:
            return {}
        unit_rows = [(uid, key, unit.id, _dump(unit.attrs), _dump(props_to_json(unit.props)),
                      _dump(notes_to_json(unit.notes, unit.comments)), origin, _changed(unit, now))
                     for uid, (key, unit) in zip(self.db.new_ids("unit", len(keyed)), keyed.items())]
        inserted = self.db.insert_new(_INSERT_UNIT, sorted(unit_rows, key=lambda row: row[1]))
        added = [(row[0], keyed[row[1]]) for row in unit_rows if row[1] in inserted]
        variant_ids = iter(self.db.new_ids("variant", sum(len(unit.variants) for _, unit in added)))
        variant_rows = []
        for uid, unit in added:
            for pos, v in enumerate(unit.variants):
                vid = next(variant_ids)
                lang = _norm(v.lang)
                base = _base(lang)
                variant_rows.append((vid, uid, pos, lang, base, v.text, v.markup, _dump(v.attrs),
                                     _dump(props_to_json(v.props)), _dump(notes_to_json(v.notes, v.comments))))
                postings.add(base, vid, v.text)
        self.db.executemany(_INSERT_VARIANT, variant_rows)
        stats.added += len(added)
        return {key: unit for key, unit in keyed.items() if key not in inserted}

    def _merge_stored(self, unit_id: int, unit: Unit) -> bool:
        """Merge into the stored unit, read FOR UPDATE so a concurrent merge is not lost;
        False when another writer has just deleted it."""
        row = self.db.execute("SELECT tuid, attrs, props, notes, changed FROM unit WHERE id = ?"
                              + self.db.for_update, (unit_id,)).fetchone()
        if row is None:
            return False
        notes, comments = notes_from_json(json.loads(row[3]))
        stored = Unit([], row[0], json.loads(row[1]), props_from_json(json.loads(row[2])), notes, comments)
        _merge_into(stored, unit)
        changed = max(row[4], _changed(unit, row[4]))
        self.db.execute("UPDATE unit SET attrs = ?, props = ?, notes = ?, changed = ? WHERE id = ?",
                        (_dump(stored.attrs), _dump(props_to_json(stored.props)),
                         _dump(notes_to_json(stored.notes, stored.comments)), changed, unit_id))
        return True

    # ------------------------------------------------------------ reading back

    def iter_units(self, src: str | None = None, tgt: str | None = None, document: str | None = None,
                   since: str | None = None, until: str | None = None, unit_id: int | None = None) -> Iterator[Unit]:
        """Stored units in import order, rebuilt exactly; with src/tgt only units having both,
        holding just those two variants; `document` matches the origin; dates are TMX dates;
        `unit_id` picks one unit by its store id (Match.unit_id)."""
        where, args = [], []
        if unit_id is not None:
            where.append("u.id = ?")
            args.append(unit_id)
        if document:
            where.append("u.origin = ?")
            args.append(document)
        if since:
            where.append("u.changed >= ?")
            args.append(since)
        if until:
            where.append("u.changed < ?")
            args.append(until)
        page_sql = ("SELECT u.id FROM unit u WHERE u.id > ?" + "".join(" AND " + w for w in where)
                    + f" ORDER BY u.id LIMIT {READ_PAGE}")
        wanted = [_base(normalize_lang(x)) for x in (src, tgt) if x]
        last = 0
        while True:
            ids = [uid for (uid,) in self.db.execute(page_sql, [last, *args]).fetchall()]
            if not ids:
                return
            last = ids[-1]
            rows = self.db.execute(
                "SELECT u.id, u.tuid, u.attrs, u.props, u.notes, v.lang, v.text, v.markup, v.attrs, v.props, "
                "v.notes, u.origin FROM unit u JOIN variant v ON v.unit_id = u.id "
                f"WHERE u.id IN ({','.join('?' * len(ids))}) ORDER BY u.id, v.pos", ids).fetchall()
            for unit in _rebuild(rows):
                if _has(unit, wanted):
                    yield _only(unit, src, tgt)

    # ------------------------------------------------------------ deleting

    def delete_units(self, unit_ids: Iterable[int]) -> int:
        """Delete units (by store id) with their variants, in one transaction; returns how many
        existed. The fuzzy index is updated in place."""
        ids = sorted(set(unit_ids))
        deleted = 0
        with self.transaction():
            for start in range(0, len(ids), 500):
                part = ids[start:start + 500]
                marks = ",".join("?" * len(part))
                variants = [vid for (vid,) in self.db.execute(
                    f"SELECT id FROM variant WHERE unit_id IN ({marks})", part).fetchall()]
                self.index.delete(variants)
                self.db.execute(f"DELETE FROM variant WHERE unit_id IN ({marks})", part)
                deleted += self.db.execute(f"DELETE FROM unit WHERE id IN ({marks})", part).rowcount
        return deleted

    def delete_document(self, origin: str) -> int:
        """Delete every unit imported from the document `origin`; returns how many."""
        return self.delete_units(uid for (uid,) in
                                 self.db.execute("SELECT id FROM unit WHERE origin = ?", (origin,)).fetchall())

    # ------------------------------------------------------------ search

    def pairs(self, variant_ids: list[int], tgt: str) -> dict[int, tuple]:
        """source variant id -> (unit id, source lang, source text, source markup, target lang,
        target text, origin, tuid, changed) for those whose unit has a `tgt` variant (its first)."""
        tgt_base = _base(normalize_lang(tgt))
        found: dict[int, tuple] = {}
        for start in range(0, len(variant_ids), 500):
            part = variant_ids[start:start + 500]
            marks = ",".join("?" * len(part))
            for row in self.db.execute(
                    "SELECT s.id, s.unit_id, s.lang, s.text, s.markup, t.lang, t.text, u.origin, u.tuid, "
                    "u.changed FROM variant s JOIN variant t ON t.unit_id = s.unit_id AND t.base = ? "
                    "AND t.id <> s.id JOIN unit u ON u.id = s.unit_id "
                    f"WHERE s.id IN ({marks}) ORDER BY s.id, t.pos", [tgt_base, *part]):
                found.setdefault(row[0], row[1:])
        return found

    def _identical(self, variant_ids: list[int], text: str) -> set[int]:
        """Those of the variants whose text is exactly `text`."""
        found: set[int] = set()
        for start in range(0, len(variant_ids), 500):
            part = variant_ids[start:start + 500]
            found.update(vid for (vid,) in self.db.execute(
                f"SELECT id FROM variant WHERE text = ? AND id IN ({','.join('?' * len(part))})", [text, *part]))
        return found

    def search(self, text: str, src: str, tgt: str, *, min_score: int = 75, limit: int = 5,
               markup: str | None = None) -> list[Match]:
        """The best `limit` matches for `text` (language `src`, inline codes in `markup` if any)
        that have a `tgt` side, best first: by score, then character similarity, newest first.

        Every stored segment that can reach `min_score` comes from the index (see index.py) with
        its word-level score, an upper bound of its final one (99 unless the text is identical);
        candidates are scored in rounds, best bound first, until no unscored one can beat or tie
        the matches found.
        """
        with self.snapshot():
            return self._search(text, src, tgt, min_score, limit, markup)

    def _search(self, text: str, src: str, tgt: str, min_score: int, limit: int, markup: str | None) -> list[Match]:
        src_base = _base(normalize_lang(src))
        hits = self.index.candidates(index_keys(text), src_base, min_score)
        identical = self._identical([vid for vid, base in hits if base == 100], text)
        bounds = sorted(((100 if vid in identical else min(base, 99), vid) for vid, base in hits),
                        key=lambda b: (-b[0], b[1]))
        scorer = Scorer(text, markup)
        matches: dict[int, Match] = {}
        ranked: list[Match] = []
        for start in range(0, len(bounds), SCORE_ROUND):
            part = bounds[start:start + SCORE_ROUND]
            if len(ranked) >= limit and ranked[limit - 1].score >= part[0][0]:
                break
            rows = self.pairs([vid for _, vid in part], tgt)
            for _, vid in part:
                if vid not in rows:
                    continue
                unit_id, slang, stext, smarkup, tlang, ttext, origin, tuid, changed = rows[vid]
                result = scorer(stext, smarkup)
                if result.score < min_score or (unit_id in matches and matches[unit_id].score >= result.score):
                    continue
                matches[unit_id] = Match(result.score, result.base, result.penalties, fuzz.ratio(text, stext),
                                         stext, ttext, slang, tlang, origin, tuid, unit_id, [], changed)
            ranked = sorted(matches.values(), key=lambda m: (-m.score, -m.ratio, -m.unit_id))
        best = ranked[:limit]
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


def _rebuild(rows: list[tuple]) -> Iterator[Unit]:
    """Units from (unit columns, variant columns) rows ordered by unit id and position."""
    current: Unit | None = None
    current_id = None
    for row in rows:
        if row[0] != current_id:
            if current is not None:
                yield current
            current_id = row[0]
            notes, comments = notes_from_json(json.loads(row[4]))
            current = Unit([], row[1], json.loads(row[2]), props_from_json(json.loads(row[3])), notes,
                           comments, ref=f"unit {row[0]}", origin=row[11])
        notes, comments = notes_from_json(json.loads(row[10]))
        current.variants.append(Variant(row[5], row[6], row[7], json.loads(row[8]),
                                        props_from_json(json.loads(row[9])), notes, comments))
    if current is not None:
        yield current


def _has(unit: Unit, bases: list[str]) -> bool:
    have = {_base(v.lang) for v in unit.variants}
    return all(b in have for b in bases)


def _only(unit: Unit, src: str | None, tgt: str | None) -> Unit:
    if src and tgt:
        unit.variants = [unit.variant(src), unit.variant(tgt)]
    return unit
