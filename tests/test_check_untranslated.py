"""The `untranslated` check in every input format: PO, XLIFF 1.2/2.0, TSV/CSV (TMX: test_check_cli).

Each half-done fixture has translated units (never reported) and untranslated ones (each reported
once, by its unit id); TM import keeps leaving the untranslated units out.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.formats.detect import read_units
from esfterm.qa import check_files, read_segments
from esfterm.tm import TranslationMemory, import_files

FIXTURES = Path(__file__).parent / "fixtures" / "check"
TB = FIXTURES / "esf-subset.tbx"

#: Every fixture, with the unit ids that are untranslated in it and its translated unit count.
HALF_DONE = {
    "half-done.po": (["heading::Social innovation och samarbete över gränserna", "%d deltagare"], 1),
    "half-done-12.xlf": (["t2", "t3"], 1),
    "half-done-20.xlf": (["u2", "u3#s2"], 2),
    "half-done.tsv": (["3", "4"], 1),
    "half-done.csv": (["3"], 1),
}


@pytest.mark.parametrize("name", HALF_DONE)
def test_exactly_the_untranslated_units_are_reported_by_their_unit_id(name):
    untranslated, translated = HALF_DONE[name]
    report = check_files([FIXTURES / name], src="sv", tgt="sl", termbase=TB)
    assert [(f.check, f.unit) for f in report.findings] == [("untranslated", u) for u in untranslated]
    assert all(f.message == "target is empty" and f.target == "" for f in report.findings)
    assert len(report.segments) == len(untranslated) + translated
    assert report.skipped == []


def test_po_untranslated_plural_counts_once_and_obsolete_entries_are_never_checked():
    segments = read_segments([FIXTURES / "half-done.po"], "sv", "sl")
    assert [s.source for s in segments] == ["ESF stöder lokala partnerskap.",
                                            "Social innovation och samarbete över gränserna",
                                            "%d deltagare"]


@pytest.mark.parametrize("name", HALF_DONE)
def test_untranslated_units_take_their_languages_from_the_file_without_options(name):
    segments = read_segments([FIXTURES / name])
    assert {(s.src, s.tgt) for s in segments} == {("sv", "sl")}
    assert [s.unit for s in segments if s.target == ""] == HALF_DONE[name][0]


def test_check_cli_reports_untranslated_units_of_several_formats_and_exits_1():
    files = [FIXTURES / name for name in ("half-done.po", "half-done-12.xlf", "half-done.tsv")]
    result = CliRunner().invoke(main, ["check", *map(str, files), "--src", "sv", "--tgt", "sl",
                                       "--termbase", str(TB), "--format", "json"])
    assert result.exit_code == 1, result.output
    found = [(Path(f["file"]).name, f["unit"], f["ref"]) for f in json.loads(result.output)["findings"]
             if f["check"] == "untranslated"]
    assert found == [
        ("half-done.po", "heading::Social innovation och samarbete över gränserna",
         "msgctxt 'heading' msgid 'Social innovation och samarbete över ...'"),
        ("half-done.po", "%d deltagare", "msgid '%d deltagare'"),
        ("half-done-12.xlf", "t2", "trans-unit t2"),
        ("half-done-12.xlf", "t3", "trans-unit t3"),
        ("half-done.tsv", "3", "line 3"),
        ("half-done.tsv", "4", "line 4"),
    ]


@pytest.mark.parametrize("name", HALF_DONE)
def test_read_units_leaves_untranslated_units_out_by_default(name):
    _, translated = HALF_DONE[name]
    units = list(read_units(FIXTURES / name, "sv", "sl", on_bad=lambda exc: None))
    assert len(units) == translated
    assert all(u.text("sl").strip() for u in units)


def test_tm_import_of_half_done_files_stores_only_translated_units(tmp_path):
    with TranslationMemory(tmp_path / "tm.sqlite") as memory:
        stats = import_files(memory, [FIXTURES / name for name in HALF_DONE], src_lang="sv",
                             tgt_lang="sl", drafts=True)
    # Untranslated PO/XLIFF units are not read; empty TSV/CSV target cells stay bad units (3 rows).
    assert stats.read == sum(translated for _, translated in HALF_DONE.values())
    assert stats.skipped == 3
