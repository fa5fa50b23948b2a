"""`lookup`: any form in any language finds the concept, each hit labelled with how it matched."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.tbx import read_tbx
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms import TermIndex, guess_query_lang, load_index, lookup

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def index() -> TermIndex:
    return TermIndex(read_tbx(REPO / "termbase" / "esf.tbx"))


def first(query: str, index: TermIndex, **kw) -> tuple[str, str, str]:
    hit = lookup(query, termbase=index, **kw)[0]
    return hit.concept.id, hit.kind, hit.term.lang


def test_exact_match_ignores_case_and_dashes(index) -> None:
    assert first("europeiska SOCIALFONDEN", index) == ("c-european-social-fund", "exact", "sv")
    assert first("community\u2013led local development", index)[1] == "exact"


@pytest.mark.parametrize("query, lang, concept", [
    ("socialinių inovacijų", "lt", "c-social-innovation"),
    ("Evropskega socialnega sklada", "sl", "c-european-social-fund"),
    ("socialfondens", "sv", "c-european-social-fund"),
    ("arbetsmarknaden", "sv", "c-labour-market"),
    ("socialfondsprogrammet", "sv", "c-esf-programme"),
])
def test_inflected_forms_find_the_dictionary_form(index, query: str, lang: str, concept: str) -> None:
    assert first(query, index) == (concept, "inflected", lang)


def test_each_word_of_a_multiword_term_may_be_inflected() -> None:
    tb = Termbase([Concept("c1", languages=[LangSection("lt", [Term("Europos socialinis fondas", "lt")])])])
    hits = lookup("Europos socialinio fondo", termbase=tb)
    assert [(h.concept.id, h.kind) for h in hits] == [("c1", "inflected")]
    assert all(h.kind != "inflected" for h in lookup("fondo socialinio Europos", termbase=tb))


@pytest.mark.parametrize("query, concept", [("ESS-a", "c-european-social-fund"), ("ESS+-a", "c-european-social-fund-plus"),
                                            ("ESF:s", "c-european-social-fund"), ("NVO-ji", "c-non-governmental-organisation")])
def test_acronyms_with_case_endings_find_the_acronym(index, query: str, concept: str) -> None:
    assert first(query, index)[:2] == (concept, "acronym")


def test_acronyms_differ_per_language_and_the_deprecated_one_is_shown_as_such(index) -> None:
    hits = lookup("ESF", termbase=index, to=["sl"])
    assert hits[0].concept.id == "c-european-social-fund"
    assert set(hits[0].langs) == {"en", "hr", "lt", "sl", "sv"}
    sl = {t.text: t.status for t in hits[0].concept.terms("sl")}
    assert sl["ESS"] == "preferred" and sl["ESF"] == "deprecated"
    assert first("ESS", index)[0] == "c-european-social-fund"


def test_part_of_a_longer_term_is_found_only_when_nothing_better_is(index) -> None:
    hits = lookup("regional", termbase=index)
    assert ("c-european-regional-development-fund", "partial") in [(h.concept.id, h.kind) for h in hits]
    assert {h.kind for h in hits} == {"partial"}
    assert lookup("and", termbase=index) == []
    assert all(h.kind != "partial" for h in lookup("social innovation", termbase=index))


@pytest.mark.parametrize("typo, concept", [("Europian Social Fund", "c-european-social-fund"),
                                           ("socailne inovacije", "c-social-innovation"),
                                           ("arbetsmarnad", "c-labour-market"),
                                           ("Evropskega socialnega skalda", "c-european-social-fund")])
def test_typos_give_did_you_mean_hits(index, typo: str, concept: str) -> None:
    hits = lookup(typo, termbase=index)
    assert hits[0].concept.id == concept and hits[0].kind == "fuzzy" and 80 <= hits[0].score < 100


def test_nothing_found_is_an_empty_list(index) -> None:
    assert lookup("qwxzy plomb", termbase=index) == []


def test_lang_restricts_matching_and_to_restricts_concepts(index) -> None:
    assert lookup("ESS", lang="sv", termbase=index) == []
    assert first("ESS", index, lang="sl")[0] == "c-european-social-fund"
    assert all(h.concept.terms("lt") for h in lookup("program", termbase=index, to=["lt"]))


def test_the_query_language_is_guessed_from_what_matched(index) -> None:
    assert guess_query_lang("socialinių inovacijų", lookup("socialinių inovacijų", termbase=index)) == "lt"
    assert guess_query_lang("x", []) is None


@pytest.mark.parametrize("kwargs, message", [({"term": "  "}, "empty query"),
                                              ({"term": "ESF", "lang": "xx"}, "unknown language"),
                                              ({"term": "ESF", "to": ["zz"]}, "unknown language")])
def test_bad_input_raises_input_error(index, kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        lookup(termbase=index, **kwargs)


def test_the_default_termbase_is_the_shipped_one_and_its_index_is_cached() -> None:
    assert load_index() is load_index()
    assert lookup("ESS")[0].concept.id == "c-european-social-fund"


def test_hits_are_ordered_exact_then_inflected(index) -> None:
    tb = Termbase([Concept("a", languages=[LangSection("en", [Term("labour markets", "en")])]),
                   Concept("b", languages=[LangSection("en", [Term("labour market", "en")])])])
    assert [(h.concept.id, h.kind) for h in lookup("labour market", termbase=tb)] == [("b", "exact"), ("a", "inflected")]


def test_forms_listed_in_a_term_note_are_found_for_hard_cases():
    from esfterm.model import Concept, LangSection, Term, Termbase
    from esfterm.terms import lookup

    term = Term(text="človek", lang="sl", notes=["Inflected forms: ljudje; ljudi; ljudem"])
    tb = Termbase(concepts=[Concept(id="c-person", languages=[LangSection(lang="sl", terms=[term])])])
    assert term.extra_forms == ["ljudje", "ljudi", "ljudem"]
    hits = lookup("ljudem", lang="sl", termbase=tb)
    assert hits and hits[0].concept.id == "c-person" and hits[0].kind == "exact"
