"""The translation-memory schema: plain tables and portable SQL, for SQLite and PostgreSQL alike.

Metadata (attributes, props, notes) is stored as JSON text, one column per TMX level, so a unit
comes back exactly as it went in; a document's file-level header (a TMX <header> with its props
and notes) is kept per origin, so exporting that document alone writes it back. The fuzzy index
(see index.py) keeps, per (language, word key), its document frequency; per (token, segment
length), sorted chunks of variant ids; per variant, its word-key sequence. In PostgreSQL (see
postgres.py) BLOB is bytea, INTEGER bigint, and text compares by code point ("C", as in SQLite);
the JSON stays text, not jsonb, which would reorder an attribute dict's keys.

The `meta` table records the schema version; opening an older store migrates it in one
transaction, step by step (MIGRATIONS), and a store newer than this esfterm is refused.

Version 1 had a word index without segment lengths (tables `token` and `posting`); opening such a
file replaces it by the version 2 index, built once from the stored variants.
"""

from __future__ import annotations

from esfterm.errors import InputError
from esfterm.tm.database import Database

SCHEMA_VERSION = "2"

DDL = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS unit (
    id INTEGER PRIMARY KEY,
    key BLOB NOT NULL UNIQUE,
    tuid TEXT,
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL,
    origin TEXT NOT NULL,
    changed TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS unit_origin ON unit (origin);
CREATE INDEX IF NOT EXISTS unit_changed ON unit (changed);
CREATE TABLE IF NOT EXISTS document (
    origin TEXT PRIMARY KEY,
    header TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS variant (
    id INTEGER PRIMARY KEY,
    unit_id INTEGER NOT NULL REFERENCES unit (id),
    pos INTEGER NOT NULL,
    lang TEXT NOT NULL,
    base TEXT NOT NULL,
    text TEXT NOT NULL,
    markup TEXT,
    attrs TEXT NOT NULL,
    props TEXT NOT NULL,
    notes TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS variant_unit ON variant (unit_id, base);
CREATE TABLE IF NOT EXISTS fuzzy_token (
    id INTEGER PRIMARY KEY,
    base TEXT NOT NULL,
    word TEXT NOT NULL,
    df INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    UNIQUE (base, word)
);
CREATE TABLE IF NOT EXISTS fuzzy_posting (
    token_id INTEGER NOT NULL,
    len INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (token_id, len, chunk)
) WITHOUT ROWID;
CREATE TABLE IF NOT EXISTS fuzzy_doc (
    variant_id INTEGER PRIMARY KEY,
    len INTEGER NOT NULL,
    tokens BLOB NOT NULL
);
"""


def _drop_v1_index(db: Database) -> None:
    db.execute("DROP TABLE IF EXISTS posting")
    db.execute("DROP TABLE IF EXISTS token")


#: Schema version -> (the next version, what turns a store of that version into it). A step may
#: drop or change tables; the DDL above then creates whatever the current version adds.
MIGRATIONS = {"1": ("2", _drop_v1_index)}
#: Versions after which the fuzzy index is built anew from the stored variants.
REINDEX_AFTER = {"1"}


def version(db: Database) -> str | None:
    """The store's schema version; None for an empty database (a new TM). A database that holds
    other tables but not the TM's is refused rather than filled."""
    if db.has_table("meta"):
        return db.one("SELECT value FROM meta WHERE key = 'schema'")
    if db.has_tables():
        raise InputError("not a translation memory database (it holds other tables, but no TM tables)",
                         path=db.location, hint=db.own_place_hint)
    return None


def create(db: Database) -> bool:
    """Create the tables if missing, or migrate an older store step by step, and record the
    schema version, inside the caller's write transaction (all or nothing, also in PostgreSQL,
    whose DDL is transactional). True when the fuzzy index must be built from the variants."""
    db.lock_schema()
    found = version(db)
    if found is not None and found != SCHEMA_VERSION and found not in MIGRATIONS:
        raise InputError(f"translation memory schema version {found} is newer than this esfterm's "
                         f"({SCHEMA_VERSION})", path=db.location, hint="upgrade esfterm")
    reindex = False
    while found is not None and found != SCHEMA_VERSION:
        following, step = MIGRATIONS[found]
        step(db)
        reindex = reindex or found in REINDEX_AFTER
        found = following
    for statement in DDL.split(";"):
        if statement.strip():
            db.execute(db.ddl(statement))
    db.create_extras()
    db.execute("INSERT INTO meta (key, value) VALUES ('schema', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value",
               (SCHEMA_VERSION,))
    return reindex
