"""TSV (OmegaT layout) and CSV glossaries: what is exported, and reading them back."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.glossary import glossary_text, read_glossary, write_glossary
from esfterm.formats.tbx import read_tbx
from esfterm.formats.termfile import read_termbase, sniff_format

REPO = Path(__file__).resolve().parents[1]


@pytest.fixture(scope="module")
def shipped():
    return read_tbx(REPO / "termbase" / "esf.tbx")


def rows(text: str) -> list[list[str]]:
    return [line.split("\t") for line in text.splitlines()]


def test_tsv_rows_are_source_target_comment_without_header(shipped) -> None:
    lines = rows(glossary_text(shipped, "tsv", "sv", "sl"))
    assert all(len(r) == 3 and r[0] and r[1] for r in lines)
    assert ["Europeiska socialfonden", "Evropski socialni sklad"] in [r[:2] for r in lines]


def test_an_acronym_is_offered_the_target_acronym_and_never_a_deprecated_one(shipped) -> None:
    pairs = {r[0]: r for r in rows(glossary_text(shipped, "tsv", "sv", "sl"))}
    assert pairs["ESF"][1] == "ESS"
    assert pairs["ESF+"][1] == "ESS+"
    assert "sl: avoid ESF" in pairs["ESF"][2]
    deprecated_sl = {t.text for t in shipped.terms("sl") if t.status == "deprecated"}
    assert not deprecated_sl & {r[1] for r in pairs.values()}


def test_tsv_needs_both_languages(shipped) -> None:
    with pytest.raises(InputError, match="--src and --tgt"):
        glossary_text(shipped, "tsv", "sv", None)


def test_csv_has_a_language_header_and_quotes_commas(shipped, tmp_path: Path) -> None:
    out = tmp_path / "g.csv"
    n = write_glossary(shipped, out, "csv", "sv", "lt")
    with open(out, encoding="utf-8", newline="") as fh:
        table = list(csv.reader(fh))
    assert table[0] == ["sv", "lt", "comment"]
    assert len(table) - 1 == n
    assert any("," in row[2] for row in table[1:]), "a definition with commas survives as one cell"


def test_multilingual_csv_puts_the_label_language_first(shipped) -> None:
    header = glossary_text(shipped, "csv").splitlines()[0].split(",")
    assert header[0] == "en" and header[-1] == "comment" and {"sv", "sl", "lt"} <= set(header)


def test_tsv_reads_back_as_one_concept_a_row(tmp_path: Path, shipped) -> None:
    out = tmp_path / "sv-sl.tsv"
    write_glossary(shipped, out, "tsv", "sv", "sl")
    back = read_glossary(out, src="sv", tgt="sl")
    first = rows(out.read_text(encoding="utf-8"))[0]
    assert [t.text for t in back.concepts[0].terms()] == first[:2]
    assert back.concepts[0].terms("sl")[0].lang == "sl"


def test_csv_reads_back_with_languages_from_the_header(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("id;SV;sl;Comment\n12;socialfonden;ESS;short\n;arbetsmarknad;trg dela;\n", encoding="utf-8")
    tb = read_termbase(path)
    assert [c.id for c in tb.concepts][0] == "id-12"
    assert tb.concepts[1].terms("sl")[0].text == "trg dela"
    assert tb.concepts[0].notes == ["short"]


def test_same_row_twice_gives_one_concept(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("socialfonden\tESS\t\nsocialfonden\tESS\t\n", encoding="utf-8")
    assert len(read_glossary(path, src="sv", tgt="sl")) == 1


@pytest.mark.parametrize("content, message", [
    ("only-one-column\n", "separated by a tab"),
    ("socialfonden\t\n", "separated by a tab"),
])
def test_bad_tsv_rows_name_the_line(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("a\tb\n" + content, encoding="utf-8")
    with pytest.raises(InputError, match=message) as err:
        read_glossary(path, "tsv", "sv", "sl")
    assert err.value.line == 2


def test_csv_header_without_languages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.csv"
    path.write_text("source,target\nx,y\n", encoding="utf-8")
    with pytest.raises(InputError, match="neither a language code") as err:
        read_glossary(path)
    assert err.value.line == 1


def test_tsv_without_languages_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "g.tsv"
    path.write_text("a\tb\n", encoding="utf-8")
    with pytest.raises(InputError, match="names no languages"):
        read_termbase(path)


def test_format_is_sniffed_from_content(tmp_path: Path) -> None:
    for name, content, fmt in (("a.txt", "\ufeff<?xml version='1.0'?><martif/>", "tbx"),
                               ("b.txt", "x\ty\n", "tsv"), ("c.txt", "sv,sl\n", "csv")):
        (tmp_path / name).write_text(content, encoding="utf-8")
        assert sniff_format(tmp_path / name) == fmt
