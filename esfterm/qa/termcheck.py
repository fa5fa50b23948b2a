"""term-missing and term-forbidden: is the termbase's terminology used in a translation?

A concept is *found* in the source when one of its approved source terms occurs in any
inflected form (a strict, leftmost-longest key-sequence match: "ESF+" is not also "ESF").
The target then has to contain one of the concept's approved target terms: strictly, or
loosely as translators legitimately reshape terms (see loosematch) — a false alarm on every
re-inflected multiword term would drown the real errors. A target term that the termbase
marks deprecated or superseded is term-forbidden; when no approved term of the concept is
left in the target, the unit is also term-missing: both are true by their own definitions, and
a translator who fixes one must not be told the segment is then clean.

What the termbase says about a concept is honoured (plain TBX-Basic, so every tool keeps it):
  - a concept-level note starting "Term check: not required" marks a concept the termbase
    keeps for lookup and glossaries, but whose renderings legitimately vary (general-language
    words such as "education" or "skills", free combinations such as "ESF support"): its
    approved terms are not looked for on either side, so they hide no term inside them, and
    only its deprecated or superseded terms are still reported;
  - a target term of termType "phrase" is a paraphrase that fits its context, not a term
    every translation must use: it counts when it is there, but a concept whose only approved
    target terms are phrases is not term-missing;
  - a term that holds another concept's term counts with that part written as any approved
    term of that concept ("projekt ESS" as "projekt Evropskega socialnega sklada").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from operator import attrgetter

from esfterm.langs import primary
from esfterm.model.concepts import Concept, Termbase
from esfterm.qa.loosematch import LooseTarget, LooseTerm, loose_term
from esfterm.terms.occurrence import (APPROVED, IndexedTerm, Match, OccurrenceIndex, chunk_words, index_term,
                                      segment_words, word_keys)

_APPROVED, _CONCEPTS = attrgetter("approved"), attrgetter("concepts")

#: The concept-level note that takes a concept out of term-missing (see the module docstring).
NOT_REQUIRED_NOTE = "Term check: not required"


def required(concept: Concept) -> bool:
    """Does the check require the concept's approved terms in translations?"""
    return not any(note.startswith(NOT_REQUIRED_NOTE) for note in concept.notes)


@dataclass
class TermProblem:
    """A term finding before it is tied to a file and unit: word ranges, not character spans."""

    check: str
    concept: str
    term: str
    expected: list[str]
    status: str | None = None
    source_words: list[tuple[int, int]] = field(default_factory=list)
    target_words: list[tuple[int, int]] = field(default_factory=list)


class TermChecker:
    """Term checks for one language pair, built once from a termbase."""

    def __init__(self, termbase: Termbase, src: str, tgt: str) -> None:
        self.src, self.tgt = primary(src), primary(tgt)
        src_terms: list[IndexedTerm] = []
        tgt_terms: list[IndexedTerm] = []
        #: the approved target terms of each concept, in termbase order (what a finding suggests)
        self.expected: dict[str, list[str]] = {}
        #: concepts with an approved target term that is no phrase: those term-missing names
        self.required: set[str] = set()
        self._loose: dict[str, list[LooseTerm]] = {}
        self._keys: dict[str, list[str]] = {}
        #: every approved target term (and listed form), also of concepts the check does not require
        renderings: dict[str, list[IndexedTerm]] = {}
        langs: dict[str, str] = {}
        for concept, term in termbase.iter_terms():
            lang = langs.get(term.lang) or langs.setdefault(term.lang, primary(term.lang))
            if lang not in (self.src, self.tgt):
                continue
            approved = term.status in APPROVED
            checked = not approved or not concept.notes or required(concept)
            if lang == self.tgt and approved:
                self.expected.setdefault(concept.id, []).append(term.text)
            # the term itself, then the forms its note lists for what morphology misses
            for text in (term.text, *term.extra_forms):
                indexed = index_term(concept.id, text, term.status, lang, term.is_acronym, term.part_of_speech)
                if indexed is None:
                    continue
                if lang == self.tgt and approved:
                    renderings.setdefault(concept.id, []).append(indexed)
                if not checked:
                    continue
                if lang == self.src and approved:
                    src_terms.append(indexed)
                if lang == self.tgt:
                    tgt_terms.append(indexed)
                    if approved:
                        if term.term_type != "phrase":
                            self.required.add(concept.id)
                        self._keys.setdefault(concept.id, []).append(_run_text(indexed.keys))
                        self._loose.setdefault(concept.id, []).append(loose_term(text, self.tgt))
        self.source_index = OccurrenceIndex(src_terms, self.src)
        self.target_index = OccurrenceIndex(tgt_terms, self.tgt)
        self._add_compositions(renderings)

    def _add_compositions(self, renderings: dict[str, list[IndexedTerm]]) -> None:
        """A target term that holds another concept's term also counts with that part written
        as any other approved term of that concept: sl "projekt ESS" as "projekt Evropskega
        socialnega sklada", lt "ESF projektas" as "Europos socialinio fondo projektas"."""
        concept_of = {t.keys: concept for concept, terms in renderings.items() for t in terms}
        for concept in self._keys:
            for term in renderings[concept]:
                keys, words = term.keys, segment_words(term.text)
                for i in range(len(keys)):
                    for j in range(i + 1, len(keys) + (i > 0)):
                        other = concept_of.get(keys[i:j])
                        if other is None or other == concept:
                            continue
                        for alt in renderings[other]:
                            if alt.keys != keys[i:j]:
                                self._keys[concept].append(_run_text(keys[:i] + alt.keys + keys[j:]))
                                self._loose[concept].append(
                                    loose_term(" ".join((*words[:i], alt.text, *words[j:])), self.tgt))

    def check(self, source: str, target: str) -> list[TermProblem]:
        """Term problems of one segment pair."""
        source, target = self.source_index.uncap(source), self.target_index.uncap(target)
        return self.check_chunks(source.split(), target.split())

    def check_chunks(self, source_chunks: list[str], target_chunks: list[str],
                     source_codes: str | None = None, target_codes: str | None = None) -> list[TermProblem]:
        """`check` for texts given as their whitespace-separated chunks (`text.split()`) and,
        if the caller has them, their codes in the two indexes (see chunks.ChunkReader). All-caps
        texts are expected uncapped (OccurrenceIndex.uncap)."""
        tgt_matches = self.target_index.match_chunks(target_chunks, target_codes)
        problems = self._forbidden(tgt_matches) if tgt_matches else []
        src_matches = self.source_index.match_chunks(source_chunks, source_codes)
        if src_matches:
            problems += self._missing(src_matches, target_chunks, tgt_matches)
        return problems

    def _forbidden(self, tgt_matches: list[Match]) -> list[TermProblem]:
        out: dict[str, TermProblem] = {}
        for m in tgt_matches:
            if m.approved or not m.forbidden:
                continue
            for t in m.forbidden:
                problem = out.get(t.concept)
                if problem is None:
                    problem = out[t.concept] = TermProblem(
                        "term-forbidden", t.concept, t.text, list(self.expected.get(t.concept, [])), t.status)
                problem.target_words.append((m.start, m.end))
        return list(out.values())

    def _present(self, concept: str, tgt_keys: tuple[str, ...], target_run: str, loose: LooseTarget,
                 tgt_matches: list[Match], in_source: set[str]) -> bool:
        """Is one of the concept's approved target terms in the target, nested or loosely?

        Nested: a term inside another concept's longer term counts ("projekti ESS" names ESS,
        "sklop za zaposlovanje ..." names "zaposlovanje"). Loosely: see loosematch, but without
        the words that render another concept of the source — in "socialinių partnerių ir NVO
        įtrauktį" the word "socialinių" belongs to "socialiniai partneriai" (social partners,
        also in the source) and cannot stand for the "socialinė" of "socialinė įtrauktis" —
        unless that other term is itself part of this one ("socialne inovacije" inside
        "evropski strokovni center za socialne inovacije").
        """
        own = self._keys[concept]
        if any(keys in target_run for keys in own):
            return True
        taken = frozenset(
            i for m in tgt_matches
            if concept not in m.concepts and m.concepts & in_source
            and not any(_run_text(tgt_keys[m.start:m.end]) in keys for keys in own)
            for i in range(m.start, m.end))
        return any(loose.contains(form, taken) for form in self._loose[concept])

    def _missing(self, src_matches: list[Match], target_chunks: list[str], tgt_matches: list[Match]) -> list[TermProblem]:
        present = set().union(*map(_APPROVED, tgt_matches))
        in_source = set().union(*map(_CONCEPTS, src_matches))
        if in_source <= present:
            return []
        out: dict[str, TermProblem] = {}
        loose: LooseTarget | None = None
        for m in src_matches:
            concepts = sorted(c for c in m.concepts if c in self.required)
            if not concepts or any(c in present for c in concepts):
                continue
            if loose is None:
                tgt_words = chunk_words(target_chunks)
                tgt_keys = word_keys(tgt_words, self.tgt)
                target_run = _run_text(tgt_keys)
                loose = LooseTarget(tgt_words, tgt_keys, self.tgt)
            if any(self._present(c, tgt_keys, target_run, loose, tgt_matches, in_source) for c in concepts):
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


def _run_text(keys: tuple[str, ...]) -> str:
    """Keys as one string in which a contiguous run of keys is a substring (keys hold no NUL)."""
    return "\0" + "\0".join(keys) + "\0"
