"""Any termbase file in, any termbase format out: TBX v3/v2, TSV and CSV chosen by content or name."""

from __future__ import annotations

import os
from pathlib import Path

from esfterm.errors import InputError
from esfterm.formats.glossary import read_glossary, write_glossary
from esfterm.formats.tbx import read_tbx, write_tbx
from esfterm.model import Termbase
from esfterm.model.limits import check_term_sizes

#: Export formats: TBX v3 (TBX-Basic), TBX v2 (<martif>), OmegaT TSV, CSV with a header.
EXPORT_FORMATS = ("tbx", "tbx2", "tsv", "csv")


def sniff_format(path: str | os.PathLike) -> str:
    """'tbx' for XML (v2 and v3 are told apart by the reader), else 'tsv' or 'csv' by content."""
    p = Path(path)
    try:
        with open(p, "rb") as fh:
            head = fh.read(4096)
    except FileNotFoundError:
        raise InputError("no such file", path=p) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=p) from None
    text = head.lstrip(b"\xef\xbb\xbf").lstrip()
    if text.startswith(b"<") or head[:2] in (b"\xff\xfe", b"\xfe\xff"):
        return "tbx"
    first = text.split(b"\n", 1)[0]
    return "tsv" if b"\t" in first else "csv"


def read_termbase(path: str | os.PathLike, src: str | None = None, tgt: str | None = None) -> Termbase:
    """Read a TBX (v3 or v2), TSV or CSV termbase, recognised by content.

    TSV glossaries carry no language names, so `src` and `tgt` are needed for them. An entry
    with an absurdly long term is refused (see esfterm.model.limits).
    """
    fmt = sniff_format(path)
    termbase = read_tbx(path) if fmt == "tbx" else read_glossary(path, fmt, src, tgt)
    return check_term_sizes(termbase, path)


def write_termbase(termbase: Termbase, path: str | os.PathLike, fmt: str = "tbx",
                   src: str | None = None, tgt: str | None = None) -> None:
    """Write in one of EXPORT_FORMATS, atomically."""
    if fmt == "tbx":
        write_tbx(termbase, path, version=3)
    elif fmt == "tbx2":
        write_tbx(termbase, path, version=2)
    elif fmt in ("tsv", "csv"):
        write_glossary(termbase, path, fmt, src, tgt)
    else:
        raise InputError(f"unknown termbase format {fmt!r}", hint="use one of " + ", ".join(EXPORT_FORMATS))
