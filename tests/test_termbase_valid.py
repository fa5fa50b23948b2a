"""The shipped ESF termbase (termbase/esf.tbx) and the lookup gold set hold what they claim.

The termbase must be valid TBX-Basic (RELAX NG + Schematron), every context sentence must
really occur in the corpus page it names, every term without a corpus context must name a
source, and the per-language acronym facts (ESF vs ESS, EaSI vs Easi) must hold. The gold
set (tests/data/lookup_gold.tsv) must quote only forms that occur in the corpora.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pytest
from lxml import etree
from rapidfuzz.distance import Levenshtein

from esfterm.xmlsafe import parse_xml

REPO = Path(__file__).resolve().parents[1]
TERMBASE = REPO / "termbase" / "esf.tbx"
GOLD = REPO / "tests" / "data" / "lookup_gold.tsv"
CORPUS = REPO / "corpora" / "esf"
NS = {"t": "urn:iso:std:iso:30042:ed-2"}
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"
RNG = "standards/TBXcoreStructV03_TBX-Basic_integrated.rng"
SCH = "standards/TBX-Basic_DCA.sch"
LANGS = ("en", "hr", "hu", "lt", "sl", "sv")

MUST_HAVE = (
    "European Social Fund", "ESF+", "community-led local development", "EaSI",
    "European Regional Development Fund", "ESF Social Innovation+",
    "European Competence Centre for Social Innovation",
    "national competence centre for social innovation", "social innovation",
    "managing authority", "social partners", "non-governmental organisation", "civil society",
    "social inclusion", "gender equality", "equal opportunities", "entrepreneurship",
    "early school leaving", "local development strategy", "capacity building", "networking",
    "mutual learning", "transnational cooperation", "community of practice",
    "result-based management", "European Pillar of Social Rights", "labour market",
    "Europe 2020 strategy", "Member State", "shared management", "beneficiary", "participant",
    "social experimentation", "labour mobility", "employment",
)


def norm(text: str) -> str:
    """Whitespace-collapsed text: XML pretty-printing must not decide whether a quote matches."""
    return " ".join(text.split())


@pytest.fixture(scope="module")
def tree() -> etree._ElementTree:
    return parse_xml(TERMBASE)


@pytest.fixture(scope="module")
def corpus() -> dict[str, str]:
    return {f"corpora/esf/{p.name}": norm(p.read_text(encoding="utf-8"))
            for p in sorted(CORPUS.glob("*.txt"))}


def concepts(tree: etree._ElementTree) -> list[etree._Element]:
    return tree.getroot().findall(".//t:conceptEntry", NS)


def terms_of(concept: etree._Element, lang: str | None = None) -> list[etree._Element]:
    sections = concept.findall("t:langSec", NS)
    return [ts for sec in sections if lang is None or sec.get(XML_LANG) == lang
            for ts in sec.findall("t:termSec", NS)]


def term_note(term_sec: etree._Element, kind: str) -> str | None:
    el = term_sec.find(f"t:termNote[@type='{kind}']", NS)
    return el.text if el is not None else None


def term_text(term_sec: etree._Element) -> str:
    return term_sec.findtext("t:term", namespaces=NS)


def concept_with_en_term(tree: etree._ElementTree, text: str) -> etree._Element:
    found = [c for c in concepts(tree)
             if any(term_text(ts).lower() == text.lower() for ts in terms_of(c, "en"))]
    assert len(found) == 1, f"{text!r} should name exactly one concept, found {len(found)}"
    return found[0]


def statuses(concept: etree._Element, lang: str) -> dict[str, str]:
    return {term_text(ts): term_note(ts, "administrativeStatus") for ts in terms_of(concept, lang)}


def gold_rows() -> list[dict[str, str]]:
    with GOLD.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle, delimiter="\t", quoting=csv.QUOTE_NONE))


# --- schema validity -------------------------------------------------------------------


def test_termbase_is_valid_against_tbx_basic_relax_ng(shared: Path, tree) -> None:
    schema = etree.RelaxNG(parse_xml(shared / RNG))
    assert schema.validate(tree), str(schema.error_log)


def test_termbase_passes_tbx_basic_dca_schematron(shared: Path) -> None:
    pytest.importorskip("saxonche", reason="saxonche (test extra) runs the XSLT2 Schematron")
    from schematron import validate

    assert validate(shared / SCH, TERMBASE) == []


def test_schematron_runner_reports_violations_it_is_given(shared: Path, tmp_path: Path) -> None:
    pytest.importorskip("saxonche", reason="saxonche (test extra) runs the XSLT2 Schematron")
    from schematron import validate

    text = TERMBASE.read_text(encoding="utf-8")
    broken = (text.replace(">preferredTerm-admn-sts<", ">bestTerm<", 1)
              .replace('type="partOfSpeech"', 'type="wordClass"', 1)
              .replace('<descrip type="subjectField">', '<descrip type="topic">', 1))
    bad = tmp_path / "bad.tbx"
    bad.write_text(broken, encoding="utf-8")
    patterns = {failure.pattern for failure in validate(shared / SCH, bad)}
    assert {"module.min.termNote", "dialectEnforcement"} <= patterns


def test_checks_the_schematron_skips_hold(tree) -> None:
    """SOURCES.md: the DCA Schematron never checks transaction values nor @target on typed elements."""
    root = tree.getroot()
    for transac in root.iterfind(".//t:transac[@type='transactionType']", NS):
        assert transac.text in ("origination", "modification"), transac.sourceline
    ids = {el.get("id") for el in root.iter() if el.get("id")}
    for el in root.iterfind(".//*[@target]"):
        target = el.get("target")
        assert re.match(r"https?://.+", target) or target in ids, el.sourceline


def test_root_declares_tbx_basic_dca_with_english_as_label_language(tree) -> None:
    root = tree.getroot()
    assert (root.tag, root.get("type"), root.get("style"), root.get(XML_LANG)) == (
        "{urn:iso:std:iso:30042:ed-2}tbx", "TBX-Basic", "dca", "en")


# --- content ---------------------------------------------------------------------------


def test_concept_ids_are_unique_slugs_in_sorted_order(tree) -> None:
    ids = [c.get("id") for c in concepts(tree)]
    assert len(ids) >= 30
    assert ids == sorted(set(ids))
    assert all(re.fullmatch(r"c-[a-z0-9]+(-[a-z0-9]+)*", i) for i in ids)


def test_language_sections_are_in_code_order_and_known(tree) -> None:
    for concept in concepts(tree):
        langs = [sec.get(XML_LANG) for sec in concept.findall("t:langSec", NS)]
        assert langs == sorted(set(langs)) and set(langs) <= set(LANGS), concept.get("id")


def test_every_term_has_type_status_and_part_of_speech(tree) -> None:
    for concept in concepts(tree):
        for ts in terms_of(concept):
            for kind in ("termType", "administrativeStatus", "partOfSpeech"):
                assert term_note(ts, kind), f"{concept.get('id')}: {term_text(ts)} lacks {kind}"


def test_slovenian_and_lithuanian_nouns_carry_gender(tree) -> None:
    for concept in concepts(tree):
        for lang in ("sl", "lt"):
            for ts in terms_of(concept, lang):
                if term_note(ts, "partOfSpeech") == "noun" and term_note(ts, "termType") != "acronym":
                    assert term_note(ts, "grammaticalGender"), f"{lang}: {term_text(ts)}"


def test_every_language_section_has_a_preferred_or_admitted_term(tree) -> None:
    for concept in concepts(tree):
        for sec in concept.findall("t:langSec", NS):
            kinds = {term_note(ts, "administrativeStatus") for ts in sec.findall("t:termSec", NS)}
            assert kinds & {"preferredTerm-admn-sts", "admittedTerm-admn-sts"}, concept.get("id")


def test_every_context_sentence_occurs_in_the_corpus_file_it_names(tree, corpus) -> None:
    contexts = tree.getroot().xpath(".//t:termSec/t:descripGrp[t:descrip/@type='context']", namespaces=NS)
    assert contexts
    for group in contexts:
        sentence = norm(group.findtext("t:descrip", namespaces=NS))
        source = group.findtext("t:admin[@type='source']", namespaces=NS)
        assert source in corpus, f"context source {source!r} is not a corpus file"
        assert sentence in corpus[source], f"not in {source}: {sentence[:80]}"


def test_terms_without_corpus_context_carry_a_source(tree) -> None:
    for concept in concepts(tree):
        for ts in terms_of(concept):
            if ts.find("t:descripGrp/t:descrip[@type='context']", NS) is None:
                source = ts.findtext("t:admin[@type='source']", namespaces=NS) or ""
                assert len(source.strip()) > 10, f"{concept.get('id')}: {term_text(ts)} has no source"


def test_definitions_name_their_source(tree) -> None:
    for group in tree.getroot().xpath(".//t:descripGrp[t:descrip/@type='definition']", namespaces=NS):
        assert (group.findtext("t:admin[@type='source']", namespaces=NS) or "").strip()


def test_must_have_concepts_are_present_by_english_term(tree) -> None:
    for text in MUST_HAVE:
        concept_with_en_term(tree, text)


@pytest.mark.parametrize("en_acronym, preferred, deprecated_in_sl", [
    ("ESF", {"en": "ESF", "sv": "ESF", "lt": "ESF", "sl": "ESS"}, "ESF"),
    ("ESF+", {"en": "ESF+", "sv": "ESF+", "lt": "ESF+", "sl": "ESS+"}, "ESF+"),
])
def test_esf_acronyms_differ_per_language(tree, en_acronym, preferred, deprecated_in_sl) -> None:
    concept = concept_with_en_term(tree, en_acronym)
    for lang, acronym in preferred.items():
        assert statuses(concept, lang).get(acronym) == "preferredTerm-admn-sts", (lang, acronym)
    assert statuses(concept, "sl")[deprecated_in_sl] == "deprecatedTerm-admn-sts"


def test_ess_is_only_slovenian(tree) -> None:
    for concept in concepts(tree):
        for lang in ("en", "sv", "lt"):
            assert not {"ESS", "ESS+"} & set(statuses(concept, lang)), concept.get("id")


def test_easi_acronym_keeps_each_language_spelling(tree) -> None:
    concept = concept_with_en_term(tree, "EaSI")
    assert statuses(concept, "sv").get("Easi") == "preferredTerm-admn-sts"
    for lang in ("en", "sl", "lt"):
        assert statuses(concept, lang).get("EaSI") == "preferredTerm-admn-sts"


# --- lookup gold set -------------------------------------------------------------------


def test_gold_set_has_the_four_columns_and_known_languages() -> None:
    rows = gold_rows()
    assert len(rows) >= 150
    assert list(rows[0]) == ["query", "lang", "concept_id", "note"]
    assert all(row["query"].strip() and row["lang"] in LANGS for row in rows)


def test_gold_queries_other_than_typos_occur_verbatim_in_the_corpora(corpus) -> None:
    texts = [text.lower() for text in corpus.values()]
    for row in gold_rows():
        if row["note"] == "typo":
            continue
        pattern = re.compile(r"(?<!\w)" + re.escape(norm(row["query"]).lower()) + r"(?!\w)")
        assert any(pattern.search(text) for text in texts), row["query"]


def test_gold_concepts_exist_in_the_termbase(tree) -> None:
    ids = {c.get("id") for c in concepts(tree)}
    missing = {row["concept_id"] for row in gold_rows()} - ids
    assert not missing


def test_gold_typos_are_one_or_two_edits_from_a_term_of_their_concept(tree) -> None:
    by_id = {c.get("id"): c for c in concepts(tree)}
    typos = [row for row in gold_rows() if row["note"] == "typo"]
    assert typos
    for row in typos:
        distances = [Levenshtein.distance(row["query"].lower(), term_text(ts).lower())
                     for ts in terms_of(by_id[row["concept_id"]])]
        assert 1 <= min(distances) <= 2, row["query"]


def test_every_concept_attested_in_the_corpora_has_gold_queries(tree) -> None:
    covered = {row["concept_id"] for row in gold_rows() if row["note"] != "typo"}
    for concept in concepts(tree):
        if concept.find(".//t:descrip[@type='context']", NS) is not None:
            assert concept.get("id") in covered, concept.get("id")
