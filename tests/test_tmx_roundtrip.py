"""TMX -> model -> TMX keeps everything, for real tools' files and our own quirky fixtures."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from esfterm.formats.tmx import INLINE_ATTRS, TmxHeader, read_tmx, read_tmx_header, write_tmx
from esfterm.model import Unit, Variant
from esfterm.xmlsafe import safe_parser
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


texts = st.text(st.characters(blacklist_categories=("Cs", "Cc"), blacklist_characters="\r"), max_size=40)
variants = st.builds(Variant, lang=st.sampled_from(["sv", "sl", "lt", "en-GB", "pt-BR"]), text=texts,
                     attrs=st.dictionaries(st.sampled_from(["creationid", "changedate"]), texts, max_size=2),
                     props=st.lists(st.tuples(st.sampled_from(["x-a", "x-b"]), texts), max_size=2),
                     notes=st.lists(texts, max_size=2))
units = st.builds(Unit, variants=st.lists(variants, min_size=1, max_size=3),
                  id=st.one_of(st.none(), texts.filter(bool)),
                  props=st.lists(st.tuples(st.sampled_from(["x-document", "x-note"]), texts), max_size=2),
                  notes=st.lists(texts, max_size=2))


@settings(max_examples=40, deadline=None)
@given(st.lists(units, max_size=4))
def test_any_units_round_trip_through_tmx(tmp_path_factory, generated):
    path = tmp_path_factory.mktemp("rt") / "p.tmx"
    write_tmx(path, generated, TmxHeader())
    assert list(read_tmx(path)) == generated
