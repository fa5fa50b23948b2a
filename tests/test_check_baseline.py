"""Findings baselines: written, read back, and absorbing exactly the known findings."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from esfterm.errors import InputError
from esfterm.model import Unit, Variant
from esfterm.qa import CHECKS, Finding, check, read_baseline, split_new, write_baseline

texts = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40)
findings = st.builds(Finding, check=st.sampled_from(list(CHECKS)), severity=st.sampled_from(["error", "warning"]),
                     message=texts, file=texts, unit=texts, source=texts, target=texts,
                     concept=st.none() | texts, term=st.none() | texts)


@settings(max_examples=50, deadline=None)
@given(st.lists(findings, max_size=8))
def test_round_trip_suppresses_every_written_finding(tmp_path_factory, found):
    path = tmp_path_factory.mktemp("b") / "baseline.json"
    assert write_baseline(path, found) == len(found)
    new, known = split_new(found, read_baseline(path))
    assert new == [] and len(known) == len(found)


def finding(target: str, file: str = "a.po", unit: str = "1") -> Finding:
    return Finding("term-forbidden", "error", "m", file, unit, "ESF stöder.", target, concept="c", term="ESF")


def test_fingerprint_ignores_place_and_whitespace_but_not_text():
    assert finding("ESF  podpira.").fingerprint == finding("ESF podpira.", "b.po", "7").fingerprint
    assert finding("ESF podpira.").fingerprint != finding("ESF spodbuja.").fingerprint


def test_a_second_copy_of_a_known_finding_is_new():
    accepted = Counter({finding("ESF podpira.").fingerprint: 1})
    new, known = split_new([finding("ESF podpira."), finding("ESF podpira.", unit="2")], accepted)
    assert len(new) == 1 and len(known) == 1


@pytest.mark.parametrize("content", ["[]", "{}", '{"version": 1, "findings": [{}]}', "not json"])
def test_a_file_that_is_no_baseline_is_refused(tmp_path, content):
    path = tmp_path / "baseline.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError):
        read_baseline(path)


def test_library_check_on_units_in_memory():
    units = [Unit([Variant("sv", "ESF stöder partnerskap."), Variant("sl", "ESF podpira partnerstva.")], "u1")]
    result = check(units, Path(__file__).resolve().parents[1] / "termbase" / "esf.tbx")
    assert [(f.unit, f.check, f.concept) for f in result] == [
        ("u1", "term-forbidden", "c-european-social-fund"), ("u1", "term-missing", "c-european-social-fund")]
