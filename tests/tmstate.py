"""What a TM holds, free of row ids, so two stores built in different ways can be compared."""

from __future__ import annotations

from esfterm.tm import TranslationMemory


def index_content(memory: TranslationMemory) -> set[tuple]:
    """The fuzzy index as (language, word, df, segment length, source text) rows."""
    text = dict(memory.db.execute("SELECT id, text FROM variant").fetchall())
    out = set()
    for base, word, df, length, blob in memory.db.execute(
            "SELECT t.base, t.word, t.df, p.len, p.ids FROM fuzzy_token t JOIN fuzzy_posting p ON p.token_id = t.id"):
        for vid in memoryview(blob).cast("I").tolist():
            out.add((base, word, df, length, text[vid]))
    return out
