"""Fuzzing the commands with mutated real files from other tools (../shared/interop-samples).

Whatever the bytes, every command must end with exit code 0, 1 or 2, with at most one error
line and never a traceback; the subprocess part also catches a native crash (a signal), which
an in-process run cannot survive to report. Examples are derandomized and budgeted, so a run
is the same every time and takes well under a minute.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from click.testing import CliRunner
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from esfterm.cli import main

SAMPLES = Path(__file__).resolve().parents[2] / "shared" / "interop-samples"
ESFTERM = [sys.executable, "-c", "from esfterm.cli import main; main()"]

#: Byte strings that break parsers in interesting ways.
NASTY = [b"\x00", b"<", b"&", b"]]>", b"\xff\xfe", b"&#0;", b"&#x1;", b"\x1b", "\u00e9".encode(), b"\xc3",
         b"\r\n", b'"', b'xml:lang="xx_YY_zz"', b'xml:lang=""', b"<!DOCTYPE x [<!ENTITY e SYSTEM 'file:///etc/passwd'>]>",
         b"&e;", b"</tu>", b"<tu>", b"msgid ", b'msgstr "', b"\\", b"#, fuzzy\n", b"\t", b"\n\n", b"x" * 5000,
         b"<termEntry>", b"</term>", b"Language: \\n", b"\xef\xbb\xbf"]


#: Text that keeps a file well-formed when put inside an element or a PO string, so the
#: reader gets past parsing to what it does with the content.
TEXT = ["\u00e9", "&amp;", "&lt;b&gt;", "\u00a0", "ESF", "y" * 3000, "\u200b", " ", "\U0001F600", "&#x9;",
        "Europeiska socialfonden", "%s %d {0}", "\\n", "socialinių inovacijų", "\u202e", "\ufeff"]


def sample_files() -> list[Path]:
    if not SAMPLES.is_dir():
        return []
    return sorted(p for p in SAMPLES.rglob("*") if p.is_file() and p.name != "MANIFEST.tsv")


@st.composite
def mutated(draw) -> tuple[str, bytes]:
    """A real sample with one to three edits: text put into an element or a string, or the bytes
    cut, inserted, deleted, duplicated or overwritten anywhere."""
    source = draw(st.sampled_from(sample_files()))
    data = bytearray(source.read_bytes())
    for _ in range(draw(st.integers(1, 3))):
        texts = [i + 1 for i in range(len(data) - 1) if data[i] in b'>"' and data[i + 1] not in b'<"']
        if texts and draw(st.booleans()):  # inside an element's text or a quoted string
            at = draw(st.sampled_from(texts))
            data[at:at] = draw(st.sampled_from(TEXT)).encode("utf-16-le" if data[:2] == b"\xff\xfe" else "utf-8")
            continue
        at = draw(st.integers(0, len(data)))
        kind = draw(st.sampled_from(["cut", "insert", "delete", "duplicate", "overwrite"]))
        piece = draw(st.sampled_from(NASTY) | st.binary(min_size=1, max_size=8))
        if kind == "cut":
            del data[at:]
        elif kind == "insert":
            data[at:at] = piece
        elif kind == "delete":
            del data[at:at + draw(st.integers(1, 200))]
        elif kind == "duplicate":
            data[at:at] = data[at:at + draw(st.integers(1, 400))]
        else:
            data[at:at + len(piece)] = piece
    return source.name, bytes(data)


def commands(name: str, tmp: Path, more: bool = False) -> list[list[str]]:
    """What a user does with such a file: import it, check it, use it as a termbase, export;
    with `more`, also the quicker variations (strict import, segmenting it as text)."""
    file, tm = str(tmp / name), str(tmp / "tm.sqlite")
    if name.endswith(".tbx"):
        work = tmp / "work.tsv"
        work.write_text("en\tfr\nThe term base\tLa base\n", encoding="utf-8")
        found = [["lookup", "term", "--termbase", file], ["termbase", "import", file, "--termbase", str(tmp / "t.tbx")],
                 ["termbase", "export", "--format", "tsv", "--src", "en", "--tgt", "fr", "--termbase", file,
                  "-o", str(tmp / "o.tsv")]]
        return found + ([["check", str(work), "--termbase", file], ["lookup", "xx", "--termbase", file, "--json"]]
                        if more else [])
    found = [["tm", "import", file, "--src", "en", "--tgt", "fr", "--tm", tm],
             ["tm", "export", str(tmp / "o.tmx"), "--tm", tm],
             ["tm", "search", "Hello world", "--src", "en", "--tgt", "fr", "--tm", tm],
             ["check", file, "--src", "en", "--tgt", "fr"]]
    return found + ([["tm", "import", file, "--strict", "--tm", str(tmp / "strict.sqlite")],
                     ["tm", "export", str(tmp / "o.po"), "--format", "po", "--src", "en", "--tgt", "fr", "--tm", tm],
                     ["segment", file, "--lang", "en"]] if more else [])


def assert_clean_ending(code: int, stderr: str, args: list[str]) -> None:
    assert code in (0, 1, 2), (code, args, stderr[-2000:])
    assert "Traceback" not in stderr, (args, stderr[-2000:])
    errors = [line for line in stderr.splitlines() if line.startswith("esfterm: error:")]
    assert len(errors) <= 1, (args, errors)
    if code == 2:
        assert errors and stderr.rstrip().endswith(errors[0].rstrip()), (args, stderr[-2000:])


pytestmark = pytest.mark.skipif(not sample_files(), reason="../shared/interop-samples is not beside this checkout")

FUZZ = settings(derandomize=True, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def as_process(args: list[str], cwd: Path) -> tuple[int, str]:
    result = subprocess.run([*ESFTERM, *args], capture_output=True, text=True, errors="replace", timeout=120, cwd=cwd)
    return result.returncode, result.stderr


def in_process(args: list[str], cwd: Path) -> tuple[int, str]:
    result = CliRunner().invoke(main, args)
    if result.exception is not None and not isinstance(result.exception, SystemExit):
        raise result.exception
    return result.exit_code, result.stderr


def run_commands(case: tuple[str, bytes], run, more: bool) -> None:
    """Write the mutated file and run every command on it; each must end cleanly."""
    name, data = case
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        (tmp / name).write_bytes(data)
        for args in commands(name, tmp, more):
            assert_clean_ending(*run(args, tmp), args)


@settings(FUZZ, max_examples=20)
@given(mutated())
def test_mutated_files_never_crash_the_command_line_processes(case):
    run_commands(case, as_process, more=False)


@settings(FUZZ, max_examples=150)
@given(mutated())
def test_mutated_files_never_raise_out_of_a_command(case):
    run_commands(case, in_process, more=True)
