"""The word index behind fuzzy search: candidates come from postings of the query's rarest words.

Why words and the rarest ones: a segment that scores >= 75% against the query shares most of its
words, so it must contain at least one of the query's rarest words (the prefix-filter idea from
similarity joins). Only those postings (plus more common words' while a budget allows) are read
and counted with numpy, idf-weighted; the candidates that share the most are then scored exactly.
"""

from __future__ import annotations

import math
import re
import sqlite3
from array import array
from collections import defaultdict
from itertools import repeat
from typing import Iterator

import numpy as np

_WORD = re.compile(r"\w+")
#: A match is assumed to share at least this share of the query's distinct words.
MIN_SHARED = 0.5
#: Beyond the prefix, keep reading more common words' postings while the total stays under this.
SOFT_BUDGET = 150_000
#: Never read more postings than this for one query, even for the prefix.
HARD_BUDGET = 1_500_000


def words(text: str) -> list[str]:
    """The distinct index words of a text: lower-cased word characters (numbers included), in
    order of first occurrence, so that word codes, and with them the TM file, do not depend on
    the process's string hashing."""
    return list(dict.fromkeys(_WORD.findall(text.casefold())))


class _Codes(dict):
    """word -> small integer, assigned on first sight (so lookups stay in C via map())."""

    def __missing__(self, word: str) -> int:
        code = self[word] = len(self)
        return code


class PostingWriter:
    """Collects (language, word) -> variant ids during an import and appends them as chunks.

    Words are coded to integers as they come and grouped with one numpy sort per flush, which
    keeps the per-word Python work out of the import loop.
    """

    def __init__(self, conn: sqlite3.Connection) -> None:
        self.conn = conn
        self.codes: dict[str, _Codes] = defaultdict(_Codes)
        self.word_codes: dict[str, array] = defaultdict(lambda: array("I"))
        self.variant_ids: dict[str, array] = defaultdict(lambda: array("I"))

    def add(self, base: str, variant_id: int, text: str) -> None:
        found = words(text)
        self.word_codes[base].extend(map(self.codes[base].__getitem__, found))
        self.variant_ids[base].extend(repeat(variant_id, len(found)))

    def _grouped(self, base: str) -> Iterator[tuple[str, bytes, int]]:
        """(word, posting blob, count) for each word seen since the last flush."""
        codes = np.array(self.word_codes[base], dtype=np.uint32)
        ids = np.array(self.variant_ids[base], dtype=np.uint32)[np.argsort(codes, kind="stable")]
        counts = np.bincount(codes, minlength=len(self.codes[base]))
        ends = np.cumsum(counts)
        for code, word in enumerate(self.codes[base]):
            count = int(counts[code])
            if count:
                end = int(ends[code])
                yield word, ids[end - count:end].tobytes(), count

    def flush(self) -> None:
        """Write the pending postings (inside the caller's transaction)."""
        conn = self.conn
        next_id = (conn.execute("SELECT COALESCE(MAX(id), 0) FROM token").fetchone()[0]) + 1
        new_tokens, updates, postings = [], [], []
        for base in list(self.word_codes):
            grouped = list(self._grouped(base))
            known: dict[str, tuple[int, int, int]] = {}
            for start in range(0, len(grouped), 500):
                part = [word for word, _, _ in grouped[start:start + 500]]
                marks = ",".join("?" * len(part))
                for tid, word, df, chunks in conn.execute(
                        f"SELECT id, word, df, chunks FROM token WHERE base = ? AND word IN ({marks})",
                        [base, *part]):
                    known[word] = (tid, df, chunks)
            for word, blob, count in grouped:
                if word in known:
                    tid, df, chunks = known[word]
                    updates.append((df + count, chunks + 1, tid))
                else:
                    tid, chunks = next_id, 0
                    next_id += 1
                    new_tokens.append((tid, base, word, count, 1))
                postings.append((tid, chunks, blob))
        conn.executemany("INSERT INTO token (id, base, word, df, chunks) VALUES (?, ?, ?, ?, ?)", new_tokens)
        conn.executemany("UPDATE token SET df = ?, chunks = ? WHERE id = ?", updates)
        conn.executemany("INSERT INTO posting (token_id, chunk, ids) VALUES (?, ?, ?)", postings)
        self.word_codes.clear()
        self.variant_ids.clear()


def candidates(conn: sqlite3.Connection, text: str, base: str, limit: int = 200) -> list[int]:
    """Ids of the `limit` variants in language `base` sharing the most (idf-weighted) words with
    `text`, drawn from the postings of its rarest words."""
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
    if not found:
        return []
    found.sort(key=lambda row: row[1])
    prefix = len(query) - math.ceil(MIN_SHARED * len(query)) + 1
    lists, weights = [], []
    read = 0
    for position, (tid, df) in enumerate(found):
        within_prefix = position < prefix and read + df <= HARD_BUDGET
        if not within_prefix and read + df > SOFT_BUDGET:
            break
        idf = math.log(1 + 1_000_000 / df)
        for (blob,) in conn.execute("SELECT ids FROM posting WHERE token_id = ?", (tid,)):
            ids = np.frombuffer(blob, dtype=np.uint32)
            lists.append(ids)
            weights.append(np.full(len(ids), idf, dtype=np.float32))
        read += df
    if not lists:
        return []
    ids = np.concatenate(lists)
    scores = np.bincount(ids, weights=np.concatenate(weights))
    hit = np.flatnonzero(scores)
    if len(hit) > limit:
        hit = hit[np.argpartition(-scores[hit], limit)[:limit]]
    return hit[np.argsort(-scores[hit], kind="stable")].tolist()
