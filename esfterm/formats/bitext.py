"""Bilingual TSV/CSV: one unit per row, source in the first column and target in the second.

A first row whose two cells are language codes ("sv<TAB>sl") names the languages; otherwise they
must be given (a "source<TAB>target" header row is skipped). Unit.id is the 1-based line number of the row (as a string), so reports can point
at it. TSV is read unquoted (tabs and newlines cannot occur in cells); CSV uses standard quoting.
"""

from __future__ import annotations

import csv
import io
import os
from pathlib import Path
from typing import Iterable, Iterator

from esfterm.errors import InputError
from esfterm.fileio import atomic_writer, read_text
from esfterm.formats.filelang import lang_from_path
from esfterm.formats.tmx import BadUnitHandler, bad_unit_handler
from esfterm.langs import COMMON_LANGUAGES, normalize_lang
from esfterm.model import Unit, Variant


def _dialect(path: Path) -> dict:
    if path.suffix.lower() == ".csv":
        return {"delimiter": ","}
    return {"delimiter": "\t", "quoting": csv.QUOTE_NONE, "quotechar": None}


def _lang_header(row: list[str]) -> tuple[str, str] | None:
    """The two languages a first row names, or None. Only the common languages count: with all
    of CLDR's, a glossary row such as "no / ne" (Norwegian, Nepali) would be taken for a header."""
    if len(row) < 2:
        return None
    try:
        codes = [normalize_lang(cell) for cell in row[:2]]
    except InputError:
        return None
    if all(code.split("-")[0] in COMMON_LANGUAGES for code in codes):
        return codes[0], codes[1]
    return None


def read_bitext(path: str | os.PathLike, src_lang: str | None = None, tgt_lang: str | None = None,
                *, strict: bool = False, on_bad: BadUnitHandler | None = None,
                keep_untranslated: bool = False) -> Iterator[Unit]:
    """Units from a two-column TSV/CSV; rows without a source and a target cell are bad units.

    With `keep_untranslated` a row with a source but an empty or missing target cell is a unit
    with an empty target instead, so QA reports it as untranslated at its line.
    """
    p = Path(path)
    bad = bad_unit_handler(strict, on_bad)
    rows = csv.reader(io.StringIO(read_text(p)), **_dialect(p))
    langs = None
    for row in rows:
        line = rows.line_num
        if not any(cell.strip() for cell in row):
            continue
        if langs is None:
            langs = _lang_header(row)
            if langs is not None:
                continue
            if [cell.strip().lower() for cell in row[:2]] in (["source", "target"], ["src", "tgt"]):
                continue
            tgt_lang = tgt_lang or lang_from_path(p)
            if not (src_lang and tgt_lang):
                raise InputError("the languages of the columns are unknown", path=p, line=line,
                                 hint="start the file with a row such as 'sv<TAB>sl' or give --src and --tgt")
            langs = (normalize_lang(src_lang), normalize_lang(tgt_lang))
        target = row[1] if len(row) > 1 else ""
        if not row[0].strip() or not (target.strip() or keep_untranslated):
            filled = sum(1 for cell in row if cell.strip())
            bad(InputError(f"expected a source and a target cell, found {filled} non-empty", path=p, line=line))
            continue
        yield Unit([Variant(langs[0], row[0]), Variant(langs[1], target)], str(line),
                   ref=f"line {line}", line=line)


def write_bitext(path: str | os.PathLike, units: Iterable[Unit], src: str, tgt: str) -> int:
    """Write src/tgt pairs as TSV (or CSV for a .csv path) with a language header row, atomically.

    TSV cannot hold tabs or newlines in a cell; they are written as spaces.
    """
    p = Path(path)
    count = 0
    with atomic_writer(p, "w") as fh:
        dialect = _dialect(p)
        writer = csv.writer(fh, lineterminator="\n", **dialect)
        writer.writerow([normalize_lang(src), normalize_lang(tgt)])
        for unit in units:
            s, t = unit.text(src), unit.text(tgt)
            if s is None or t is None:
                continue
            if dialect["delimiter"] == "\t":
                s, t = (" ".join(x.split()) if ("\t" in x or "\n" in x) else x for x in (s, t))
            writer.writerow([s, t])
            count += 1
    return count
