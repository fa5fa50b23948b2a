"""Load test of `esfterm serve` on each TM backend: 8 clients searching while 2 clients import.

For SQLite and for PostgreSQL (a throwaway cluster with PostgreSQL's durable defaults, started
here, unless --pg URL is given): a memory of --units synthetic sv-sl units (bench_tm's
generator), one `esfterm serve` process on a free loopback port, then

- alone: 8 clients search (GET /api/search, edited copies of stored segments), the baseline;
- mixed: the same 8 clients search while 2 clients import TSV files (POST /api/tm/import), each
  file half shared with the other importer's file of the same round, so the two writers store
  the same new units at the same moment.

Every loop is bounded in count and in time (--deadline) and talks to 127.0.0.1 only. Printed per
backend: search throughput and p50/p95 latency alone and mixed, import latency and units/s,
errors, and the check afterwards: every imported unit stored exactly once (none lost, none
duplicated), every unit count right, every shared unit found at 100%.

    python benchmarks/bench_server.py                      # both backends, 20,000 units
    python benchmarks/bench_server.py --backends sqlite --units 5000 --searches 40
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from collections import Counter
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "benchmarks"))
sys.path.insert(0, str(ROOT / "tests"))

from bench_tm import SentenceMaker, percentile, synthetic_units, vocab_size_for  # noqa: E402
from esfterm.tm import TranslationMemory  # noqa: E402

import pgcluster  # noqa: E402

TOKEN = "bench-token-" + "0123456789abcdef"
SEARCHERS, IMPORTERS = 8, 2


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Tally:
    """Latencies and errors of one kind of request, from many threads."""

    def __init__(self) -> None:
        self.latencies: list[float] = []
        self.errors: list[str] = []
        self.lock = threading.Lock()

    def add(self, seconds: float, error: str | None = None) -> None:
        with self.lock:
            self.latencies.append(seconds)
            if error:
                self.errors.append(error)

    def summary(self) -> str:
        if not self.latencies:
            return "no requests"
        ms = [x * 1000 for x in self.latencies]
        return f"p50 {statistics.median(ms):.1f} ms, p95 {percentile(ms, 0.95):.1f} ms"


def request(client: httpx.Client, tally: Tally, method: str, path: str, **kwargs) -> dict | None:
    start = time.perf_counter()
    try:
        response = client.request(method, path, timeout=120, **kwargs)
        ok = response.status_code == 200
        tally.add(time.perf_counter() - start, None if ok else f"{response.status_code} {response.text[:200]}")
        return response.json() if ok else None
    except httpx.HTTPError as exc:
        tally.add(time.perf_counter() - start, f"{type(exc).__name__}: {exc}")
        return None


def searcher(url: str, queries: list[str], count: int, deadline: float, tally: Tally) -> None:
    with httpx.Client(base_url=url) as client:
        for q in queries[:count]:
            if time.monotonic() > deadline:
                return
            request(client, tally, "GET", "/api/search", params={"q": q, "src": "sv", "tgt": "sl"})


def importer(url: str, files: list[str], deadline: float, tally: Tally, added: list[int]) -> None:
    with httpx.Client(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}) as client:
        for n, body in enumerate(files):
            if time.monotonic() > deadline:
                return
            done = request(client, tally, "POST", "/api/tm/import", content=body.encode("utf-8"),
                           params={"filename": f"upload-{threading.get_ident()}-{n}.tsv", "src": "sv", "tgt": "sl"})
            if done:
                added.append(done["added"])


def run_clients(url: str, query_sets: list[list[str]], count: int, files: list[list[str]] | None,
                deadline: float) -> tuple[Tally, Tally, float, list[int]]:
    searches, imports, added = Tally(), Tally(), []
    threads = [threading.Thread(target=searcher, args=(url, qs, count, deadline, searches)) for qs in query_sets]
    threads += [threading.Thread(target=importer, args=(url, fs, deadline, imports, added)) for fs in files or []]
    start = time.perf_counter()
    for thread in threads:
        thread.start()
    for thread in threads[:len(query_sets)]:
        thread.join()
    wall = time.perf_counter() - start
    for thread in threads[len(query_sets):]:
        thread.join()
    return searches, imports, wall, added


def import_files(rounds: int, per_file: int, seed: int) -> tuple[list[list[str]], set[tuple[str, str]], set[tuple[str, str]]]:
    """Two importers' TSV files: in each round half of both files is the same units."""
    rng = random.Random(seed)

    def pair(tag: str, n: int) -> tuple[str, str]:
        word = "".join(rng.choices("abcdefghijklmnoprstuv", k=6))
        return f"Uppladdad {tag} mening {n} om {word} och fonden.", f"Naložen {tag} stavek {n} o {word} in skladu."

    files: list[list[str]] = [[], []]
    shared_pairs, own_pairs = set(), set()
    for r in range(rounds):
        shared = [pair(f"delad r{r}", i) for i in range(per_file // 2)]
        shared_pairs.update(shared)
        for who in range(IMPORTERS):
            own = [pair(f"egen{who} r{r}", i) for i in range(per_file - per_file // 2)]
            own_pairs.update(own)
            rows = shared + own
            rng.shuffle(rows)
            files[who].append("".join(f"{s}\t{t}\n" for s, t in rows))
    return files, shared_pairs, own_pairs


def check_store(location, base: int, shared: set, own: set, imported_ok: bool) -> dict:
    """Every imported unit once, the count right, shared units found."""
    with TranslationMemory(location, readonly=True) as tm:
        seen = Counter((u.text("sv"), u.text("sl")) for u in tm.iter_units(src="sv", tgt="sl")
                       if u.text("sv").startswith("Uppladdad"))
        total = len(tm)
        expected = shared | own
        lost = sum(1 for p in expected if seen[p] == 0)
        duplicated = sum(n - 1 for n in seen.values() if n > 1)
        sample = sorted(shared)[:100]
        found = sum(1 for s, t in sample if any(m.target == t for m in tm.search(s, "sv", "sl", min_score=100)))
    return {"units": total, "expected_units": base + len(expected), "lost": lost, "duplicated": duplicated,
            "found_at_100": f"{found}/{len(sample)}", "complete": imported_ok}


def bench_backend(name: str, location, args) -> dict:
    vocab = vocab_size_for(args.units)
    with TranslationMemory(location) as tm:
        start = time.perf_counter()
        tm.import_units(synthetic_units(args.units, vocab, args.seed), origin="synthetic")
        build_s = time.perf_counter() - start
        base = len(tm)
        texts = [u.text("sv") for u in tm.iter_units()]
    rng = random.Random(args.seed + 5)
    asker = SentenceMaker("sv", vocab, args.seed)
    asker.rng = random.Random(args.seed + 6)
    query_sets = [[asker.edit(t) for t in rng.sample(texts, args.searches * 2)] for _ in range(SEARCHERS)]
    files, shared, own = import_files(args.rounds, args.per_file, args.seed + 7)
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "from esfterm.cli import main; main()", "serve", "--tm",
                               str(location), "--port", str(port), "--token", TOKEN, "--connections", "10"],
                              stderr=subprocess.PIPE, text=True)
    try:
        line = server.stderr.readline()
        if "serving" not in line:
            sys.exit(f"{name}: the server did not start: {line}{server.stderr.read()}")
        url = f"http://127.0.0.1:{port}"
        deadline = time.monotonic() + args.deadline
        alone, _, alone_s, _ = run_clients(url, [qs[:args.searches] for qs in query_sets], args.searches, None, deadline)
        mixed, imports, mixed_s, added = run_clients(url, [qs[args.searches:] for qs in query_sets], args.searches,
                                                     files, deadline + args.deadline)
    finally:
        server.terminate()
        server.wait(60)
    complete = len(added) == IMPORTERS * args.rounds
    return {"backend": name, "base_units": base, "build_s": build_s,
            "alone": alone, "alone_rps": len(alone.latencies) / alone_s,
            "mixed": mixed, "mixed_rps": len(mixed.latencies) / mixed_s, "imports": imports,
            "import_units_s": sum(added) / max(mixed_s, 1e-9) if added else 0.0, "added": sum(added),
            "check": check_store(location, base, shared, own, complete)}


def report(r: dict) -> None:
    c = r["check"]
    errors = r["alone"].errors + r["mixed"].errors + r["imports"].errors
    print(f"\n{r['backend']}: {r['base_units']:,} units (built in {r['build_s']:.0f} s)")
    print(f"  search, {SEARCHERS} clients alone:        {r['alone_rps']:7.1f} req/s, {r['alone'].summary()}")
    print(f"  search, {SEARCHERS} clients + {IMPORTERS} importing: {r['mixed_rps']:7.1f} req/s, {r['mixed'].summary()}"
          f"  ({r['mixed_rps'] / r['alone_rps']:.2f}x the throughput alone)")
    print(f"  import, {IMPORTERS} clients: {len(r['imports'].latencies)} files, {r['imports'].summary()} per file, "
          f"{r['added']} units added, {r['import_units_s']:.0f} units/s")
    print(f"  errors: {len(errors)}" + (f" (first: {errors[0]})" if errors else ""))
    print(f"  after: {c['units']:,} units (expected {c['expected_units']:,}); lost {c['lost']}, duplicated "
          f"{c['duplicated']}; shared units found at 100%: {c['found_at_100']}; every import completed: {c['complete']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--backends", default="sqlite,postgresql")
    parser.add_argument("--units", type=int, default=20_000, help="Synthetic units in the memory before the load.")
    parser.add_argument("--searches", type=int, default=100, help="Searches per client and phase.")
    parser.add_argument("--rounds", type=int, default=10, help="Files each importer sends.")
    parser.add_argument("--per-file", type=int, default=200, help="Units per file (half shared).")
    parser.add_argument("--deadline", type=float, default=300, help="Seconds a phase may run at most.")
    parser.add_argument("--pg", help="PostgreSQL URL to use (default: a throwaway cluster started here).")
    parser.add_argument("--seed", type=int, default=42)
    args = parser.parse_args()
    print(f"esfterm serve under load: {SEARCHERS} searching clients, {IMPORTERS} importing "
          f"({args.rounds} files x {args.per_file} units each, half shared), 127.0.0.1 only")
    failed = False
    with tempfile.TemporaryDirectory(prefix="esfterm-bench-") as tmp:
        for name in args.backends.split(","):
            cluster = None
            if name == "sqlite":
                location = Path(tmp) / "tm.sqlite"
            elif args.pg:
                location = args.pg
            else:
                cluster, location = pgcluster.start(durable=True)
            try:
                result = bench_backend(name, location, args)
            finally:
                if cluster is not None:
                    pgcluster.stop(cluster)
            report(result)
            c = result["check"]
            failed |= bool(c["lost"] or c["duplicated"] or c["units"] != c["expected_units"] or not c["complete"]
                           or result["alone"].errors or result["mixed"].errors or result["imports"].errors)
    sys.exit(1 if failed else 0)


if __name__ == "__main__":
    main()
