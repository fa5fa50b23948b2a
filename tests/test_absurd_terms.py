"""A termbase entry holding a whole text as its "term" is refused with the file and the entry,
before it can reach the native Aho–Corasick automaton (which crashed freeing such a trie)."""

from __future__ import annotations

import random
import subprocess
import sys
from pathlib import Path

import pytest

from esfterm.errors import InputError
from esfterm.formats.tbx import write_tbx
from esfterm.formats.termfile import read_termbase
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.model.limits import MAX_TERM_CHARS
from esfterm.terms.occurrence import index_term

ESFTERM = [sys.executable, "-c", "from esfterm.cli import main; main()"]


def words(n_chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    text = " ".join("".join(rng.choices("abcdefghij", k=7)) for _ in range(n_chars // 8 + 1))
    return text[:n_chars - 1] + "a"  # ends in a letter: the reader strips spaces


def termbase_with(tmp_path: Path, term: str) -> Path:
    tb = Termbase([Concept("c-ok", languages=[LangSection("sv", [Term("lokalt partnerskap", "sv")]),
                                               LangSection("sl", [Term("lokalno partnerstvo", "sl")])]),
                   Concept("c-huge", languages=[LangSection("sv", [Term(term, "sv")]),
                                                 LangSection("sl", [Term("x", "sl")])])])
    path = tmp_path / "tb.tbx"
    write_tbx(tb, path)
    return path


def run(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([*ESFTERM, *args], capture_output=True, text=True, timeout=300)


def test_check_with_a_megabyte_term_exits_2_with_the_entry_not_a_segfault(tmp_path):
    termbase = termbase_with(tmp_path, words(1_500_000))
    work = tmp_path / "work.tsv"
    work.write_text("lokalt partnerskap\tlokalno partnerstvo\n", encoding="utf-8")
    result = run("check", str(work), "--src", "sv", "--tgt", "sl", "--termbase", str(termbase))
    assert result.returncode == 2, (result.returncode, result.stderr[-500:])
    line = result.stderr.strip()
    assert "\n" not in line and "Traceback" not in line
    assert "tb.tbx" in line and "entry 2 (concept c-huge, sv)" in line and f"limit is {MAX_TERM_CHARS}" in line


@pytest.mark.parametrize("command", [["lookup", "partnerskap"], ["termbase", "export", "--format", "tbx2", "-o", "x"]])
def test_other_commands_refuse_the_termbase_the_same_way(tmp_path, command):
    termbase = termbase_with(tmp_path, words(5000))
    args = [*command, "--termbase", str(termbase)]
    if "-o" in command:
        args[args.index("x")] = str(tmp_path / "x.tbx")
    result = run(*args)
    assert result.returncode == 2 and "entry 2 (concept c-huge, sv)" in result.stderr
    assert not (tmp_path / "x.tbx").exists()


def test_a_term_at_the_limit_is_read_and_one_over_it_is_refused(tmp_path):
    assert len(read_termbase(termbase_with(tmp_path, words(MAX_TERM_CHARS))).concepts) == 2
    with pytest.raises(InputError, match=f"has a term of {MAX_TERM_CHARS + 1} characters"):
        read_termbase(termbase_with(tmp_path, words(MAX_TERM_CHARS + 1)))


def test_an_absurd_inflected_forms_note_is_refused_too(tmp_path):
    tb = Termbase([Concept("c1", languages=[LangSection("sv", [Term("fond", "sv", notes=[
        "Inflected forms: fonden; " + words(2000)])])])])
    path = tmp_path / "tb.tbx"
    write_tbx(tb, path)
    with pytest.raises(InputError, match="entry 1 \\(concept c1, sv\\)"):
        read_termbase(path)


def test_a_glossary_row_with_an_absurd_term_names_the_file(tmp_path):
    path = tmp_path / "g.tsv"
    path.write_text(f"fond\tsklad\n{words(3000)}\tx\n", encoding="utf-8")
    with pytest.raises(InputError, match="g.tsv: entry 2"):
        read_termbase(path, "sv", "sl")


def test_a_termbase_built_in_code_cannot_feed_an_absurd_term_to_the_automaton():
    with pytest.raises(InputError, match="concept c9"):
        index_term("c9", words(MAX_TERM_CHARS + 10), None, "sv")
