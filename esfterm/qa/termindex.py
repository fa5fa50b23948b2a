"""A multi-pattern index of termbase terms over inflection-insensitive word keys.

Every term is turned into the sequence of its word keys (esfterm.text.morphology.word_key),
and the index maps a term's first key to the key sequences starting with it, longest first.
Matching a segment is then one dict lookup per word plus a tuple comparison for the few
candidates: cost grows with the segment length, not with the size of the termbase.
Matches are leftmost-longest and never overlap, so "ESF+" is not also an "ESF" hit and
"Europeiska socialfonden plus" is not also "Europeiska socialfonden".
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass
from typing import Iterable, Sequence

from esfterm.text.morphology import TOKEN_RE, is_acronym, word_key

#: Statuses whose terms a translation should use; None (no status given) counts as admitted.
APPROVED = frozenset({"preferred", "admitted", None})
FORBIDDEN = frozenset({"deprecated", "superseded"})

#: Words as morphology.tokenize sees them, plus a free-standing "+": it is part of names such
#: as lt "Europos socialinis fondas +" (ESF+), which must not read as "Europos socialinis fondas".
WORD_RE = re.compile(TOKEN_RE.pattern + r"|(?<!\S)\+(?!\S)")

#: An acronym with an inflection ending: "ESF:s" (sv genitive), "ESS-a", "ESS-u" (sl cases).
_INFLECTED_ACRONYM = re.compile(r"^(.+?)[:\-'’]([a-zåäöšžčćđėęįųūą]{1,3})$")


@functools.lru_cache(maxsize=500_000)
def match_key(word: str, lang: str) -> str:
    """The key of a running-text word; an inflected acronym ("ESS-a") keys as the acronym.

    Hyphenated compounds ("ESF-rådet", "ESF-projekt") keep their own key: they are other words.
    """
    m = _INFLECTED_ACRONYM.match(word)
    if m and is_acronym(m.group(1)):
        return m.group(1)
    return word_key(word, lang)


def segment_keys(text: str, lang: str) -> tuple[str, ...]:
    """The keys of every word of a segment, in order (spans are recovered only for findings)."""
    return tuple([match_key(w, lang) for w in WORD_RE.findall(text)])


def segment_words(text: str) -> list[str]:
    """The words `segment_keys` keyed, index for index."""
    return WORD_RE.findall(text)


def token_spans(text: str) -> list[tuple[int, int]]:
    """Character spans of the words `segment_keys` keyed, index for index."""
    return [m.span() for m in WORD_RE.finditer(text)]


@dataclass(frozen=True)
class IndexedTerm:
    """A term as the matcher sees it: its concept, text, status and key sequence."""

    concept: str
    text: str
    status: str | None
    keys: tuple[str, ...]
    acronym: bool

    @property
    def approved(self) -> bool:
        return self.status in APPROVED

    @property
    def forbidden(self) -> bool:
        return self.status in FORBIDDEN


@dataclass(frozen=True)
class Match:
    """Words [start, end) of a segment matched one key sequence: every term that has it."""

    start: int
    end: int
    terms: tuple[IndexedTerm, ...]

    @property
    def concepts(self) -> set[str]:
        return {t.concept for t in self.terms}


def index_term(concept: str, text: str, status: str | None, lang: str,
               acronym: bool = False) -> IndexedTerm | None:
    """Key a term for `lang`; None when the term has no word in it."""
    keys = segment_keys(text, lang)
    if not keys:
        return None
    return IndexedTerm(concept, text, status, keys, acronym or (len(keys) == 1 and is_acronym(text.strip())))


class TermIndex:
    """Terms of one language, indexed by first key; matches leftmost-longest."""

    def __init__(self, terms: Iterable[IndexedTerm]) -> None:
        by_keys: dict[tuple[str, ...], list[IndexedTerm]] = {}
        for term in terms:
            by_keys.setdefault(term.keys, []).append(term)
        first: dict[str, list[tuple[tuple[str, ...], tuple[IndexedTerm, ...]]]] = {}
        for keys, group in by_keys.items():
            first.setdefault(keys[0], []).append((keys, tuple(group)))
        for candidates in first.values():
            candidates.sort(key=lambda c: -len(c[0]))
        self._first = first
        self.size = sum(len(g) for g in by_keys.values())

    def match(self, keys: Sequence[str]) -> list[Match]:
        """Every non-overlapping term occurrence in a key sequence, leftmost-longest."""
        first = self._first
        out: list[Match] = []
        i, n = 0, len(keys)
        while i < n:
            candidates = first.get(keys[i])
            if candidates:
                for seq, terms in candidates:
                    end = i + len(seq)
                    if end <= n and (len(seq) == 1 or tuple(keys[i:end]) == seq):
                        out.append(Match(i, end, terms))
                        i = end
                        break
                else:
                    i += 1
            else:
                i += 1
        return out
