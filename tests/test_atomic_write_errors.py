"""Writing fails cleanly: the error names the user's file (never the hidden temp file), and
nothing half-written or temporary is left behind."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.fileio import write_text_atomic
from esfterm.formats.tmx import write_tmx
from esfterm.formats.xliff_write import write_xliff
from esfterm.model import Unit, Variant


def test_a_directory_as_output_is_refused_naming_it(tmp_path):
    with pytest.raises(InputError, match=f"^{tmp_path}: is a directory, expected a file to write$"):
        write_text_atomic(tmp_path, "x")


def test_a_file_where_a_folder_should_be_is_named(tmp_path):
    (tmp_path / "notes").write_text("x", encoding="utf-8")
    with pytest.raises(InputError, match=f"{tmp_path / 'notes' / 'out.po'}: cannot write: "
                                         f"{tmp_path / 'notes'} is not a folder"):
        write_text_atomic(tmp_path / "notes" / "out.po", "x")


def test_a_device_is_written_directly_not_replaced(tmp_path):
    write_text_atomic("/dev/null", "x")
    assert not Path("/dev/null").is_file()


@pytest.mark.parametrize("write, args", [(write_tmx, ()), (write_xliff, ("sv", "sl"))])
def test_a_unit_xml_cannot_hold_names_the_output_and_leaves_nothing(tmp_path, write, args):
    out = tmp_path / "out.xml"
    out.write_text("the previous export", encoding="utf-8")
    units = [Unit([Variant("sv", "ok"), Variant("sl", "ok")], "1"),
             Unit([Variant("sv", "a\x01b"), Variant("sl", "c")], "2")]
    with pytest.raises(InputError, match=f"^{out}: unit 2: cannot be written as XML"):
        write(out, units, *args)
    assert out.read_text(encoding="utf-8") == "the previous export"
    assert [p.name for p in tmp_path.iterdir()] == ["out.xml"]
