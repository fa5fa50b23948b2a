"""`esfterm terms extract`: term pairs located inside aligned translations, grouped by lemma,
flagged against the termbase, and written as TSV, JSON or a TBX that validates and imports."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner
from lxml import etree

from esfterm.cli import main
from esfterm.formats.tbx import read_tbx
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms import TermIndex
from esfterm.terms.candidates import CANDIDATE_NOTE, candidates_termbase, extract, write_candidates
from esfterm.terms.extract import extract_terms
from esfterm.terms.phrases import acronym_expansions, term_spans, tokens_of
from esfterm.text.morphology import compound_parts, looks_like_adjective, looks_like_verb
from esfterm.xmlsafe import parse_xml

ROOT = Path(__file__).resolve().parents[1]
RNG = "standards/TBXcoreStructV03_TBX-Basic_integrated.rng"

#: Real sentence pairs from corpora/esf (sv-sl), so inflected forms of one term recur.
PAIRS = [
    ("ESF-projekt och ESF-program innefattar många aktörer, bland annat icke-statliga organisationer och sociala partners.",
     "Projekti in programi ESS vključujejo veliko udeležencev, med njimi nevladne organizacije in socialne partnerje.", "u1"),
    ("ESF uppmuntrar även inklusionen av sociala partners och icke-statliga organisationer i dessa projekt.",
     "Spodbuja tudi vključitev socialnih partnerjev in nevladnih organizacij v projekte ESS.", "u2"),
    ("Europeiska socialfonden+ (ESF+) kommer att fortsätta att stödja social innovation.",
     "Evropski socialni sklad+ (ESS+) bo še naprej podpiral socialne inovacije.", "u3"),
    ("ESF+ stöder social innovation.", "Podpora ESS+ za socialne inovacije.", "u4"),
    ("Förvaltande myndigheter får möjlighet till ömsesidigt lärande och social innovation.",
     "Organi upravljanja bodo imeli vzajemno učenje in socialne inovacije.", "u5"),
]


@pytest.fixture(scope="module")
def candidates():
    return extract_terms(PAIRS, "sv", "sl")


def pair(cands, source):
    found = [c for c in cands if c.source.lower() == source.lower()]
    assert found, [c.source for c in cands]
    return found[0]


def test_inflected_occurrences_count_together_and_the_target_is_located_in_each(candidates):
    partners = pair(candidates, "sociala partners")
    assert partners.frequency == 2
    assert set(partners.target_forms) == {"socialne partnerje", "socialnih partnerjev"}
    assert {c.ref for c in partners.contexts} == {"u1", "u2"}
    for ctx in partners.contexts:
        assert ctx.target[slice(*ctx.target_span)] in partners.target_forms


def test_acronyms_pair_across_languages_and_expansions_are_read_before_the_parenthesis(candidates):
    assert pair(candidates, "ESF+").target == "ESS+"
    expansions = [c for c in candidates if "expansion" in c.evidence]
    assert [(c.source.endswith("socialfonden+"), c.target) for c in expansions] == [(True, "Evropski socialni sklad+")]


def test_candidates_are_ranked_by_score_and_repeated_terms_come_first(candidates):
    scores = [c.score for c in candidates]
    assert scores == sorted(scores, reverse=True)
    assert candidates[0].frequency >= 2


def test_term_spans_end_on_nouns_and_never_hold_a_conjunction_or_verb() -> None:
    text = "ESF främjar nätverksarbete mellan lokala samhällen och sociala partners."
    tokens = tokens_of(text)
    spans = {text[tokens[s.start].start:tokens[s.end - 1].end] for s in term_spans(text, tokens, "sv", 5)}
    assert {"lokala samhällen", "sociala partners", "nätverksarbete mellan lokala samhällen"} <= spans
    assert not {s for s in spans if " och " in s or s.endswith("lokala") or "främjar" in s}


def test_suspended_compounds_keep_their_conjunction() -> None:
    text = "tillgång till hälso- och sjukvårdstjänster"
    tokens = tokens_of(text)
    spans = {text[tokens[s.start].start:tokens[s.end - 1].end] for s in term_spans(text, tokens, "sv", 5)}
    assert "hälso- och sjukvårdstjänster" in spans


def test_slovenian_relative_clause_may_stand_inside_a_target_term() -> None:
    text = "Podpiranje lokalnega razvoja, ki ga vodi skupnost, je pristop."
    tokens = tokens_of(text)
    spans = {text[tokens[s.start].start:tokens[s.end - 1].end] for s in term_spans(text, tokens, "sl", 7, target=True)}
    assert "lokalnega razvoja, ki ga vodi skupnost" in spans
    assert "lokalnega razvoja, ki ga vodi skupnost, je pristop" not in spans


def test_expansions_are_the_words_right_before_a_parenthesised_acronym() -> None:
    text = "Europeiska socialfonden+ (ESF+) stöder"
    tokens = tokens_of(text)
    found = [(text[tokens[s.start].start:tokens[s.end - 1].end], tokens[i].text) for s, i in acronym_expansions(text, tokens, "sv", 3)]
    assert ("Europeiska socialfonden+", "ESF+") in found and ("socialfonden+", "ESF+") in found


@pytest.mark.parametrize("word, lang, parts", [
    ("utvecklingsstrategi", "sv", ("utvecklings", "strategi")), ("ESF-stödet", "sv", ("ESF", "stödet")),
    ("organisationer", "sv", ()), ("közösségfejlesztés", "hu", ("közösség", "fejlesztés")),
    ("kompetenscentrumet", "sv", ("kompetens", "centrumet")), ("möjligheter", "sv", ()), ("myndigheter", "sv", ())])
def test_compounds_split_into_dictionary_words(word, lang, parts) -> None:
    assert compound_parts(word, lang) == parts


@pytest.mark.parametrize("word, lang, verb", [
    ("visar", "sv", True), ("utöka", "sv", True), ("lösningar", "sv", False), ("podpira", "sl", True),
    ("stöder", "sv", True), ("bedöma", "sv", True), ("stödet", "sv", False), ("Europa", "sv", False),
    ("skupnosti", "sl", False), ("remia", "lt", True), ("sąlygos", "lt", False), ("įtraukties", "lt", False)])
def test_verb_forms_are_told_from_nouns(word, lang, verb) -> None:
    assert looks_like_verb(word, lang) is verb


@pytest.mark.parametrize("word, lang, adjective", [
    ("lokala", "sv", True), ("samhällen", "sv", False), ("lokalnih", "sl", True), ("skupnosti", "sl", False),
    ("gemensamma", "sv", True), ("baserad", "sv", True), ("stad", "sv", False),
    ("socialinių", "lt", True), ("inovacijų", "lt", False)])
def test_weak_adjective_forms_are_recognised(word, lang, adjective) -> None:
    assert looks_like_adjective(word, lang) is adjective


def _termbase() -> Termbase:
    return Termbase(concepts=[Concept("c-ngo", languages=[
        LangSection("sl", [Term("socialni partnerji", "sl", status="preferred")]),
        LangSection("sv", [Term("arbetsmarknadens parter", "sv", status="preferred"),
                           Term("sociala partners", "sv", status="deprecated")])])])


def test_pairs_the_termbase_has_are_flagged_with_their_concept() -> None:
    from esfterm.model import Unit, Variant

    units = [Unit([Variant("sv", s), Variant("sl", t)], id=ref) for s, t, ref in PAIRS]
    cands = extract(units, "sv", "sl", TermIndex(_termbase()))
    partners = pair(cands, "sociala partners")
    assert (partners.known, partners.concept_id) == ("both", "c-ngo")
    assert all(c.known is None for c in cands if c.source.startswith("ESF"))


def test_candidate_tbx_is_valid_tbx_basic_of_admitted_terms_noted_as_candidates(candidates, tmp_path, shared) -> None:
    path = tmp_path / "cand.tbx"
    write_candidates(candidates, path)
    assert etree.RelaxNG(parse_xml(shared / RNG)).validate(parse_xml(path))
    tb = read_tbx(path)
    assert len(tb.concepts) == len(candidates)
    for concept in tb.concepts:
        assert concept.notes[0].startswith(CANDIDATE_NOTE)
        assert {t.status for t in concept.terms()} == {"admitted"}
        assert all(t.contexts for t in concept.terms())


def test_candidate_tbx_passes_the_schematron(candidates, tmp_path, shared) -> None:
    pytest.importorskip("saxonche", reason="saxonche (test extra) runs the XSLT2 Schematron")
    from schematron import validate

    path = tmp_path / "cand.tbx"
    write_candidates(candidates, path)
    assert validate(shared / "standards/TBX-Basic_DCA.sch", path) == []


def test_known_pairs_stay_out_of_the_tbx_unless_asked_for() -> None:
    from esfterm.model import Unit, Variant

    units = [Unit([Variant("sv", s), Variant("sl", t)], id=ref) for s, t, ref in PAIRS]
    cands = extract(units, "sv", "sl", TermIndex(_termbase()))
    assert "c-ngo" not in {c.notes[0] for c in candidates_termbase(cands).concepts}
    assert len(candidates_termbase(cands, include_known=True).concepts) == len(cands)
    assert len(candidates_termbase(cands).concepts) == len(cands) - 1


def _tmx(tmp_path: Path) -> Path:
    body = "".join(f'<tu tuid="{ref}"><tuv xml:lang="sv"><seg>{s}</seg></tuv><tuv xml:lang="sl"><seg>{t}</seg></tuv></tu>'
                   for s, t, ref in PAIRS)
    path = tmp_path / "m.tmx"
    path.write_text('<?xml version="1.0" encoding="UTF-8"?><tmx version="1.4"><header srclang="sv" datatype="plaintext" '
                    'segtype="sentence" adminlang="en" creationtool="t" creationtoolversion="1" o-tmf="t"/>'
                    f"<body>{body}</body></tmx>", encoding="utf-8")
    return path


def test_cli_mines_a_tmx_and_writes_tsv_json_and_a_tbx_that_termbase_import_takes(tmp_path) -> None:
    runner = CliRunner()
    tmx = _tmx(tmp_path)
    out = runner.invoke(main, ["terms", "extract", str(tmx), "--src", "sv", "--tgt", "sl", "--json", "--termbase", "none"])
    assert out.exit_code == 0, out.output
    data = json.loads(out.stdout)
    assert data[0]["rank"] == 1 and {"source", "target", "score", "frequency", "contexts"} <= set(data[0])
    tsv = runner.invoke(main, ["terms", "extract", str(tmx), "--src", "sv", "--tgt", "sl", "--format", "tsv", "--top", "3"])
    assert tsv.stdout.splitlines()[0].startswith("rank\tscore\tsource\ttarget") and len(tsv.stdout.splitlines()) == 4
    cand = tmp_path / "cand.tbx"
    assert runner.invoke(main, ["terms", "extract", str(tmx), "--src", "sv", "--tgt", "sl", "-o", str(cand)]).exit_code == 0
    base = tmp_path / "tb.tbx"
    base.write_bytes((ROOT / "termbase" / "esf.tbx").read_bytes())
    imported = runner.invoke(main, ["termbase", "import", str(cand), "--termbase", str(base)])
    assert imported.exit_code == 0, imported.output
    assert any(c.notes and c.notes[0].startswith(CANDIDATE_NOTE) for c in read_tbx(base).concepts)


def test_cli_gives_one_line_errors_for_a_missing_tm_and_an_unknown_language(tmp_path) -> None:
    runner = CliRunner()
    missing = runner.invoke(main, ["terms", "extract", "--src", "sv", "--tgt", "sl", "--tm", str(tmp_path / "no.sqlite")])
    assert missing.exit_code == 2 and "no.sqlite" in missing.stderr and "Traceback" not in missing.output
    bad = runner.invoke(main, ["terms", "extract", str(_tmx(tmp_path)), "--src", "sv", "--tgt", "xx-nope"])
    assert bad.exit_code == 2


def test_a_word_glued_to_a_function_word_is_split_and_a_long_inflected_form_is_not() -> None:
    text = "uppmuntra tillentreprenörskapi lokala samhällen och hoppar avundervisningen"
    assert [t.text for t in tokens_of(text, "sv")] == [
        "uppmuntra", "till", "entreprenörskap", "i", "lokala", "samhällen", "och", "hoppar", "av", "undervisningen"]
    assert all(text[t.start:t.end] == t.text for t in tokens_of(text, "sv"))
    assert "suinteresuotiesiems" in [t.text for t in tokens_of("kitiems suinteresuotiesiems subjektams", "lt")]


def test_placeholders_and_code_identifiers_hold_no_term_words() -> None:
    text = "The %(class_name)s with <a href=\"x\">verbose_name</a> is a content type."
    assert "class_name" not in [t.text for t in tokens_of(text)]
    tokens = tokens_of(text)
    spans = {text[tokens[s.start].start:tokens[s.end - 1].end] for s in term_spans(text, tokens, "en", 3)}
    assert "content type" in spans and not any("_" in s for s in spans)


def test_an_expansion_starts_with_a_content_word() -> None:
    text = "The European Social Fund+ (ESF+) supports"
    tokens = tokens_of(text)
    found = {text[tokens[s.start].start:tokens[s.end - 1].end] for s, _ in acronym_expansions(text, tokens, "en", 5)}
    assert "European Social Fund+" in found and not any(f.startswith("The") for f in found)


def test_single_words_are_candidates_only_when_specialised() -> None:
    pairs = [("Social innovation ska minska fattigdom och diskriminering.",
              "Socialne inovacije naj zmanjšajo revščino in diskriminacijo.", "u1"),
             ("Diskriminering är ett problem.", "Diskriminacija je problem.", "u2"),
             ("Projekt får stöd.", "Projekti dobijo podporo.", "u3")]
    sources = {c.source.lower(): c.target for c in extract_terms(pairs, "sv", "sl")}
    assert sources.get("diskriminering", "").startswith("diskriminacij")
    assert "projekt" not in sources


def test_general_language_frequency_makes_common_words_less_term_like() -> None:
    from esfterm.terms.termhood import is_general_word, specificity

    assert specificity(["kapacitetsuppbyggnad"], "sv") == 1.0
    assert specificity(["lokala", "behov"], "sv") < specificity(["socialt", "entreprenörskap"], "sv") <= 1.0
    assert is_general_word("projekt", "sv") and not is_general_word("diskriminering", "sv")
    assert specificity(["anything"], "mt") == 1.0  # no list of its own: no answer, not English's


def test_unlinked_words_between_linked_ones_link_by_their_place() -> None:
    from esfterm.terms.gaplinks import gap_links

    # "minskad fattigdom och diskriminering" / "zmanjšana revščina in diskriminacija": only the
    # cognates are linked; the two words before them pair up in order.
    links = [[0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.0, 0.0], [0.0, 0.0, 0.9, 0.0], [0.0, 0.0, 0.0, 1.0]]
    content = [True, True, False, True]
    gaps = gap_links(links, content, content)
    assert gaps[0][0] > 0.5 and gaps[1][1] > 0.5 and gaps[0][1] == 0.0
    assert gaps[3] == [0.0] * 4  # a linked word gets nothing from its place


def test_a_target_span_that_stops_before_a_word_translating_the_term_is_extended() -> None:
    # Lithuanian puts the head noun last: "kompetencijos" without "centras" is cut short
    lt = [("Det ska också inrättas ett europeiskt kompetenscentrum för social innovation.",
           "Bus įsteigtas Europos socialinių inovacijų kompetencijos centras.", "u1"),
          ("Social innovation stöds.", "Socialinės inovacijos remiamos.", "u2")]
    found = {c.source: c.target for c in extract_terms(lt, "sv", "lt")}
    assert found.get("europeiskt kompetenscentrum för social innovation") == "Europos socialinių inovacijų kompetencijos centras"


def test_a_plus_set_off_by_a_space_stays_with_the_name() -> None:
    pairs = [("ESF Social innovation+", "ESS socialne inovacije +", "u1"),
             ("Satsningen ESF Social innovation+ har en budget.", "Pobuda ESS socialne inovacije + ima proračun.", "u2")]
    found = {c.source: c for c in extract_terms(pairs, "sv", "sl")}
    name = found["ESF Social innovation+"]
    assert name.target == "ESS socialne inovacije +"
    assert all(x.target[slice(*x.target_span)] == "ESS socialne inovacije +" for x in name.contexts)


def test_a_tm_url_is_shown_without_its_password() -> None:
    result = CliRunner().invoke(main, ["terms", "extract", "--tm", "postgresql://u:secret@127.0.0.1:1/x",
                                       "--src", "sv", "--tgt", "sl"])
    assert result.exit_code == 2
    assert "secret" not in result.output and "u:***@" in result.output
