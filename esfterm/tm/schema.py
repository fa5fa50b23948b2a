"""The translation-memory schema: plain tables and portable SQL, so a PostgreSQL backend can follow.

Metadata (attributes, props, notes) is stored as JSON text, one column per TMX level, so a unit
comes back exactly as it went in; a document's file-level header (a TMX <header> with its props
and notes) is kept per origin, so exporting that document alone writes it back. The word index keeps, per (language, word), its document
frequency and its postings as compact chunks of variant ids (one chunk per import batch): reading
a rare word's postings is a single indexed lookup, and imports only append. In PostgreSQL the
same tables map to jsonb, bytea and a plain primary key instead of WITHOUT ROWID.
"""

from __future__ import annotations

import sqlite3

SCHEMA_VERSION = "1"

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
CREATE TABLE IF NOT EXISTS token (
    id INTEGER PRIMARY KEY,
    base TEXT NOT NULL,
    word TEXT NOT NULL,
    df INTEGER NOT NULL,
    chunks INTEGER NOT NULL,
    UNIQUE (base, word)
);
CREATE TABLE IF NOT EXISTS posting (
    token_id INTEGER NOT NULL,
    chunk INTEGER NOT NULL,
    ids BLOB NOT NULL,
    PRIMARY KEY (token_id, chunk)
) WITHOUT ROWID;
"""


def create(conn: sqlite3.Connection) -> None:
    """Create the tables if missing and record the schema version (inside the caller's transaction)."""
    for statement in DDL.split(";"):
        if statement.strip():
            conn.execute(statement)
    conn.execute("INSERT OR IGNORE INTO meta (key, value) VALUES ('schema', ?)", (SCHEMA_VERSION,))
