"""Bilingual TSV/CSV: language header row, line-number ids, bad rows, quoting."""

from __future__ import annotations

from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.bitext import read_bitext, write_bitext

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


def test_language_header_row_names_the_columns_and_ids_are_line_numbers():
    problems = []
    units = list(read_bitext(FIXTURES / "sv-sl.tsv", on_bad=problems.append))
    assert [(u.id, u.langs, u.text("sl")) for u in units] == [
        ("2", ["sv", "sl"], "Evropski socialni sklad"), ("5", ["sv", "sl"], "Lokalna partnerstva")]
    assert [p.line for p in problems] == [4]


def test_strict_refuses_a_row_without_target():
    with pytest.raises(InputError, match=r"sv-sl.tsv:4"):
        list(read_bitext(FIXTURES / "sv-sl.tsv", strict=True))


def test_csv_without_header_uses_given_languages_and_quoting():
    units = list(read_bitext(FIXTURES / "no-header.csv", "sv", "sl"))
    assert [u.text("sv") for u in units] == ["Hej, världen", 'Citat "här"']


def test_without_header_or_languages_the_file_is_refused():
    with pytest.raises(InputError, match="languages"):
        list(read_bitext(FIXTURES / "no-header.csv"))


@pytest.mark.parametrize("suffix", [".tsv", ".csv"])
def test_bitext_round_trip(tmp_path, suffix):
    units = list(read_bitext(FIXTURES / "no-header.csv", "sv", "sl"))
    out = tmp_path / f"out{suffix}"
    assert write_bitext(out, units, "sv", "sl") == 2
    assert [(u.text("sv"), u.text("sl")) for u in read_bitext(out)] == \
        [(u.text("sv"), u.text("sl")) for u in units]


def test_a_source_target_header_row_is_not_a_unit(tmp_path):
    path = tmp_path / "plain.tsv"
    path.write_text("source\ttarget\nStöd\tPodpora\n", encoding="utf-8")
    assert [(u.id, u.text("sv")) for u in read_bitext(path, "sv", "sl")] == [("2", "Stöd")]
