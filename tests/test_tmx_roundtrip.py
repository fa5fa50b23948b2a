"""TMX -> model -> TMX keeps everything, for real tools' files and our own quirky fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from esfterm.formats.tmx import INLINE_ATTRS, TmxHeader, read_tmx, read_tmx_header, write_tmx
from esfterm.model import Note, Prop, Unit, Variant
from esfterm.tm import TranslationMemory, export_tm, import_files
from esfterm.xmlsafe import XML_LANG, safe_parser
from samples import TMX_SAMPLES

FIXTURES = Path(__file__).parent / "fixtures" / "tm"
SAMPLES = TMX_SAMPLES


def dtd_valid(path: Path, shared: Path) -> bool:
    dtd = etree.DTD(str(shared / "standards" / "tmx14.dtd"))
    return dtd.validate(etree.parse(str(path), safe_parser()))


def without_foreign_inline_attrs(units: list[Unit]) -> list[Unit]:
    """What the writer guarantees: inline-code attributes the DTD does not allow are dropped."""
    for unit in units:
        for v in unit.variants:
            if v.markup is not None:
                seg = etree.fromstring(f"<seg>{v.markup}</seg>".encode(), safe_parser())
                for el in seg.iter():
                    for name in [n for n in el.attrib if n not in INLINE_ATTRS.get(el.tag, el.attrib)]:
                        del el.attrib[name]
                text = etree.tostring(seg, encoding="unicode")
                v.markup = text[len("<seg>"):-len("</seg>")] if len(seg) or seg.text else v.markup
    return units


def roundtrip(source: Path, tmp_path: Path) -> tuple[list[Unit], list[Unit], Path]:
    before = list(read_tmx(source))
    out = tmp_path / "out.tmx"
    write_tmx(out, before, read_tmx_header(source))
    return before, list(read_tmx(out)), out


@pytest.mark.parametrize("name", SAMPLES)
def test_real_tool_files_round_trip_without_loss_and_validate(shared, tmp_path, name):
    before, after, out = roundtrip(shared / "interop-samples" / "tmx" / name, tmp_path)
    assert after == without_foreign_inline_attrs(before)
    assert dtd_valid(out, shared)


def test_heartsome_ph_id_is_the_only_thing_dropped(shared, tmp_path):
    before, after, _ = roundtrip(shared / "interop-samples" / "tmx" / SAMPLES[0], tmp_path)
    assert before[0].variants[0].markup.startswith('<ph id="1">')
    assert after[0].variants[0].markup.startswith("<ph>")
    assert after[0].variants[0].text == before[0].variants[0].text


def test_header_props_survive_including_the_trados_type2_quirk(shared, tmp_path):
    source = shared / "interop-samples" / "tmx" / SAMPLES[5]
    header = read_tmx_header(source)
    write_tmx(tmp_path / "out.tmx", read_tmx(source), header)
    again = read_tmx_header(tmp_path / "out.tmx")
    assert [k for k, _ in again.props] == ["RTFFontTable", "RTFStyleSheet"][:len(header.props)]
    assert again.props == header.props


def test_own_quirky_fixture_round_trips_and_validates(shared, tmp_path):
    before, after, out = roundtrip(FIXTURES / "utf16-lang-mixedcase-inline.tmx", tmp_path)
    assert after == before
    assert dtd_valid(out, shared)


def through_the_tm(source: Path, tmp_path: Path) -> Path:
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_files(tm, [source])
        export_tm(tm, tmp_path / "out.tmx")
    return tmp_path / "out.tmx"


@pytest.mark.parametrize("name", SAMPLES)
def test_real_tool_files_through_the_tm_and_back_keep_every_unit_variant_note_prop_and_comment(
        shared, tmp_path, name):
    source = shared / "interop-samples" / "tmx" / name
    out = through_the_tm(source, tmp_path)
    before, after = without_foreign_inline_attrs(list(read_tmx(source))), list(read_tmx(out))
    assert after == before  # ids, attributes, variants, texts, codes, notes, props and comments
    header, again = read_tmx_header(source), read_tmx_header(out)
    assert (again.props, again.notes, again.creationtool, again.o_tmf) == \
        (header.props, header.notes, header.creationtool, header.o_tmf)
    assert dtd_valid(out, shared)


def test_xml_comments_and_note_and_prop_attributes_survive_the_tm(shared, tmp_path):
    out = through_the_tm(FIXTURES.parent / "formats" / "notes-props-attrs-comments.tmx", tmp_path)
    first, second = read_tmx(out)
    assert first.comments == [" section: local partnerships ", " checked against the Slovenian page "]
    assert second.comments == [" end of the partnership units "]
    assert first.notes == [Note("opomba v slovenščini", {XML_LANG: "sl"}), "plain note"]
    assert first.props == [Prop("x-domain", "ESF+", {"o-encoding": "iso-8859-2"}), ("x-topic", "local partnerships")]
    assert first.variants[0].comments == [" source sentence "]
    assert first.variants[0].props == [Prop("x-file", "lokala-partnerskap.sv.txt", {XML_LANG: "sv"})]
    assert first.variants[1].notes == [Note("reviewed", {XML_LANG: "en"})]
    header = read_tmx_header(out)
    assert header.props == [Prop("x-client", "Svenska ESF-rådet", {XML_LANG: "sv", "o-encoding": "iso-8859-1"})]
    assert header.notes == [Note("header note in English", {XML_LANG: "en"})]
    assert dtd_valid(out, shared)


def test_a_note_with_attributes_is_not_equal_to_the_bare_text():
    assert Note("x", {XML_LANG: "sv"}) != "x" and Note("x") == "x" and "x" == Note("x")
    assert Prop("t", "v", {"o-encoding": "utf-8"}) != ("t", "v") and Prop("t", "v") == ("t", "v")
    assert Note("t") != Prop("t", "v") and {Note("x"): 1}[Note("x")] == 1


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"), max_size=40)
meta_attrs = st.dictionaries(st.sampled_from([XML_LANG, "o-encoding"]), st.sampled_from(["sv", "utf-8", "sl"]),
                             max_size=2)
notes = st.lists(st.builds(Note, texts, meta_attrs), max_size=2)
comments = st.lists(texts.filter(lambda t: "--" not in t and not t.endswith("-")), max_size=2)


def props(kinds: list[str]):
    return st.lists(st.builds(Prop, st.sampled_from(kinds), texts, meta_attrs), max_size=2)


variants = st.builds(Variant, lang=st.sampled_from(["sv", "sl", "lt", "en-GB", "pt-BR"]), text=texts,
                     attrs=st.dictionaries(st.sampled_from(["creationid", "changedate"]), texts, max_size=2),
                     props=props(["x-a", "x-b"]), notes=notes, comments=comments)
units = st.builds(Unit, variants=st.lists(variants, min_size=1, max_size=3),
                  id=st.one_of(st.none(), texts.filter(bool)), props=props(["x-document", "x-note"]),
                  notes=notes, comments=comments)


@settings(max_examples=40, deadline=None)
@given(st.lists(units, max_size=4))
def test_any_units_round_trip_through_tmx(tmp_path_factory, generated):
    path = tmp_path_factory.mktemp("rt") / "p.tmx"
    write_tmx(path, generated, TmxHeader())
    assert list(read_tmx(path)) == generated
