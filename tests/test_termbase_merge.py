"""Merging termbases: shared terms join concepts, but homonyms of one file stay apart."""

from __future__ import annotations

from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms.merge import merge_termbase


def _concept(cid: str, *terms: tuple[str, str]) -> Concept:
    sections: dict[str, LangSection] = {}
    for lang, text in terms:
        sections.setdefault(lang, LangSection(lang=lang)).terms.append(Term(text=text, lang=lang))
    return Concept(id=cid, languages=list(sections.values()))


def test_incoming_concept_sharing_a_term_joins_the_existing_concept():
    base = Termbase(concepts=[_concept("c-esf", ("sv", "Europeiska socialfonden"), ("sl", "ESS"))])
    incoming = Termbase(concepts=[_concept("x1", ("sv", "Europeiska socialfonden"), ("lt", "Europos socialinis fondas"))])
    report = merge_termbase(base, incoming)
    assert (report.concepts_added, report.concepts_merged) == (0, 1)
    assert [t.text for t in base.concept("c-esf").terms("lt")] == ["Europos socialinis fondas"]


def test_homonyms_within_one_imported_file_stay_separate_concepts():
    base = Termbase(concepts=[_concept("c-esf", ("sv", "Europeiska socialfonden"))])
    incoming = Termbase(concepts=[_concept("w1", ("en", "world"), ("es", "mundo")),
                                  _concept("w2", ("en", "world"), ("es", "mundo"))])
    report = merge_termbase(base, incoming)
    assert report.concepts_added == 2
    assert {c.id for c in base.concepts} == {"c-esf", "w1", "w2"}
