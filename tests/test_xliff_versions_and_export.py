"""XLIFF 1.0 and 1.1 read like 1.2; `tm export --format xliff` writes XLIFF 1.2 that
translate-toolkit loads with every finished unit counted as translated."""

from __future__ import annotations

from pathlib import Path

import pytest
from translate.storage import xliff as tt_xliff

from esfterm.errors import InputError
from esfterm.formats.xliff import read_xliff
from esfterm.formats.xliff_write import write_xliff
from esfterm.model import Note, Unit, Variant
from esfterm.tm import TranslationMemory, export_tm, import_files

FIXTURES = Path(__file__).parent / "fixtures"


def test_xliff_10_without_a_namespace_reads_like_12():
    units = list(read_xliff(FIXTURES / "formats" / "xliff10-no-namespace.xlf"))
    assert [(u.id, u.langs, u.text("sv"), u.text("sl")) for u in units] == [
        ("101", ["sv", "sl"], "Stöd till lokala partnerskap", "Podpora lokalnim partnerstvom"),
        ("102", ["sv", "sl"], "Ansök nu", "Prijavite se zdaj")]
    assert units[0].props == [("x-original", "strings.rc"), ("x-resname", "IDS_TITLE"), ("x-state", "translated")]
    assert units[0].notes == ["dialog title"]
    assert units[1].variants[1].markup == 'Prijavite se <bpt i="1" x="1">&lt;b&gt;</bpt>zdaj<ept i="1">&lt;/b&gt;</ept>'


def test_xliff_11_from_translate_toolkit_reads_like_12():
    units = list(read_xliff(FIXTURES / "formats" / "xliff11-translate-toolkit.xlf"))
    assert [(u.id, u.text("en-US"), u.text("lt"), u.prop("x-state")) for u in units] == [
        ("1", "European Social Fund", "Europos socialinis fondas", "translated"),
        ("2", "Social innovation", "Socialinės inovacijos", "needs-review-translation")]
    assert units[1].variants[0].markup == ('Social <bpt i="1" x="g1" type="x-html-em"/>innovation'
                                           '<ept i="1"/>')


def test_an_unknown_xliff_namespace_is_still_refused(tmp_path):
    path = tmp_path / "x.xlf"
    path.write_text('<xliff version="1.2" xmlns="urn:example:not-xliff"><file/></xliff>', encoding="utf-8")
    with pytest.raises(InputError, match="x.xlf: unsupported XLIFF namespace 'urn:example:not-xliff'"):
        list(read_xliff(path))


def tt_units(path: Path) -> list:
    store = tt_xliff.xlifffile.parsefile(str(path))
    return [u for u in store.units if not u.isheader()]


SOURCES = [("tm/sv-sl.po", "fixtures", ("sv", "sl")), ("formats/xliff10-no-namespace.xlf", "fixtures", ("sv", "sl")),
           ("tm/utf16-lang-mixedcase-inline.tmx", "fixtures", ("sv", "lt")),
           ("tmx/lisa-kit-ImportTest2A-utf16le-bpt-ept-it-ph-hi.tmx", "shared", ("en-US", "fr-CA")),
           ("tmx/trados-tw4win-ed7-utf16le-rtf-header-props.tmx", "shared", ("en-US", "fr-FR")),
           ("tmx/omegat-6.1-project_save-tuv-attrs-comments.tmx", "shared", ("en", "fr")),
           ("xliff/openxliff-xliff20-state-final-skeleton-mda.xlf", "shared", ("en", "es")),
           ("xliff/trados-studio-sdlxliff-seg-defs-conf-locked.sdlxliff", "shared", ("en-US", "fr-FR"))]


@pytest.mark.parametrize("relative, where, pair", SOURCES, ids=[s[0] for s in SOURCES])
def test_exported_xliff_loads_in_translate_toolkit_with_every_unit_translated(request, tmp_path, relative,
                                                                               where, pair):
    source = (request.getfixturevalue("shared") / "interop-samples" if where == "shared" else FIXTURES) / relative
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_files(tm, [source])
        written = export_tm(tm, tmp_path / "out.xlf", fmt="xliff", src=pair[0], tgt=pair[1]).written
        stored = list(tm.iter_units(*pair))
    units = tt_units(tmp_path / "out.xlf")
    assert written == len(units) == len(stored) > 0
    assert all(u.istranslated() for u in units)
    for loaded, unit in zip(units, stored):
        if unit.variants[0].markup is None and unit.variants[1].markup is None:
            assert (loaded.source, loaded.target) == (unit.variants[0].text, unit.variants[1].text)


def test_tm_to_xliff_and_back_keeps_ids_texts_codes_notes_and_props(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        import_files(tm, [FIXTURES / "tm" / "sv-sl.po", FIXTURES / "tm" / "utf16-lang-mixedcase-inline.tmx"])
        export_tm(tm, tmp_path / "out.xlf", fmt="xliff", src="sv", tgt="sl")
        stored = list(tm.iter_units("sv", "sl"))
    back = list(read_xliff(tmp_path / "out.xlf"))
    added = {"x-original", "x-state"}  # what the reader adds: the <file original> and the state
    assert [(u.id, [(v.text, v.markup) for v in u.variants], u.notes,
             [p for p in u.props if p[0] not in added]) for u in back] == \
        [(u.id or f"u{n}", [(v.text, v.markup) for v in u.variants], u.notes, u.props)
         for n, u in enumerate(stored, 1)]
    assert {tuple(u.langs) for u in back} == {("sv", "sl")}  # one pair per <file>: sv-SE is written as sv


def test_drafts_are_written_unapproved_so_tools_do_not_count_them_translated(tmp_path):
    units = [Unit([Variant("sv", "Klar"), Variant("sl", "Končano")], "a", props=[("x-state", "final")]),
             Unit([Variant("sv", "Utkast"), Variant("sl", "Osnutek")], "b", props=[("x-state", "needs-translation")]),
             Unit([Variant("sv", "Memo"), Variant("sl", "Beležka")], "a", notes=[Note("obs", {
                 "{http://www.w3.org/XML/1998/namespace}lang": "sv"})])]
    assert write_xliff(tmp_path / "out.xlf", units, "sv", "sl") == 3
    loaded = tt_units(tmp_path / "out.xlf")
    assert [(u.xmlelement.get("id"), u.istranslated()) for u in loaded] == [("a", True), ("b", False), ("u3", True)]
    back = list(read_xliff(tmp_path / "out.xlf"))
    assert [u.prop("x-state") for u in back] == ["final", "needs-translation", "translated"]
    assert back[2].notes == [Note("obs", {"{http://www.w3.org/XML/1998/namespace}lang": "sv"})]


def test_an_xliff_target_language_the_file_leaves_out_comes_from_tgt_else_the_path(tmp_path):
    (tmp_path / "sl.lproj").mkdir()
    path = tmp_path / "sl.lproj" / "strings.xlf"
    path.write_text('<xliff version="1.1" xmlns="urn:oasis:names:tc:xliff:document:1.1"><file original="a" '
                    'source-language="sv"><body><trans-unit id="1"><source>Hej</source><target>Živijo</target>'
                    '</trans-unit></body></file></xliff>', encoding="utf-8")
    assert [u.langs for u in read_xliff(path)] == [["sv", "sl"]]
    assert [u.langs for u in read_xliff(path, tgt_lang="hr")] == [["sv", "hr"]]
    nameless = tmp_path / "strings.xlf"
    nameless.write_text(path.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(InputError, match=r"strings.xlf:1: the XLIFF file does not say its target language "
                                         r"\(give it with --tgt\)"):
        list(read_xliff(nameless))
