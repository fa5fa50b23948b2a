"""term-missing and term-forbidden: inflection-aware, longest match, acronyms exact."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.formats.tbx import read_tbx
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.qa.termcheck import TermChecker
from esfterm.terms.occurrence import OccurrenceIndex, index_term, segment_words

FIXTURES = Path(__file__).parent / "fixtures" / "check"


@pytest.fixture(scope="module")
def termbase() -> Termbase:
    return read_tbx(FIXTURES / "esf-subset.tbx")


@pytest.fixture(scope="module")
def sv_sl(termbase) -> TermChecker:
    return TermChecker(termbase, "sv", "sl")


def found(checker: TermChecker, source: str, target: str) -> set[tuple[str, str]]:
    return {(p.check, p.concept) for p in checker.check(source, target)}


def test_inflected_full_form_in_both_languages_is_no_finding(sv_sl):
    assert found(sv_sl, "Europeiska socialfondens stöd till lokala samhällen.",
                 "Podpora Evropskega socialnega sklada lokalnim skupnostim.") == set()


def test_acronym_in_source_is_satisfied_by_the_target_acronym_or_full_form(sv_sl):
    assert found(sv_sl, "ESF stöder partnerskap.", "ESS podpira partnerstva.") == set()
    assert found(sv_sl, "ESF stöder partnerskap.", "Evropski socialni sklad podpira partnerstva.") == set()


def test_deprecated_acronym_without_the_approved_one_is_forbidden_and_missing(sv_sl):
    problems = sv_sl.check("ESF stöder partnerskap.", "ESF podpira partnerstva.")
    assert [(p.check, p.concept, p.term) for p in problems] == [
        ("term-forbidden", "c-european-social-fund", "ESF"), ("term-missing", "c-european-social-fund", "ESF")]
    assert "ESS" in problems[0].expected
    assert problems[0].target_words == [(0, 1)] and problems[1].source_words == [(0, 1)]


def test_deprecated_term_beside_an_approved_one_is_only_forbidden(sv_sl):
    assert found(sv_sl, "ESF stöder partnerskap.", "ESS (prej ESF) podpira partnerstva.") == {
        ("term-forbidden", "c-european-social-fund")}


def test_dropped_multiword_term_is_missing(sv_sl):
    problems = sv_sl.check("Att stödja en lokalt ledd utveckling är viktigt.", "Podpiranje lokalnega razvoja je pomembno.")
    assert [(p.check, p.concept) for p in problems] == [("term-missing", "c-community-led-local-development")]
    assert problems[0].term == "lokalt ledd utveckling"
    assert problems[0].source_words == [(3, 6)]


def test_reinflected_multiword_target_term_counts(sv_sl):
    assert found(sv_sl, "Att stödja en lokalt ledd utveckling.",
                 "Podpiranje lokalnega razvoja, ki ga vodi skupnost.") == set()
    assert found(sv_sl, "Att stödja en lokalt ledd utveckling.",
                 "Podpiranje lokalnega razvoja, ki ga vodijo skupnosti.") == set()


def test_longer_term_wins_so_esf_plus_is_not_an_esf_hit(sv_sl):
    assert found(sv_sl, "ESF+ stöder social innovation.", "ESS+ podpira socialne inovacije.") == set()
    assert found(sv_sl, "ESF+ stöder social innovation.", "ESS podpira socialne inovacije.") == {
        ("term-missing", "c-european-social-fund-plus")}


def test_source_term_inside_a_hyphenated_compound_counts(sv_sl):
    assert found(sv_sl, "ESF-stöd ges till lokala projekt.", "Podpora se dodeli lokalnim projektom.") == {
        ("term-missing", "c-european-social-fund")}
    assert found(sv_sl, "ESF-aktiviteterna stöder partnerskap.", "Dejavnosti ESS podpirajo partnerstva.") == set()


def test_acronyms_match_case_sensitively(sv_sl):
    assert found(sv_sl, "ESF stöder partnerskap.", "ess podpira partnerstva.") == {
        ("term-missing", "c-european-social-fund")}


def test_inflected_acronym_with_case_ending_counts(sv_sl):
    assert found(sv_sl, "ESF:s stöd.", "Podpora ESS-a.") == set()


def test_admitted_synonym_counts_as_the_concept(sv_sl):
    assert found(sv_sl, "Lokalt ledd utveckling (CLLD).", "Pristop CLLD.") == set()


def test_lithuanian_inflected_target(termbase):
    sv_lt = TermChecker(termbase, "sv", "lt")
    assert found(sv_lt, "Social innovation ska förbättra levnadsvillkor.",
                 "Socialinėmis inovacijomis siekiama gerinti gyvenimo sąlygas.") == set()
    assert found(sv_lt, "Social innovation ska förbättra levnadsvillkor.",
                 "Naujovėmis siekiama gerinti gyvenimo sąlygas.") == {("term-missing", "c-social-innovation")}


def test_lt_plus_sign_separates_esf_plus_from_esf(termbase):
    lt_sv = TermChecker(termbase, "lt", "sv")
    assert found(lt_sv, "„Europos socialinis fondas +“ remia projektus.", "ESF+ stöder projekt.") == set()
    assert found(lt_sv, "Europos socialinis fondas remia projektus.", "ESF+ stöder projekt.") == {
        ("term-missing", "c-european-social-fund")}


def test_words_rendering_another_source_term_do_not_complete_a_missing_one(termbase):
    sv_lt = TermChecker(termbase, "sv", "lt")
    assert ("term-missing", "c-social-partners") not in found(
        sv_lt, "Inklusion av sociala partners och social innovation.",
        "Socialinių partnerių įtrauktis ir socialinės inovacijos.")


def test_stem_match_of_a_different_dictionary_word_is_not_a_term(termbase):
    en_sl = TermChecker(termbase, "en", "sl")
    assert found(en_sl, "Communities participate in driving change.", "Skupnosti sodelujejo pri spremembah.") == set()
    assert found(en_sl, "Each participant gets advice.", "Vsak dobi nasvet.") == {("term-missing", "c-participant")}


def test_words_sharing_a_stem_match_only_the_term_of_their_own_dictionary_word():
    """"participant" and "participate" share a key; a text word that is a form of one of them
    is ambiguous at that key and is decided per match, in whole texts as in chunks."""
    index = OccurrenceIndex([index_term("a", "participant", "preferred", "en"),
                       index_term("b", "participate", "preferred", "en"),
                       index_term("c", "participant support", "preferred", "en")], "en")
    cases = {
        "Each participant gets advice.": [(1, 2, ["a"])],
        "Participants support each other.": [(0, 2, ["c"])],
        "They participate, and participated before.": [(1, 2, ["b"]), (3, 4, ["b"])],
        "Participating participants.": [(0, 1, ["b"]), (1, 2, ["a"])],
    }
    for text, expected in cases.items():
        for matches in (index.match(segment_words(text)), index.match_chunks(text.split())):
            assert [(m.start, m.end, sorted(m.concepts)) for m in matches] == expected, text


def test_concept_without_target_terms_is_not_checked():
    tb = Termbase([Concept("c-x", languages=[LangSection("sv", [Term("arbetsmarknad", "sv", status="preferred")])])])
    assert TermChecker(tb, "sv", "sl").check("Arbetsmarknaden växer.", "Trg raste.") == []


def test_index_matches_leftmost_longest_without_overlap():
    terms = [index_term("a", "lokal utveckling", "preferred", "sv"), index_term("b", "lokal", "preferred", "sv"),
             index_term("c", "utvecklingsstrategi", "preferred", "sv")]
    index = OccurrenceIndex(terms, "sv")
    words = segment_words("En lokal utveckling och en lokal utvecklingsstrategi.")
    assert [(m.start, m.end, sorted(m.concepts)) for m in index.match(words)] == [
        (1, 3, ["a"]), (5, 6, ["b"]), (6, 7, ["c"])]


def test_empty_index_matches_nothing():
    assert OccurrenceIndex([], "sv").match(["ESF"]) == []


def _esf_termbase(sl_notes: list[str]) -> Termbase:
    sv = Term(text="ESF", lang="sv", term_type="acronym", status="preferred")
    sl = Term(text="ESS", lang="sl", term_type="acronym", status="preferred", notes=sl_notes)
    return Termbase(concepts=[Concept(id="c-esf", languages=[LangSection(lang="sv", terms=[sv]),
                                                             LangSection(lang="sl", terms=[sl])])])


def test_forms_listed_in_a_term_note_override_morphology_for_hard_cases():
    # Slovenian possessive adjectives of acronyms ("ESS-jevih") carry endings no rule derives.
    words = segment_words("Projekt v ESSjevih programih.")
    plain = TermChecker(_esf_termbase([]), "sv", "sl")
    assert plain.target_index.match(words) == []
    words = segment_words("Projekt v ESS-jevih programih.")
    checker = TermChecker(_esf_termbase(["Inflected forms: ESS-jev; ESS-jevih; ESS-jevega"]), "sv", "sl")
    assert [m.concepts for m in checker.target_index.match(words)] == [frozenset({"c-esf"})]
    assert checker.check("Projekt inom ESF.", "Projekt v ESS-jevih programih.") == []
    missing = checker.check("Projekt inom ESF.", "Projekt v programih.")
    assert [p.concept for p in missing] == ["c-esf"] and missing[0].expected == ["ESS"]


def test_all_caps_heading_is_read_as_words_not_acronyms(sv_sl):
    assert found(sv_sl, "EUROPEISKA SOCIALFONDENS STÖD TILL LOKALT LEDD UTVECKLING",
                 "PODPORA EVROPSKEGA SOCIALNEGA SKLADA LOKALNEMU RAZVOJU, KI GA VODI SKUPNOST") == set()
    assert found(sv_sl, "STÖD TILL LOKALT LEDD UTVECKLING", "PODPORA LOKALNEMU RAZVOJU") == {
        ("term-missing", "c-community-led-local-development")}


def test_acronyms_in_an_all_caps_heading_stay_acronyms(sv_sl):
    assert found(sv_sl, "ESF STÖDER PARTNERSKAP", "ESS PODPIRA PARTNERSTVA") == set()
    assert found(sv_sl, "ESF STÖDER PARTNERSKAP", "ESF PODPIRA PARTNERSTVA") == {
        ("term-forbidden", "c-european-social-fund"), ("term-missing", "c-european-social-fund")}


def test_all_caps_texts_are_checked_alike_by_the_runner_and_the_checker(termbase):
    from esfterm.qa import Segment, check_segments
    seg = Segment("t.tsv", "1", "line 1", 1, "sv", "sl", "STÖD TILL LOKALT LEDD UTVECKLING", "PODPORA LOKALNEMU RAZVOJU")
    assert [(f.check, f.concept, f.source_spans) for f in check_segments([seg], termbase)] == [
        ("term-missing", "c-community-led-local-development", [(10, 32)])]


@pytest.mark.parametrize("source, concept", [
    ("ESF-projekten pågår.", "c-esf-project"),  # a term itself: that term
    ("ESF-stöd ges till lokala projekt.", "c-european-social-fund"),  # a term the check does not require
    ("ESF-aktiviteterna fortsätter.", "c-european-social-fund"),
    ("Eruf-stödet går till infrastruktur.", "c-european-regional-development-fund"),
    ("Easi-programmet fortsätter.", "c-easi-strand"),
])
def test_esf_termbase_terms_inside_swedish_compounds_are_occurrences(source, concept):
    termbase = read_tbx(Path(__file__).resolve().parents[1] / "termbase" / "esf.tbx")
    problems = TermChecker(termbase, "sv", "sl").check(source, "Podpora se nadaljuje.")
    assert concept in {p.concept for p in problems if p.check == "term-missing"}
