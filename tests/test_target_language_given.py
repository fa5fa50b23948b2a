"""--tgt against the target language a file names: the option wins, and the file is named.

A user who runs `check locale/lt/.../django.po --tgt sl` or checks an lt XLIFF as fr must be
told, not handed a clean report or a whole file of `untranslated`."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import jsonschema
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.formats.detect import read_units
from esfterm.qa import check_files
from esfterm.tm import TranslationMemory, import_files

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures"
REAL = FIXTURES / "check" / "real-shaped"
PO2XLIFF = FIXTURES / "formats" / "po2xliff-with-header.xlf"  # written by translate-toolkit 3.20 po2xliff
SCHEMA = json.loads((ROOT / "docs" / "check-report.schema.json").read_text(encoding="utf-8"))


def test_the_po_header_that_po2xliff_carries_over_is_no_unit():
    units = list(read_units(PO2XLIFF))
    assert [u.text("en-US") for u in units] == ["European Social Fund", "Local partnerships"]
    assert {u.langs[1] for u in units} == {"lt"}


def test_an_lt_xliff_checked_as_fr_is_checked_as_fr_and_named():
    report = check_files([PO2XLIFF], src="en", tgt="fr")
    assert report.warnings == [f"{PO2XLIFF}: the file names lt as its target language; read as fr, as --tgt says"]
    assert not [f for f in report.findings if f.check == "untranslated"]
    assert {s.tgt for s in report.segments} == {"fr"}


def test_a_file_in_the_given_language_gives_no_warning_even_with_a_region():
    po = REAL / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    assert check_files([po], tgt="lt").warnings == []
    assert check_files([po], tgt="lt-LT").warnings == []
    assert check_files([po]).warnings == []


def test_a_po_whose_header_names_another_language_is_named_once(tmp_path):
    po = REAL / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    report = check_files([po], tgt="sl")
    assert len(report.warnings) == 1 and report.warnings[0].startswith(f"{po}: the file names lt")
    assert {s.tgt for s in report.segments} == {"sl"}


def test_a_tsv_whose_header_row_names_another_language_is_named(tmp_path):
    tsv = tmp_path / "pairs.tsv"
    tsv.write_text("sv\tsl\nEuropeiska socialfonden\tEvropski socialni sklad\n", encoding="utf-8")
    report = check_files([tsv], tgt="lt")
    assert report.warnings == [f"{tsv}: the file names sl as its target language; read as lt, as --tgt says"]


def test_a_tmx_without_the_given_language_is_named(tmp_path):
    tmx = REAL / "three-languages.tmx"
    langs = {v.lang for u in read_units(tmx) for v in u.variants}
    assert "fr" not in langs
    report = check_files([tmx], tgt="fr")
    assert len(report.warnings) == 1 and "no unit has a fr text" in report.warnings[0]
    assert check_files([tmx], tgt=sorted(langs)[-1]).warnings == []


def test_the_cli_says_it_on_stderr_and_the_json_report_carries_it():
    result = CliRunner().invoke(main, ["check", str(PO2XLIFF), "--src", "en", "--tgt", "fr",
                                           "--format", "json"])
    assert result.exit_code == 0, result.output
    assert f"esfterm: warning: {PO2XLIFF}: the file names lt" in result.stderr
    report = json.loads(result.stdout)
    jsonschema.validate(report, SCHEMA)
    assert len(report["warnings"]) == 1


def test_tm_import_files_the_units_under_the_given_language_and_says_so(tmp_path):
    po = tmp_path / "locale" / "lt" / "LC_MESSAGES" / "django.po"
    po.parent.mkdir(parents=True)
    shutil.copy(REAL / "locale" / "lt" / "LC_MESSAGES" / "django.po", po)
    said: list[str] = []
    with TranslationMemory(tmp_path / "tm.sqlite") as tm:
        stats = import_files(tm, [po, PO2XLIFF], src_lang="en", tgt_lang="sl", on_warning=said.append)
        assert {v.lang for u in tm.iter_units() for v in u.variants[1:]} == {"sl"}
    assert [m.split(":")[0] for m in said] == [str(po), str(PO2XLIFF)]
    assert said == [m for m in stats.problems if "as its target language" in m]


def test_a_library_warning_reaches_the_command_line_as_an_esfterm_warning():
    # terms extract reads files through read_units, whose warnings are logged
    result = CliRunner().invoke(main, ["terms", "extract", str(PO2XLIFF), "--src", "en", "--tgt", "sl"])
    assert result.exit_code == 0, result.output
    assert f"esfterm: warning: {PO2XLIFF}: the file names lt as its target language; read as sl" in result.stderr
