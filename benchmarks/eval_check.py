"""Precision and recall of term-missing and term-forbidden on the labelled evaluation set.

tests/data/check_eval.tsv holds real sv–sl and sv–lt sentence pairs from corpora/esf (both
directions, kind "real"); copies of them where a target term was removed, replaced by a wrong
rendering, swapped for a deprecated term, or re-inflected (which must stay clean); and a
"heldout" part of en–sl/lt/sv pairs from the same pages ("heldout-edit": the same kinds of
edits) labelled by hand before the checker ever ran on them; and a second blind part
("heldout2", "heldout2-edit": en–hr/hu/sl/lt pairs the set lacked, aligned from the same pages,
and edited copies) labelled before the checker ran on it. Each row lists the expected
findings as check:concept; a finding is a true positive when the same check reports the same
concept for the same pair. Labels follow one rule, for the shipped termbase (termbase/esf.tbx):
term-missing when the source has an approved source term (any inflection, also as a part of
a hyphenated compound: "ESF-stöd") and the target has none of the concept's approved target
terms in any inflected form (re-ordered, or as part of a compound, counts); term-forbidden
when the target uses a deprecated or superseded term — with term-missing too when no
approved term of the concept is left. Terms are read leftmost-longest: a term inside a longer
term of another concept ("arbetsmarknaden" in "inklusion på arbetsmarknaden") is labelled on
the longer one. Not labelled: concepts the termbase marks "Term check: not required"
(general-language words and free combinations whose renderings legitimately vary), concepts
whose only approved target terms are phrases (termType phrase), and words that only look
like a term in another part of speech ("the ESF supports partnerships" has no "ESF support").
The note column gives the reason wherever a label was changed when the termbase grew.

    python benchmarks/eval_check.py [--termbase termbase/esf.tbx] [--verbose]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from pathlib import Path

from esfterm.formats.termfile import read_termbase
from esfterm.qa.evaluate import TERM_CHECKS, expected, load_labelled, predicted
from esfterm.scoring import prf

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "tests" / "data" / "check_eval.tsv"


def line(name: str, s) -> str:
    return f"{name:31} precision {s.precision:.3f}  recall {s.recall:.3f}  (tp {s.tp}, fp {s.fp}, fn {s.fn})"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--termbase", default=str(ROOT / "termbase" / "esf.tbx"))
    ap.add_argument("--verbose", action="store_true", help="List every false positive and negative.")
    args = ap.parse_args()
    rows = load_labelled(DATA)
    pred, gold = predicted(rows, read_termbase(args.termbase)), expected(rows)
    kinds = Counter(r["kind"] for r in rows)
    print(f"evaluation set: {len(rows)} pairs ({', '.join(f'{k} {n}' for k, n in sorted(kinds.items()))}), "
          f"{len(gold)} expected term findings")
    for check in TERM_CHECKS:
        print("  " + line(check, prf({x for x in pred if x[1] == check}, {x for x in gold if x[1] == check})))
    total = prf(pred, gold)
    print("  " + line("term-missing + term-forbidden", total))
    print("  by kind:")
    for kind in sorted(kinds):
        ids = {r["id"] for r in rows if r["kind"] == kind}
        print(f"    {kinds[kind]:4} " + line(kind, prf({x for x in pred if x[0] in ids}, {x for x in gold if x[0] in ids})))
    flagged = {x[0] for x in pred}
    clean = [r for r in rows if not r["expected"]]
    print(f"  clean pairs with a false alarm: {sum(r['id'] in flagged for r in clean)} of {len(clean)}")
    if args.verbose:
        by_id = {r["id"]: r for r in rows}
        for label, items in (("false positive", pred - gold), ("false negative", gold - pred)):
            for uid, check, concept in sorted(items):
                r = by_id[uid]
                print(f"\n{label}: {uid} {r['kind']} {r['src']}->{r['tgt']} {check} {concept} ({r['origin']})\n"
                      f"  S: {r['source']}\n  T: {r['target']}")
    return 0 if total.precision >= 0.95 and total.recall >= 0.95 else 1


if __name__ == "__main__":
    sys.exit(main())
