"""Benchmark the translation memory: fuzzy search at 1M and 5M synthetic sv-sl units, and
pre-translation of real PO catalogues against translate-toolkit's pot2po --tm.

For each size (each in its own process, so peak memory is that size's): import rate, peak RSS,
index size, p50/p95 latency of 200 queries (half edited copies of stored segments, half new
sentences) and of 200 short queries (2-4 words), top-5 recall against a brute-force scan with the
same score over every stored segment, and the ratio of brute-force rapidfuzz.process.extract
(fuzz.ratio, score_cutoff 75) to the indexed search, both measured in this run.

Synthetic data: the words of the sv/sl ESF pages in corpora/ extended with compounds (sv) and
inflected forms (sl) to a Heaps'-law number of word types, drawn with Zipf-Mandelbrot
frequencies; a quarter of the segments are short (headings, labels: 1-5 words), the rest
log-normal around 15 words; numbers in a third; a fifth of the units are edited copies of recent
ones (document versions: a word changed, added or dropped, a number or the case changed) and 2%
repeat a source with another translation. Everything is seeded.

Pre-translation: Django 5.2's Swedish catalogues with their translations removed are filled from a
TM of Django 4.2's Swedish catalogues (both fetched with `pip download`, never stored), by
`esfterm tm pretranslate` and by `pot2po --tm` on the same files and the same TM (exported as PO).

    python benchmarks/bench_tm.py                          # 1M and 5M, then pre-translation
    python benchmarks/bench_tm.py --sizes 50000 --no-pretranslate   # a quick look
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import resource
import shutil
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import zipfile
from collections import deque
from itertools import accumulate
from pathlib import Path

from rapidfuzz import fuzz, process
from rapidfuzz.distance import Levenshtein

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from esfterm.model import Unit, Variant  # noqa: E402
from esfterm.tm import TranslationMemory  # noqa: E402
from esfterm.tm.fuzzy import index_keys, score  # noqa: E402

SL_ENDINGS = ("a", "e", "i", "o", "u", "ov", "om", "ih", "ami", "ega", "emu", "ski", "ne", "nih")
SV_ENDINGS = ("en", "et", "er", "ar", "or", "na", "erna", "arna", "s", "ens", "ets", "ade", "ande")
MIN_SCORE = 75


# ------------------------------------------------------------------ synthetic memory

def corpus_words(lang: str) -> list[str]:
    """Distinct words of the corpus pages in `lang`, most frequent first."""
    counts: dict[str, int] = {}
    for path in sorted((ROOT / "corpora").rglob(f"*.{lang}.txt")):
        for word in re.findall(r"[^\W\d_]{2,}", path.read_text(encoding="utf-8")):
            counts[word] = counts.get(word, 0) + 1
    return sorted(counts, key=lambda w: (-counts[w], w))


def vocabulary(lang: str, size: int, rng: random.Random) -> list[str]:
    """Corpus words, then compounds (sv) / inflected forms (sl) until `size` word types."""
    words = [w.lower() for w in corpus_words(lang)] or ["ord", "text", "stöd", "fond"]
    vocab = list(dict.fromkeys(words))
    seen = set(vocab)
    endings = SV_ENDINGS if lang == "sv" else SL_ENDINGS
    while len(vocab) < size:
        a, b = rng.choice(words), rng.choice(words)
        if lang == "sv" and rng.random() < 0.6:
            stem = a + b
        else:
            stem = a[:max(3, len(a) - 1)] + (b[:rng.randint(2, 4)] if rng.random() < 0.5 else "")
        word = stem + rng.choice(endings)
        if word not in seen:
            seen.add(word)
            vocab.append(word)
    return vocab


class SentenceMaker:
    """Zipf-Mandelbrot words, a short/long length mixture, numbers, edits of recent segments."""

    def __init__(self, lang: str, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.vocab = vocabulary(lang, size, self.rng)
        self.cum = list(accumulate(1.0 / (rank + 2.7) ** 1.05 for rank in range(len(self.vocab))))

    def words(self, k: int) -> list[str]:
        return self.rng.choices(self.vocab, cum_weights=self.cum, k=k)

    def number(self) -> str:
        r = self.rng.random()
        if r < 0.4:
            return str(self.rng.randint(1990, 2030))
        if r < 0.8:
            return str(self.rng.randint(1, 100))
        return f"{self.rng.randint(1, 999)} {self.rng.randint(100, 999)}"

    def segment(self) -> str:
        rng = self.rng
        if rng.random() < 0.25:
            ws = self.words(rng.randint(1, 5))
            ws[0] = ws[0].capitalize()
            return " ".join(ws) + rng.choice(("", "", "", ":", "."))
        n = max(4, min(80, round(rng.lognormvariate(2.7, 0.5))))
        ws = self.words(n)
        if rng.random() < 0.33:
            ws.insert(rng.randrange(len(ws)), self.number())
        if n > 10 and rng.random() < 0.4:
            ws[rng.randrange(1, n - 1)] += ","
        ws[0] = ws[0].capitalize()
        return " ".join(ws) + rng.choice((".", ".", ".", ".", "?", ":"))

    def edit(self, text: str) -> str:
        """A realistic revision: 1-2 words changed, added or dropped, a number or the case changed."""
        rng = self.rng
        ws = text.split()
        for _ in range(rng.choice((1, 1, 1, 2))):
            op = rng.random()
            i = rng.randrange(len(ws))
            if op < 0.4:
                ws[i] = self.words(1)[0]
            elif op < 0.55 and len(ws) > 2:
                del ws[i]
            elif op < 0.75:
                ws.insert(i, self.words(1)[0])
            elif op < 0.9:
                ws[i] = re.sub(r"\d+", lambda m: str(int(m.group()) + rng.randint(1, 9)), ws[i]) \
                    if any(c.isdigit() for c in ws[i]) else ws[i].upper()
            else:
                return " ".join(ws).upper() if len(ws) < 6 else " ".join(ws).rstrip(".") + "!"
        return " ".join(ws)


def synthetic_units(count: int, vocab_size: int, seed: int):
    sv, sl = SentenceMaker("sv", vocab_size, seed), SentenceMaker("sl", vocab_size, seed + 1)
    rng = random.Random(seed + 2)
    recent: deque[tuple[str, str]] = deque(maxlen=20_000)
    for i in range(count):
        r = rng.random()
        if recent and r < 0.2:
            s, t = rng.choice(recent)
            s, t = sv.edit(s), sl.edit(t)
        elif recent and r < 0.22:
            s, t = rng.choice(recent)[0], sl.segment()
        else:
            s, t = sv.segment(), sl.segment()
        recent.append((s, t))
        yield Unit([Variant("sv", s), Variant("sl", t)], id=str(i + 1))


def vocab_size_for(units: int) -> int:
    """Heaps' law, K = 40, beta = 0.55, over ~14 words per segment."""
    return max(5000, int(40 * (14 * units) ** 0.55))


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def index_size(db: Path) -> int:
    conn = sqlite3.connect(str(db))
    try:
        return conn.execute("SELECT SUM(pgsize) FROM dbstat WHERE name LIKE 'fuzzy%' "
                            "OR name LIKE 'sqlite_autoindex_fuzzy%'").fetchone()[0] or 0
    except sqlite3.DatabaseError:  # no dbstat: payload only
        return sum(conn.execute(f"SELECT COALESCE(SUM(length({col})), 0) FROM {table}").fetchone()[0]
                   for table, col in (("fuzzy_posting", "ids"), ("fuzzy_doc", "tokens"), ("fuzzy_token", "word")))
    finally:
        conn.close()


class BruteForce:
    """The same score over every stored segment: word keys as code points, one rapidfuzz scan
    (normalized Levenshtein similarity is exactly the base score), then fuzzy.score on the few
    that reach the threshold."""

    def __init__(self, texts: list[str]) -> None:
        self.texts = texts
        self.codes: dict[str, str] = {}
        self.encoded = [self.encode(t) for t in texts]

    def encode(self, text: str) -> str:
        out = []
        for key in index_keys(text):
            code = self.codes.get(key)
            if code is None:
                n = len(self.codes) + 0x100
                code = self.codes[key] = chr(n + 0x800 if n >= 0xD800 else n)
            out.append(code)
        return "".join(out)

    def top(self, query: str, limit: int = 5) -> list[int]:
        found = process.extract(self.encode(query), self.encoded, scorer=Levenshtein.normalized_similarity,
                                score_cutoff=MIN_SCORE / 100 - 1e-9, limit=None)
        scores = sorted((score(query, self.texts[i]).score for _, _, i in found), reverse=True)
        return [s for s in scores if s >= MIN_SCORE][:limit]


def run_size(units: int, queries: int, seed: int, db: Path) -> dict:
    """Build (or reuse) a memory of `units` and measure it; returns the figures."""
    vocab_size = vocab_size_for(units)
    out: dict = {"units": units, "vocabulary": vocab_size}
    with TranslationMemory(db) as tm:
        stored = len(tm)
        if stored and stored != units:
            sys.exit(f"{db} holds {stored} units, not {units}")
        if not stored:
            start = time.perf_counter()
            for _ in synthetic_units(min(units, 100_000), vocab_size, seed):
                pass
            gen_s = (time.perf_counter() - start) * units / min(units, 100_000)
            start = time.perf_counter()
            stats = tm.import_units(synthetic_units(units, vocab_size, seed), origin="synthetic")
            total = time.perf_counter() - start
            out.update(import_s=total, import_rate=units / total, import_rate_net=units / max(total - gen_s, 1e-9),
                       merged=stats.merged, import_peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024)
    out["file_mb"] = db.stat().st_size / 2**20
    out["index_mb"] = index_size(db) / 2**20
    tm = TranslationMemory(db)
    texts = [t for (t,) in tm.conn.execute("SELECT text FROM variant WHERE base = 'sv' ORDER BY id")]
    asker = SentenceMaker("sv", vocab_size, seed)
    asker.rng = random.Random(seed + 3)
    rng = random.Random(seed + 4)
    long_pool = [t for t in rng.sample(texts, min(len(texts), 20 * queries)) if len(t.split()) >= 6]
    short_pool = [t for t in rng.sample(texts, min(len(texts), 50 * queries)) if 2 <= len(t.split()) <= 4]
    sets = {
        "long": [asker.edit(t) for t in long_pool[:queries // 2]]
                + [s for s in (asker.segment() for _ in range(20 * queries)) if len(s.split()) >= 6][:queries - queries // 2],
        "short": [asker.edit(t) if rng.random() < 0.7 else t.upper() for t in short_pool[:queries // 2]]
                 + [" ".join(asker.words(rng.randint(2, 4))) for _ in range(queries - queries // 2)],
    }
    brute = BruteForce(texts)
    for name, qs in sets.items():
        latencies, char_times, word_times = [], [], []
        hits = wanted = with_match = 0
        for q in qs:
            t0 = time.perf_counter()
            found = [m.score for m in tm.search(q, "sv", "sl", min_score=MIN_SCORE, limit=5)]
            latencies.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            process.extract(q, texts, scorer=fuzz.ratio, limit=5, score_cutoff=MIN_SCORE)
            char_times.append(time.perf_counter() - t0)
            t0 = time.perf_counter()
            best = brute.top(q)
            word_times.append(time.perf_counter() - t0)
            with_match += bool(best)
            wanted += len(best)
            hits += sum(1 for k, s in enumerate(best) if k < len(found) and found[k] >= s)
        p50 = percentile(latencies, 0.5) * 1000
        out[name] = {"queries": len(qs), "with_match": with_match, "p50_ms": p50,
                     "p95_ms": percentile(latencies, 0.95) * 1000,
                     "max_ms": max(latencies) * 1000,
                     "brute_char_p50_ms": statistics.median(char_times) * 1000,
                     "brute_word_p50_ms": statistics.median(word_times) * 1000,
                     "recall": hits / wanted if wanted else float("nan"), "hits": hits, "wanted": wanted}
        out[name]["ratio"] = out[name]["brute_char_p50_ms"] / p50
    tm.close()
    out["peak_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    return out


def print_size(r: dict) -> None:
    print(f"\n== {r['units']:,} synthetic sv-sl units (vocabulary {r['vocabulary']:,} word types per language)")
    if "import_s" in r:
        print(f"import: {r['import_s']:.0f} s = {r['import_rate']:,.0f} units/s with generation "
              f"({r['import_rate_net']:,.0f} units/s without); {r['merged']:,} duplicates merged; "
              f"peak RSS {r['import_peak_mb']:,.0f} MB")
    else:
        print("import: reused an existing file, not measured")
    print(f"file {r['file_mb']:,.0f} MB, of which fuzzy index {r['index_mb']:,.0f} MB; "
          f"peak RSS of the whole run {r['peak_mb']:,.0f} MB")
    for name in ("long", "short"):
        q = r[name]
        print(f"{name} queries: {q['queries']} ({q['with_match']} with a >= {MIN_SCORE}% match): "
              f"p50 {q['p50_ms']:.1f} ms, p95 {q['p95_ms']:.1f} ms, max {q['max_ms']:.0f} ms; "
              f"top-5 recall {q['recall']:.4f} ({q['hits']}/{q['wanted']}); brute-force "
              f"process.extract(fuzz.ratio) p50 {q['brute_char_p50_ms']:.0f} ms -> {q['ratio']:.0f}x; "
              f"brute-force word score p50 {q['brute_word_p50_ms']:.0f} ms")


def targets(r: dict) -> list[str]:
    lines = []
    if r["units"] == 1_000_000:
        lines.append(f"1M p50 <= 10 ms: {'met' if r['long']['p50_ms'] <= 10 else 'MISSED'}; "
                     f"p95 <= 25 ms: {'met' if r['long']['p95_ms'] <= 25 else 'MISSED'}")
    lines.append(f"{r['units']:,}: short p95 <= 50 ms: {'met' if r['short']['p95_ms'] <= 50 else 'MISSED'}; "
                 f"recall >= 0.98: {'met' if min(r['long']['recall'], r['short']['recall']) >= 0.98 else 'MISSED'}; "
                 f"ratio >= 35x: {'met' if r['long']['ratio'] >= 35 else 'MISSED'}")
    return lines


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000000,5000000", help="comma-separated unit counts")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--keep", help="folder to keep (and reuse) the built memories in")
    ap.add_argument("--no-pretranslate", action="store_true")
    ap.add_argument("--one", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--db", help=argparse.SUPPRESS)
    args = ap.parse_args()
    if args.one:
        print(json.dumps(run_size(args.one, args.queries, args.seed, Path(args.db))))
        return
    results = []
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(args.keep or tmp)
        folder.mkdir(parents=True, exist_ok=True)
        for size in (int(s) for s in args.sizes.split(",")):
            db = folder / f"bench-{size}.sqlite"
            done = subprocess.run([sys.executable, __file__, "--one", str(size), "--db", str(db),
                                   "--queries", str(args.queries), "--seed", str(args.seed)],
                                  capture_output=True, text=True)
            if done.returncode:
                sys.exit(done.stderr)
            results.append(json.loads(done.stdout.strip().splitlines()[-1]))
            print_size(results[-1])
            sys.stdout.flush()
            if not args.keep:
                db.unlink()
        pre = None
        if not args.no_pretranslate:
            from pretranslate_bench import run as pretranslate_run  # noqa: PLC0415
            pre = pretranslate_run(Path(tmp))
    print("\n== targets")
    for r in results:
        for line in targets(r):
            print(line)
    if pre:
        for line in pre:
            print(line)


if __name__ == "__main__":
    main()
