"""Report formats: JSON (validated against the published schema), text, JUnit, SARIF, HTML."""

from __future__ import annotations

import json
from pathlib import Path

import jsonschema
import pytest

from esfterm.qa import check_files, render
from esfterm.xmlsafe import parse_xml_bytes

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = Path(__file__).parent / "fixtures" / "check"
SCHEMA = json.loads((ROOT / "docs" / "check-report.schema.json").read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def report():
    return check_files([FIXTURES / "new.po", FIXTURES / "clean.tsv"], termbase=FIXTURES / "esf-subset.tbx")


def test_published_schema_is_a_valid_json_schema():
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_json_report_validates_against_the_published_schema(report):
    data = json.loads(render(report, "json"))
    jsonschema.Draft202012Validator(SCHEMA).validate(data)
    assert data["summary"]["findings"] == len(data["findings"]) == 6
    assert data["summary"]["by_severity"] == {"error": 5, "warning": 1, "info": 0}
    forbidden = next(f for f in data["findings"] if f["check"] == "term-forbidden")
    assert forbidden["concept"] == "c-european-social-fund" and forbidden["term"] == "ESF"
    assert "ESS" in forbidden["expected"] and forbidden["unit"] == "ESF stöder lokala partnerskap."
    assert forbidden["target"][slice(*forbidden["target_spans"][0])] == "ESF"


def test_schema_rejects_a_term_finding_without_its_concept(report):
    data = json.loads(render(report, "json"))
    del data["findings"][0]["concept"]
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft202012Validator(SCHEMA).validate(data)


def test_text_report_groups_by_file_and_marks_the_offending_words(report):
    text = render(report, "text")
    assert text.splitlines()[0].endswith("new.po")
    assert "«ESF» podpira" in text
    assert "Att stödja en «lokalt ledd utveckling» är viktigt." in text
    assert text.rstrip().endswith("6 findings (5 errors, 1 warning) in 8 segments of 2 files")


def test_junit_fails_units_with_errors_and_keeps_warnings_as_output(report):
    root = parse_xml_bytes(render(report, "junit").encode("utf-8"))
    assert root.get("tests") == "8" and root.get("failures") == "4"
    first = root.find("testsuite/testcase")
    assert first.find("failure").get("type") == "term-forbidden"
    assert "inconsistent-target" in first.find("system-out").text
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [str(FIXTURES / "new.po"), str(FIXTURES / "clean.tsv")]
    assert suites[1].get("failures") == "0"


def test_sarif_has_rules_results_and_fingerprints(report):
    sarif = json.loads(render(report, "sarif"))
    assert sarif["version"] == "2.1.0"
    run = sarif["runs"][0]
    rule_ids = [r["id"] for r in run["tool"]["driver"]["rules"]]
    assert "term-missing" in rule_ids and "double-space" in rule_ids
    results = run["results"]
    assert sorted(r["level"] for r in results) == ["error"] * 5 + ["warning"]
    assert all(rule_ids[r["ruleIndex"]] == r["ruleId"] for r in results)
    assert results[0]["locations"][0]["physicalLocation"]["region"]["startLine"] >= 1
    assert len(results[0]["partialFingerprints"]["esftermFinding/v1"]) == 32


def test_html_is_one_self_contained_escaped_page(report, tmp_path):
    html = render(report, "html")
    assert html.startswith("<!DOCTYPE html>") and "<mark>ESF</mark>" in html
    assert "src=" not in html and "href=" not in html and "<script" not in html
    tsv = tmp_path / "x.tsv"
    tsv.write_text("sv\tsl\n<script>alert(1)</script> 5\t<script>alert(1)</script> 6\n", encoding="utf-8")
    hostile = render(check_files([tsv], termbase=FIXTURES / "esf-subset.tbx"), "html")
    assert "<script>" not in hostile and "&lt;script&gt;" in hostile
