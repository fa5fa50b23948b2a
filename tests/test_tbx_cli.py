"""`esfterm termbase export / import`: formats out, merging in without duplicates, atomic writes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.formats.tbx import read_tbx

REPO = Path(__file__).resolve().parents[1]
ESF = REPO / "termbase" / "esf.tbx"
FIXTURES = Path(__file__).resolve().parent / "fixtures" / "terms"


def run(*args: str):
    return CliRunner().invoke(main, ["termbase", *args])


@pytest.fixture
def base(tmp_path: Path) -> Path:
    path = tmp_path / "base.tbx"
    shutil.copy(ESF, path)
    return path


@pytest.mark.parametrize("fmt, check", [
    ("tbx", lambda text: 'xmlns="urn:iso:std:iso:30042:ed-2"' in text and "<conceptEntry" in text),
    ("tbx2", lambda text: text.count("<martif ") == 1 and "xmlns" not in text and "<termEntry" in text),
    ("csv", lambda text: text.splitlines()[0].split(",")[-1] == "comment"),
])
def test_export_writes_each_format(tmp_path: Path, fmt: str, check) -> None:
    out = tmp_path / f"out.{fmt}"
    result = run("export", "--format", fmt, "-o", str(out))
    assert result.exit_code == 0, result.output
    assert check(out.read_text(encoding="utf-8"))


def test_export_tsv_needs_languages_and_exits_2(tmp_path: Path) -> None:
    result = run("export", "--format", "tsv", "-o", str(tmp_path / "x.tsv"))
    assert result.exit_code == 2 and "--src and --tgt" in result.output
    assert not (tmp_path / "x.tsv").exists()


def test_importing_our_own_exports_changes_nothing(tmp_path: Path, base: Path) -> None:
    before = read_tbx(base)
    for fmt, extra in (("tbx2", []), ("tsv", ["--src", "sv", "--tgt", "sl"]), ("csv", [])):
        out = tmp_path / f"export.{fmt}"
        assert run("export", "--format", fmt, *extra, "-o", str(out)).exit_code == 0
        result = run("import", str(out), "--termbase", str(base), *extra)
        assert result.exit_code == 0, result.output
        assert "0 concepts added" in result.output and "0 terms added" in result.output
    assert read_tbx(base) == before


def test_import_merges_by_shared_terms_and_adds_new_languages_and_concepts(base: Path) -> None:
    result = run("import", str(FIXTURES / "foreign-v2-iate-like.tbx"), "--termbase", str(base), "--json")
    summary = json.loads(result.output)
    assert (summary["concepts_added"], summary["concepts_merged"]) == (1, 1)
    assert summary["kept_non_basic_categories"]["descrip/reliabilityCode"] == 3
    tb = read_tbx(base)
    esf = tb.concept("c-european-social-fund")
    assert [t.text for t in esf.terms("hr")] == ["ESF", "Europski socijalni fond"]
    assert [t.text for t in esf.terms("sl")].count("ESS") == 1, "a shared term is not duplicated"
    assert tb.concept("fixture-2") is not None and tb.concept("fixture-1") is None


def test_import_reports_conflicting_values_and_keeps_the_existing_ones(base: Path) -> None:
    result = run("import", str(FIXTURES / "foreign-v2-iate-like.tbx"), "--termbase", str(base))
    assert "kept existing value" in result.output and "'ESS': term_type is 'acronym'" in result.output
    assert read_tbx(base).concept("c-european-social-fund").terms("sl")[1].term_type == "acronym"


def test_drop_unknown_keeps_the_termbase_tbx_basic(base: Path) -> None:
    from esfterm.formats.tbx_basic import non_basic_categories

    result = run("import", str(FIXTURES / "foreign-v2-iate-like.tbx"), "--termbase", str(base), "--drop-unknown")
    assert result.exit_code == 0 and "left out 4" in result.output
    assert not non_basic_categories(read_tbx(base))


def test_dry_run_writes_nothing(base: Path) -> None:
    before = base.read_bytes()
    result = run("import", str(FIXTURES / "foreign-v2-iate-like.tbx"), "--termbase", str(base), "--dry-run")
    assert result.exit_code == 0 and result.output.startswith("would merge")
    assert base.read_bytes() == before


def test_a_bad_import_file_leaves_the_termbase_untouched(base: Path) -> None:
    before = base.read_bytes()
    result = run("import", str(FIXTURES / "malformed.tbx"), "--termbase", str(base))
    assert result.exit_code == 2 and "malformed.tbx:5" in result.output
    assert base.read_bytes() == before
    assert sorted(p.name for p in base.parent.iterdir()) == ["base.tbx"]


def test_import_creates_a_missing_termbase(tmp_path: Path) -> None:
    tsv = tmp_path / "g.tsv"
    tsv.write_text("arbetsmarknad\ttrg dela\tlabour market\n", encoding="utf-8")
    target = tmp_path / "new.tbx"
    result = run("import", str(tsv), "--termbase", str(target), "--src", "sv", "--tgt", "sl")
    assert result.exit_code == 0, result.output
    tb = read_tbx(target)
    assert [t.text for t in tb.concepts[0].terms()] == ["arbetsmarknad", "trg dela"]


def test_import_without_termbase_outside_a_checkout_exits_2(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.chdir(tmp_path)
    result = run("import", str(FIXTURES / "foreign-v2-iate-like.tbx"))
    assert result.exit_code == 2 and "--termbase" in result.output
