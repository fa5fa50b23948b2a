"""TMX reading: encodings, the deprecated `lang`, code normalisation, inline codes, bad units."""

from __future__ import annotations

import tracemalloc
from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.tmx import TmxHeader, read_tmx, read_tmx_header, write_tmx
from esfterm.model import Unit, Variant

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


def test_utf16_file_with_lang_attribute_and_mixed_case_codes_is_read_and_normalised():
    units = list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))
    assert [u.langs for u in units] == [["sv-SE", "sl-SI"], ["sv", "sl", "lt-LT"], ["sv", "sl"]]
    assert read_tmx_header(FIXTURES / "utf16-lang-mixedcase-inline.tmx").srclang == "SV_se"


def test_inline_codes_are_kept_as_markup_and_left_out_of_plain_text():
    first = list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))[0]
    sv = first.variant("sv")
    assert sv.text == "Europeiska socialfonden stöder lokala partnerskap i Sverige."
    assert '<bpt i="1" x="1" type="bold">&lt;b&gt;</bpt>' in sv.markup


def test_highlighted_text_stays_in_plain_text_but_native_code_does_not():
    units = list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))
    assert units[2].text("sl") == "Projekt prejema podporo iz ESS+ & regije."
    assert units[1].text("lt") == "Paraiškas teikite iki 2024 m. kovo 15 d."


def test_whitespace_and_character_references_survive_verbatim():
    unit = list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))[1]
    assert unit.text("sv") == "  Ansök senast den 15 mars 2024.\t"


def test_unit_metadata_ids_and_report_refs_are_read():
    units = list(read_tmx(FIXTURES / "utf16-lang-mixedcase-inline.tmx"))
    first = units[0]
    assert first.id == "esf-1" and first.ref == "tuid esf-1"
    assert first.attrs == {"creationdate": "20240105T101500Z", "changeid": "anna"}
    assert first.props == [("x-document", "local-partnerships")]
    assert first.notes == ["checked by a reviewer"]
    assert first.variant("sl").attrs == {"creationid": "matej"}
    assert first.variant("sl").props == [("x-quality", "approved")]
    assert units[1].id is None and units[1].ref == "tu #2" and units[1].line is not None


def test_bad_units_are_reported_with_their_line_and_skipped():
    problems: list[InputError] = []
    units = list(read_tmx(FIXTURES / "bad-units.tmx", on_bad=problems.append))
    assert [u.id for u in units] == ["good-1", "good-2"]
    assert [p.line for p in problems] == [6, 7]
    assert "without <seg>" in str(problems[0]) and "language code" in str(problems[1])


def test_strict_reading_refuses_the_first_bad_unit():
    with pytest.raises(InputError, match=r"bad-units.tmx:6"):
        list(read_tmx(FIXTURES / "bad-units.tmx", strict=True))


@pytest.mark.parametrize("name", ["billion-laughs-xmlbomb.xml", "xxe-external-http-entity.xml",
                                  "empty-zero-bytes.tmx"])
def test_hostile_and_empty_files_are_refused(shared, name):
    with pytest.raises(InputError):
        list(read_tmx(shared / "interop-samples" / "hostile" / name))


def test_a_non_tmx_xml_file_is_refused(tmp_path):
    path = tmp_path / "other.xml"
    path.write_text("<root><tu/></root>", encoding="utf-8")
    with pytest.raises(InputError, match="not a TMX file"):
        list(read_tmx(path))


def _peak_reading(path: Path) -> int:
    tracemalloc.start()
    for _ in read_tmx(path):
        pass
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    return peak


def test_reading_memory_does_not_grow_with_the_file(tmp_path):
    def units(n):
        for i in range(n):
            yield Unit([Variant("sv", f"Mening nummer {i} om socialfonden."),
                        Variant("sl", f"Stavek številka {i} o socialnem skladu.")], id=str(i))

    write_tmx(tmp_path / "small.tmx", units(1000), TmxHeader(srclang="sv"))
    write_tmx(tmp_path / "large.tmx", units(10000), TmxHeader(srclang="sv"))
    assert _peak_reading(tmp_path / "large.tmx") < 2 * _peak_reading(tmp_path / "small.tmx")


def test_entity_text_in_comments_and_notes_is_text_not_a_declaration(tmp_path: Path) -> None:
    path = tmp_path / "notes.tmx"
    path.write_text('<?xml version="1.0"?>\n<!-- says <!ENTITY -->\n<tmx version="1.4"><header creationtool="x" '
                    'creationtoolversion="1" segtype="sentence" o-tmf="x" adminlang="en" srclang="en" '
                    'datatype="plaintext"/><body><tu><!-- <!ENTITY x "y"> --><note>&lt;!ENTITY</note>'
                    '<tuv xml:lang="en"><seg>a</seg></tuv><tuv xml:lang="sl"><seg>b</seg></tuv></tu></body></tmx>',
                    encoding="utf-8")
    [unit] = list(read_tmx(path))
    assert unit.notes == ["<!ENTITY"] and unit.text("sl") == "b"


def test_an_entity_declared_after_a_comment_in_the_dtd_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "declares.tmx"
    path.write_text('<?xml version="1.0"?>\n<!DOCTYPE tmx [\n<!-- c -->\n<!ENTITY a "b">\n]>\n<tmx/>', encoding="utf-8")
    with pytest.raises(InputError, match=r"declares.tmx:4: refused: the DTD declares entities"):
        list(read_tmx(path))
