"""Lookup speed on a large synthetic termbase, against a brute-force rapidfuzz scan in the same run;
then cold and warm lookups through the on-disk index cache, against rebuilding the index.

Builds a termbase of N concepts (default 100,000), each with a term in en, sv, sl and lt made
of pseudo-words (and an acronym for one concept in five), indexes it once, then times
queries of three kinds — exact (a term as stored, in other case), inflected (every word given
a case ending of its language) and fuzzy (one typo) — and, for the same queries, the
baseline: `rapidfuzz.process.extract` over every term string. Prints index build time,
p50/p95 per-query latency, how often the intended concept was found (and ranked first; the
pseudo-words make some terms of different concepts identical), and the speed ratio.

Cache part: for each size in --cache-sizes the termbase is written as TBX and looked up
(1) as a whole CLI call, `esfterm lookup TERM --termbase FILE`, cold (no cache: the index is
built and cached) and warm (the cache is there), with wall time and the process's peak RSS;
(2) in-process, in a fresh interpreter after its imports: `load_index(FILE)` plus one lookup,
cold and warm, against the baseline of building the index from the file (what every call
did before the cache).

    python benchmarks/bench_lookup.py [--concepts 100000] [--queries 200] [--seed 7]
                                      [--cache-sizes 10000,100000] [--only queries|cache]
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from esfterm.formats.tbx import write_tbx
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


def query_figures(args: argparse.Namespace) -> None:
    """Per-query latency on an index built in memory, against a brute-force scan."""
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



#: Peak memory of this process since its exec (VmHWM): the kernel's ru_maxrss would also count
#: the pages of the big benchmark process it was forked from.
PEAK = """
import atexit, os, sys
def _peak():
    with open("/proc/self/status") as fh:
        kb = next(int(line.split()[1]) for line in fh if line.startswith("VmHWM:"))
    with open(os.environ["BENCH_PEAK_FILE"], "w") as out:
        out.write(str(kb / 1024))
atexit.register(_peak)
"""
#: The whole command line, as `esfterm` runs it.
CLI = PEAK + "from esfterm.cli import main\nmain()\n"
#: One lookup in a fresh interpreter: seconds for load_index + lookup, hits.
IN_PROCESS = PEAK + """
import json, sys, time
from esfterm.terms import load_index, lookup
from esfterm.terms.index import TermIndex
from esfterm.formats.termfile import read_termbase
start = time.perf_counter()
if sys.argv[3] == "rebuild":
    index = TermIndex(read_termbase(sys.argv[1]))
else:
    index = load_index(sys.argv[1])
hits = lookup(sys.argv[2], termbase=index)
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "hits": [h.concept.id for h in hits]}))
"""


def child(argv: list[str], env: dict[str, str]) -> tuple[float, float, str]:
    """Run a process: (wall seconds, its peak RSS in MB, stdout)."""
    with tempfile.NamedTemporaryFile("r", suffix=".peak") as peak:
        start = time.perf_counter()
        proc = subprocess.run(argv, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
                              env={**env, "BENCH_PEAK_FILE": peak.name})
        seconds = time.perf_counter() - start
        if proc.returncode not in (0, 1):
            raise SystemExit(f"{argv[:4]} failed with {proc.returncode}")
        return seconds, float(peak.read() or "nan"), proc.stdout


def cache_figures(n: int, seed: int, folder: Path) -> None:
    """Cold and warm lookups through the index cache for a termbase of n concepts."""
    rng = random.Random(seed)
    tb, _ = synthetic_termbase(n, rng)
    path = folder / f"tb{n}.tbx"
    write_tbx(tb, path)
    query = tb.concepts[n // 2].terms("sl")[0].text
    env = {**os.environ, "ESFTERM_CACHE_DIR": str(folder / f"cache{n}")}
    cli = [sys.executable, "-c", CLI, "lookup", query, "--termbase", str(path)]
    print(f"\n{n} concepts ({path.stat().st_size / 1e6:.0f} MB TBX), query {query!r}:")
    cold = child(cli, env)
    warm = [child(cli, env) for _ in range(5)]
    cache = sum(p.stat().st_size for p in (folder / f"cache{n}").iterdir())
    warm_s = statistics.median(w[0] for w in warm)
    print(f"  whole CLI call   cold {cold[0]:7.2f} s  peak RSS {cold[1]:6.0f} MB   | warm {warm_s:6.3f} s "
          f"(median of 5)  peak RSS {max(w[1] for w in warm):4.0f} MB   cache file {cache / 1e6:.0f} MB")
    script = [sys.executable, "-c", IN_PROCESS, str(path), query]
    env_cold = {**env, "ESFTERM_CACHE_DIR": str(folder / f"cold{n}")}
    def in_process(mode: str, environment: dict[str, str]) -> dict:
        _, peak, out = child([*script, mode], environment)
        return {**json.loads(out), "rss": peak}

    rebuild = in_process("rebuild", env)
    cold_in = in_process("cache", env_cold)
    warm_in = [in_process("cache", env_cold) for _ in range(5)]
    assert all(w["hits"] == rebuild["hits"] == cold_in["hits"] for w in warm_in), "cached index answers differ"
    warm_in_s = statistics.median(w["seconds"] for w in warm_in)
    print(f"  in-process       cold {cold_in['seconds']:7.2f} s  peak RSS {cold_in['rss']:6.0f} MB   | warm "
          f"{warm_in_s:6.3f} s (median of 5)  peak RSS {max(w['rss'] for w in warm_in):4.0f} MB")
    print(f"  baseline (index rebuilt in-process, as every call did before the cache): {rebuild['seconds']:.2f} s, "
          f"peak RSS {rebuild['rss']:.0f} MB  -> warm cache x{rebuild['seconds'] / warm_in_s:.0f} faster in-process, "
          f"whole CLI call x{rebuild['seconds'] / warm_s:.0f}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--concepts", type=int, default=100_000, help="Size for the per-query part.")
    parser.add_argument("--queries", type=int, default=200, help="Queries of each kind.")
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--cache-sizes", default="10000,100000", help="Sizes for the cache part.")
    parser.add_argument("--only", choices=["queries", "cache"], help="Run one part only.")
    args = parser.parse_args()
    if args.only != "cache":
        query_figures(args)
    if args.only != "queries":
        with tempfile.TemporaryDirectory() as folder:
            for n in (int(x) for x in args.cache_sizes.split(",")):
                cache_figures(n, args.seed, Path(folder))


if __name__ == "__main__":
    main()
