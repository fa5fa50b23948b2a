"""The main job: corpora/ (+ termbase/) -> build/ with aligned TMX files and a build report.

Deterministic: documents, pairs and units are processed in sorted order, unit ids are derived
from the documents and segment numbers, and the TMX creation date comes from SOURCE_DATE_EPOCH
(or, when unset, from the newest input file), so two runs give byte-identical files.
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Callable

from esfterm.align import Bead, align
from esfterm.align.anchors import ConceptFinder
from esfterm.align.termanchors import ConceptAnchors
from esfterm.corpus import Prepared, prepare, read_manifest
from esfterm.fileio import write_text_atomic
from esfterm.formats.glossary import write_glossary
from esfterm.formats.tbx import write_tbx
from esfterm.formats.termfile import read_termbase
from esfterm.formats.tmx import TmxHeader, tmx_date, write_tmx
from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit, Variant
from esfterm.pairing import find_pairings
from esfterm.staging import check_output_folder, staged_folder
from esfterm.tm import TranslationMemory

Progress = Callable[[str], None]
#: The SQLite translation memory that `esfterm build` fills (what `esfterm tm` uses by default).
TM_NAME = "esf-tm.sqlite"


@dataclass
class AlignedPair:
    """The beads of one source document against one target document."""

    topic: str
    src: Prepared
    tgt: Prepared
    beads: list[Bead]


@dataclass
class BuildReport:
    """What a build did, for people (report.md) and machines (report.json)."""

    documents: list[dict] = field(default_factory=list)
    pairings: list[dict] = field(default_factory=list)
    #: Documents not aligned with a page in the source language (no translation found,
    #: wrong language, or a group without a source-language page).
    unpaired: list[str] = field(default_factory=list)
    pairs: list[dict] = field(default_factory=list)
    beads_by_type: dict[str, int] = field(default_factory=dict)
    weak_beads: list[dict] = field(default_factory=list)
    dropped_by_kind: dict[str, int] = field(default_factory=dict)
    outputs: dict[str, int] = field(default_factory=dict)


def _unit(pair: AlignedPair, bead: Bead) -> Unit:
    src_doc, tgt_doc = pair.src.document, pair.tgt.document
    src_ids = ",".join(str(i + 1) for i in bead.src)
    tgt_ids = ",".join(str(j + 1) for j in bead.tgt)
    return Unit(
        variants=[
            Variant(normalize_lang(src_doc.lang), " ".join(pair.src.segments[i].text for i in bead.src)),
            Variant(normalize_lang(tgt_doc.lang), " ".join(pair.tgt.segments[j].text for j in bead.tgt)),
        ],
        id=f"{pair.topic}:{primary(src_doc.lang)}{src_ids}-{primary(tgt_doc.lang)}{tgt_ids}",
        props=[("x-document", pair.topic), ("x-source-file", src_doc.name), ("x-target-file", tgt_doc.name),
               ("x-alignment", bead.kind), ("x-alignment-score", f"{bead.score:.3f}")],
    )


def _kept(pair: AlignedPair) -> list[tuple[Bead, Unit]]:
    """The beads of a pair that reach the TMX (1-1, 1-2, 2-1; not weak), each with its unit."""
    return [(b, _unit(pair, b)) for b in pair.beads if b.src and b.tgt and not b.weak]


def _multilingual(kept: list[tuple[AlignedPair, list[tuple[Bead, Unit]]]], src_lang: str) -> list[Unit]:
    """One unit per source bead, with every language aligned to exactly those source segments."""
    merged: dict[tuple[str, tuple[int, ...]], Unit] = {}
    for pair, beads in kept:
        for bead, unit in beads:
            key = (pair.topic, bead.src)
            if key not in merged:
                src_ids = ",".join(str(i + 1) for i in bead.src)
                merged[key] = Unit([unit.variants[0]], id=f"{pair.topic}:{primary(src_lang)}{src_ids}",
                                   props=[("x-document", pair.topic), (f"x-file-{primary(src_lang)}", pair.src.document.name)])
            target = unit.variants[1]
            lang = primary(target.lang)
            merged[key].variants.append(target)
            merged[key].props += [(f"x-file-{lang}", pair.tgt.document.name),
                                  (f"x-alignment-score-{lang}", f"{bead.score:.3f}")]
    return [merged[k] for k in sorted(merged, key=lambda k: (k[0], k[1]))]


def align_corpus(corpus_dir: str | os.PathLike, src_lang: str = "sv", *, discover: bool = False,
                 concepts: ConceptFinder | None = None,
                 progress: Progress | None = None) -> tuple[list[Prepared], list[AlignedPair], BuildReport]:
    """Prepare every document, find which translate each other, and align each to `src_lang`."""
    say = progress or (lambda message: None)
    documents = read_manifest(corpus_dir)
    if discover:
        for doc in documents:
            doc.doc = None
    all_langs = sorted({primary(d.lang) for d in documents})
    prepared = []
    for n, doc in enumerate(documents, start=1):
        say(f"[{n}/{len(documents)}] preparing {doc.name}")
        prepared.append(prepare(doc, all_langs))
    report = BuildReport()
    for p in prepared:
        report.documents.append({
            "file": p.document.name, "lang": p.document.lang, "detected_lang": p.detected_lang,
            "detected_share": round(p.detected_score, 3), "usable": p.usable, "segments": len(p.segments),
            "dropped": len(p.dropped), "complete": p.document.complete, "url": p.document.url})
        for d in p.dropped:
            report.dropped_by_kind[d.kind] = report.dropped_by_kind.get(d.kind, 0) + 1
    usable = [p for p in prepared if p.usable and p.segments]
    by_name = {p.document.name: p for p in usable}
    pairs: list[AlignedPair] = []
    for pairing in find_pairings(usable):
        members = [by_name[m] for m in pairing.members]
        report.pairings.append({"topic": pairing.topic, "members": list(pairing.members),
                                "discovered": pairing.discovered,
                                "similarity": None if pairing.similarity is None else round(pairing.similarity, 3)})
        sources = [m for m in members if primary(m.document.lang) == primary(src_lang)]
        if not sources:
            continue
        for tgt in sorted((m for m in members if primary(m.document.lang) != primary(src_lang)),
                          key=lambda m: m.document.name):
            say(f"aligning {sources[0].document.name} <-> {tgt.document.name}")
            beads = align(sources[0].segments, tgt.segments, sources[0].document.lang, tgt.document.lang,
                          concepts=concepts)
            pairs.append(AlignedPair(pairing.topic, sources[0], tgt, beads))
    aligned = {p.src.document.name for p in pairs} | {p.tgt.document.name for p in pairs}
    report.unpaired = sorted(p.document.name for p in prepared if p.document.name not in aligned)
    for pair in pairs:
        kinds: dict[str, int] = {}
        for bead in pair.beads:
            kinds[bead.kind] = kinds.get(bead.kind, 0) + 1
            report.beads_by_type[bead.kind] = report.beads_by_type.get(bead.kind, 0) + 1
            if bead.weak:
                report.weak_beads.append({
                    "topic": pair.topic, "pair": f"{pair.src.document.lang}-{pair.tgt.document.lang}",
                    "score": bead.score, "src": " ".join(pair.src.segments[i].text for i in bead.src),
                    "tgt": " ".join(pair.tgt.segments[j].text for j in bead.tgt)})
        report.pairs.append({"topic": pair.topic, "src": pair.src.document.name, "tgt": pair.tgt.document.name,
                             "beads": kinds, "weak": sum(b.weak for b in pair.beads)})
    return prepared, pairs, report


def build(corpus_dir: str | os.PathLike = "corpora", out_dir: str | os.PathLike = "build", *,
          termbase: str | os.PathLike | None = None, src_lang: str = "sv", discover: bool = False,
          progress: Progress | None = None) -> BuildReport:
    """Run the whole build and write build/: esf.<src>-<tgt>.tmx per pair, esf.tmx, the
    termbase exports (TBX v3, TBX v2, TSV glossaries) and report.*.

    The outputs are written into a staging folder and swapped in for build/ at the end, so a
    failed or killed build leaves the previous build as it was (see esfterm.staging).

    The termbase's concepts also anchor the alignment (a term in one language meets its
    translation in the other).
    """
    out = Path(out_dir)
    check_output_folder(out, Path(corpus_dir), Path(termbase) if termbase else None)
    terms = read_termbase(termbase) if termbase else None
    prepared, pairs, report = align_corpus(corpus_dir, src_lang, discover=discover,
                                           concepts=ConceptAnchors(terms) if terms else None, progress=progress)
    inputs = [p.document.path for p in prepared] + [Path(corpus_dir) / "manifest.tsv"]
    if termbase:
        inputs.append(Path(termbase))
    date = tmx_date(max((p.stat().st_mtime for p in inputs if p.exists()), default=0.0))
    src_tag = normalize_lang(src_lang)
    kept = [(pair, _kept(pair)) for pair in pairs]
    by_lang: dict[str, list[Unit]] = {}
    for pair, beads in kept:
        by_lang.setdefault(primary(pair.tgt.document.lang), []).extend(unit for _, unit in beads)
    with staged_folder(out) as stage:
        for lang, units in sorted(by_lang.items()):
            name = f"esf.{primary(src_lang)}-{lang}.tmx"
            report.outputs[name] = write_tmx(stage / name, units, TmxHeader(srclang=src_tag, creationdate=date))
        report.outputs["esf.tmx"] = write_tmx(stage / "esf.tmx", _multilingual(kept, src_lang),
                                              TmxHeader(srclang=src_tag, creationdate=date))
        report.outputs[TM_NAME] = _fill_tm(stage / TM_NAME, by_lang)
        if terms is not None:
            _export_termbase(terms, stage, primary(src_lang), report, pair_langs=set(by_lang))
        write_report(report, stage)
    return report


def _fill_tm(path: Path, by_lang: dict[str, list[Unit]]) -> int:
    """A fresh SQLite TM with every aligned unit (in the build's staging folder)."""
    count = 0
    with TranslationMemory(path) as tm, tm.transaction():
        for lang, units in sorted(by_lang.items()):
            count += tm.import_units(units, origin=f"esfterm build ({lang})").added
    return count


def _export_termbase(terms, out: Path, src_lang: str, report: BuildReport, pair_langs: set[str]) -> None:
    """TBX v3 (TBX-Basic), TBX v2 (<martif> for OmegaT 3.6, MultiTerm, memoQ), and an OmegaT
    TSV glossary from the source language to every other language of the termbase and of
    every memory the build writes (so each esf.sv-X.tmx has its esf.sv-X.tsv)."""
    write_tbx(terms, out / "esf.tbx", version=3)
    write_tbx(terms, out / "esf.v2.tbx", version=2)
    report.outputs["esf.tbx"] = report.outputs["esf.v2.tbx"] = len(terms.concepts)
    for lang in sorted(({primary(l) for l in terms.langs} | pair_langs) - {src_lang}):
        name = f"esf.{src_lang}-{lang}.tsv"
        report.outputs[name] = write_glossary(terms, out / name, "tsv", src_lang, lang)


def write_report(report: BuildReport, out: Path) -> None:
    """build/report.json (everything) and build/report.md (the summary people read)."""
    write_text_atomic(out / "report.json", json.dumps(asdict(report), ensure_ascii=False, indent=2) + "\n")
    write_text_atomic(out / "report.md", format_report(report))


def format_report(report: BuildReport) -> str:
    """A short human-readable summary of a build."""
    lines = ["# esfterm build report", "", "## Documents", "",
             "| file | lang | detected | segments | dropped |", "| --- | --- | --- | --- | --- |"]
    for d in report.documents:
        detected = d["detected_lang"] or "?"
        flag = "" if d["usable"] else " (not the declared language: excluded)"
        lines.append(f"| {d['file']} | {d['lang']} | {detected} {d['detected_share']:.2f}{flag} | {d['segments']} | {d['dropped']} |")
    lines += ["", "## Pairs", ""]
    for p in report.pairs:
        beads = ", ".join(f"{k}: {v}" for k, v in sorted(p["beads"].items()))
        lines.append(f"- {p['src']} ↔ {p['tgt']} — {beads}; weak: {p['weak']}")
    found = [g for g in report.pairings if g["discovered"]]
    if found:
        lines += ["", "Discovered from the text (no topic in the manifest):"]
        lines += [f"- {', '.join(g['members'])} (similarity {g['similarity']})" for g in found]
    lines += ["", "## Unpaired documents", ""] + [f"- {u}" for u in report.unpaired or ["(none)"]]
    lines += ["", "## Totals", "",
              "- beads by type: " + ", ".join(f"{k}: {v}" for k, v in sorted(report.beads_by_type.items())),
              f"- weak beads (kept out of the TMX): {len(report.weak_beads)}",
              "- dropped boilerplate: " + ", ".join(f"{k}: {v}" for k, v in sorted(report.dropped_by_kind.items())),
              "- outputs: " + ", ".join(f"{k} ({v} units)" for k, v in sorted(report.outputs.items()))]
    if report.weak_beads:
        lines += ["", "## Weak beads", ""]
        lines += [f"- [{w['pair']} {w['score']:.2f}] {w['src']} ⟷ {w['tgt']}" for w in report.weak_beads]
    return "\n".join(lines) + "\n"
