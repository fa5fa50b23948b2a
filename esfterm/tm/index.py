"""The word index behind fuzzy search: candidates come from postings of the query's rarest words.

Why words and the rarest ones: a segment that scores >= 75% against the query shares most of its
words, so it must contain at least one of the query's rarest words (the prefix-filter idea from
similarity joins). Reading only those postings keeps each query to a few thousand ids even on a
million units; the candidates that share the most words are then scored exactly.
"""

from __future__ import annotations

import math
import re
import sqlite3
from array import array
from collections import Counter, defaultdict
from typing import Iterable

_WORD = re.compile(r"\w+")
#: A match is assumed to share at least this share of the query's distinct words.
MIN_SHARED = 0.5
#: Beyond the prefix, keep reading more common words' postings while the total stays under this.
SOFT_BUDGET = 150_000
#: Never read more postings than this for one query, even for the prefix.
HARD_BUDGET = 1_500_000


def words(text: str) -> set[str]:
    """The distinct index words of a text: lower-cased word characters (numbers included)."""
    return set(_WORD.findall(text.casefold()))


def _ids(blob: bytes) -> array:
    ids = array("I")
    ids.frombytes(blob)
    return ids


class PostingWriter:
    """Collects (language, word) -> variant ids during an import and appends them as chunks."""

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.pending: dict[tuple[str, str], array] = defaultdict(lambda: array("I"))
        self.size = 0

    def add(self, base: str, variant_id: int, text: str) -> None:
        for word in words(text):
            self.pending[(base, word)].append(variant_id)
        self.size += 1

    def flush(self) -> None:
        """Write the pending postings (inside the caller's transaction)."""
        if not self.pending:
            return
        conn = self.conn
        by_base: dict[str, list[str]] = defaultdict(list)
        for base, word in self.pending:
            by_base[base].append(word)
        known: dict[tuple[str, str], tuple[int, int, int]] = {}
        for base, wordlist in by_base.items():
            for start in range(0, len(wordlist), 500):
                part = wordlist[start:start + 500]
                marks = ",".join("?" * len(part))
                for tid, word, df, chunks in conn.execute(
                        f"SELECT id, word, df, chunks FROM token WHERE base = ? AND word IN ({marks})",
                        [base, *part]):
                    known[(base, word)] = (tid, df, chunks)
        next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM token").fetchone()[0]) + 1
        new_tokens, updates, postings = [], [], []
        for (base, word), ids in self.pending.items():
            if (base, word) in known:
                tid, df, chunks = known[(base, word)]
                updates.append((df + len(ids), chunks + 1, tid))
            else:
                tid, chunks = next_id, 0
                next_id += 1
                new_tokens.append((tid, base, word, len(ids), 1))
            postings.append((tid, chunks, ids.tobytes()))
        conn.executemany("INSERT INTO token (id, base, word, df, chunks) VALUES (?, ?, ?, ?, ?)", new_tokens)
        conn.executemany("UPDATE token SET df = ?, chunks = ? WHERE id = ?", updates)
        conn.executemany("INSERT INTO posting (token_id, chunk, ids) VALUES (?, ?, ?)", postings)
        self.pending.clear()
        self.size = 0


def candidates(conn: sqlite3.Connection, text: str, base: str, limit: int = 200) -> list[int]:
    """Ids of the `limit` variants in language `base` sharing the most rare words with `text`."""
    query = words(text)
    if not query:
        return []
    found: list[tuple[int, int]] = []
    wordlist = sorted(query)
    for start in range(0, len(wordlist), 500):
        part = wordlist[start:start + 500]
        marks = ",".join("?" * len(part))
        found += conn.execute(f"SELECT id, df FROM token WHERE base = ? AND word IN ({marks})",
                              [base, *part]).fetchall()
    found.sort(key=lambda row: row[1])
    prefix = len(query) - math.ceil(MIN_SHARED * len(query)) + 1
    counts: Counter[int] = Counter()
    read = 0
    for position, (tid, df) in enumerate(found):
        within_prefix = position < prefix and read + df <= HARD_BUDGET
        if not within_prefix and read + df > SOFT_BUDGET:
            break
        for (blob,) in conn.execute("SELECT ids FROM posting WHERE token_id = ?", (tid,)):
            counts.update(_ids(blob))
        read += df
    return [vid for vid, _ in counts.most_common(limit)]


def brute_force_ids(conn: sqlite3.Connection, base: str) -> Iterable[tuple[int, str]]:
    """Every (variant id, text) in a language: the baseline the index is checked against."""
    return conn.execute("SELECT id, text FROM variant WHERE base = ?", (base,))
