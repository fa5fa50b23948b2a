"""An output folder replaced whole: written in a staging folder beside it, swapped in at the end.

A build writes a dozen files; killed half-way it must not leave new files beside old ones
under the previous report. So every file goes into `.build.staging-XXXX/`, and only a
complete stage is swapped in: the old folder is renamed aside, the stage renamed into its
place, the old one deleted. One build per folder at a time (a lock file beside it); under
that lock, whatever an earlier, killed build left is cleaned first: stale stages are deleted,
and an old folder renamed aside whose replacement never arrived is put back.

Files in the folder that the build does not write (a user's notes, a TMX exported there) are
kept: they are hard-linked into the stage before the swap. Outputs of the previous build are
not carried over (its report lists them), nor the companions of a file the new build writes
(the -wal and -shm files of the old SQLite TM would corrupt the new one).
"""

from __future__ import annotations

import contextlib
import json
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Iterator

import filelock

from esfterm.errors import InputError

#: The report in the folder that lists the previous build's outputs.
REPORT = "report.json"
#: Files SQLite keeps beside a database, which belong to that database only.
_COMPANIONS = ("-wal", "-shm", "-journal")


def _hidden(out: Path, kind: str) -> str:
    return f".{out.name}.{kind}"


def lock_path(out: Path) -> Path:
    """The lock file that keeps two builds out of one folder (kept: deleting a lock file races)."""
    return out.parent / f"{_hidden(out, 'esfterm-lock')}"


def check_output_folder(out: Path, *inputs: Path | None) -> None:
    """Refuse an output folder that holds an input or the current folder: swapping it would move them."""
    target = out.resolve()
    for held in [Path.cwd(), *(p for p in inputs if p is not None)]:
        if held.resolve().is_relative_to(target):
            raise InputError("the output folder must be a folder of its own: it holds "
                             f"{'the current folder' if held == Path.cwd() else held}", path=out,
                             hint="give --out a folder such as build/")


def recover(out: Path) -> None:
    """Undo what a killed build left beside `out` (call under the lock): an old folder renamed
    aside without its replacement is put back; stale stages and old folders are deleted."""
    for old in sorted(out.parent.glob(f"{_hidden(out, 'old-')}*")):
        if not out.exists():
            os.rename(old, out)
        else:
            shutil.rmtree(old, ignore_errors=True)
    for stage in out.parent.glob(f"{_hidden(out, 'staging-')}*"):
        shutil.rmtree(stage, ignore_errors=True)


def _previous_outputs(out: Path) -> set[str]:
    try:
        report = json.loads((out / REPORT).read_text(encoding="utf-8"))
        return set(report.get("outputs", {})) | {REPORT, "report.md"}
    except (OSError, ValueError, AttributeError):
        return set()


def _link_tree(src: Path, dst: Path) -> None:
    """Hard links where the file system has them, else copies."""
    def link(a: str, b: str) -> None:
        try:
            os.link(a, b)
        except OSError:
            shutil.copy2(a, b)

    if src.is_dir() and not src.is_symlink():
        shutil.copytree(src, dst, symlinks=True, copy_function=link)
    elif src.is_symlink():
        os.symlink(os.readlink(src), dst)
    else:
        link(str(src), str(dst))


def carry_over(out: Path, stage: Path) -> list[str]:
    """Link into the stage what `out` holds that is no output of a build; returns the names."""
    if not out.is_dir():
        return []
    written = {p.name for p in stage.iterdir()}
    previous = _previous_outputs(out)
    kept = []
    for entry in sorted(out.iterdir()):
        name = entry.name
        if name in written or name in previous or any(name == w + end for w in written | previous
                                                        for end in _COMPANIONS):
            continue
        _link_tree(entry, stage / name)
        kept.append(name)
    return kept


def swap_in(stage: Path, out: Path) -> None:
    """Put the complete stage in the place of `out` (two renames; `recover` mends a kill between)."""
    if not out.exists():
        os.rename(stage, out)
        return
    old = out.parent / f"{_hidden(out, 'old-')}{uuid.uuid4().hex[:8]}"
    try:
        os.rename(out, old)
    except OSError:  # a mount point cannot be renamed: replace its files one by one instead
        _replace_files(stage, out)
        return
    os.rename(stage, out)
    shutil.rmtree(old, ignore_errors=True)


def _replace_files(stage: Path, out: Path) -> None:
    stale = _previous_outputs(out)
    for entry in stage.iterdir():
        if entry.is_dir():
            continue
        os.replace(entry, out / entry.name)
        stale.discard(entry.name)
    for name in stale:
        with contextlib.suppress(FileNotFoundError):
            (out / name).unlink()
    shutil.rmtree(stage, ignore_errors=True)


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


@contextlib.contextmanager
def staged_folder(out: str | os.PathLike) -> Iterator[Path]:
    """A fresh folder to write the outputs into; swapped in for `out` when the block succeeds,
    deleted (leaving `out` untouched) when it fails."""
    out = Path(out)
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        lock = filelock.FileLock(str(lock_path(out)), timeout=0)
        lock.acquire()
    except filelock.Timeout:
        raise InputError("another esfterm build is writing to this folder", path=out,
                         hint="wait for it to finish") from None
    except OSError as exc:
        raise InputError(f"cannot write here: {exc.strerror or exc}", path=out) from None
    try:
        recover(out)
        stage = Path(tempfile.mkdtemp(prefix=_hidden(out, "staging-"), dir=out.parent))
        os.chmod(stage, out.stat().st_mode & 0o7777 if out.is_dir() else 0o777 & ~_umask())
        try:
            yield stage
            carry_over(out, stage)
            swap_in(stage, out)
        except BaseException:
            shutil.rmtree(stage, ignore_errors=True)
            raise
    finally:
        lock.release()
