"""Typo-tolerant search over many term strings without scoring every string per query.

A typo sits in one or two words, so the index looks up each query word among the distinct
words of all terms (Levenshtein distance within 1-2, searched only among words of similar
length), takes the term strings that contain those words as candidates, and scores only
those with rapidfuzz. `brute_force` is the plain full scan, kept as the benchmark baseline.
"""

from __future__ import annotations

from collections import defaultdict

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

#: Above this many candidates a query word is too common to narrow the search by itself.
_CANDIDATE_CAP = 5000


def _max_typos(word: str) -> int:
    return 1 if len(word) <= 5 else 2


class FuzzyIndex:
    """Candidate index over a list of (already normalised) term strings."""

    def __init__(self, strings: list[str]) -> None:
        self.strings = strings
        postings: dict[str, set[int]] = defaultdict(set)
        for i, text in enumerate(strings):
            for word in text.split():
                postings[word].add(i)
        self.postings = {w: sorted(ids) for w, ids in postings.items()}
        by_length: dict[int, list[str]] = defaultdict(list)
        for word in self.postings:
            by_length[len(word)].append(word)
        self.by_length = dict(by_length)

    def close_words(self, word: str) -> list[str]:
        """Vocabulary words within the typo budget of `word`, searched among similar lengths."""
        budget = _max_typos(word)
        found = []
        for length in range(max(1, len(word) - budget), len(word) + budget + 1):
            choices = self.by_length.get(length)
            if choices:
                found.extend(m[0] for m in process.extract(word, choices, scorer=Levenshtein.distance,
                                                           score_cutoff=budget, limit=None))
        return found

    def candidates(self, query: str) -> list[int]:
        """Ids of strings sharing a (nearly) identical word with the query, rarest words first."""
        per_word = []
        for word in query.split():
            ids: set[int] = set()
            for close in self.close_words(word):
                ids.update(self.postings[close])
            if ids:
                per_word.append(ids)
        if not per_word:
            return []
        small = [ids for ids in per_word if len(ids) <= _CANDIDATE_CAP]
        chosen = set().union(*small) if small else min(per_word, key=len)
        return sorted(chosen)

    def search(self, query: str, min_score: float = 80, limit: int = 10) -> list[tuple[int, float]]:
        """(string id, score 0-100) of the best fuzzy matches among the candidates."""
        ids = self.candidates(query)
        if not ids:
            return []
        choices = {i: self.strings[i] for i in ids}
        return [(key, score) for _, score, key in
                process.extract(query, choices, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)]


def brute_force(query: str, strings: list[str], min_score: float = 80,
                limit: int = 10) -> list[tuple[int, float]]:
    """Score every string (the baseline the candidate index is measured against)."""
    return [(key, score) for _, score, key in
            process.extract(query, strings, scorer=fuzz.ratio, score_cutoff=min_score, limit=limit)]
