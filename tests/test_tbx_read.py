"""Reading TBX v3 and v2 into the concept model: fields, kept unknown categories, clean errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.tbx import read_tbx
from esfterm.formats.tbx_basic import drop_non_basic, non_basic_categories

FIXTURES = Path(__file__).resolve().parent / "fixtures" / "terms"
REPO = Path(__file__).resolve().parents[1]


def test_v3_basic_fields_are_read_into_the_model(shared: Path) -> None:
    tb = read_tbx(shared / "standards" / "Example_Astronomy_DCA_VALID.tbx")
    assert tb.dialect == "TBX-Basic" and tb.lang == "en"
    c1 = tb.concept("c1")
    assert c1.subject_field == "General"
    preferred, superseded = c1.terms("en")
    assert (preferred.text, preferred.status, preferred.part_of_speech) == ("open cluster", "preferred", "noun")
    assert superseded.status == "superseded"
    assert preferred.contexts[0].source == "http://seds.org/MESSIER/open.html"
    assert preferred.contexts[0].text.startswith("Over 1100 open clusters are known in our Milky Way Galaxy")
    assert c1.definition("en").source == "Oxford2007"
    kinds = [e.kind for e in c1.extra]
    assert kinds.count("transacGrp") == 2 and "xref" in kinds


def test_pretty_printing_whitespace_inside_text_is_folded(shared: Path) -> None:
    tb = read_tbx(shared / "standards" / "Example_Astronomy_DCA_VALID.tbx")
    definition = tb.concept("c1").definition("en").text
    assert definition == "A group of stars formed together in the spiral arms of a galaxy."


def test_v2_martif_with_ntig_and_unknown_categories_is_read_and_kept(shared: Path) -> None:
    tb = read_tbx(shared / "interop-samples" / "tbx" / "ibm-sample-tbx2-martif-ntig-admin.tbx")
    assert len(tb) == 5 and tb.title == "IBM Data"
    c1 = tb.concept("c1")
    assert [t.text for t in c1.terms("en")] == ["navigation trail", "branch"]
    assert c1.terms("fr")[0].part_of_speech == "nom"
    assert c1.terms("en")[0].contexts[0].text.startswith("The trail at the top")
    kept = {(e.kind, e.type) for e in c1.extra}
    assert ("descrip", "relatedConcept") in kept and ("descrip", "relatedConceptBroader") in kept
    assert non_basic_categories(tb)["admin/productSubset"] == 9


def test_tbx_min_usage_status_and_bom_are_understood(shared: Path) -> None:
    tb = read_tbx(shared / "interop-samples" / "tbx" / "tbx3-min-dca-bom.tbx")
    statuses = [t.status for t in tb.concept("c1").terms("en")]
    assert statuses == ["preferred", "deprecated"]
    assert tb.dialect == "TBX-Min"


def test_iate_like_export_keeps_reliability_codes_and_unmapped_statuses() -> None:
    tb = read_tbx(FIXTURES / "foreign-v2-iate-like.tbx")
    esf = tb.concept("fixture-1")
    ess = esf.terms("sl")[1]
    assert ess.term_type == "abbreviation" and ess.is_acronym
    assert [(e.kind, e.type, e.text) for e in ess.extra] == [("descrip", "reliabilityCode", "3")]
    assert esf.terms("hr")[0].grammatical_number == "singular"
    assert [e.kind for e in esf.extra] == ["descripGrp"], "a subjectField in a descripGrp is kept as found"
    procurement = tb.concept("fixture-2").terms("en")[0]
    assert procurement.status is None
    assert procurement.extra[0].text == "standardizedTerm-admn-sts"
    counts = non_basic_categories(tb)
    assert counts["descrip/reliabilityCode"] == 3 and counts["termNote/grammaticalNumber"] == 1


def test_drop_non_basic_leaves_only_what_tbx_basic_allows() -> None:
    tb = read_tbx(FIXTURES / "foreign-v2-iate-like.tbx")
    assert drop_non_basic(tb) == 4
    assert not non_basic_categories(tb)
    assert tb.concept("fixture-2").terms("en")[0].extra, "a Basic category with an odd value stays"


def test_dct_style_elements_are_kept_not_dropped() -> None:
    tb = read_tbx(FIXTURES / "dct-style.tbx")
    extra = tb.concept("c1").terms("en")[0].extra
    assert extra[0].kind == "partOfSpeech" and "http://www.tbxinfo.net/ns/min" in extra[0].xml


def test_inline_markup_in_a_definition_is_kept_as_markup() -> None:
    tb = read_tbx(FIXTURES / "markup-and-kept.tbx")
    definition = tb.concept("c-esf").definition("en")
    assert definition.text == "The main EU fund for employment."
    assert definition.markup == 'The <hi type="italics">main</hi> EU fund for employment.'


def test_malformed_xml_is_an_input_error_with_line() -> None:
    with pytest.raises(InputError) as err:
        read_tbx(FIXTURES / "malformed.tbx")
    assert err.value.line == 5 and "malformed XML" in str(err.value)


@pytest.mark.parametrize("content, message", [
    ('<tmx version="1.4"><header/><body/></tmx>', "not a TBX file"),
    ('<tbx xmlns="urn:iso:std:iso:30042:ed-2" type="TBX-Basic" style="dca" xml:lang="en"><text><body>'
     '<conceptEntry id="a"><langSec><termSec><term>x</term></termSec></langSec></conceptEntry>'
     '</body></text></tbx>', "has no xml:lang"),
    ('<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"/><termEntry id="a"/></body></text></martif>',
     "duplicate concept id"),
    ('<martif type="TBX" xml:lang="en"><text><body><termEntry id="a"><langSet xml:lang="en"><tig>'
     '<termNote type="x">y</termNote></tig></langSet></termEntry></body></text></martif>', "does not start with <term>"),
    ('<!DOCTYPE martif [<!ENTITY x "boom">]><martif xml:lang="en">&x;</martif>', "entities"),
])
def test_unusable_files_are_refused_with_a_clear_message(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.tbx"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_tbx(path)
    assert str(path) in str(err.value)


def test_the_shipped_termbase_reads_without_kept_extras() -> None:
    tb = read_tbx(REPO / "termbase" / "esf.tbx")
    assert len(tb) >= 30
    assert not non_basic_categories(tb)
    esf = tb.concept("c-european-social-fund")
    assert {t.text: t.status for t in esf.terms("sl") if t.is_acronym} == {"ESS": "preferred", "ESF": "deprecated"}
