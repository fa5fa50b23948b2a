"""Atomic writes: through a symlink to the file it names, keeping the file's permissions, and
clearing the temps that killed writers left beside it (but never a live writer's)."""

from __future__ import annotations

import os
import shutil
import stat
import subprocess
import sys
from pathlib import Path

from esfterm.fileio import atomic_writer, locked_temp, remove_stale_temps, write_text_atomic
from esfterm.formats.termfile import read_termbase

REPO = Path(__file__).resolve().parents[1]
ESFTERM = [sys.executable, "-c", "from esfterm.cli import main; main()"]


def test_termbase_import_through_a_symlink_merges_into_the_real_termbase(tmp_path):
    real = tmp_path / "shared" / "esf.tbx"
    real.parent.mkdir()
    shutil.copyfile(REPO / "termbase" / "esf.tbx", real)
    link = tmp_path / "project" / "termbase.tbx"
    link.parent.mkdir()
    link.symlink_to(os.path.relpath(real, link.parent))
    glossary = tmp_path / "new.tsv"
    glossary.write_text("mikroföretag\tmikropodjetje\n", encoding="utf-8")
    before = len(read_termbase(real))
    result = subprocess.run([*ESFTERM, "termbase", "import", str(glossary), "--src", "sv", "--tgt", "sl",
                             "--termbase", str(link)], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    assert link.is_symlink() and link.resolve() == real.resolve()
    assert len(read_termbase(real)) == before + 1
    assert any(t.text == "mikropodjetje" for t in read_termbase(link).terms("sl"))
    assert sorted(p.name for p in real.parent.iterdir()) == ["esf.tbx"]


def test_a_rewritten_file_keeps_its_permissions(tmp_path):
    path = tmp_path / "glossary.tsv"
    path.write_text("a\tb\n", encoding="utf-8")
    os.chmod(path, 0o640)
    write_text_atomic(path, "c\td\n")
    assert stat.S_IMODE(path.stat().st_mode) == 0o640 and path.read_text(encoding="utf-8") == "c\td\n"


def test_temps_of_killed_writers_are_removed_and_a_live_one_is_kept(tmp_path):
    target = tmp_path / "esf.tbx"
    stale = tmp_path / ".esf.tbx.k1ll3d.tmp"
    stale.write_bytes(b"\0" * 4096)
    other = tmp_path / ".other.tbx.k1ll3d.tmp"
    other.write_bytes(b"not ours to judge")
    with locked_temp(target) as (_, live):
        with atomic_writer(target) as fh:
            fh.write("<tbx/>")
        assert live.exists()
    assert not stale.exists() and other.exists()
    assert target.read_text(encoding="utf-8") == "<tbx/>"


def test_a_temp_held_by_another_process_is_not_removed(tmp_path):
    target = tmp_path / "out.tmx"
    holder = subprocess.Popen([sys.executable, "-c",
                               "import sys; from pathlib import Path; from esfterm.fileio import locked_temp\n"
                               "with locked_temp(Path(sys.argv[1])) as (_, tmp):\n"
                               "    print(tmp, flush=True); sys.stdin.readline()", str(target)],
                              stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True)
    try:
        held = Path(holder.stdout.readline().strip())
        assert remove_stale_temps(target) == 0 and held.exists()
    finally:
        holder.communicate("\n", timeout=60)
    assert remove_stale_temps(target) == 1 and not held.exists()  # its writer is gone now


def test_a_killed_writer_leaves_the_old_file_and_its_temp_goes_next_time(tmp_path):
    target = tmp_path / "out.tmx"
    target.write_text("old", encoding="utf-8")
    script = ("import os, sys; from esfterm.fileio import atomic_writer\n"
              "with atomic_writer(sys.argv[1]) as fh:\n"
              "    fh.write('half'); fh.flush(); os.kill(os.getpid(), 9)\n")
    assert subprocess.run([sys.executable, "-c", script, str(target)]).returncode == -9
    assert target.read_text(encoding="utf-8") == "old"
    assert len(list(tmp_path.glob(".out.tmx.*.tmp"))) == 1
    write_text_atomic(target, "new")
    assert target.read_text(encoding="utf-8") == "new" and list(tmp_path.glob(".out.tmx.*.tmp")) == []
