"""Merging one termbase into another without duplicating concepts.

An incoming concept joins an existing one with the same id, else the existing concept that
shares the most terms with it (same language, same normalised text); otherwise it is added.
Concepts of the incoming file never merge with each other through shared terms: a file that
keeps three "world" concepts apart (homonyms) keeps them apart in the termbase too.
Within a concept, a term already present gains only what it lacked (missing term notes,
new contexts, notes, sources); values that differ are left as they are and counted as conflicts.
A glossary comment that only repeats what the concept says (its definition, its deprecated
terms — what `esfterm termbase export` puts there) adds no note.
The merge happens in memory, so a failed import never leaves a half-changed termbase.
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from esfterm.formats.glossary import COMMENT_SEPARATOR, comment_pieces
from esfterm.langs import primary
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms.index import normal_form

_TERM_FIELDS = ("term_type", "status", "part_of_speech", "grammatical_gender", "grammatical_number")


@dataclass
class MergeReport:
    """What a merge did, for the user."""

    concepts_added: int = 0
    concepts_merged: int = 0
    terms_added: int = 0
    conflicts: list[str] = field(default_factory=list)


def _term_key(term: Term) -> tuple[str, str]:
    return primary(term.lang), normal_form(term.text)


def _union(mine: list, theirs: list) -> None:
    for item in theirs:
        if item not in mine:
            mine.append(item)


def _merge_term(mine: Term, theirs: Term, where: str, report: MergeReport) -> None:
    for name in _TERM_FIELDS:
        old, new = getattr(mine, name), getattr(theirs, name)
        if old is None and new is not None:
            setattr(mine, name, new)
        elif new is not None and new != old:
            report.conflicts.append(f"{where} {mine.lang} {mine.text!r}: {name} is {old!r}, import says {new!r}")
    for name in ("contexts", "notes", "sources", "extra"):
        _union(getattr(mine, name), getattr(theirs, name))


def _merge_section(concept: Concept, mine: LangSection, theirs: LangSection, report: MergeReport) -> None:
    for name in ("definitions", "notes", "sources", "extra"):
        _union(getattr(mine, name), getattr(theirs, name))
    by_key = {_term_key(t): t for t in concept.terms(mine.lang)}
    for term in theirs.terms:
        existing = by_key.get(_term_key(term))
        if existing is None:
            mine.terms.append(term)
            by_key[_term_key(term)] = term
            report.terms_added += 1
        else:
            _merge_term(existing, term, concept.id, report)


def _merge_concept(mine: Concept, theirs: Concept, report: MergeReport) -> None:
    if mine.subject_field is None:
        mine.subject_field = theirs.subject_field
    for name in ("definitions", "sources", "extra"):
        _union(getattr(mine, name), getattr(theirs, name))
    known = comment_pieces(mine)
    _union(mine.notes, [n for n in theirs.notes
                        if not set(n.split(COMMENT_SEPARATOR)) <= known])
    for sec in theirs.languages:
        existing = mine.section(sec.lang)
        if existing is None:
            mine.languages.append(sec)
            report.terms_added += len(sec.terms)
        else:
            _merge_section(mine, existing, sec, report)


class _TermOwners:
    """Which existing concept owns each (language, normalised term)."""

    def __init__(self, termbase: Termbase) -> None:
        self.owners: dict[tuple[str, str], list[Concept]] = defaultdict(list)
        for concept in termbase.concepts:
            self.add(concept)

    def add(self, concept: Concept) -> None:
        for term in concept.terms():
            owners = self.owners[_term_key(term)]
            if concept not in owners:
                owners.append(concept)

    def best_match(self, concept: Concept) -> Concept | None:
        votes: Counter = Counter()
        order: dict[str, Concept] = {}
        for term in concept.terms():
            for owner in self.owners.get(_term_key(term), ()):
                votes[owner.id] += 1
                order.setdefault(owner.id, owner)
        if not votes:
            return None
        return order[max(votes, key=lambda cid: (votes[cid], -list(order).index(cid)))]


def merge_termbase(base: Termbase, incoming: Termbase) -> MergeReport:
    """Merge `incoming` into `base` in place (see the module docstring); returns a report."""
    report = MergeReport()
    by_id = {c.id: c for c in base.concepts}
    owners = _TermOwners(base)
    for concept in incoming.concepts:
        target = by_id.get(concept.id) or owners.best_match(concept)
        if target is None:
            base.concepts.append(concept)
            by_id[concept.id] = target = concept
            report.concepts_added += 1
            report.terms_added += len(concept.terms())
        else:
            _merge_concept(target, concept, report)
            report.concepts_merged += 1
            owners.add(target)
    return report
