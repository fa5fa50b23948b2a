"""Property: any termbase the model can hold survives model -> TBX -> model unchanged (v3 and v2)."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from esfterm.formats.tbx import tbx_bytes
from esfterm.formats.tbx_read import TbxReader, squeeze, to_extra
from esfterm.model import STATUSES, TERM_TYPES, Concept, LangSection, Sourced, Term, Termbase

#: Printable text from many scripts (what XML 1.0 can carry), folded as the reader folds it.
TEXT = st.text(st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40) \
    .map(squeeze).filter(bool)
OPTIONAL = st.none() | TEXT
LANGS = st.sampled_from(["en", "sv", "sl", "lt", "hr", "en-GB", "pt-BR"])
KEPT = st.sampled_from([
    '<transacGrp><transac type="transactionType">origination</transac><date>2024-01-15</date></transacGrp>',
    '<xref type="externalCrossReference" target="https://example.org/a">link</xref>',
    '<admin type="customerSubset">ESF</admin>',
    '<descrip type="reliabilityCode">3</descrip>',
]).map(lambda xml: to_extra(etree.fromstring(xml)))
TERM_KEPT = st.sampled_from(['<termNote type="geographicalUsage">SI</termNote>',
                             '<admin type="projectSubset">esfterm</admin>']).map(lambda x: to_extra(etree.fromstring(x)))
SOURCED = st.builds(Sourced, TEXT, OPTIONAL)


@st.composite
def terms(draw, lang: str) -> Term:
    return Term(text=draw(TEXT), lang=lang, term_type=draw(st.none() | st.sampled_from(TERM_TYPES)),
                status=draw(st.none() | st.sampled_from(STATUSES)),
                part_of_speech=draw(st.none() | st.sampled_from(["noun", "verb", "adjective"])),
                grammatical_gender=draw(st.none() | st.sampled_from(["masculine", "feminine", "neuter"])),
                grammatical_number=draw(st.none() | st.sampled_from(["singular", "plural"])),
                contexts=draw(st.lists(SOURCED, max_size=2)), notes=draw(st.lists(TEXT, max_size=2)),
                sources=draw(st.lists(TEXT, max_size=1)),
                # TBX puts every termNote before the other term data, so kept ones come first
                extra=sorted(draw(st.lists(TERM_KEPT, max_size=2)), key=lambda e: e.kind != "termNote"))


@st.composite
def sections(draw) -> LangSection:
    lang = draw(LANGS)
    return LangSection(lang=lang, terms=draw(st.lists(terms(lang), min_size=1, max_size=3)),
                       definitions=draw(st.lists(SOURCED, max_size=2)), notes=draw(st.lists(TEXT, max_size=1)),
                       sources=draw(st.lists(TEXT, max_size=1)), extra=draw(st.lists(KEPT, max_size=1)))


@st.composite
def termbases(draw) -> Termbase:
    n = draw(st.integers(min_value=1, max_value=4))
    concepts = [Concept(id=f"c-{i}", subject_field=draw(OPTIONAL), languages=draw(st.lists(sections(), min_size=1,
                                                                                                 max_size=3)),
                        definitions=draw(st.lists(SOURCED, max_size=1)), notes=draw(st.lists(TEXT, max_size=2)),
                        sources=draw(st.lists(TEXT, max_size=1)), extra=draw(st.lists(KEPT, max_size=2)))
                for i in range(n)]
    return Termbase(concepts=concepts, title=draw(OPTIONAL), source_desc=draw(st.lists(TEXT, min_size=1, max_size=2)),
                    publication=draw(st.lists(TEXT, max_size=2)))


def read_back(data: bytes) -> Termbase:
    return TbxReader("<round trip>").termbase(etree.fromstring(data))


@settings(max_examples=80, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(termbases())
def test_model_to_tbx_v3_to_model_is_identity(tb: Termbase) -> None:
    assert read_back(tbx_bytes(tb, version=3)) == tb


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(termbases())
def test_model_to_tbx_v2_to_model_keeps_every_concept(tb: Termbase) -> None:
    back = read_back(tbx_bytes(tb, version=2))
    assert back.concepts == tb.concepts and back.title == tb.title and back.source_desc == tb.source_desc
