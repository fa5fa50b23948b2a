"""`esfterm check` on the command line: inputs, exit codes, options, outputs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.model import Unit, Variant
from esfterm.tm import TranslationMemory

FIXTURES = Path(__file__).parent / "fixtures" / "check"
TB = FIXTURES / "esf-subset.tbx"


def run(*args):
    return CliRunner().invoke(main, ["check", *[str(a) for a in args]])


def findings(result) -> list[tuple[str, str]]:
    return [(f["unit"], f["check"]) for f in json.loads(result.output)["findings"]]


def test_clean_file_exits_0():
    result = run(FIXTURES / "clean.tsv", "--termbase", TB)
    assert result.exit_code == 0, result.output
    assert "0 findings in 3 segments of 1 file" in result.output


def test_po_findings_exit_1_and_languages_come_from_the_header():
    result = run(FIXTURES / "new.po", "--termbase", TB, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [
        ("ESF stöder lokala partnerskap.", "term-forbidden"),
        ("ESF stöder lokala partnerskap.", "term-missing"),
        ("Att stödja en lokalt ledd utveckling är viktigt.", "term-missing"),
        ("%d deltagare i projekt inom ESF+.", "tag-mismatch"),
        ("Delen har en budget på 762 miljoner euro.", "number-mismatch")]


def test_xliff_inline_codes_are_checked():
    result = run(FIXTURES / "job.xlf", "--termbase", TB, "--format", "json")
    assert result.exit_code == 1
    assert findings(result) == [("t1", "tag-mismatch"), ("t3", "untranslated")]


def test_tmx_languages_from_the_header_and_a_unit_without_target_is_untranslated():
    result = run(FIXTURES / "job.tmx", "--termbase", TB, "--format", "json")
    assert result.exit_code == 1, result.output
    assert findings(result) == [("lp-4", "untranslated")]


def test_default_termbase_is_the_esf_termbase():
    result = run(FIXTURES / "new.po", "--src", "sv", "--tgt", "sl", "--format", "json")
    assert result.exit_code == 1, result.output
    assert ("ESF stöder lokala partnerskap.", "term-forbidden") in findings(result)


def test_fail_on_and_severity_overrides_decide_the_exit_code():
    assert run(FIXTURES / "new.po", "--termbase", TB, "--fail-on", "never").exit_code == 0
    tags_only = ["--termbase", TB, "--disable", "untranslated"]
    only_warning = run(FIXTURES / "job.xlf", *tags_only, "--severity", "tag-mismatch=warning")
    assert only_warning.exit_code == 0
    assert run(FIXTURES / "job.xlf", *tags_only, "--severity", "tag-mismatch=warning",
               "--fail-on", "warning").exit_code == 1


def test_disable_turns_checks_off():
    result = run(FIXTURES / "job.xlf", "--termbase", TB, "--disable", "tag-mismatch",
                 "--disable", "untranslated")
    assert result.exit_code == 0, result.output


def test_report_file_is_written_without_colour(tmp_path):
    out = tmp_path / "report.txt"
    result = run(FIXTURES / "new.po", "--termbase", TB, "-o", out)
    assert result.exit_code == 1 and result.output == ""
    text = out.read_text(encoding="utf-8")
    assert "\x1b[" not in text and "«ESF» podpira" in text


@pytest.mark.parametrize("args, message", [
    (["missing.po"], "no such file"),
    ([FIXTURES / "broken.xlf"], "malformed XML"),
    ([FIXTURES / "clean.tsv", "--src", "xx"], "unknown language code"),
    ([FIXTURES / "clean.tsv", "--termbase", FIXTURES / "broken.xlf"], "broken.xlf"),
    ([FIXTURES / "clean.tsv", "--severity", "term-missing=fatal"], "unknown severity"),
    ([FIXTURES / "clean.tsv", "--baseline", FIXTURES / "clean.tsv"], "not a JSON baseline"),
])
def test_unusable_input_exits_2_with_one_line(args, message):
    result = run(*args)
    assert result.exit_code == 2
    lines = result.output.strip().splitlines()
    assert len(lines) == 1 and message in lines[0] and "Traceback" not in result.output


def test_baseline_accepts_known_findings_and_new_ones_still_fail(tmp_path):
    baseline = tmp_path / "baseline.json"
    written = run(FIXTURES / "new.po", "--termbase", TB, "--write-baseline", baseline)
    assert written.exit_code == 0 and len(json.loads(baseline.read_text())["findings"]) == 5
    known = run(FIXTURES / "new.po", "--termbase", TB, "--baseline", baseline)
    assert known.exit_code == 0 and "5 known (baseline)" in known.output
    changed = tmp_path / "changed.po"
    changed.write_text((FIXTURES / "new.po").read_text(encoding="utf-8").replace(
        "Podpora Evropskega socialnega sklada", "Podpora ESF"), encoding="utf-8")
    new = run(changed, "--termbase", TB, "--baseline", baseline, "--format", "json")
    assert new.exit_code == 1
    assert [check for _, check in findings(new)] == ["term-forbidden", "term-missing"]
    assert all(unit.startswith("intro") and unit.endswith("lokala samhällen.") for unit, _ in findings(new))


def test_tm_mismatch_when_the_memory_has_another_exact_translation(tmp_path):
    tm_path = tmp_path / "tm.sqlite"
    with TranslationMemory(tm_path) as tm:
        tm.import_units([Unit([Variant("sv", "ESF stöder lokala partnerskap."),
                               Variant("sl", "ESS podpira lokalna partnerstva.")])], "test")
    result = run(FIXTURES / "new.po", "--termbase", TB, "--tm", tm_path, "--format", "json")
    assert ("ESF stöder lokala partnerskap.", "tm-mismatch") in findings(result)
    clean = run(FIXTURES / "clean.tsv", "--termbase", TB, "--tm", tm_path)
    assert clean.exit_code == 0, clean.output


def test_missing_tm_is_unusable_input(tmp_path):
    result = run(FIXTURES / "clean.tsv", "--termbase", TB, "--tm", tmp_path / "none.sqlite")
    assert result.exit_code == 2 and "no translation memory" in result.output
