"""inconsistent-target and inconsistent-source across all checked files."""

from __future__ import annotations

from esfterm.qa import CheckConfig, Segment, check_segments
from esfterm.qa.consistency import normalise


def seg(file: str, unit: str, source: str, target: str) -> Segment:
    return Segment(file, unit, f"line {unit}", int(unit), "sv", "sl", source, target)


def checks(findings, check):
    return [(f.file, f.unit) for f in findings if f.check == check]


def test_same_source_translated_differently_in_two_files_is_flagged_once():
    segments = [seg("a.tsv", "1", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("a.tsv", "2", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("b.tsv", "1", "ESF stöder partnerskap.", "ESS spodbuja partnerstva.")]
    findings = check_segments(segments)
    assert checks(findings, "inconsistent-target") == [("b.tsv", "1")]
    assert "ESS podpira partnerstva." in next(f.message for f in findings if f.check == "inconsistent-target")


def test_same_target_for_different_sources_is_flagged():
    segments = [seg("a.tsv", "1", "Stöd till partnerskap.", "Podpora partnerstvom."),
                seg("a.tsv", "2", "Stöd till nätverk.", "Podpora partnerstvom.")]
    assert checks(check_segments(segments), "inconsistent-source") == [("a.tsv", "2")]


def test_loose_mode_ignores_case_space_and_punctuation_exact_does_not():
    segments = [seg("a.tsv", "1", "ESF stöder partnerskap.", "ESS podpira partnerstva."),
                seg("a.tsv", "2", "ESF  stöder partnerskap.", "ess podpira  partnerstva")]
    assert checks(check_segments(segments), "inconsistent-target") == []
    exact = check_segments(segments, config=CheckConfig(consistency="exact"))
    assert checks(exact, "inconsistent-target") == [("a.tsv", "2")]


def test_normalise_modes():
    assert normalise("  A  b. ", "exact") == "A b."
    assert normalise("  A  b. ", "case") == "a b."
    assert normalise("  A  b. ", "loose") == "a b"


def test_disabled_consistency_checks_report_nothing():
    segments = [seg("a.tsv", "1", "Ett.", "Ena."), seg("a.tsv", "2", "Ett.", "Dve.")]
    config = CheckConfig(disabled=frozenset({"inconsistent-target", "inconsistent-source"}))
    assert check_segments(segments, config=config) == []
