"""`esfterm tm import / search / export` from the command line, on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.cli import main
from esfterm.formats.tmx import read_tmx

FIXTURES = Path(__file__).parent / "fixtures" / "tm"


def run(*args: str):
    return CliRunner().invoke(main, [str(a) for a in args])


@pytest.fixture
def tm(backend):
    path = backend.location()
    result = run("tm", "import", FIXTURES / "utf16-lang-mixedcase-inline.tmx", FIXTURES / "sv-sl.po", "--tm", path)
    assert result.exit_code == 0, result.output
    return path


def test_import_reports_what_it_did(tm):
    result = run("tm", "import", FIXTURES / "sv-sl.tsv", "--tm", tm, "--json")
    data = json.loads(result.stdout)
    assert (data["added"], data["skipped"], data["units"]) == (2, 1, 8)
    assert "sv-sl.tsv:4" in data["problems"][0]
    assert "skipped unit" in result.stderr


def test_search_prints_score_highlighted_source_target_and_origin(tm):
    result = run("tm", "search", "Europeiska socialfonden stöder regionala partnerskap i Sverige.",
                 "--src", "sv", "--tgt", "sl", "--tm", tm)
    assert result.exit_code == 0, result.output
    first = result.stdout.splitlines()
    assert first[0].split("%")[0].strip().isdigit()
    assert "[-regionala-]{+lokala+}" in first[0]
    assert "Evropski socialni sklad podpira lokalna partnerstva v Sloveniji." in first[1]
    assert "utf16-lang-mixedcase-inline.tmx" in first[2] and "tuid esf-1" in first[2]


def test_search_json_has_both_sides_score_and_differences(tm):
    result = run("tm", "search", "Ansök", "--src", "sv", "--tgt", "sl", "--tm", tm, "--json", "--top", "1")
    (match,) = json.loads(result.stdout)
    assert match["score"] == 100 and match["target"] in ("Prijava", "Prijavite se")
    assert match["differences"] == []


def test_search_below_min_says_so(tm):
    result = run("tm", "search", "Helt annan mening om väder", "--src", "sv", "--tgt", "sl", "--tm", tm)
    assert result.exit_code == 0 and "no match of 75% or more" in result.stdout


def test_export_writes_tmx_for_a_pair(tm, tmp_path):
    out = tmp_path / "sv-lt.tmx"
    result = run("tm", "export", out, "--src", "sv", "--tgt", "lt", "--tm", tm)
    assert result.exit_code == 0 and "1 units written" in result.stdout
    assert [u.langs for u in read_tmx(out)] == [["sv", "lt-LT"]]


@pytest.mark.parametrize("name", ["xxe-external-http-entity.xml", "billion-laughs-xmlbomb.xml", "empty-zero-bytes.tmx"])
def test_hostile_files_exit_2_with_one_line_and_leave_the_store_unchanged(shared, tm, tmp_path, name):
    before = run("tm", "export", tmp_path / "before.tmx", "--tm", tm)
    result = run("tm", "import", FIXTURES / "sv-sl-12.xlf", shared / "interop-samples" / "hostile" / name, "--tm", tm)
    assert result.exit_code == 2
    assert len(result.stderr.strip().splitlines()) == 1 and name in result.stderr
    after = run("tm", "export", tmp_path / "after.tmx", "--tm", tm)
    assert before.stdout.split(":")[1] == after.stdout.split(":")[1]
    assert list(read_tmx(tmp_path / "before.tmx")) == list(read_tmx(tmp_path / "after.tmx"))


def test_strict_import_with_a_bad_unit_exits_2(tm):
    result = run("tm", "import", FIXTURES / "bad-units.tmx", "--tm", tm, "--strict")
    assert result.exit_code == 2 and "bad-units.tmx:6" in result.stderr


def test_search_without_a_tm_is_a_clear_error(backend):
    result = run("tm", "search", "x", "--src", "sv", "--tgt", "sl", "--tm", backend.location("none"))
    assert result.exit_code == 2 and "esfterm tm import" in result.stderr


def test_environment_variable_chooses_the_tm(tm, monkeypatch):
    monkeypatch.setenv("ESFTERM_TM", str(tm))
    result = run("tm", "search", "Ansök", "--src", "sv", "--tgt", "sl", "--json")
    assert result.exit_code == 0 and json.loads(result.stdout)


def test_export_takes_the_output_file_as_o_or_output_or_positional(tm, tmp_path):
    for args in (["-o", tmp_path / "a.tmx"], ["--output", tmp_path / "b.tmx"], [tmp_path / "c.tmx"]):
        result = run("tm", "export", *args, "--tm", tm)
        assert result.exit_code == 0, result.output
    assert list(read_tmx(tmp_path / "a.tmx")) == list(read_tmx(tmp_path / "b.tmx")) == list(read_tmx(tmp_path / "c.tmx"))


def test_export_with_two_different_output_files_or_none_is_refused(tm, tmp_path):
    both = run("tm", "export", tmp_path / "a.tmx", "-o", tmp_path / "b.tmx", "--tm", tm)
    assert both.exit_code == 2 and "two output files given" in both.stderr
    none = run("tm", "export", "--tm", tm)
    assert none.exit_code == 2 and "no output file given (use -o FILE)" in none.stderr


def test_a_write_error_names_the_users_file_never_the_temp_file(tm, tmp_path):
    (tmp_path / "plain-file").write_text("x", encoding="utf-8")
    result = run("tm", "export", "-o", tmp_path / "plain-file" / "out.po", "--format", "po", "--src", "sv",
                 "--tgt", "sl", "--tm", tm)
    assert result.exit_code == 2
    assert result.stderr.strip() == (f"esfterm: error: {tmp_path / 'plain-file' / 'out.po'}: cannot write: "
                                      f"{tmp_path / 'plain-file'} is not a folder")
    directory = run("tm", "export", "-o", tmp_path, "--tm", tm)
    assert directory.exit_code == 2 and ".tmp" not in directory.stderr and str(tmp_path) in directory.stderr


def test_catalogues_with_one_name_keep_their_paths_and_po_export_says_what_it_fitted(backend, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    tm = backend.location()
    for project, translation in (("a", "Prijava"), ("b", "Prijavite se")):
        catalogue = Path(project) / "locale" / "sl" / "LC_MESSAGES" / "django.po"
        catalogue.parent.mkdir(parents=True)
        catalogue.write_text('msgid ""\nmsgstr ""\n"Content-Type: text/plain; charset=UTF-8\\n"\n\n'
                             f'msgid "Ansök"\nmsgstr "{translation}"\n', encoding="utf-8")
    imported = run("tm", "import", "a/locale/sl/LC_MESSAGES/django.po", "./b/locale/sl/LC_MESSAGES/django.po",
                   "--src", "sv", "--tm", tm)
    assert imported.exit_code == 0, imported.output
    search = run("tm", "search", "Ansök", "--src", "sv", "--tgt", "sl", "--tm", tm)
    assert "(a/locale/sl/LC_MESSAGES/django.po" in search.stdout
    assert "(b/locale/sl/LC_MESSAGES/django.po" in search.stdout
    result = run("tm", "export", "-o", "out.po", "--format", "po", "--src", "sv", "--tgt", "sl",
                 "--tm", tm, "--json")
    data = json.loads(result.stdout)
    assert (data["written"], data["notes"]) == (
        2, ["1 units kept apart with a msgctxt naming their origin (same msgid, another translation)"])
