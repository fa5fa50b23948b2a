"""Benchmark the translation memory on a synthetic sv-sl memory (default 1,000,000 units).

Prints: import rate, peak memory of the import, p50/p95 latency of 200 fuzzy queries (half
near-duplicates of stored segments, half unrelated sentences), top-5 recall of matches >= 75%
against brute-force rapidfuzz.process.extract over every stored segment, and the ratio of the
brute-force scan time to the indexed query time, both measured in this run.

Vocabulary: the words of the sv/sl ESF pages in corpora/, extended with compounds and inflected
forms to a realistic number of word types, drawn with Zipf frequencies; sentence lengths are
log-normal (median 16 words), with numbers sprinkled in. Everything is seeded.

    python benchmarks/bench_tm.py                 # the full million (minutes)
    python benchmarks/bench_tm.py --units 20000   # a quick look
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import statistics
import sys
import tempfile
import time
from itertools import accumulate
from pathlib import Path

from rapidfuzz import fuzz, process

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from esfterm.model import Unit, Variant  # noqa: E402
from esfterm.tm import TranslationMemory  # noqa: E402

SL_ENDINGS = ("a", "e", "i", "o", "u", "ov", "om", "ih", "ami", "ega", "emu", "ski", "ne", "nih")
SV_ENDINGS = ("en", "et", "er", "ar", "or", "na", "erna", "arna", "s", "ens", "ets", "ade", "ande")


def corpus_words(lang: str) -> list[str]:
    """Distinct words of the corpus pages in `lang`, most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "corpora" / "esf").glob(f"*.{lang}.txt")):
        for word in re.findall(r"[^\W\d_]{2,}", path.read_text(encoding="utf-8")):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def vocabulary(lang: str, size: int, rng: random.Random) -> list[str]:
    """Corpus words, then compounds (sv) / inflected forms (sl) until `size` word types."""
    words = corpus_words(lang) or ["ord", "text"]
    seen = set(words)
    vocab = list(words)
    endings = SV_ENDINGS if lang == "sv" else SL_ENDINGS
    while len(vocab) < size:
        a, b = rng.choice(words).lower(), rng.choice(words).lower()
        if lang == "sv" and rng.random() < 0.6:
            stem = a + b
        else:  # derivations: a stem, sometimes with part of another word, and an ending
            stem = a[:max(3, len(a) - 1)] + (b[:rng.randint(2, 4)] if rng.random() < 0.5 else "")
        word = stem + rng.choice(endings)
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab


class SentenceMaker:
    """Zipf-distributed words, log-normal lengths, occasional numbers."""

    def __init__(self, lang: str, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(lang, size, self.rng)
        self.cum = list(accumulate(1.0 / (rank + 2.7) for rank in range(len(self.vocab))))

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def sentence(self) -> str:
        n = max(3, min(60, round(self.rng.lognormvariate(2.77, 0.5))))
        ws = self.words(n)
        if self.rng.random() < 0.3:
            ws.insert(self.rng.randrange(len(ws)), str(self.rng.choice((self.rng.randint(1, 100),
                                                                         self.rng.randint(1990, 2030)))))
        ws[0] = ws[0].capitalize()
        return " ".join(ws) + self.rng.choice((".", ".", ".", "?", ":"))


def near_duplicate(text: str, maker: SentenceMaker, rng: random.Random) -> str:
    """1-3 word edits (replace, delete, insert) of a stored sentence."""
    ws = text.split()
    for _ in range(rng.randint(1, 3)):
        op = rng.random()
        i = rng.randrange(len(ws))
        if op < 0.5:
            ws[i] = maker.words(1)[0]
        elif op < 0.75 and len(ws) > 3:
            del ws[i]
        else:
            ws.insert(i, maker.words(1)[0])
    return " ".join(ws)


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--units", type=int, default=1_000_000)
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--db", help="SQLite file to build (default: a temporary one)")
    args = ap.parse_args()
    vocab_size = max(5000, int(150 * args.units ** 0.5))
    sv, sl = SentenceMaker("sv", vocab_size, args.seed), SentenceMaker("sl", vocab_size, args.seed + 1)
    rng = random.Random(args.seed + 2)

    def units():
        for i in range(args.units):
            yield Unit([Variant("sv", sv.sentence()), Variant("sl", sl.sentence())], id=str(i + 1))

    tmp = tempfile.TemporaryDirectory()
    db = Path(args.db) if args.db else Path(tmp.name) / "bench.sqlite"
    with TranslationMemory(db) as tm:
        stored = len(tm)
        if stored and stored != args.units:
            sys.exit(f"{db} holds {stored} units, not {args.units}: remove it or pass another --db")
        if stored:
            print(f"reusing {db} ({stored:,} units): import not measured")
        else:
            start = time.perf_counter()
            stats = tm.import_units(units(), origin="synthetic")
            import_s = time.perf_counter() - start
            peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
            print(f"units: {args.units:,} ({stats.added:,} stored, {stats.merged:,} duplicates merged); "
                  f"vocabulary {vocab_size:,} word types per language")
            print(f"import (generation included): {import_s:.1f} s = {args.units / import_s:,.0f} units/s; "
                  f"peak RSS {peak_mb:,.0f} MB; file {db.stat().st_size / 2**20:,.0f} MB")

    tm = TranslationMemory(db)
    texts = [t for (t,) in tm.conn.execute("SELECT text FROM variant WHERE base = 'sv' ORDER BY id")]
    picked = [texts[i] for i in rng.sample(range(len(texts)), args.queries // 2)]
    asker = SentenceMaker("sv", vocab_size, args.seed)  # the same vocabulary, other draws
    asker.rng = random.Random(args.seed + 3)
    queries = [near_duplicate(t, asker, rng) for t in picked]
    queries += [asker.sentence() for _ in range(args.queries - len(queries))]
    latencies, brute_times = [], []
    hits = wanted = 0
    matched_queries = 0
    for q in queries:
        t0 = time.perf_counter()
        tm.search(q, "sv", "sl", min_score=75, limit=5)
        latencies.append(time.perf_counter() - t0)
        found = [m.ratio for m in tm.search(q, "sv", "sl", min_score=75, limit=5, penalize=False)]
        t0 = time.perf_counter()
        brute = [score for _, score, _ in process.extract(q, texts, scorer=fuzz.ratio, limit=5, score_cutoff=75)]
        brute_times.append(time.perf_counter() - t0)
        if brute:
            matched_queries += 1
        wanted += len(brute)
        hits += sum(1 for k, score in enumerate(brute) if k < len(found) and found[k] >= score - 1e-9)
    tm.close()
    p50, p95 = percentile(latencies, 0.5) * 1000, percentile(latencies, 0.95) * 1000
    brute50 = statistics.median(brute_times) * 1000
    recall = hits / wanted if wanted else float("nan")
    print(f"queries: {len(queries)} ({len(picked)} near-duplicates, {len(queries) - len(picked)} unrelated); "
          f"{matched_queries} have a >= 75% match by brute force")
    print(f"search latency: p50 {p50:.1f} ms, p95 {p95:.1f} ms")
    print(f"brute-force rapidfuzz.process.extract over {len(texts):,} segments: p50 {brute50:.1f} ms; "
          f"indexed search is {brute50 / p50:.0f}x faster (p50 ratio {p50 / brute50:.4f})")
    print(f"top-5 recall for matches >= 75%: {recall:.4f} ({hits}/{wanted})")
    print(f"targets: p50 < 50 ms -> {'met' if p50 < 50 else 'MISSED'}; recall >= 0.98 -> "
          f"{'met' if recall >= 0.98 else 'MISSED'}")


if __name__ == "__main__":
    main()
