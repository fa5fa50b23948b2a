"""The translation-memory schema: plain tables and portable SQL, so a PostgreSQL backend can follow.

Metadata (attributes, props, notes) is stored as JSON text, one column per TMX level, so a unit
comes back exactly as it went in; a document's file-level header (a TMX <header> with its props
and notes) is kept per origin, so exporting that document alone writes it back. The fuzzy index
(see index.py) keeps, per (language, word key), its document frequency; per (token, segment
length), sorted chunks of variant ids; per variant, its word-key sequence. In PostgreSQL the same
tables map to jsonb, bytea and a plain primary key instead of WITHOUT ROWID.

Version 1 had a word index without segment lengths (tables `token` and `posting`); opening such a
file replaces it by the version 2 index, built once from the stored variants.
"""

from __future__ import annotations

import sqlite3

from esfterm.errors import InputError

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


def create(conn: sqlite3.Connection) -> bool:
    """Create the tables if missing, or migrate an older file, and record the schema version
    (inside the caller's transaction). True when the fuzzy index must be built from the variants."""
    row = conn.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone() if _has_table(conn, "meta") else None
    if row is not None and row[0] not in ("1", SCHEMA_VERSION):
        raise InputError(f"translation memory schema version {row[0]} is newer than this esfterm's "
                         f"({SCHEMA_VERSION})", hint="upgrade esfterm")
    old_index = row is not None and row[0] == "1"
    if old_index:
        conn.execute("DROP TABLE IF EXISTS posting")
        conn.execute("DROP TABLE IF EXISTS token")
    for statement in DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR REPLACE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
    return old_index


def _has_table(conn: sqlite3.Connection, name: str) -> bool:
    return conn.execute("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?", (name,)).fetchone() is not None
