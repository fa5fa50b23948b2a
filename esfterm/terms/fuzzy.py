"""Typo-tolerant search over many term strings without scoring every string per query.

A typo sits in one word, so the index finds, for each query word, the words of the termbase
one edit away (a letter wrong, missing, extra, or two letters swapped) through a deletion
neighbourhood: every word is filed under itself and each of its one-letter deletions, and
two words one edit apart always share such a key. The term strings holding those words are
the candidates, and only they are scored with rapidfuzz. When no word is one edit away
(a word with several typos), the words of similar length are scanned with rapidfuzz instead.
`brute_force` is the plain full scan, kept as the benchmark baseline.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import OSA

#: Above this many candidates a query word is too common to narrow the search by itself.
_CANDIDATE_CAP = 5000
#: Words shorter than this are not filed by their deletions (too many neighbours to help).
_MIN_NEIGHBOUR_LEN = 3


def _max_typos(word: str) -> int:
    """Edits allowed in one word: 1 in short words, 2 in most, 3 in long compounds."""
    return 1 if len(word) <= 5 else 2 if len(word) <= 11 else 3


def _deletions(word: str) -> set[str]:
    """The word and every string made by deleting one of its letters."""
    return {word} | {word[:i] + word[i + 1:] for i in range(len(word))}


class FuzzyIndex:
    """Candidate index over a list of (already normalised) term strings."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        postings: dict[str, list[int]] = defaultdict(list)
        for i, text in enumerate(strings):
            for word in text.split():
                ids = postings[word]
                if not ids or ids[-1] != i:
                    ids.append(i)
        self.postings = dict(postings)
        # deletion key -> first word filed under it; later words under the same key go to
        # `more` (most keys have one word, and a plain dict entry is far cheaper than a list)
        self.first: dict[str, str] = {}
        self.more: dict[str, list[str]] = {}
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.postings:
            by_length[len(word)].append(word)
            if len(word) >= _MIN_NEIGHBOUR_LEN:
                for key in _deletions(word):
                    if self.first.setdefault(key, word) is not word:
                        self.more.setdefault(key, []).append(word)
        self.by_length = dict(by_length)

    def close_words(self, word: str) -> list[str]:
        """Vocabulary words one edit (or a swap) away from `word`, or itself."""
        if len(word) < _MIN_NEIGHBOUR_LEN:
            return [word] if word in self.postings else []
        found: set[str] = set()
        for key in _deletions(word):
            if key in self.first:
                found.add(self.first[key])
                found.update(self.more.get(key, ()))
        return [w for w in found if OSA.distance(word, w, score_cutoff=1) <= 1]

    def scan_words(self, word: str) -> list[str]:
        """Vocabulary words within the typo budget of `word`, scanned among similar lengths."""
        budget = _max_typos(word)
        found = []
        for length in range(max(1, len(word) - budget), len(word) + budget + 1):
            choices = self.by_length.get(length)
            if choices:
                found.extend(m[0] for m in process.extract(word, choices, scorer=OSA.distance,
                                                           score_cutoff=budget, limit=None))
        return found

    def candidates(self, queries: list[str]) -> list[int]:
        """Ids of strings sharing a (nearly) identical word with any of the query forms; when a
        word is too common to narrow the search, only the rarer words' strings are kept."""
        words = list(dict.fromkeys(w for q in queries for w in q.split()))
        per_word = [self._ids(self.close_words(w)) for w in words]
        if not any(per_word):
            per_word = [self._ids(self.scan_words(w)) for w in words]
        per_word = [ids for ids in per_word if ids]
        if not per_word:
            return []
        small = [ids for ids in per_word if len(ids) <= _CANDIDATE_CAP]
        chosen = set().union(*small) if small else min(per_word, key=len)
        return sorted(chosen)

    def _ids(self, words: list[str]) -> set[int]:
        ids: set[int] = set()
        for w in words:
            ids.update(self.postings[w])
        return ids

    def search(self, queries: str | list[str], min_score: float = 80,
               limit: int = 10) -> list[tuple[int, float]]:
        """(string id, score 0-100) of the best fuzzy matches among the candidates, for one
        query or several forms of it (each string scored by its best form)."""
        forms = [queries] if isinstance(queries, str) else list(queries)
        ids = self.candidates(forms)
        if not ids:
            return []
        choices = {i: self.strings[i] for i in ids}
        best: dict[int, float] = {}
        for form in forms:
            for _, score, key in process.extract(form, choices, scorer=fuzz.ratio, score_cutoff=min_score,
                                                 limit=limit):
                best[key] = max(score, best.get(key, 0.0))
        return sorted(best.items(), key=lambda kv: -kv[1])[:limit]


def brute_force(query: str, strings: list[str], min_score: float = 80,
                limit: int = 10) -> list[tuple[int, float]]:
    """Score every string (the baseline the candidate index is measured against)."""
    return [(key, score) for _, score, key in
            process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)]
