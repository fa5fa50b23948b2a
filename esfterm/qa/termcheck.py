"""term-missing and term-forbidden: is the termbase's terminology used in a translation?

A concept is *found* in the source when one of its approved source terms occurs in any
inflected form (strict key-sequence match). The target then has to contain one of the
concept's approved target terms. In the target, a term also counts as present when each of
its content words appears close together in a compatible form (same key, or same stem up to
an ending the lemmatizer did not know, e.g. sl "vodijo" ~ "vodi"): translators reorder and
re-inflect multiword terms, and a false alarm on every such sentence would drown real errors.
Acronyms are only ever matched exactly and case-sensitively.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Sequence

from esfterm.langs import primary
from esfterm.model.concepts import Termbase
from esfterm.qa.termindex import IndexedTerm, Match, TermIndex, index_term, segment_keys, segment_words

#: Content words for the lenient target match: words this long, acronyms, or signs such as "+".
_CONTENT_MIN = 3
#: A lenient match may spread over the term's own length plus this many extra words.
_WINDOW_SLACK = 3
#: Compatible forms share a prefix this long at least ...
_MIN_PREFIX = 4
#: ... and differ after it by no more than this many characters on the longer side.
_MAX_TAIL = 3


@dataclass
class TermProblem:
    """A term finding before it is tied to a file and unit: word ranges, not character spans."""

    check: str
    concept: str
    term: str
    expected: list[str]
    source_words: list[tuple[int, int]] = field(default_factory=list)
    target_words: list[tuple[int, int]] = field(default_factory=list)


@dataclass(frozen=True)
class _Lenient:
    """One approved target term's content words, as keys and lowercase surfaces."""

    keys: tuple[str, ...]
    words: tuple[str, ...]
    acronym: tuple[bool, ...]
    length: int


def _compatible(a: str, b: str) -> bool:
    if a == b:
        return True
    p = 0
    for x, y in zip(a, b):
        if x != y:
            break
        p += 1
    return p >= _MIN_PREFIX and max(len(a), len(b)) - p <= _MAX_TAIL


class TermChecker:
    """Term checks for one language pair, built once from a termbase."""

    def __init__(self, termbase: Termbase, src: str, tgt: str) -> None:
        self.src, self.tgt = primary(src), primary(tgt)
        src_terms: list[IndexedTerm] = []
        tgt_terms: list[IndexedTerm] = []
        for concept, term in termbase.iter_terms():
            lang = primary(term.lang)
            if lang not in (self.src, self.tgt):
                continue
            indexed = index_term(concept.id, term.text, term.status, lang, term.is_acronym)
            if indexed is None:
                continue
            if lang == self.src and indexed.approved:
                src_terms.append(indexed)
            if lang == self.tgt:
                tgt_terms.append(indexed)
        self.source_index = TermIndex(src_terms)
        self.target_index = TermIndex(tgt_terms)
        self.expected: dict[str, list[str]] = {}
        self._lenient: dict[str, list[_Lenient]] = {}
        for t in tgt_terms:
            if t.approved:
                self.expected.setdefault(t.concept, []).append(t.text)
                self._lenient.setdefault(t.concept, []).append(self._lenient_form(t))

    def _lenient_form(self, term: IndexedTerm) -> _Lenient:
        words = tuple(w.lower() for w in segment_words(term.text))
        picked = [i for i, w in enumerate(words)
                  if len(w) >= _CONTENT_MIN or term.keys[i].isupper() or not w.isalnum()]
        picked = picked or list(range(len(words)))
        return _Lenient(tuple(term.keys[i] for i in picked), tuple(words[i] for i in picked),
                        tuple(term.acronym or term.keys[i].isupper() for i in picked), len(words))

    def check(self, source: str, target: str) -> list[TermProblem]:
        """Term problems of one segment pair (target must be non-empty to be worth checking)."""
        tgt_keys = segment_keys(target, self.tgt)
        tgt_matches = self.target_index.match(tgt_keys)
        problems = self._forbidden(tgt_matches)
        src_keys = segment_keys(source, self.src)
        src_matches = self.source_index.match(src_keys)
        if src_matches:
            problems += self._missing(src_matches, target, tgt_keys, tgt_matches,
                                      {p.concept for p in problems})
        return problems

    def _forbidden(self, tgt_matches: list[Match]) -> list[TermProblem]:
        out: dict[str, TermProblem] = {}
        for m in tgt_matches:
            if any(t.approved for t in m.terms):
                continue
            for t in m.terms:
                if t.forbidden:
                    problem = out.get(t.concept)
                    if problem is None:
                        problem = out[t.concept] = TermProblem(
                            "term-forbidden", t.concept, t.text, list(self.expected.get(t.concept, [])))
                    problem.target_words.append((m.start, m.end))
        return list(out.values())

    def _missing(self, src_matches: list[Match], target: str, tgt_keys: Sequence[str],
                 tgt_matches: list[Match], reported: set[str]) -> list[TermProblem]:
        present = {t.concept for m in tgt_matches for t in m.terms if t.approved}
        out: dict[str, TermProblem] = {}
        words: list[str] | None = None
        for m in src_matches:
            concepts = sorted(c for c in m.concepts if c in self.expected)
            if not concepts or any(c in present or c in reported for c in concepts):
                continue
            if words is None:
                words = [w.lower() for w in segment_words(target)]
            if any(self._loosely_present(c, tgt_keys, words, tgt_matches) for c in concepts):
                present.update(concepts)
                continue
            concept = concepts[0]
            problem = out.get(concept)
            if problem is None:
                term = next(t.text for t in m.terms if t.concept == concept)
                expected = [e for c in concepts for e in self.expected[c]]
                problem = out[concept] = TermProblem("term-missing", concept, term, expected)
            problem.source_words.append((m.start, m.end))
        return list(out.values())

    def _loosely_present(self, concept: str, keys: Sequence[str], words: list[str],
                         tgt_matches: list[Match]) -> bool:
        """Each content word of an approved term occurs nearby in a compatible form.

        Words inside another concept's matched term are not available: "Evropski socialni
        sklad plus" (ESF+) does not also stand for "Evropski socialni sklad" (ESF).
        """
        taken = set()
        for m in tgt_matches:
            if concept not in m.concepts:
                taken.update(range(m.start, m.end))
        for form in self._lenient[concept]:
            positions: list[list[int]] = []
            for key, word, acronym in zip(form.keys, form.words, form.acronym):
                hits = [i for i, k in enumerate(keys) if i not in taken and (
                    k == key if acronym else (_compatible(k, key) or _compatible(words[i], word)))]
                if not hits:
                    break
                positions.append(hits)
            else:
                if _within(positions, form.length + _WINDOW_SLACK):
                    return True
        return False


def _within(positions: list[list[int]], window: int) -> bool:
    """Some choice of one position per word lies inside `window` consecutive words."""
    for start in positions[0]:
        lo = start - window + 1
        if all(any(lo <= p < start + window for p in hits) for hits in positions[1:]):
            return True
    return False
