"""The word index behind fuzzy search and concordance, in the TM's database (SQLite or PostgreSQL).

Three plain tables (see schema.py): `fuzzy_token` (per language and word key: document
frequency), `fuzzy_posting` (per token and segment length: sorted variant ids, uint32 little-endian,
appended in chunks) and `fuzzy_doc` (per variant: its word-key sequence as token ids). A segment
without words is posted under the empty key at length 0, so a query of placeholders or
punctuation alone finds its equals.

Why it is exact and fast. A candidate reaching min_score M for a query of n words has a length m
with |n - m| <= d_max(max(n, m)) and shares at least t(m) = L - d_max(L) words with it (L = max(n,
m), see fuzzy.max_distance). So only postings in that length range are read (which is what keeps
short queries fast: a 3-word query never reads the long segments' postings), and every match
holds one of the query's rarest words (the prefix filter of similarity joins): candidates come
from the rarest words' postings only; more common words' postings are then read, while a budget
allows, just to count; a candidate whose count plus the unread words cannot reach t(m) is dropped.
The survivors' word distances are computed exactly from `fuzzy_doc`.

Adding and deleting variants update the three tables in place (new chunks, rows rewritten without
the deleted ids, document frequencies adjusted); a token with many chunks is merged into one.
Token ids, chunk numbers and frequencies are read and rewritten, so every write first takes the
database's index lock (held to the commit): concurrent PostgreSQL writers queue there, and only
there, and none of their counts is lost.
"""

from __future__ import annotations

from array import array
from collections import Counter, defaultdict
from itertools import repeat
from typing import Iterable, Iterator

import numpy as np
from rapidfuzz.distance import Levenshtein

from esfterm.text.morphology import word_key
from esfterm.tm.database import Database
from esfterm.tm.fuzzy import NUMBER_KEY, base_score, index_keys, max_distance

#: Beyond the prefix, read more common words' postings (in the length range, to count) while
#: their total stays under this many ids, and only when there are more candidates than FEW_CANDIDATES.
COUNT_BUDGET = 1_000_000
FEW_CANDIDATES = 64
#: At most this many candidates are verified exactly (those with the best upper bounds).
MAX_VERIFY = 3000
#: A token is merged into one chunk per length when it has this many.
MAX_CHUNKS = 8
#: Query parameters per IN (...) list.
_IN = 500
#: The token of segments without words (only tags, placeholders or punctuation), at length 0.
EMPTY_KEY = ""
_LEN_SHIFT = 16


def _u32(blob) -> np.ndarray:
    return np.frombuffer(blob, dtype="<u4")


def lemma_key(word: str, base: str) -> str:
    """The key concordance --lemma matches on: the stem of the word's lemma (numbers stay '#')."""
    return word if word == NUMBER_KEY else word_key(word, base)


def _stem_prefix(word: str, base: str) -> str:
    """Where the inflected forms of `word` start: the part it shares with its lemma key, less a
    letter for stem changes (sv, sl, lt inflect at the end). Forms are looked up by this prefix
    and kept when their lemma key is the word's."""
    key = lemma_key(word, base)
    shared = 0
    while shared < min(len(key), len(word)) and key[shared] == word[shared]:
        shared += 1
    return word[:max(2, shared - 1)]


def length_range(n: int, min_score: int) -> tuple[int, int]:
    """The segment lengths (in words) that can reach `min_score` against an n-word query."""
    return -(-n * min_score // 100), (100 * n) // min_score


def needed(n: int, m: int, min_score: int) -> int:
    """The fewest shared words a length-m segment needs to reach `min_score` for an n-word query."""
    longer = max(n, m)
    return longer - max_distance(longer, min_score)


class FuzzyIndex:
    """The index tables of one TM Database; writes happen inside the caller's transaction."""

    def __init__(self, db: Database) -> None:
        self.db = db

    def _run(self, sql: str, args: Iterable = ()):
        return self.db.execute(sql, list(args))

    def _many(self, sql: str, rows: Iterable) -> None:
        self.db.executemany(sql, rows)

    def _in(self, sql: str, head: list, values: list) -> Iterator[tuple]:
        """Run `sql` (with one '{in}' list) over `values` in slices, yielding all rows."""
        for start in range(0, len(values), _IN):
            part = values[start:start + _IN]
            yield from self._run(sql.format(marks=",".join("?" * len(part))), [*head, *part]).fetchall()

    def _each(self, sql: str, values: list) -> None:
        """Run `sql` (with one '{marks}' list, no result) over `values` in slices."""
        for start in range(0, len(values), _IN):
            part = values[start:start + _IN]
            self._run(sql.format(marks=",".join("?" * len(part))), part)

    # ------------------------------------------------------------ writing

    def writer(self) -> "IndexWriter":
        return IndexWriter(self)

    def rebuild(self, rows: Iterable[tuple[int, str, str]]) -> None:
        """Index (variant id, language base, text) rows into empty tables (schema migration)."""
        writer = self.writer()
        for vid, base, text in rows:
            writer.add(base, vid, text)
        writer.flush()

    def delete(self, variant_ids: Iterable[int]) -> None:
        """Remove variants from the index: their ids leave every posting row they were in."""
        ids = sorted(set(variant_ids))
        if not ids:
            return
        self.db.lock_index()
        by_row: dict[tuple[int, int], list[int]] = defaultdict(list)
        df: Counter[int] = Counter()
        for vid, length, blob in self._in("SELECT variant_id, len, tokens FROM fuzzy_doc "
                                          "WHERE variant_id IN ({marks})", [], ids):
            for tid in set(_u32(blob).tolist()):
                by_row[(tid, length)].append(vid)
                df[tid] += 1
        for (tid, length), gone in sorted(by_row.items()):
            rows = self._run("SELECT chunk, ids FROM fuzzy_posting WHERE token_id = ? AND len = ?",
                             (tid, length)).fetchall()
            kept = np.concatenate([_u32(blob) for _, blob in rows])
            kept = np.sort(kept[~np.isin(kept, np.array(gone, dtype="<u4"))])
            self._run("DELETE FROM fuzzy_posting WHERE token_id = ? AND len = ?", (tid, length))
            if len(kept):
                self._run("INSERT INTO fuzzy_posting (token_id, len, chunk, ids) VALUES (?, ?, ?, ?)",
                          (tid, length, min(c for c, _ in rows), kept.astype("<u4").tobytes()))
        self._many("UPDATE fuzzy_token SET df = df - ? WHERE id = ?", [(n, tid) for tid, n in df.items()])
        self._each("DELETE FROM fuzzy_token WHERE df <= 0 AND id IN ({marks})", sorted(df))
        self._each("DELETE FROM fuzzy_doc WHERE variant_id IN ({marks})", ids)

    def _merge_chunks(self, token_ids: list[int]) -> None:
        """Rewrite each token's postings as one chunk per length."""
        for tid in token_ids:
            by_len: dict[int, list[np.ndarray]] = defaultdict(list)
            for length, blob in self._run("SELECT len, ids FROM fuzzy_posting WHERE token_id = ?", (tid,)):
                by_len[length].append(_u32(blob))
            self._run("DELETE FROM fuzzy_posting WHERE token_id = ?", (tid,))
            self._many("INSERT INTO fuzzy_posting (token_id, len, chunk, ids) VALUES (?, ?, 0, ?)",
                       [(tid, length, np.sort(np.concatenate(parts)).astype("<u4").tobytes())
                        for length, parts in sorted(by_len.items())])
            self._run("UPDATE fuzzy_token SET chunks = 1 WHERE id = ?", (tid,))

    # ------------------------------------------------------------ reading

    def tokens(self, base: str, words: list[str]) -> dict[str, tuple[int, int]]:
        """word -> (token id, document frequency) for the words the index knows."""
        return {word: (tid, df) for tid, word, df in self._in(
            "SELECT id, word, df FROM fuzzy_token WHERE base = ? AND word IN ({marks})", [base], words)}

    def _postings(self, tid: int, lo: int, hi: int) -> list[tuple[int, np.ndarray]]:
        return [(length, _u32(blob)) for length, blob in self._run(
            "SELECT len, ids FROM fuzzy_posting WHERE token_id = ? AND len >= ? AND len <= ?", (tid, lo, hi))]

    def _size(self, tid: int, lo: int, hi: int) -> int:
        """How many ids the token's postings in the length range hold (blob sizes, not read)."""
        total = self._run("SELECT SUM(length(ids)) FROM fuzzy_posting WHERE token_id = ? AND len >= ? AND len <= ?",
                          (tid, lo, hi)).fetchone()[0]
        return (total or 0) // 4

    def docs(self, variant_ids: list[int]) -> dict[int, list[int]]:
        """variant id -> its word-key sequence as token ids."""
        return {vid: _u32(blob).tolist() for vid, blob in self._in(
            "SELECT variant_id, tokens FROM fuzzy_doc WHERE variant_id IN ({marks})", [], variant_ids)}

    def candidates(self, keys: list[str], base: str, min_score: int) -> list[tuple[int, int]]:
        """(variant id, word-level base score) of the `base`-language variants whose base score
        against the query's word keys is at least `min_score`, best first (ties: lower id first)."""
        n = len(keys)
        if not n:  # no words: every segment without words is a candidate (tags and punctuation decide)
            known = self.tokens(base, [EMPTY_KEY])
            if EMPTY_KEY not in known:
                return []
            found = np.concatenate([f for _, f in self._postings(known[EMPTY_KEY][0], 0, 0)])
            return [(vid, 100) for vid in np.sort(found)[:MAX_VERIFY].tolist()]
        min_score = max(1, min(100, min_score))
        lo, hi = length_range(n, min_score)
        counts = Counter(keys)
        known = self.tokens(base, list(counts))
        order = sorted(counts, key=lambda w: (known[w][1] if w in known else 0, w))
        t_min = min(needed(n, m, min_score) for m in range(lo, hi + 1))
        remaining, prefix = n, 0
        while remaining >= t_min:
            remaining -= counts[order[prefix]]
            prefix += 1
        ids, lens, weights = [], [], []
        for word in order[:prefix]:
            if word in known:
                for length, found in self._postings(known[word][0], lo, hi):
                    ids.append(found)
                    lens.append(np.full(len(found), length, dtype=np.int32))
                    weights.append(np.full(len(found), counts[word], dtype=np.int32))
        if not ids:
            return []
        cand, first, inverse = np.unique(np.concatenate(ids), return_index=True, return_inverse=True)
        shared = np.bincount(inverse, weights=np.concatenate(weights)).astype(np.int32)
        cand_len = np.concatenate(lens)[first]
        read = 0
        for word in order[prefix:]:
            if len(cand) <= FEW_CANDIDATES:
                break
            size = self._size(known[word][0], lo, hi) if word in known else 0
            if read + size > COUNT_BUDGET:
                break
            read += size
            remaining -= counts[word]
            if not size:
                continue
            for length, found in self._postings(known[word][0], lo, hi):
                mask = np.flatnonzero(cand_len == length)
                if not len(mask):
                    continue
                at = np.searchsorted(found, cand[mask])
                hit = at < len(found)
                hit[hit] = found[at[hit]] == cand[mask][hit]
                shared[mask[hit]] += counts[word]
        longer = np.maximum(cand_len, n)
        bound = shared + remaining
        alive = np.flatnonzero(bound >= longer - (longer * (100 - min_score)) // 100)
        if len(alive) > MAX_VERIFY:
            ratio = bound[alive] / longer[alive]
            alive = alive[np.lexsort((cand[alive], -ratio))[:MAX_VERIFY]]
        query = [known[w][0] if w in known else -1 - i for i, w in enumerate(keys)]
        out = []
        for vid, seq in self.docs(cand[alive].tolist()).items():
            length = max(n, len(seq))
            limit = max_distance(length, min_score)
            distance = Levenshtein.distance(query, seq, score_cutoff=limit)
            if distance <= limit:
                out.append((vid, base_score(distance, length)))
        out.sort(key=lambda hit: (-hit[1], hit[0]))
        return out

    def phrase_candidates(self, words: list[str], base: str, *, lemma: bool = False) -> Iterator[int]:
        """Ids of `base` variants whose word keys hold `words` (word keys, in order) consecutively,
        newest first; with `lemma`, any word with the same lemma key matches at each position."""
        if not words:
            return
        positions: list[dict[int, int]] = []
        for word in words:
            if lemma and word != NUMBER_KEY:
                prefix, key = _stem_prefix(word, base), lemma_key(word, base)
                rows = [(tid, df) for tid, form, df in self._run(
                    "SELECT id, word, df FROM fuzzy_token WHERE base = ? AND word >= ? AND word < ?",
                    (base, prefix, prefix + "\U0010ffff")) if form == word or lemma_key(form, base) == key]
            else:
                rows = list(self.tokens(base, [word]).values())
            if not rows:
                return
            positions.append(dict(rows))
        order = sorted(range(len(positions)), key=lambda p: sum(positions[p].values()))
        found: np.ndarray | None = None
        read = 0
        for p in order:
            size = sum(positions[p].values())
            if found is not None and read + size > COUNT_BUDGET:
                break
            ids = [f for tid in positions[p] for _, f in self._postings(tid, len(words), 1 << 30)]
            here = np.unique(np.concatenate(ids)) if ids else np.empty(0, dtype="<u4")
            found = here if found is None else np.intersect1d(found, here, assume_unique=True)
            read += size
        wanted = [set(p) for p in positions]
        span = len(wanted)
        ordered = found[::-1].tolist()
        for start in range(0, len(ordered), 200):
            part = ordered[start:start + 200]
            docs = self.docs(part)
            for vid in part:
                seq = docs.get(vid, [])
                if any(all(seq[i + k] in wanted[k] for k in range(span)) for i in range(len(seq) - span + 1)):
                    yield vid


class _Codes(dict):
    """word -> small integer, assigned on first sight (so lookups stay in C via map())."""

    def __missing__(self, word: str) -> int:
        code = self[word] = len(self)
        return code


class IndexWriter:
    """Collects variants during an import and writes their postings and docs in one pass.

    Words are coded to small integers as they come; one numpy sort per flush groups the
    postings by (token, length), which keeps per-word Python work out of the import loop.
    """

    def __init__(self, index: FuzzyIndex) -> None:
        self.index = index
        self.codes: dict[str, _Codes] = defaultdict(_Codes)
        self.post_code: dict[str, array] = defaultdict(lambda: array("I"))
        self.post_len: dict[str, array] = defaultdict(lambda: array("H"))
        self.post_vid: dict[str, array] = defaultdict(lambda: array("I"))
        self.doc_vid: dict[str, array] = defaultdict(lambda: array("I"))
        self.doc_len: dict[str, array] = defaultdict(lambda: array("I"))
        self.doc_codes: dict[str, array] = defaultdict(lambda: array("I"))

    def add(self, base: str, variant_id: int, text: str) -> None:
        keys = index_keys(text)
        seq = list(map(self.codes[base].__getitem__, keys or [EMPTY_KEY]))
        distinct = list(dict.fromkeys(seq))
        self.post_code[base].extend(distinct)
        self.post_len[base].extend(repeat(min(len(keys), 65535), len(distinct)))
        self.post_vid[base].extend(repeat(variant_id, len(distinct)))
        self.doc_vid[base].append(variant_id)
        self.doc_len[base].append(len(keys))
        self.doc_codes[base].extend(seq)

    def flush(self) -> None:
        """Write what was collected (inside the caller's transaction)."""
        index = self.index
        if not self.doc_vid:
            return
        index.db.lock_index()
        next_id = index._run("SELECT COALESCE(MAX(id), 0) FROM fuzzy_token").fetchone()[0] + 1
        full: list[int] = []
        for base in list(self.codes):
            words = list(self.codes[base])
            known = {word: (tid, df, chunks) for tid, word, df, chunks in index._in(
                "SELECT id, word, df, chunks FROM fuzzy_token WHERE base = ? AND word IN ({marks})",
                [base], words)}
            token_ids = np.empty(len(words), dtype=np.int64)
            chunk_of = np.zeros(len(words), dtype=np.int64)
            for code, word in enumerate(words):
                if word in known:
                    token_ids[code], chunk_of[code] = known[word][0], known[word][2]
                else:
                    token_ids[code] = next_id
                    next_id += 1
            codes = np.frombuffer(self.post_code[base], dtype=np.uint32)
            df = np.bincount(codes, minlength=len(words))
            index._many("INSERT INTO fuzzy_token (id, base, word, df, chunks) VALUES (?, ?, ?, ?, 1)",
                        [(int(token_ids[c]), base, w, int(df[c]))
                         for c, w in enumerate(words) if w not in known])
            index._many("UPDATE fuzzy_token SET df = ?, chunks = ? WHERE id = ?",
                        [(known[w][1] + int(df[c]), known[w][2] + 1, known[w][0])
                         for c, w in enumerate(words) if w in known and df[c]])
            full += [known[w][0] for c, w in enumerate(words) if w in known and df[c] and known[w][2] + 1 >= MAX_CHUNKS]
            self._write_postings(base, token_ids, chunk_of)
            self._write_docs(base, token_ids)
        for store in (self.codes, self.post_code, self.post_len, self.post_vid, self.doc_vid,
                      self.doc_len, self.doc_codes):
            store.clear()
        index._merge_chunks(full)

    def _write_postings(self, base: str, token_ids: np.ndarray, chunk_of: np.ndarray) -> None:
        codes = np.frombuffer(self.post_code[base], dtype=np.uint32)
        if not len(codes):
            return
        tids = token_ids[codes]
        keys = (tids.astype(np.uint64) << _LEN_SHIFT) | np.frombuffer(self.post_len[base], dtype=np.uint16)
        order = np.argsort(keys, kind="stable")
        keys = keys[order]
        blob = np.frombuffer(self.post_vid[base], dtype=np.uint32)[order].astype("<u4").tobytes()
        del order
        starts = np.flatnonzero(np.concatenate(([True], keys[1:] != keys[:-1])))
        ends = np.append(starts[1:], len(keys)).tolist()
        group_keys = keys[starts]
        group_tids = (group_keys >> _LEN_SHIFT).astype(np.int64)
        chunk_by_tid = dict(zip(token_ids.tolist(), chunk_of.tolist()))
        self.index._many(
            "INSERT INTO fuzzy_posting (token_id, len, chunk, ids) VALUES (?, ?, ?, ?)",
            ((tid, length, chunk_by_tid[tid], blob[4 * s:4 * e]) for tid, length, s, e in zip(
                group_tids.tolist(), (group_keys & 0xFFFF).astype(np.int64).tolist(), starts.tolist(), ends)))

    def _write_docs(self, base: str, token_ids: np.ndarray) -> None:
        seqs = token_ids[np.frombuffer(self.doc_codes[base], dtype=np.uint32)].astype("<u4").tobytes()
        lengths = self.doc_len[base].tolist()
        offsets = np.concatenate(([0], np.cumsum([n or 1 for n in lengths]))).tolist()
        self.index._many("INSERT INTO fuzzy_doc (variant_id, len, tokens) VALUES (?, ?, ?)",
                         ((vid, n, seqs[4 * offsets[i]:4 * offsets[i + 1]])
                          for i, (vid, n) in enumerate(zip(self.doc_vid[base].tolist(), lengths))))
