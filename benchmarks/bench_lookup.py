"""Lookup speed on a large synthetic termbase, against a brute-force rapidfuzz scan in the same run.

Builds a termbase of N concepts (default 100,000), each with a term in en, sv, sl and lt made
of pseudo-words (and an acronym for one concept in five), indexes it once, then times
queries of three kinds — exact (a term as stored, in other case), inflected (every word given
a case ending of its language) and fuzzy (one typo) — and, for the same queries, the
baseline: `rapidfuzz.process.extract` over every term string. Prints index build time,
p50/p95 per-query latency, how often the intended concept was found (and ranked first; the
pseudo-words make some terms of different concepts identical), and the speed ratio.

    python benchmarks/bench_lookup.py [--concepts 100000] [--queries 200] [--seed 7]
"""

from __future__ import annotations

import argparse
import gc
import random
import resource
import statistics
import time

from esfterm.model import Concept, LangSection, Term, Termbase
from esfterm.terms import TermIndex, lookup, normal_form
from esfterm.terms.fuzzy import brute_force

LANGS = ("en", "sv", "sl", "lt")
SYLLABLES = ("ka", "lo", "mir", "te", "sa", "vin", "do", "ra", "pel", "nu", "so", "tar", "li", "ven",
             "gor", "mi", "da", "kus", "pra", "ne", "bo", "zel", "fi", "tor", "ga", "ru", "len", "vis")
#: Endings the words take in the dictionary form and in an inflected form, per language.
ENDINGS = {"en": ("", "s"), "sv": ("", "ens"), "sl": ("a", "ega"), "lt": ("as", "o")}


def pseudo_word(rng: random.Random) -> str:
    return "".join(rng.choice(SYLLABLES) for _ in range(rng.randint(3, 5)))


def synthetic_termbase(n: int, rng: random.Random) -> tuple[Termbase, dict[str, list[list[str]]]]:
    """n concepts; returns the termbase and, per language, the bare words of each concept's term."""
    vocab = {lang: sorted({pseudo_word(rng) for _ in range(max(1000, n))}) for lang in LANGS}
    concepts, words_of = [], {lang: [] for lang in LANGS}
    for i in range(n):
        sections = []
        for lang in LANGS:
            words = [rng.choice(vocab[lang]) for _ in range(rng.randint(1, 3))]
            words_of[lang].append(words)
            base = ENDINGS[lang][0]
            terms = [Term(" ".join(w + base for w in words), lang, "fullForm", "preferred")]
            if i % 5 == 0 and lang in ("en", "sl"):
                terms.append(Term("".join(w[0] for w in words).upper() + rng.choice("BCDFGHJKLMNPRSTVZ") +
                                  str(i % 97), lang, "acronym", "preferred"))
            sections.append(LangSection(lang, terms))
        concepts.append(Concept(f"c{i}", languages=sections))
    return Termbase(concepts), words_of


def typo(text: str, rng: random.Random) -> str:
    """One edit: a letter replaced, dropped or two letters swapped (never in the first letter)."""
    i = rng.randrange(1, len(text) - 1)
    kind = rng.choice(("replace", "drop", "swap"))
    if kind == "replace":
        return text[:i] + rng.choice("aeiourstn") + text[i + 1:]
    if kind == "drop":
        return text[:i] + text[i + 1:]
    return text[:i - 1] + text[i] + text[i - 1] + text[i + 1:]


def percentiles(ms: list[float]) -> str:
    qs = statistics.quantiles(ms, n=20)
    return f"p50 {statistics.median(ms):7.2f} ms  p95 {qs[18]:7.2f} ms"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concepts", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=200, help="Queries of each kind.")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    rng = random.Random(args.seed)

    t0 = time.perf_counter()
    tb, words_of = synthetic_termbase(args.concepts, rng)
    t1 = time.perf_counter()
    index = TermIndex(tb)
    t2 = time.perf_counter()
    # a long-lived index: keep the collector from rescanning its millions of objects on every
    # full collection (such pauses, not the lookup, made the slowest queries)
    gc.freeze()
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"{args.concepts} concepts, {len(index)} terms: generated in {t1 - t0:.1f} s, "
          f"index built once in {t2 - t1:.1f} s (peak RSS {rss:.0f} MB)")

    picks = [(rng.randrange(args.concepts), rng.choice(LANGS)) for _ in range(args.queries)]
    queries = {
        "exact": [(tb.concepts[i].terms(lang)[0].text.upper(), i) for i, lang in picks],
        "inflected": [(" ".join(w + ENDINGS[lang][1] for w in words_of[lang][i]), i) for i, lang in picks],
        "fuzzy": [(typo(tb.concepts[i].terms(lang)[0].text, rng), i) for i, lang in picks],
    }
    strings = [normal_form(t.text) for _, t in index.entries]
    baseline_ms = []
    for kind, items in queries.items():
        ms, first, found = [], 0, 0
        for query, want in items:
            start = time.perf_counter()
            hits = lookup(query, termbase=index)
            ms.append((time.perf_counter() - start) * 1000)
            ids = [h.concept.id for h in hits]
            first += bool(ids) and ids[0] == f"c{want}"
            found += f"c{want}" in ids
        base = []
        for query, _ in items[: max(20, args.queries // 5)]:
            start = time.perf_counter()
            brute_force(normal_form(query), strings)
            base.append((time.perf_counter() - start) * 1000)
        baseline_ms.extend(base)
        print(f"{kind:<9} lookup   {percentiles(ms)}   intended concept found {found}/{len(items)}, first {first}   "
              f"| brute-force scan {percentiles(base)}   speed-up at p50 x{statistics.median(base) / statistics.median(ms):.0f}")
    print(f"baseline (rapidfuzz.process.extract over all {len(strings)} term strings): "
          f"{percentiles(baseline_ms)}")


if __name__ == "__main__":
    main()
