"""Precision of `esfterm terms extract` against pairs labelled by reading, and its recall of
the termbase's own concepts.

The TM is built afresh from corpora/ and the termbase (as `esfterm build` does) in a
temporary folder, unless --tm names one. For sv-sl and sv-lt the script prints precision at
20, 50 and 100 against tests/data/extract_labels.tsv (a candidate is right only when the
source is a term and the located target span its complete rendering; candidates missing from
the list are counted wrong and listed, to be labelled), and recall of the termbase: of the
concepts whose source and target terms occur in one unit of the TM, how many the extractor
returns as a pair the termbase already has.

    python benchmarks/eval_extract.py [--tm build/esf-tm.sqlite] [--termbase termbase/esf.tbx] [-v]
"""

from __future__ import annotations

import argparse
import csv
import tempfile
from pathlib import Path

from esfterm.build import build
from esfterm.formats.termfile import read_termbase
from esfterm.terms import TermIndex
from esfterm.terms.candidates import extract
from esfterm.terms.occurrence import OccurrenceIndex, index_term, segment_words
from esfterm.tm import TranslationMemory

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "extract_labels.tsv"
PAIRS = (("sv", "sl"), ("sv", "lt"))
CUTS = (20, 50, 100)


def load_labels(path: Path) -> dict[tuple[str, str, str, str], bool]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader((line for line in fh if not line.startswith("#")), delimiter="\t")
        return {(r["src_lang"], r["tgt_lang"], r["source"], r["target"]): r["correct"] == "1" for r in rows}


def attested_concepts(termbase, units, src: str, tgt: str) -> set[str]:
    """Concepts with a source term and a target term in the same unit."""
    def index(lang: str) -> OccurrenceIndex:
        terms = [index_term(c.id, t.text, t.status, lang, t.is_acronym) for c in termbase.concepts for t in c.terms(lang)]
        return OccurrenceIndex([t for t in terms if t is not None], lang)

    s_index, t_index = index(src), index(tgt)
    found: set[str] = set()
    for unit in units:
        s_hits = {c for m in s_index.match(segment_words(unit.text(src))) for c in m.concepts}
        t_hits = {c for m in t_index.match(segment_words(unit.text(tgt))) for c in m.concepts}
        found |= s_hits & t_hits
    return found


def evaluate(tm_path: Path, termbase_path: Path, labels: dict, verbose: bool) -> None:
    termbase = read_termbase(termbase_path)
    index = TermIndex(termbase)
    for src, tgt in PAIRS:
        with TranslationMemory(tm_path, create=False) as tm:
            units = list(tm.iter_units(src, tgt))
        cands = extract(units, src, tgt, index)
        judged = [labels.get((src, tgt, c.source, c.target)) for c in cands]
        parts = []
        for k in CUTS:
            top = judged[:k]
            right = sum(1 for j in top if j)
            parts.append(f"P@{k} {right}/{len(top)} = {right / max(1, len(top)):.2f}"
                         + ("" if len(top) == k else f" (only {len(top)} candidates)"))
        unlabelled = [c for c, j in zip(cands, judged) if j is None]
        print(f"{src}-{tgt}: {len(units)} units, {len(cands)} candidates; " + "; ".join(parts)
              + f"; unlabelled (counted wrong): {len(unlabelled)}")
        if verbose:
            for n, (c, j) in enumerate(zip(cands, judged), start=1):
                mark = {True: "ok ", False: "-- ", None: "?? "}[j]
                print(f"  {mark}{n:3} {c.score:5.2f} {c.source!r} -> {c.target!r}")
        elif unlabelled:
            for c in unlabelled[:10]:
                print(f"  unlabelled: {c.source!r} -> {c.target!r}")
        attested = attested_concepts(termbase, units, src, tgt)
        found = {c.concept_id for c in cands if c.known == "both"}
        both = [c for c in termbase.concepts if c.terms(src) and c.terms(tgt)]
        print(f"  termbase recall: {len(found & attested)}/{len(attested)} concepts whose {src} and {tgt} terms "
              f"share a unit = {len(found & attested) / max(1, len(attested)):.2f} "
              f"({len(found)}/{len(both)} of all concepts with {src} and {tgt} terms)")
        if verbose:
            print("  missed: " + ", ".join(sorted(attested - found)))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--tm", type=Path, help="Mine this TM instead of building one from corpora/.")
    parser.add_argument("--termbase", type=Path, default=ROOT / "termbase" / "esf.tbx")
    parser.add_argument("--labels", type=Path, default=LABELS)
    parser.add_argument("-v", "--verbose", action="store_true", help="List every candidate with its label.")
    args = parser.parse_args()
    labels = load_labels(args.labels)
    if args.tm:
        evaluate(args.tm, args.termbase, labels, args.verbose)
        return
    with tempfile.TemporaryDirectory() as tmp:
        build(ROOT / "corpora", tmp, termbase=args.termbase)
        evaluate(Path(tmp) / "esf-tm.sqlite", args.termbase, labels, args.verbose)


if __name__ == "__main__":
    main()
