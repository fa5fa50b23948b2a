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


# ------------------------------------------------------------------ pre-translation against pot2po

PRE_LANGS = ("sv", "sl", "lt")
FILLER = 100_000


def django_catalogues(version: str, cache: Path) -> Path:
    """Django's wheel fetched with pip (kept in `cache`), its sv/sl/lt catalogues unpacked."""
    wheel = next(cache.glob(f"Django-{version}-*.whl"), None)
    if wheel is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "-q", "--no-deps", f"django=={version}",
                        "-d", str(cache)], check=True, capture_output=True)
        wheel = next(cache.glob(f"Django-{version}-*.whl"))
    target = cache / version
    if not target.exists():
        with zipfile.ZipFile(wheel) as zf:
            for name in zf.namelist():
                if name.endswith(".po") and any(f"/locale/{lang}/LC_MESSAGES/" in name for lang in PRE_LANGS):
                    zf.extract(name, target)
    return target


def catalogues(root: Path, lang: str) -> list[Path]:
    return sorted(root.rglob(f"locale/{lang}/LC_MESSAGES/*.po"))


def emptied(files: list[Path], root: Path, into: Path, templates: Path) -> list[Path]:
    """Copies with every translation removed (as .pot, pot2po's input), and header-only templates."""
    import polib  # noqa: PLC0415
    out = []
    for path in files:
        po = polib.pofile(str(path))
        for e in po:
            if e.msgid_plural:
                e.msgstr_plural = {k: "" for k in e.msgstr_plural}
            else:
                e.msgstr = ""
            if "fuzzy" in e.flags:
                e.flags.remove("fuzzy")
            e.previous_msgid = e.previous_msgid_plural = e.previous_msgctxt = None
        rel = path.relative_to(root)
        pot = (into / rel).with_suffix(".pot")
        pot.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(pot))
        empty = polib.POFile()
        empty.metadata = po.metadata
        (templates / rel).parent.mkdir(parents=True, exist_ok=True)
        empty.save(str(templates / rel))
        out.append(pot)
    return out


def filled(folder: Path, reference: dict[tuple, str]) -> dict[str, int]:
    """Exact (translated), fuzzy and empty entries of the PO files below `folder`, and how many
    filled targets equal the real translation of the newer release."""
    import polib  # noqa: PLC0415
    out = {"exact": 0, "fuzzy": 0, "none": 0, "exact_same": 0, "fuzzy_same": 0}
    for path in folder.rglob("*.po*"):
        for e in polib.pofile(str(path)):
            if e.obsolete or not e.msgid:
                continue
            target = e.msgstr_plural.get(0, "") if e.msgid_plural else e.msgstr
            kind = "none" if not target else ("fuzzy" if e.fuzzy else "exact")
            out[kind] += 1
            if target and reference.get((path.stem, e.msgctxt, e.msgid)) == target:
                out[kind + "_same"] += 1
    return out


def timed(cmd: list[str]) -> float:
    start = time.perf_counter()
    done = subprocess.run(cmd, capture_output=True, text=True)
    if done.returncode:
        sys.exit(f"{cmd[0]} failed: {done.stderr[-2000:]}")
    return time.perf_counter() - start


def in_process_esfterm(db: Path, inputs: list[Path], out: Path) -> float:
    from esfterm.tm.pretranslate import output_paths, pretranslate_files  # noqa: PLC0415
    start = time.perf_counter()
    with TranslationMemory(db, create=False) as tm:
        files = [str(p) for p in inputs]
        pretranslate_files(tm, files, output_paths(files, output_dir=str(out)))
    return time.perf_counter() - start


def in_process_pot2po(inputs: list[Path], root: Path, templates: Path, out: Path, tm: Path) -> float:
    """translate-toolkit's convertpot per file; its TM matcher (a module global, built on first
    use) is reset here once per TM, so it is built once, not per file as the CLI does."""
    from translate.convert.pot2po import convertpot  # noqa: PLC0415
    from translate.tools import pretranslate  # noqa: PLC0415
    pretranslate.tmmatcher = None
    start = time.perf_counter()
    for path in inputs:
        rel = path.relative_to(root).with_suffix(".po")
        (out / rel).parent.mkdir(parents=True, exist_ok=True)
        with path.open("rb") as fin, (templates / rel).open("rb") as ftpl, (out / rel).open("wb") as fout:
            convertpot(fin, fout, ftpl, tm=str(tm))
    return time.perf_counter() - start


def pretranslate_run(tmp: Path, cache: Path) -> list[str]:
    """Both tools on the same emptied Django 5.2 catalogues and the same Django 4.2 TM, without
    and with 100,000 more (synthetic en-sv) units in the TM; returns the summary lines."""
    import polib  # noqa: PLC0415
    from esfterm.tm import export_tm, import_files  # noqa: PLC0415
    new, old = django_catalogues("5.2", cache), django_catalogues("4.2", cache)
    esfterm_cli = [sys.executable, "-m", "esfterm.cli"] if not shutil.which("esfterm") else [shutil.which("esfterm")]
    pot2po = shutil.which("pot2po") or sys.exit("pot2po (translate-toolkit) is not installed: pip install -e '.[test]'")
    lines = ["\n== pre-translation: Django 5.2 catalogues emptied, filled from a TM of Django 4.2 (min 75%)"]
    summary = []
    for scenario, langs, filler in (("Django 4.2 TM", PRE_LANGS, 0), (f"Django 4.2 TM + {FILLER:,} units", ("sv",), FILLER)):
        work = tmp / f"pre-{filler}"
        db = work / "tm.sqlite"
        (work / "pot2po").mkdir(parents=True, exist_ok=True)
        totals = {"esfterm": {}, "pot2po": {}}
        times = {"esfterm": 0.0, "pot2po": 0.0}
        inproc = {"esfterm": 0.0, "pot2po": 0.0}
        entries = 0
        with TranslationMemory(db) as tm:
            for lang in langs:
                import_files(tm, [str(p) for p in catalogues(old, lang)], src_lang="en", tgt_lang=lang)
            if filler:
                en, sv = SentenceMaker("en", vocab_size_for(filler), 9), SentenceMaker("sv", vocab_size_for(filler), 10)
                tm.import_units((Unit([Variant("en", en.segment()), Variant("sv", sv.segment())])
                                 for _ in range(filler)), origin="filler")
            tm_units = len(tm)
            for lang in langs:
                export_tm(tm, str(work / f"tm-{lang}.po"), fmt="po", src="en", tgt=lang)
        for lang in langs:
            files = catalogues(new, lang)
            reference = {(p.stem, e.msgctxt, e.msgid): (e.msgstr_plural.get(0, "") if e.msgid_plural else e.msgstr)
                         for p in files for e in polib.pofile(str(p)) if e.msgid and not e.obsolete}
            inputs = emptied(files, new, work / "in" / lang, work / "tpl" / lang)
            entries += sum(1 for p in inputs for e in polib.pofile(str(p)) if e.msgid and not e.obsolete)
            times["esfterm"] += timed([*esfterm_cli, "tm", "pretranslate", *map(str, inputs), "--tm", str(db),
                                       "--output-dir", str(work / "esfterm" / lang)])
            times["pot2po"] += timed([pot2po, "--progress=none", "-i", str(work / "in" / lang), "-t",
                                      str(work / "tpl" / lang), "-o", str(work / "pot2po" / lang),
                                      "--tm", str(work / f"tm-{lang}.po")])
            for tool in totals:
                for key, value in filled(work / tool / lang, reference).items():
                    totals[tool][key] = totals[tool].get(key, 0) + value
            inproc["esfterm"] += in_process_esfterm(db, inputs, work / "inproc-esfterm" / lang)
            inproc["pot2po"] += in_process_pot2po(inputs, work / "in" / lang, work / "tpl" / lang,
                                                  work / "inproc-pot2po" / lang, work / f"tm-{lang}.po")
        lines.append(f"{scenario} ({tm_units:,} units), {entries:,} entries in {sum(len(catalogues(new, l)) for l in langs)} "
                     f"files ({', '.join(langs)}):")
        for tool in ("esfterm", "pot2po"):
            t = totals[tool]
            lines.append(f"  {tool:8s} {times[tool]:6.2f} s = {entries / times[tool]:8,.0f} entries/s; "
                         f"{t['exact']:,} exact + {t['fuzzy']:,} fuzzy = {t['exact'] + t['fuzzy']:,} filled, "
                         f"{t['none']:,} none; equal to the 5.2 translation: {t['exact_same']:,} exact, "
                         f"{t['fuzzy_same']:,} fuzzy")
        lines.append(f"  in-process, startup left out: esfterm {entries / inproc['esfterm']:,.0f} entries/s, "
                     f"pot2po {entries / inproc['pot2po']:,.0f} entries/s ({inproc['pot2po'] / inproc['esfterm']:.1f}x)")
        ours, theirs = totals["esfterm"], totals["pot2po"]
        more = ours["exact"] + ours["fuzzy"] >= theirs["exact"] + theirs["fuzzy"]
        speed = times["pot2po"] / times["esfterm"]
        lines.append(f"  esfterm is {speed:.1f}x faster, with {'the same or more' if more else 'FEWER'} matches")
        summary.append(f"pretranslate ({scenario}) >= 10x faster than pot2po: {'met' if speed >= 10 else 'MISSED'} "
                       f"({speed:.1f}x); same or more matches: {'met' if more else 'MISSED'}")
    for line in lines:
        print(line)
    return summary


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--sizes", default="1000000,5000000", help="comma-separated unit counts (none: '')")
    ap.add_argument("--queries", type=int, default=200)
    ap.add_argument("--seed", type=int, default=4)
    ap.add_argument("--keep", help="folder to keep (and reuse) the built memories and downloads in")
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
        for size in (int(s) for s in args.sizes.split(",") if s):
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
        pre = [] if args.no_pretranslate else pretranslate_run(Path(tmp), folder)
    print("\n== targets")
    for r in results:
        for line in targets(r):
            print(line)
    for line in pre:
        print(line)


if __name__ == "__main__":
    main()
