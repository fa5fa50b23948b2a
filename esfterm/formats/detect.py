"""One entry point for every bilingual/multilingual file: TMX, XLIFF 1.2/2.0, PO, TSV/CSV.

The format is decided by content first (the XML root element, a PO `msgid`), then by extension.

Every Unit yielded carries, for reports:
  - `unit.id`: the file's own identifier — TMX tuid (None when the <tu> has none), XLIFF
    trans-unit/unit id (+ "#mid"/"#segment" for segmented units), PO "msgctxt::msgid" (or msgid
    when there is no context), TSV/CSV line number as a string;
  - `unit.ref`: a readable label that is always set and stable between runs ("tuid 7", "tu #3",
    "trans-unit 12", "msgctxt 'menu' msgid 'Open'", "line 14");
  - `unit.line`: the 1-based line of the unit in the file when known.
"""

from __future__ import annotations

import logging
import os
import re
from pathlib import Path
from typing import Callable, Iterator

from esfterm.errors import InputError
from esfterm.formats.bitext import read_bitext
from esfterm.formats.po import read_po
from esfterm.formats.targetlang import as_target
from esfterm.formats.tmx import BadUnitHandler, read_tmx
from esfterm.formats.xliff import read_xliff
from esfterm.model import Unit
from esfterm.xmlsafe import check_xml_file, decode_head

_ROOT = re.compile(r"<([A-Za-z_][\w.:-]*)")
_SKIP = re.compile(r"\s*(<\?.*?\?>|<!--.*?-->|<!DOCTYPE[^>]*>)", re.DOTALL)


def _head(path: Path, size: int = 8192) -> str:
    try:
        with path.open("rb") as fh:
            return decode_head(fh.read(size))
    except FileNotFoundError:
        raise InputError("no such file", path=path) from None
    except IsADirectoryError:
        raise InputError("is a directory, expected a file", path=path) from None


def _xml_root(head: str) -> str | None:
    pos = 0
    while True:
        skipped = _SKIP.match(head, pos)
        if not skipped:
            break
        pos = skipped.end()
    found = _ROOT.match(head[pos:].lstrip())
    return found.group(1).split(":")[-1].lower() if found else None


def detect_format(path: str | os.PathLike) -> str:
    """'tmx', 'xliff', 'po' or 'tsv' for a file; InputError when it is none of them or empty."""
    p = Path(path)
    head = _head(p)
    if not head.strip():
        raise InputError("file is empty", path=p)
    if head.lstrip().startswith("<"):
        root = _xml_root(head)
        if root in ("tmx", "xliff"):
            return root
        return "xml"
    suffix = p.suffix.lower()
    if suffix in (".po", ".pot") or re.search(r"^msgid\s", head, re.MULTILINE):
        return "po"
    if suffix in (".tsv", ".csv", ".tab", ".txt"):
        return "tsv"
    raise InputError("unknown file format", path=p, hint="expected TMX, XLIFF, PO, TSV or CSV")


def _log_warning(message: str) -> None:
    logging.getLogger("esfterm").warning("%s", message)


def read_units(path: str | os.PathLike, src_lang: str | None = None, tgt_lang: str | None = None,
               strict: bool = False, *, fuzzy: str = "skip",
               on_bad: BadUnitHandler | None = None, keep_untranslated: bool = False,
               on_warning: Callable[[str], None] | None = None) -> Iterator[Unit]:
    """Stream the units of any supported file.

    `src_lang` fills in a source language the file does not state. `tgt_lang` is the target
    language of a PO, XLIFF or TSV file, and wins over one the file names: that file is said to
    `on_warning` (default: a logged warning; see targetlang). TMX units keep all their variants.
    A bad unit raises InputError with `strict`, else it is passed to `on_bad` (default: a logged
    warning) and skipped. PO fuzzy entries are skipped unless `fuzzy="flag"`. XLIFF units carry
    their workflow state in prop `x-state`.

    PO, XLIFF and TSV units whose target is empty or missing are left out (an empty target is no
    translation to import); `keep_untranslated` yields them with an empty target variant instead,
    for QA. TMX units are read as they are either way.
    """
    kind = detect_format(path)
    if kind == "tmx":
        return read_tmx(path, strict=strict, on_bad=on_bad)
    if kind == "xliff":
        units = read_xliff(path, src_lang, tgt_lang, strict=strict, on_bad=on_bad,
                           keep_untranslated=keep_untranslated)
    elif kind == "po":
        units = read_po(path, src_lang, tgt_lang, fuzzy=fuzzy, keep_untranslated=keep_untranslated)
    elif kind == "tsv":
        units = read_bitext(path, src_lang, tgt_lang, strict=strict, on_bad=on_bad,
                            keep_untranslated=keep_untranslated)
    else:
        check_xml_file(path)
        raise InputError("XML file is neither TMX nor XLIFF", path=path)
    return as_target(units, tgt_lang, path, on_warning or _log_warning) if tgt_lang else units
