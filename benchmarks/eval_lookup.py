"""Recall of `esfterm lookup` on the gold set tests/data/lookup_gold.tsv.

Each gold row is a query (a form found in the corpora, an acronym, or a typo), its language
and the concept it must find. The script runs every query twice — language given (--lang) and
language guessed — and prints recall (concept among the hits) and top-1 precision, broken down
by the kind of match that found it and by the gold note's category (its first words).

    python benchmarks/eval_lookup.py [--termbase termbase/esf.tbx] [--gold tests/data/lookup_gold.tsv] [-v]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from esfterm.formats.termfile import read_termbase
from esfterm.terms import TermIndex, lookup

REPO = Path(__file__).resolve().parents[1]


_INFLECTION_WORDS = ("genitive", "dative", "accusative", "instrumental", "locative", "plural", "definite")


def category(note: str) -> str:
    """A coarse class of the gold note: typo, acronym, compound, inflected, variant, base form."""
    low = note.lower()
    for name, words in (("typo", ("typo",)), ("acronym", ("acronym",)), ("compound", ("compound",)),
                        ("inflected", _INFLECTION_WORDS), ("variant / short form", ("variant", "short form"))):
        if any(w in low for w in words):
            return name
    return "base form"


def evaluate(index: TermIndex, rows: list[dict], use_lang: bool, verbose: bool) -> None:
    found_by_kind: Counter = Counter()
    per_cat: dict[str, Counter] = defaultdict(Counter)
    per_lang: dict[str, Counter] = defaultdict(Counter)
    top1 = 0
    for row in rows:
        hits = lookup(row["query"], lang=row["lang"] if use_lang else None, termbase=index)
        ids = [h.concept.id for h in hits]
        cat, lang = per_cat[category(row["note"])], per_lang[row["lang"]]
        cat["total"] += 1
        lang["total"] += 1
        if row["concept_id"] in ids:
            hit = hits[ids.index(row["concept_id"])]
            found_by_kind[hit.kind] += 1
            cat["found"] += 1
            lang["found"] += 1
            top1 += ids[0] == row["concept_id"]
        elif verbose:
            print(f"  MISS {row['query']!r} ({row['lang']}) -> want {row['concept_id']}, got "
                  f"{[(h.concept.id, h.kind) for h in hits[:3]]}  [{row['note']}]")
    total = len(rows)
    found = sum(found_by_kind.values())
    mode = "language given" if use_lang else "language guessed"
    print(f"{mode}: recall {found}/{total} = {found / total:.1%}; top-1 {top1}/{total} = {top1 / total:.1%}")
    print("  found by match kind: " + ", ".join(f"{k} {n}" for k, n in found_by_kind.most_common()))
    for title, table in (("query class", per_cat), ("query language", per_lang)):
        print(f"  by {title}: " + "; ".join(f"{name} {c['found']}/{c['total']}" for name, c in
                                           sorted(table.items(), key=lambda kv: -kv[1]["total"])))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--termbase", default=REPO / "termbase" / "esf.tbx", type=Path)
    parser.add_argument("--gold", default=REPO / "tests" / "data" / "lookup_gold.tsv", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="List every miss.")
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    index = TermIndex(read_termbase(args.termbase))
    print(f"{len(rows)} gold queries, {len(index.termbase)} concepts, {len(index)} terms")
    for use_lang in (True, False):
        evaluate(index, rows, use_lang, args.verbose)


if __name__ == "__main__":
    main()
