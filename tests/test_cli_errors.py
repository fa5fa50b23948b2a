"""Bad input gets one clear line naming the file, and exit code 2 — never a traceback."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

from esfterm.cli import main


def _run(*args: str):
    result = CliRunner().invoke(main, list(args))
    return result


def _one_line_error(result, *needles: str) -> None:
    assert result.exit_code == 2, result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    lines = [l for l in result.output.splitlines() if l.strip()]
    assert len(lines) == 1, result.output
    for needle in needles:
        assert needle in lines[0]


def test_missing_file(tmp_path):
    _one_line_error(_run("segment", str(tmp_path / "nope.txt"), "--lang", "sv"), "nope.txt", "no such file")


def test_empty_file(tmp_path):
    empty = tmp_path / "empty.txt"
    empty.write_text("")
    _one_line_error(_run("segment", str(empty), "--lang", "sv"), "empty.txt", "empty")


def test_non_utf8_file_names_line_and_fix(tmp_path):
    latin = tmp_path / "latin1.txt"
    latin.write_bytes("Rad ett.\nStöd till lokala samarbeten.\n".encode("latin-1"))
    _one_line_error(_run("segment", str(latin), "--lang", "sv"), "latin1.txt:2", "UTF-8")


@pytest.mark.parametrize("code", ["xx", "english", "s1"])
def test_unknown_language_code(tmp_path, code):
    page = tmp_path / "p.txt"
    page.write_text("Hej.", encoding="utf-8")
    _one_line_error(_run("segment", str(page), "--lang", code), code)


def test_align_unknown_target_language(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Hej.", encoding="utf-8")
    _one_line_error(_run("align", str(page), str(page), "--src-lang", "sv", "--tgt-lang", "zz"), "zz")


def test_malformed_srx(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Hej.", encoding="utf-8")
    srx = tmp_path / "bad.srx"
    srx.write_text("<srx><body>", encoding="utf-8")
    _one_line_error(_run("segment", str(page), "--lang", "sv", "--srx", str(srx)), "bad.srx", "malformed XML")


def test_hostile_srx_is_refused(tmp_path):
    page = tmp_path / "p.txt"
    page.write_text("Hej.", encoding="utf-8")
    srx = tmp_path / "xxe.srx"
    srx.write_text('<?xml version="1.0"?>\n<!DOCTYPE srx [<!ENTITY x SYSTEM "file:///etc/passwd">]>\n<srx>&x;</srx>',
                   encoding="utf-8")
    _one_line_error(_run("segment", str(page), "--lang", "sv", "--srx", str(srx)), "xxe.srx", "refused")


def test_build_on_missing_corpus_folder(tmp_path):
    _one_line_error(_run("build", "--corpus", str(tmp_path / "none"), "--out", str(tmp_path / "o")), "none")


def test_build_with_broken_manifest_leaves_no_output(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "manifest.tsv").write_text("file\tlang\tdoc\nmissing.sv.txt\tsv\tx\n", encoding="utf-8")
    result = _run("build", "--corpus", str(corpus), "--out", str(tmp_path / "out"))
    _one_line_error(result, "manifest.tsv:2", "missing.sv.txt")
    assert not (tmp_path / "out").exists()
