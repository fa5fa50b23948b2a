"""Several processes on one TM (SQLite and PostgreSQL): searches answer while an import runs,
a second writer waits (SQLite: for the file's write lock; PostgreSQL: for the fuzzy index's
lock, its units stored meanwhile), and nothing is lost.

Every actor is a real separate process; a writer holding its transaction open is paused on a
line of stdin, so what the others see is decided by the locks, never by timing.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from esfterm.tm import TranslationMemory

ESFTERM = [sys.executable, "-c", "from esfterm.cli import main; main()"]

#: Imports a TSV file in one transaction and, before committing, says "inside" and waits for a line.
HOLDING_WRITER = """
import sys
from esfterm.tm import TranslationMemory, import_files
with TranslationMemory(sys.argv[1]) as tm, tm.transaction():
    import_files(tm, [sys.argv[2]], src_lang="sv", tgt_lang="sl")
    print("inside", flush=True)
    sys.stdin.readline()
print("committed", flush=True)
"""


def tsv(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(f"{a}\t{b}\n" for a, b in rows), encoding="utf-8")
    return path


def esfterm(*args: str, **kwargs) -> subprocess.CompletedProcess:
    return subprocess.run([*ESFTERM, *args], capture_output=True, text=True, timeout=120, **kwargs)


def hold_write_lock(tm: Path, rows_file: Path) -> subprocess.Popen:
    writer = subprocess.Popen([sys.executable, "-c", HOLDING_WRITER, str(tm), str(rows_file)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    assert writer.stdout.readline().strip() == "inside"
    return writer


def release(writer: subprocess.Popen) -> None:
    writer.stdin.write("\n")
    writer.stdin.flush()
    assert writer.stdout.readline().strip() == "committed"
    assert writer.wait(timeout=60) == 0


def committed_tm(tmp_path: Path, backend) -> str:
    tm = str(backend.location())
    rows = tsv(tmp_path / "old.tsv", [("Lokala partnerskap", "Lokalna partnerstva")])
    result = esfterm("tm", "import", str(rows), "--src", "sv", "--tgt", "sl", "--tm", str(tm))
    assert result.returncode == 0, result.stderr
    return tm


def test_a_search_during_an_import_answers_from_the_committed_state(tmp_path, backend):
    tm = committed_tm(tmp_path, backend)
    writer = hold_write_lock(tm, tsv(tmp_path / "new.tsv", [("Lokala partnerskap i Sverige", "Lokalna v Sloveniji")]))
    try:
        found = esfterm("tm", "search", "Lokala partnerskap", "--src", "sv", "--tgt", "sl", "--min", "50",
                        "--json", "--tm", str(tm))
        exported = esfterm("tm", "export", str(tmp_path / "out.tsv"), "--format", "tsv", "--src", "sv",
                           "--tgt", "sl", "--tm", str(tm))
    finally:
        release(writer)
    assert found.returncode == 0, found.stderr
    assert '"target": "Lokalna partnerstva"' in found.stdout and "Sloveniji" not in found.stdout
    assert exported.returncode == 0, exported.stderr
    assert "Sloveniji" not in (tmp_path / "out.tsv").read_text(encoding="utf-8")
    after = esfterm("tm", "search", "Lokala partnerskap i Sverige", "--src", "sv", "--tgt", "sl", "--tm", str(tm))
    assert "Lokalna v Sloveniji" in after.stdout


def test_check_with_a_tm_runs_during_an_import(tmp_path, backend):
    tm = committed_tm(tmp_path, backend)
    work = tsv(tmp_path / "work.tsv", [("Lokala partnerskap", "Lokalna partnerstva")])
    writer = hold_write_lock(tm, tsv(tmp_path / "new.tsv", [("Ett annat stycke", "Drug odstavek")]))
    try:
        result = esfterm("check", str(work), "--src", "sv", "--tgt", "sl", "--tm", str(tm))
    finally:
        release(writer)
    assert result.returncode in (0, 1), result.stderr
    assert "locked" not in result.stderr


def test_a_second_import_waits_says_so_and_loses_nothing(tmp_path, backend):
    tm = committed_tm(tmp_path, backend)
    writer = hold_write_lock(tm, tsv(tmp_path / "first.tsv", [(f"Första mening {i}", f"Prvi stavek {i}")
                                                               for i in range(50)]))
    second = subprocess.Popen([*ESFTERM, "tm", "import", str(tsv(tmp_path / "second.tsv",
                              [(f"Andra mening {i}", f"Drugi stavek {i}") for i in range(50)])),
                               "--src", "sv", "--tgt", "sl", "--tm", str(tm), "--wait", "120"],
                              stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        waiting = second.stderr.readline()
    finally:
        release(writer)
    out, err = second.communicate(timeout=120)
    assert "another process is writing" in waiting and "waiting up to 120 s" in waiting
    assert second.returncode == 0, err
    assert "50 units added" in out
    with TranslationMemory(tm, readonly=True) as memory:
        assert len(memory) == 101


def test_a_writer_that_cannot_wait_says_the_tm_is_locked(tmp_path, backend):
    tm = committed_tm(tmp_path, backend)
    writer = hold_write_lock(tm, tsv(tmp_path / "first.tsv", [("Första", "Prvi")]))
    try:
        result = esfterm("tm", "import", str(tsv(tmp_path / "second.tsv", [("Andra", "Drugi")])),
                         "--src", "sv", "--tgt", "sl", "--tm", str(tm), "--wait", "0")
    finally:
        release(writer)
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert "locked: another process is writing to it" in result.stderr
    assert "not a translation memory" not in result.stderr
    with TranslationMemory(tm, readonly=True) as memory:
        assert len(memory) == 2


def test_two_imports_started_together_both_complete(tmp_path, backend):
    tm = committed_tm(tmp_path, backend)
    files = [tsv(tmp_path / f"part{n}.tsv", [(f"Mening {n}-{i} om fonden", f"Stavek {n}-{i} o skladu")
                                             for i in range(2000)]) for n in (1, 2)]
    runs = [subprocess.Popen([*ESFTERM, "tm", "import", str(f), "--src", "sv", "--tgt", "sl", "--tm", str(tm)],
                             stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) for f in files]
    results = [(run.communicate(timeout=300), run.returncode) for run in runs]
    for (out, err), code in results:
        assert code == 0, err
        assert "2000 units added" in out
    with TranslationMemory(tm, readonly=True) as memory:
        assert len(memory) == 4001


def test_a_reader_never_creates_or_changes_the_file(tmp_path):
    missing = tmp_path / "none.sqlite"
    result = esfterm("tm", "search", "x", "--src", "sv", "--tgt", "sl", "--tm", str(missing))
    assert result.returncode == 2 and "no translation memory here" in result.stderr
    assert not missing.exists()
    empty = tmp_path / "empty.sqlite"
    empty.touch()
    result = esfterm("tm", "export", str(tmp_path / "x.tmx"), "--tm", str(empty))
    assert result.returncode == 2 and "not a translation memory" in result.stderr
    assert empty.stat().st_size == 0

