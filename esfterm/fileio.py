"""Reading text files with clear errors, and writing outputs atomically (temp file + rename)."""

from __future__ import annotations

import contextlib
import glob
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from esfterm.errors import InputError

try:
    import fcntl
except ImportError:  # Windows: an open file cannot be deleted, which is lock enough
    fcntl = None

#: Files larger than this are refused rather than read into memory.
MAX_TEXT_BYTES = 50 * 1024 * 1024


def read_bytes(path: str | os.PathLike) -> bytes:
    """Read a whole file, refusing missing, unreadable or huge ones with a clear error."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file is too large ({size} bytes, limit {MAX_TEXT_BYTES})", path=p)
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=p) from None
    except PermissionError:
        raise InputError("permission denied", path=p) from None


def decode_text(data: bytes, path: str | os.PathLike, encoding: str = "utf-8", *,
                declared: bool = False) -> str:
    """Decode a file's bytes (a UTF-8 BOM tolerated), with newlines made \\n.

    A byte the encoding cannot hold is an InputError naming its line; `declared` says the
    encoding is the one the file itself declares (so the error says the bytes contradict it).
    """
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        where = f"byte 0x{data[exc.start]:02x} at offset {exc.start}"
        if declared:
            raise InputError(f"the bytes contradict the declared charset {encoding} ({where})", path=path,
                             line=line, hint="fix the bytes or the charset in the header") from None
        raise InputError(f"not valid {encoding.upper()} ({where})", path=path, line=line,
                         hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8") from None
    return text.replace("\r\n", "\n").replace("\r", "\n")


def read_text(path: str | os.PathLike, *, encoding: str = "utf-8", allow_empty: bool = False) -> str:
    """Read a whole text file as UTF-8 (BOM tolerated), refusing empty, huge or mis-encoded files."""
    text = decode_text(read_bytes(path), path, encoding)
    if not allow_empty and not text.strip():
        raise InputError("file is empty", path=Path(path))
    return text


@contextlib.contextmanager
def locked_temp(target: Path, suffix: str = ".tmp") -> Iterator[tuple[int, Path]]:
    """A new hidden temp file beside `target` (fd, path), locked while in use so that a later
    run can tell a temp of a killed process (stale: `remove_stale_temps`) from a live one."""
    try:
        fd, name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=suffix, dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    tmp = Path(name)
    if fcntl is not None:
        fcntl.flock(fd, fcntl.LOCK_EX)
    try:
        yield fd, tmp
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise
    finally:
        with contextlib.suppress(OSError):
            os.close(fd)


def remove_stale_temps(target: str | os.PathLike, suffix: str = ".tmp") -> int:
    """Delete the temps that killed writers of `target` left beside it; returns how many.

    A temp is stale when no process holds its lock (on systems without flock: when it can be
    deleted at all, since an open file cannot be deleted there)."""
    target = Path(target)
    removed = 0
    for tmp in target.parent.glob(f".{glob.escape(target.name)}.*{suffix}"):
        if not _unlocked(tmp):
            continue
        with contextlib.suppress(OSError):
            os.unlink(tmp)
            removed += 1
    return removed


def _unlocked(path: Path) -> bool:
    if fcntl is None:
        return True
    try:
        fd = os.open(path, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def write_target(path: str | os.PathLike) -> Path:
    """The file a write to `path` must replace: a symlink's target, so the link stays a link."""
    return Path(os.path.realpath(path)) if os.path.islink(path) else Path(path)


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike) -> Iterator[Path]:
    """A temp path beside `path` for a writer that opens files by name (SQLite, tries); the
    temp is synced and renamed over `path` only when the block succeeds.

    A crash or an exception half-way leaves the previous file (or no file), never a partial one;
    temps left by killed writers of the same file are removed first. Writing to a symlink
    replaces the file it points to, and an existing file keeps its permissions. A failure to
    write is an InputError naming `path`, never the hidden temp file.
    """
    target = write_target(path)
    if target.is_dir():
        raise InputError("is a directory, expected a file to write", path=path)
    if target.parent.exists() and not target.parent.is_dir():
        raise InputError(f"cannot write: {target.parent} is not a folder", path=path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise _cannot_write(Path(path), exc) from None
    remove_stale_temps(target)
    with locked_temp(target) as (_, tmp):
        try:
            yield tmp
        except OSError as exc:
            if exc.filename in (None, str(tmp)):  # the temp file's own failure, not an input the block read
                raise _cannot_write(Path(path), exc) from None
            raise
        try:
            with open(tmp, "rb") as fh:
                os.fsync(fh.fileno())
            os.chmod(tmp, target.stat().st_mode & 0o7777 if target.exists() else 0o666 & ~_umask())
            os.replace(tmp, target)
        except OSError as exc:
            raise _cannot_write(Path(path), exc) from None


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """A file object writing to a temp beside `path`, renamed over it when the block succeeds
    (see atomic_path). A device or pipe (`-o /dev/stdout`) is written directly: renaming over
    it would replace it."""
    target = Path(path)
    if target.exists() and not target.is_file() and not target.is_dir():
        with _direct(target, mode, encoding) as fh:
            yield fh
        return
    with atomic_path(path) as tmp:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with open(tmp, mode, **kwargs) as fh:
            yield fh


@contextlib.contextmanager
def _direct(target: Path, mode: str, encoding: str | None) -> Iterator[IO]:
    kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
    try:
        fh = open(target, mode, **kwargs)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        with fh:
            yield fh
    except OSError as exc:
        if exc.filename is None:
            raise _cannot_write(target, exc) from None
        raise


def _cannot_write(target: Path, exc: OSError) -> InputError:
    return InputError(f"cannot write: {exc.strerror or exc}", path=target)


def _umask() -> int:
    """The process umask (mkstemp creates 0600 files; outputs should get the usual mode)."""
    mask = os.umask(0)
    os.umask(mask)
    return mask


def write_text_atomic(path: str | os.PathLike, text: str) -> None:
    """Write a whole text file atomically."""
    with atomic_writer(path) as fh:
        fh.write(text)


def write_bytes_atomic(path: str | os.PathLike, data: bytes) -> None:
    """Write a whole binary file atomically."""
    with atomic_writer(path, "wb", encoding=None) as fh:
        fh.write(data)
