"""Recall of `esfterm lookup` on the gold set tests/data/lookup_gold.tsv, and on forms from
the corpora that the termbase does not list.

Each gold row is a query (a form found in the corpora, an acronym, or a typo), its language
and the concept it must find. The script runs every query twice — language given (--lang) and
language guessed — and prints recall (concept among the hits) and top-1 precision, broken down
by the kind of match that found it and by the gold note's category (its first words).

The unlisted forms are generated from corpora/ (so they are real forms): every run of words
whose simplemma lemmas are those of a term's words, word by word, in a page of the term's
language ("lokalnih skupnosti" for "lokalna skupnost"), and every hyphenated or closed
compound whose first part is a term ("Easi-programmet", "EU-institutionerna"), when the
termbase lists neither the form nor, for a compound, a term it inflects. Each must find its
concept first; a first hit on another concept is a wrong concept.

    python benchmarks/eval_lookup.py [--termbase termbase/esf.tbx] [--gold tests/data/lookup_gold.tsv] [-v]
"""

from __future__ import annotations

import argparse
import csv
from collections import Counter, defaultdict
from pathlib import Path

from esfterm.formats.termfile import read_termbase
from esfterm.terms import TermIndex, lookup
from esfterm.terms.index import normal_form
from esfterm.text.morphology import TOKEN_RE, compound_parts, is_acronym, lemma

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


def _lemmas(words: list[str], lang: str) -> tuple[str, ...]:
    return tuple(w if is_acronym(w) else lemma(w, lang) for w in words)


def unlisted_forms(termbase, corpus: Path) -> list[tuple[str, str, str, str]]:
    """(form, lang, concept id, kind) for the corpus forms of terms the termbase does not list."""
    listed = {normal_form(f) for _, t in termbase.iter_terms() for f in [t.text, *t.extra_forms]}
    by_lang: dict[str, list[tuple[tuple[str, ...], str]]] = defaultdict(list)
    single: dict[tuple[str, str], set[str]] = defaultdict(set)
    for concept, term in termbase.iter_terms():
        words = TOKEN_RE.findall(term.text)
        if words and not term.is_acronym:
            lang = term.lang.split("-")[0].lower()
            by_lang[lang].append((_lemmas(words, lang), concept.id))
            if len(words) == 1:
                single[(lang, normal_form(words[0]))].add(concept.id)
    found: dict[tuple[str, str], tuple[str, str]] = {}
    for path in sorted(corpus.glob("*.txt")):
        lang = path.name.split(".")[-2]
        text = path.read_text(encoding="utf-8")
        spans = [(m.start(), m.end()) for m in TOKEN_RE.finditer(text)]
        words = [text[a:b] for a, b in spans]
        lemmas = _lemmas(words, lang)
        terms = by_lang.get(lang, [])
        for start in range(len(words)):
            for term_lemmas, cid in terms:
                end = start + len(term_lemmas)
                if lemmas[start:end] == term_lemmas:
                    form = " ".join(text[spans[start][0]:spans[end - 1][1]].split())
                    if normal_form(form) not in listed:
                        found.setdefault((form, lang), (cid, "inflected"))
            word = words[start]
            parts = compound_parts(word, lang)
            folded = normal_form(word)
            if not parts or folded in listed or (word, lang) in found or any(
                    folded.startswith(t) and len(folded) - len(t) <= 4 for (l, t) in single if l == lang):
                continue  # listed, or an inflected form of a one-word term ("praktikgemenskaper")
            head = parts[0].rstrip("s") if "-" not in word and parts[0].endswith("s") else parts[0]
            owners = single.get((lang, normal_form(head))) or single.get((lang, normal_form(lemma(head, lang))))
            if owners and len(owners) == 1:
                found[(word, lang)] = (next(iter(owners)), "compound")
    return [(form, lang, cid, kind) for (form, lang), (cid, kind) in sorted(found.items())]


def evaluate_unlisted(index: TermIndex, forms: list[tuple[str, str, str, str]], verbose: bool) -> None:
    counts: dict[str, Counter] = defaultdict(Counter)
    for form, lang, cid, kind in forms:
        hits = lookup(form, lang=lang, termbase=index)
        top = hits[0].concept.id if hits else None
        c = counts[kind]
        c["total"] += 1
        c["found"] += top == cid
        c["wrong"] += top is not None and top != cid
        if verbose and top != cid:
            print(f"  {'WRONG' if top else 'MISS'} {form!r} ({lang}, {kind}) -> want {cid}, got "
                  f"{[(h.concept.id, h.kind) for h in hits[:2]]}")
    total = sum(c["total"] for c in counts.values())
    found = sum(c["found"] for c in counts.values())
    wrong = sum(c["wrong"] for c in counts.values())
    print(f"unlisted corpus forms: recall (right concept first) {found}/{total} = {found / max(1, total):.1%}; "
          f"wrong concepts {wrong}; " + "; ".join(f"{k} {c['found']}/{c['total']}" for k, c in sorted(counts.items())))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--termbase", default=REPO / "termbase" / "esf.tbx", type=Path)
    parser.add_argument("--gold", default=REPO / "tests" / "data" / "lookup_gold.tsv", type=Path)
    parser.add_argument("--corpus", default=REPO / "corpora" / "esf", type=Path)
    parser.add_argument("-v", "--verbose", action="store_true", help="List every miss.")
    args = parser.parse_args()
    with open(args.gold, encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    index = TermIndex(read_termbase(args.termbase))
    print(f"{len(rows)} gold queries, {len(index.termbase)} concepts, {len(index)} terms")
    for use_lang in (True, False):
        evaluate(index, rows, use_lang, args.verbose)
    evaluate_unlisted(index, unlisted_forms(index.termbase, args.corpus), args.verbose)


if __name__ == "__main__":
    main()
