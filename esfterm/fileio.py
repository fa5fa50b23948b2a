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


def read_text(path: str | os.PathLike, *, encoding: str = "utf-8", allow_empty: bool = False) -> str:
    """Read a whole text file as UTF-8 (BOM tolerated), refusing empty, huge or mis-encoded files."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_TEXT_BYTES:
            raise InputError(f"file is too large ({size} bytes, limit {MAX_TEXT_BYTES})", path=p)
        data = p.read_bytes()
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=p) from None
    except PermissionError:
        raise InputError("permission denied", path=p) from None
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InputError(f"not valid {encoding.upper()} (byte 0x{data[exc.start]:02x} at offset {exc.start})",
                         path=p, line=line, hint="convert the file to UTF-8, e.g. iconv -f latin1 -t utf-8") from None
    if not allow_empty and not text.strip():
        raise InputError("file is empty", path=p)
    return text.replace("\r\n", "\n").replace("\r", "\n")


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike, mode: str = "w", encoding: str | None = "utf-8") -> Iterator[IO]:
    """Open a temp file beside `path`; rename it over `path` only when the block succeeds.

    A crash or an exception half-way leaves the previous file (or no file), never a partial one.
    """
    target = Path(path)
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        kwargs = {"encoding": encoding, "newline": ""} if "b" not in mode else {}
        with os.fdopen(fd, mode, **kwargs) as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(tmp)
        raise


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
