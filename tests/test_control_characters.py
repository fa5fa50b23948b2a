"""NUL and other characters XML cannot hold: cleaned (and said so) or refused at import; a TM
that already holds one still exports, leaving that unit out with a report."""

from __future__ import annotations

import shutil
import subprocess

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.errors import InputError
from esfterm.formats.po import read_po
from esfterm.formats.tmx import read_tmx
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory, export_tm, import_files
from esfterm.tm.controlchars import clean_unit, problems

BAD_TSV = "Hej\x00 du\tZdravo\nRad ett\x0btvå\tVrstica\x01 dva\nRent\tČisto\n"
BAD_PO = ('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n"Language: sl\\n"\n\n'
          'msgid "Hej"\nmsgstr "Zdr\x00avo"\n\nmsgid "Rent"\nmsgstr "Čisto"\n')


@pytest.fixture
def tm(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        yield memory


def test_a_tsv_import_removes_control_characters_and_says_where(tm, tmp_path):
    path = tmp_path / "bad.tsv"
    path.write_text(BAD_TSV, encoding="utf-8")
    told = []
    stats = import_files(tm, [path], src_lang="sv", tgt_lang="sl", on_clean=told.append)
    assert (stats.added, stats.cleaned) == (3, 2)
    assert told == [f"{path}:1: removed control character U+0000 in the sv text",
                    f"{path}:2: removed control character U+000B in the sv text; U+0001 in the sl text"]
    texts = [(u.text("sv"), u.text("sl")) for u in tm.iter_units()]
    assert texts == [("Hej du", "Zdravo"), ("Rad ett\ntvå", "Vrstica dva"), ("Rent", "Čisto")]


def test_a_strict_import_refuses_the_file_and_changes_nothing(tm, tmp_path):
    path = tmp_path / "bad.po"
    path.write_text(BAD_PO, encoding="utf-8")
    with pytest.raises(InputError, match=r"bad.po:6: control character U\+0000 in the sl text"):
        import_files(tm, [path], src_lang="sv", strict=True)
    assert len(tm) == 0


def test_the_command_line_reports_cleaned_units(tmp_path):
    path = tmp_path / "bad.po"
    path.write_text(BAD_PO, encoding="utf-8")
    result = CliRunner().invoke(main, ["tm", "import", str(path), "--src", "sv", "--tm", str(tmp_path / "t.sqlite")])
    assert result.exit_code == 0, result.output
    assert "bad.po:6: removed control character U+0000 in the sl text" in result.output
    assert "1 cleaned of control characters" in result.output


def stored_with_a_nul(tm: TranslationMemory) -> None:
    """A TM filled before imports cleaned text (the store itself takes what it is given)."""
    tm.import_units([Unit([Variant("sv", "Hej"), Variant("sl", "Zdr\x00avo")], id="old-1"),
                     Unit([Variant("sv", "Rent"), Variant("sl", "Čisto")], id="old-2")], origin="legacy.po")


@pytest.mark.parametrize("fmt", ["tmx", "po", "tsv", "xliff"])
def test_export_leaves_out_a_unit_xml_cannot_hold_and_reports_it(tm, tmp_path, fmt):
    stored_with_a_nul(tm)
    out = tmp_path / f"out.{fmt}"
    report = export_tm(tm, out, fmt=fmt, src="sv", tgt="sl")
    assert report.written == 1
    left_out = [note for note in report.notes if "left out" in note]
    assert len(left_out) == 1 and "U+0000 in the sl text" in left_out[0]
    assert "\x00" not in out.read_text(encoding="utf-8")
    if fmt == "tmx":
        assert [u.id for u in read_tmx(out)] == ["old-2"]
    if fmt == "po":
        assert [u.text("sl") for u in read_po(out)] == ["Čisto"]
        if shutil.which("msgfmt"):
            assert subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(out)]).returncode == 0


def test_the_export_command_still_succeeds_and_names_what_it_left_out(tmp_path):
    path = tmp_path / "tm.sqlite"
    with TranslationMemory(path) as memory:
        stored_with_a_nul(memory)
    result = CliRunner().invoke(main, ["tm", "export", "-o", str(tmp_path / "out.tmx"), "--tm", str(path)])
    assert result.exit_code == 0, result.output
    assert "1 units written (tmx)" in result.output
    assert "left out, control character U+0000 in the sl text" in result.output


def test_notes_props_and_ids_are_cleaned_too():
    unit = Unit([Variant("sv", "a", notes=["n\x02"], props=[("x-k", "v\x1f")])], id="i\x00d",
                notes=["unit \x07note"], props=[("x-p", "\x08v")], attrs={"changeid": "me\x0c"})
    assert len(problems(unit)) == 6
    clean_unit(unit)
    assert problems(unit) == []
    assert (unit.id, unit.notes, unit.props, unit.attrs["changeid"]) == ("id", ["unit note"], [("x-p", "v")], "me\n")
    assert (unit.variants[0].notes, unit.variants[0].props) == (["n"], [("x-k", "v")])
