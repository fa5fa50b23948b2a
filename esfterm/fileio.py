"""Reading text files with clear errors, and writing outputs atomically (temp file + rename)."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path
from typing import IO, Iterator

from esfterm.errors import InputError

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
def atomic_writer(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temp file beside `path`; rename it over `path` only when the block succeeds.

    A crash or an exception half-way leaves the previous file (or no file), never a partial one.
    A failure to write is an InputError naming `path`, never the hidden temp file. A device or
    pipe (`-o /dev/stdout`) is written directly: renaming over it would replace it.
    """
    target = Path(path)
    if target.is_dir():
        raise InputError("is a directory, expected a file to write", path=target)
    if target.exists() and not target.is_file():
        with _direct(target, mode, encoding) as fh:
            yield fh
        return
    if target.parent.exists() and not target.parent.is_dir():
        raise InputError(f"cannot write: {target.parent} is not a folder", path=target)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    except OSError as exc:
        raise _cannot_write(target, exc) from None
    try:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except OSError as exc:
        _discard(tmp)
        if exc.filename in (None, tmp):  # the temp file's own failure, not an input the block read
            raise _cannot_write(target, exc) from None
        raise
    except BaseException:
        _discard(tmp)
        raise


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


def _discard(tmp: str) -> None:
    with contextlib.suppress(FileNotFoundError):
        os.unlink(tmp)


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
