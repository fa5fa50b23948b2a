"""Flat glossaries: TSV in OmegaT's layout (source, target, comment; no header) and CSV with a
header row naming the language of each column (`sv,sl,comment`), as CAT tools import them.

A glossary row is one source term with its translation, so a concept gives a row per source
term: the full form pairs with the preferred target term, an acronym with the target acronym.
Deprecated target terms are never offered as translations; the comment names them instead.
"""

from __future__ import annotations

import csv
import hashlib
import io
import os
import re
from pathlib import Path

from esfterm.errors import InputError
from esfterm.fileio import read_text, write_text_atomic
from esfterm.langs import normalize_lang, primary, require_known
from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.model.concepts import term_rank

FORMATS = ("tsv", "csv")
#: TBX concept ids are XML IDs (NCName); CSV ids that are not ("1024") get a prefix.
_NCNAME = re.compile(r"^[^\W\d][\w.-]*$")
COMMENT_SEPARATOR = " | "
_USABLE = ("preferred", "admitted", None)
_ID_COLUMNS = ("id", "concept_id", "conceptid", "entry_id")
_COMMENT_COLUMNS = ("comment", "comments", "note", "notes", "description", "definition")


def _target_for(source: Term, concept: Concept, lang: str) -> Term | None:
    """The target term to offer for `source`: an acronym for an acronym, else the preferred term."""
    usable = [t for t in concept.terms(lang) if t.status in _USABLE]
    acronyms = [t for t in usable if t.is_acronym]
    if source.is_acronym and acronyms:
        return min(acronyms, key=term_rank)
    return min(usable, key=term_rank) if usable else None


def _avoid_note(concept: Concept, lang: str) -> str | None:
    avoid = [t.text for t in concept.terms(lang) if t.status in ("deprecated", "superseded")]
    return f"{lang}: avoid {', '.join(avoid)}" if avoid else None


def _comment(concept: Concept, src: str, tgts: list[str]) -> str:
    parts = [note for note in (_avoid_note(concept, lang) for lang in tgts) if note]
    definition = next(filter(None, map(concept.definition, [src, *tgts, *concept.langs])), None)
    if definition is not None:
        parts.append(definition.text)
    return COMMENT_SEPARATOR.join(parts)


def comment_pieces(concept: Concept) -> set[str]:
    """Every piece an exported comment for this concept can hold, so that importing our own
    export again adds no notes the concept already says."""
    pieces = {d.text for d in concept.definitions} | set(concept.notes)
    for sec in concept.languages:
        pieces.update(d.text for d in sec.definitions)
        note = _avoid_note(concept, sec.lang)
        if note:
            pieces.add(note)
    return pieces


def glossary_rows(termbase: Termbase, langs: list[str]) -> list[list[str]]:
    """Rows of [term in langs[0], term in langs[1], ..., comment], one per source-language term.

    A concept with no term in the source language gives one row with an empty source cell.
    """
    src, tgts = langs[0], langs[1:]
    rows = []
    for concept in termbase.concepts:
        if not any(concept.terms(lang) for lang in tgts):
            continue
        comment = _comment(concept, src, tgts)
        sources = concept.terms(src)
        if not sources:
            sources = [Term("", src)]
        for term in sources:
            targets = [_target_for(term, concept, lang) for lang in tgts]
            rows.append([term.text] + [t.text if t else "" for t in targets] + [comment])
    return rows


def _clean(cell: str) -> str:
    return " ".join(cell.replace("\t", " ").split())


def glossary_text(termbase: Termbase, fmt: str, src: str | None = None, tgt: str | None = None) -> str:
    """The glossary as text: TSV (OmegaT, needs src and tgt) or CSV (header row of languages)."""
    if fmt not in FORMATS:
        raise InputError(f"unknown glossary format {fmt!r}", hint="use tsv or csv")
    if fmt == "tsv" and not (src and tgt):
        raise InputError("a TSV glossary is bilingual: give both --src and --tgt")
    langs = _export_langs(termbase, src, tgt)
    rows = glossary_rows(termbase, langs)
    if fmt == "tsv":
        rows = [row for row in rows if row[0] and row[1]]
        return "".join("\t".join(_clean(c) for c in row) + "\n" for row in rows)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow([*langs, "comment"])
    writer.writerows(rows)
    return out.getvalue()


def _export_langs(termbase: Termbase, src: str | None, tgt: str | None) -> list[str]:
    if src and tgt:
        return [require_known(src, option="--src"), require_known(tgt, option="--tgt")]
    have = termbase.langs
    if src:
        first = require_known(src, option="--src")
        return [first] + [lang for lang in have if primary(lang) != primary(first)]
    if tgt:
        raise InputError("--tgt needs --src")
    label = [lang for lang in have if primary(lang) == primary(termbase.lang)]
    return label + [lang for lang in have if lang not in label]


def write_glossary(termbase: Termbase, path: str | os.PathLike, fmt: str = "tsv",
                   src: str | None = None, tgt: str | None = None) -> int:
    """Write a TSV (OmegaT) or CSV glossary atomically; returns the number of rows."""
    text = glossary_text(termbase, fmt, src, tgt)
    write_text_atomic(path, text)
    return text.count("\n") - (1 if fmt == "csv" else 0)


def _row_id(cells: list[tuple[str, str]]) -> str:
    """A stable id from the row's terms, so importing the same row twice meets the same concept."""
    digest = hashlib.sha1("\t".join(f"{lang}={text}" for lang, text in cells).encode("utf-8")).hexdigest()
    return f"g-{digest[:12]}"


def _concept(cid: str, cells: list[tuple[str, str]], comment: str) -> Concept:
    concept = Concept(id=cid)
    for lang, text in cells:
        if text:
            sec = concept.section(lang)
            if sec is None:
                sec = LangSection(lang=lang)
                concept.languages.append(sec)
            sec.terms.append(Term(text=text, lang=lang))
    if comment:
        concept.notes.append(comment)
    return concept


def _header_langs(header: list[str], path: Path) -> tuple[list[int], int | None, int | None, list[str]]:
    lang_cols, id_col, comment_col, langs = [], None, None, []
    for i, name in enumerate(h.strip() for h in header):
        low = name.lower()
        if low in _ID_COLUMNS:
            id_col = i
        elif low in _COMMENT_COLUMNS and comment_col is None:
            comment_col = i
        else:
            try:
                langs.append(require_known(name, option="column header"))
            except InputError:
                raise InputError(f"CSV header column {i + 1} {name!r} is neither a language code nor "
                                 f"one of {', '.join(_ID_COLUMNS + _COMMENT_COLUMNS)}", path=path, line=1) from None
            lang_cols.append(i)
    if not lang_cols:
        raise InputError("CSV header names no language column", path=path, line=1, hint="e.g. sv,sl,comment")
    return lang_cols, id_col, comment_col, langs


def read_glossary(path: str | os.PathLike, fmt: str | None = None, src: str | None = None,
                  tgt: str | None = None) -> Termbase:
    """Read a TSV (OmegaT: needs src, tgt) or CSV (language header row) glossary; one concept a row."""
    p = Path(path)
    text = read_text(p)
    fmt = fmt or sniff_glossary(text)
    tb = Termbase(source_desc=[f"Imported from {p.name}"])
    seen: set[str] = set()
    if fmt == "tsv":
        if not (src and tgt):
            raise InputError("a TSV glossary names no languages: give the source and target language",
                             path=p, hint="--src L --tgt L")
        langs = [normalize_lang(src), normalize_lang(tgt)]
        for number, line in enumerate(text.split("\n"), 1):
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.split("\t")
            if len(cols) < 2 or not cols[0].strip() or not cols[1].strip():
                raise InputError("expected a source and a target term separated by a tab", path=p, line=number)
            cells = [(langs[0], cols[0].strip()), (langs[1], cols[1].strip())]
            cid = _row_id(cells)
            if cid not in seen:
                seen.add(cid)
                tb.concepts.append(_concept(cid, cells, " ".join(" ".join(cols[2:]).split())))
        return tb
    rows = list(csv.reader(io.StringIO(text), dialect=_csv_dialect(text)))
    lang_cols, id_col, comment_col, langs = _header_langs(rows[0], p)
    for number, row in enumerate(rows[1:], 2):
        if not any(c.strip() for c in row):
            continue
        cells = [(lang, _cell(row, i)) for lang, i in zip(langs, lang_cols)]
        given = _cell(row, id_col)
        cid = (given if _NCNAME.match(given) else f"id-{given}") if given else _row_id(cells)
        if cid in seen:
            if given:
                raise InputError(f"duplicate id {given!r}", path=p, line=number)
            continue
        seen.add(cid)
        tb.concepts.append(_concept(cid, cells, _cell(row, comment_col)))
    return tb


def _cell(row: list[str], index: int | None) -> str:
    return row[index].strip() if index is not None and index < len(row) else ""


def _csv_dialect(text: str) -> type[csv.Dialect] | csv.Dialect:
    try:
        return csv.Sniffer().sniff(text.split("\n", 1)[0], delimiters=",;")
    except csv.Error:
        return csv.excel


def sniff_glossary(text: str) -> str:
    """'tsv' when the first data line has a tab, else 'csv'."""
    first = next((line for line in text.split("\n") if line.strip() and not line.startswith("#")), "")
    return "tsv" if "\t" in first else "csv"
