"""What the term checks honour beyond inflection: the part of speech of a noun term, a match
that gives way to the shorter terms inside it, concepts the termbase marks as not required,
phrase-only target terms, English plural acronyms, and a term that holds another concept's
term written with any term of that concept."""

from __future__ import annotations

import pytest

from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.qa.termcheck import NOT_REQUIRED_NOTE, TermChecker, required
from esfterm.terms.occurrence import OccurrenceIndex, index_term, segment_words


def term(text: str, lang: str, status: str = "preferred", **kw) -> Term:
    return Term(text, lang, status=status, part_of_speech=kw.pop("pos", "noun"), **kw)


def concept(cid: str, *sections: tuple[str, list[Term]], notes: list[str] | None = None) -> Concept:
    return Concept(cid, languages=[LangSection(lang, terms) for lang, terms in sections], notes=notes or [])


ESF = concept("c-esf", ("en", [term("ESF", "en", term_type="acronym")]),
              ("sl", [term("Evropski socialni sklad", "sl"), term("ESS", "sl", term_type="acronym"),
                      term("ESF", "sl", "deprecated", term_type="acronym")]))
ESF_SUPPORT = concept("c-esf-support", ("en", [term("ESF support", "en")]), ("sl", [term("podpora ESS", "sl")]))
ESF_PROJECT = concept("c-esf-project", ("en", [term("ESF project", "en")]), ("sl", [term("projekt ESS", "sl")]))
NGO = concept("c-ngo", ("en", [term("NGO", "en", term_type="acronym")]), ("sl", [term("NVO", "sl", term_type="acronym")]))


def found(termbase: Termbase, source: str, target: str, src: str = "en", tgt: str = "sl") -> set[tuple[str, str]]:
    return {(p.check, p.concept) for p in TermChecker(termbase, src, tgt).check(source, target)}


@pytest.fixture(scope="module")
def en_sl() -> Termbase:
    return Termbase([ESF, ESF_SUPPORT, ESF_PROJECT, NGO])


def test_an_english_s_form_with_an_object_is_a_verb_and_the_shorter_term_is_checked(en_sl):
    assert found(en_sl, "The ESF supports partnerships between organisations.",
                 "ESS podpira partnerstva med organizacijami.") == set()
    assert found(en_sl, "The ESF supports partnerships between organisations.",
                 "Sklad podpira partnerstva med organizacijami.") == {("term-missing", "c-esf")}
    assert found(en_sl, "The ESF supports the creation of jobs.", "Sklad podpira ustvarjanje delovnih mest.") == {
        ("term-missing", "c-esf")}


def test_english_verb_forms_never_match_a_noun_term(en_sl):
    assert found(en_sl, "ESF supported projects.", "Projekti, ki jih podpira ESS.") == set()
    assert found(en_sl, "ESF supporting measures.", "Ukrepi.") == {("term-missing", "c-esf")}


def test_the_noun_term_is_still_found_as_a_noun(en_sl):
    assert found(en_sl, "ESF support is available.", "Na voljo je pomoč.") == {("term-missing", "c-esf-support")}
    # a plural noun phrase before its verb: "ESF projects involve ..."
    assert found(en_sl, "ESF projects involve many actors.", "Sodeluje veliko akterjev.") == {
        ("term-missing", "c-esf-project")}
    assert found(en_sl, "ESF projects involve many actors.", "Projekti ESS vključujejo veliko akterjev.") == set()


def test_a_term_without_a_part_of_speech_is_matched_in_any_form():
    index = OccurrenceIndex([index_term("s", "ESF support", "preferred", "en"),
                             index_term("e", "ESF", "preferred", "en", True)], "en")
    words = segment_words("ESF supported projects")
    assert [(m.start, m.end, sorted(m.concepts)) for m in index.match(words)] == [(0, 2, ["s"])]


@pytest.mark.parametrize("text, expected", [
    ("the ESF supports partnerships", [(1, 2, ["e"])]),
    ("ESF support helps", [(0, 2, ["s"])]),
    ("the ESF supports.", [(1, 3, ["s"])]),  # nothing after it: read as the plural noun
    ("ESF-funded work", [(0, 1, ["e"])]),  # a compound read by its acronym part, not a verb form
])
def test_a_rejected_match_gives_way_to_the_shorter_terms_inside_it(text, expected):
    index = OccurrenceIndex([index_term("s", "ESF support", "preferred", "en", part_of_speech="noun"),
                             index_term("e", "ESF", "preferred", "en", True, "noun")], "en")
    for matches in (index.match(segment_words(text)), index.match_chunks(text.split())):
        assert [(m.start, m.end, sorted(m.concepts)) for m in matches] == expected, text


def test_english_plural_acronyms_are_the_acronym(en_sl):
    assert found(en_sl, "NGOs take part.", "NVO sodelujejo.") == set()
    assert found(en_sl, "NGOs take part.", "Organizacije sodelujejo.") == {("term-missing", "c-ngo")}


def not_required(c: Concept) -> Concept:
    return Concept(c.id, languages=c.languages, notes=[NOT_REQUIRED_NOTE + ". A free combination."])


def test_a_concept_marked_not_required_is_never_missing_and_hides_no_term_inside_it():
    tb = Termbase([ESF, not_required(ESF_SUPPORT)])
    assert not required(tb.concepts[1]) and required(tb.concepts[0])
    assert found(tb, "ESF support is available.", "Na voljo je pomoč.") == {("term-missing", "c-esf")}
    assert found(tb, "ESF support is available.", "Na voljo je pomoč ESS.") == set()
    assert found(tb, "ESF support is available.", "Na voljo je podpora Evropskega socialnega sklada.") == set()


def test_a_deprecated_term_of_a_concept_not_required_is_still_forbidden():
    edu = concept("c-edu", ("sv", [term("utbildning", "sv")]),
                  ("sl", [term("izobraževanje", "sl"), term("edukacija", "sl", "deprecated")]),
                  notes=[NOT_REQUIRED_NOTE + ". General-language word."])
    tb = Termbase([edu])
    assert found(tb, "Utbildning för alla.", "Usposabljanje za vse.", "sv", "sl") == set()
    problems = TermChecker(tb, "sv", "sl").check("Utbildning för alla.", "Edukacija za vse.")
    assert [(p.check, p.expected) for p in problems] == [("term-forbidden", ["izobraževanje"])]


def test_a_concept_whose_only_target_terms_are_phrases_is_not_required_but_counts_when_there():
    esl = concept("c-esl", ("sl", [term("osip", "sl", "admitted")]),
                  ("sv", [term("slutar skolan för tidigt", "sv", "admitted", term_type="phrase", pos="verb")]))
    tb = Termbase([esl])
    assert found(tb, "Zmanjšanje osipa v šolah.", "Färre ungdomar hoppar av skolan.", "sl", "sv") == set()
    # the other direction: the Slovenian term is a full form, so it is required
    assert found(tb, "Färre slutar skolan för tidigt.", "Manj mladih zapusti šolo.", "sv", "sl") == {
        ("term-missing", "c-esl")}
    assert found(tb, "Färre slutar skolan för tidigt.", "Manj osipa.", "sv", "sl") == set()


def test_a_term_holding_another_concepts_term_counts_with_any_term_of_that_concept(en_sl):
    assert found(en_sl, "ESF projects involve many actors.", "Projekti Evropskega socialnega sklada vključujejo ...") == set()
    assert found(en_sl, "ESF projects involve many actors.", "Projekti ESS vključujejo ...") == set()
    assert found(en_sl, "ESF projects involve many actors.", "Projekti vključujejo ...") == {("term-missing", "c-esf-project")}
    # the deprecated acronym is no approved term of the fund, so it does not make the project term
    assert found(en_sl, "ESF projects involve many actors.", "Projekti ESF vključujejo ...") == {
        ("term-forbidden", "c-esf"), ("term-missing", "c-esf-project")}
