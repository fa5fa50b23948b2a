"""What `terms extract` gives a terminologist: candidates flagged against a termbase, read
from a TM or translation files, and written as text, TSV, JSON or a TBX file of candidates.

A candidate TBX is plain TBX-Basic that `esfterm termbase import` merges: each pair is a
concept whose two terms are *admitted* (TBX-Basic's non-preferred status; a reviewer
promotes or deprecates them), with a concept note starting "Candidate (not reviewed)" that
gives the score and frequency, and each term's two context sentences with the unit they come
from. Candidates whose both terms the termbase already has are left out of the TBX.
"""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path
from typing import Iterable

from esfterm.fileio import write_bytes_atomic
from esfterm.formats.detect import read_units
from esfterm.model import Concept, LangSection, Sourced, Term, Termbase, Unit
from esfterm.terms.extract import Candidate, extract_terms, unit_pairs
from esfterm.terms.index import TermIndex

CANDIDATE_NOTE = "Candidate (not reviewed)"
TSV_COLUMNS = ("rank", "score", "source", "target", "frequency", "dice", "alignment", "evidence",
               "known", "concept", "source_forms", "target_forms", "context_1", "context_2")


def units_from(files: list[str | os.PathLike], tm_path: str | os.PathLike | None, src: str,
               tgt: str) -> Iterable[Unit]:
    """The units to mine: those of the files (TMX, XLIFF, PO, TSV), else of the TM."""
    if files:
        for path in files:
            yield from read_units(path, src, tgt)
        return
    from esfterm.tm import TranslationMemory

    with TranslationMemory(tm_path, readonly=True) as tm:
        yield from tm.iter_units(src, tgt)


def extract(units: Iterable[Unit], src: str, tgt: str, index: TermIndex | None = None,
            min_frequency: int = 1, limit: int | None = None) -> list[Candidate]:
    """Candidates of the units, best first, flagged against the termbase index when given."""
    found = extract_terms(unit_pairs(units, src, tgt), src, tgt, min_frequency=min_frequency, limit=limit)
    if index is not None:
        for cand in found:
            flag_known(cand, index)
    return found


def _concepts_for(index: TermIndex, text: str, lang: str) -> list[str]:
    ids = index.match_exact(text) + index.match_inflected(text, [lang]) + index.match_acronym(text)
    return list(dict.fromkeys(index.entries[i][0].id for i in ids
                              if index.entries[i][1].lang.split("-")[0].lower() == lang))


def flag_known(cand: Candidate, index: TermIndex) -> None:
    """Mark the concept the termbase has for the pair: 'both' when a concept has both terms,
    'source' or 'target' when only one side is listed (a new rendering, or a new source)."""
    src_ids = _concepts_for(index, cand.source, cand.src_lang)
    tgt_ids = _concepts_for(index, cand.target, cand.tgt_lang)
    both = [cid for cid in src_ids if cid in tgt_ids]
    if both:
        cand.concept_id, cand.known = both[0], "both"
    elif src_ids:
        cand.concept_id, cand.known = src_ids[0], "source"
    elif tgt_ids:
        cand.concept_id, cand.known = tgt_ids[0], "target"


def _context_text(ctx) -> str:
    return f"{ctx.source} ||| {ctx.target} [{ctx.ref}]"


def candidate_dict(rank: int, c: Candidate) -> dict:
    return {
        "rank": rank, "source": c.source, "target": c.target, "src_lang": c.src_lang, "tgt_lang": c.tgt_lang,
        "score": round(c.score, 4), "frequency": c.frequency, "dice": round(c.dice, 4),
        "alignment": round(c.alignment, 4), "source_units": c.source_units, "target_units": c.target_units,
        "evidence": c.evidence, "known": c.known, "concept": c.concept_id,
        "source_forms": c.source_forms, "target_forms": c.target_forms,
        "contexts": [{"source": x.source, "target": x.target, "ref": x.ref, "source_span": list(x.source_span),
                      "target_span": list(x.target_span)} for x in c.contexts],
    }


def candidates_json(cands: list[Candidate]) -> str:
    return json.dumps([candidate_dict(n, c) for n, c in enumerate(cands, start=1)], ensure_ascii=False, indent=2)


def _cell(text: str) -> str:
    return " ".join(str(text).split())


def candidates_tsv(cands: list[Candidate]) -> str:
    lines = ["\t".join(TSV_COLUMNS)]
    for n, c in enumerate(cands, start=1):
        contexts = [_context_text(x) for x in c.contexts] + ["", ""]
        row = (n, f"{c.score:.3f}", c.source, c.target, c.frequency, f"{c.dice:.2f}", f"{c.alignment:.2f}",
               ",".join(c.evidence), c.known or "", c.concept_id or "", "; ".join(c.source_forms),
               "; ".join(c.target_forms), contexts[0], contexts[1])
        lines.append("\t".join(_cell(v) for v in row))
    return "\n".join(lines) + "\n"


def _marked(text: str, span: tuple[int, int]) -> str:
    return text[:span[0]] + "«" + text[span[0]:span[1]] + "»" + text[span[1]:]


def candidates_text(cands: list[Candidate]) -> str:
    """The human view: one block per candidate, the located spans «marked» in context."""
    if not cands:
        return "no term candidates found\n"
    out = []
    for n, c in enumerate(cands, start=1):
        flags = [f"{c.frequency} unit(s)", f"dice {c.dice:.2f}", f"alignment {c.alignment:.2f}"] + c.evidence
        if c.known:
            flags.append(f"in termbase: {c.concept_id}" + ("" if c.known == "both" else f" ({c.known} only)"))
        out.append(f"{n:3}. {c.score:5.2f}  {c.source}  ->  {c.target}   [{'; '.join(flags)}]")
        for x in c.contexts:
            out.append(f"       {c.src_lang}: {_marked(x.source, x.source_span)}")
            out.append(f"       {c.tgt_lang}: {_marked(x.target, x.target_span)}   ({x.ref})")
    return "\n".join(out) + "\n"


def _slug(text: str) -> str:
    plain = unicodedata.normalize("NFKD", text.lower())
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-")[:40] or "term"


def _term(text: str, lang: str, c: Candidate, side: str) -> Term:
    contexts = [Sourced(x.source if side == "source" else x.target, x.ref) for x in c.contexts]
    one_word = len(text.split()) == 1
    return Term(text=text, lang=lang, status="admitted",
                term_type="acronym" if "acronym" in c.evidence and one_word else "fullForm",
                contexts=contexts)


def candidates_termbase(cands: list[Candidate], include_known: bool = False) -> Termbase:
    """The candidates as a termbase of admitted terms, each concept noted as a candidate."""
    concepts = []
    for n, c in enumerate(cands, start=1):
        if c.known == "both" and not include_known:
            continue
        note = (f"{CANDIDATE_NOTE}: esfterm terms extract, score {c.score:.3f}, {c.frequency} unit(s), "
                f"dice {c.dice:.2f}, alignment {c.alignment:.2f}"
                + (f"; evidence: {', '.join(c.evidence)}" if c.evidence else "")
                + (f"; the termbase has the {c.known} term in {c.concept_id}" if c.known else ""))
        concepts.append(Concept(
            id=f"cand-{c.src_lang}-{c.tgt_lang}-{n:04d}-{_slug(c.source)}", notes=[note],
            languages=[LangSection(c.src_lang, [_term(c.source, c.src_lang, c, "source")]),
                       LangSection(c.tgt_lang, [_term(c.target, c.tgt_lang, c, "target")])]))
    return Termbase(concepts=concepts, title=f"esfterm term candidates {cands[0].src_lang}-{cands[0].tgt_lang}"
                    if cands else "esfterm term candidates",
                    source_desc=["Term candidates harvested by esfterm terms extract from aligned translations; "
                                 "not reviewed: every term is admitted until a terminologist decides."])


def write_candidates(cands: list[Candidate], path: str | os.PathLike, include_known: bool = False) -> str:
    """Write candidates to a file, in the format its suffix names (.tsv, .json, else TBX v3).
    Returns the format written."""
    suffix = Path(path).suffix.lower()
    if suffix == ".tsv":
        write_bytes_atomic(path, candidates_tsv(cands).encode("utf-8"))
        return "tsv"
    if suffix == ".json":
        write_bytes_atomic(path, (candidates_json(cands) + "\n").encode("utf-8"))
        return "json"
    from esfterm.formats.tbx_write import write_tbx

    write_tbx(candidates_termbase(cands, include_known), path)
    return "tbx"
