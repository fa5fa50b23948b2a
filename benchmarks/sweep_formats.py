"""Real-world sweep: read every PO, XLIFF and TMX file of real projects on PyPI, and check what
esfterm writes back with the standard tools.

Downloads (pip download, at run time, into --cache) Django's catalogues, translate-toolkit's and
polib's test files, django-rosetta's, Sphinx's and Weblate's catalogues and test data; adds
../shared/interop-samples when it is there. For every file it prints whether esfterm reads it
(and how many units) or refuses it (and why), next to msgfmt's verdict on the same PO file,
so every disagreement can be read and judged. Then, for every file read, it exports what was
imported: PO through `msgfmt -c` (and imported again: same unit count?), TMX against the TMX 1.4
DTD (and unit for unit against the same file written TMX to TMX), XLIFF through translate-toolkit
(every finished unit counted translated; drafts are imported too, and must not be).

    python benchmarks/sweep_formats.py                       # everything (Weblate's wheel is 75 MB)
    python benchmarks/sweep_formats.py --skip weblate --cache /tmp/sweep
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from esfterm.errors import InputError  # noqa: E402
from esfterm.formats.detect import detect_format, read_units  # noqa: E402
from esfterm.formats.tmx import read_tmx, write_tmx  # noqa: E402
from esfterm.formats.xliff import is_draft  # noqa: E402
from esfterm.tm import TranslationMemory, export_tm, import_files  # noqa: E402

#: (name shown, pip requirement, sdist?) — sdists carry test files that wheels leave out.
SOURCES = [("django", "django==5.2", False), ("translate-toolkit", "translate-toolkit==3.13.0", True),
           ("polib", "polib==1.2.0", True), ("django-rosetta", "django-rosetta==0.10.3", True),
           ("sphinx", "sphinx==8.1.3", False), ("weblate", "weblate==5.14.3", False),
           ("wagtail", "wagtail==6.3", False)]
SUFFIXES = (".po", ".pot", ".xlf", ".xliff", ".sdlxliff", ".tmx")
SHARED = ROOT.parent / "shared" / "interop-samples"


@dataclass
class Outcome:
    source: str
    path: Path
    kind: str = "?"
    units: int = 0
    refused: str | None = None
    #: Read once the languages the file does not state are given (--src en --tgt xx).
    needs_languages: bool = False
    msgfmt: str | None = None  # msgfmt's first error on the original PO file, "" when it accepts it
    checks: dict[str, str] = field(default_factory=dict)


def download(requirement: str, sdist: bool, cache: Path) -> Path:
    target = cache / requirement.replace("==", "-")
    if not target.exists() or not any(target.iterdir()):
        target.mkdir(parents=True, exist_ok=True)
        args = [sys.executable, "-m", "pip", "download", "-q", "--no-deps", "-d", str(target), requirement]
        if sdist:
            args[5:5] = ["--no-binary", ":all:"]
        subprocess.run(args, check=True)
    return next(p for p in target.iterdir() if p.suffix in (".whl", ".gz", ".zip"))


def extract(archive: Path, into: Path) -> list[Path]:
    """The translation files of a wheel or sdist, unpacked under `into` with their paths."""
    into.mkdir(parents=True, exist_ok=True)
    if archive.suffix == ".whl" or archive.suffix == ".zip":
        with zipfile.ZipFile(archive) as zf:
            names = [n for n in zf.namelist() if n.lower().endswith(SUFFIXES)]
            for name in names:
                zf.extract(name, into)
    else:
        with tarfile.open(archive) as tf:
            members = [m for m in tf.getmembers() if m.isfile() and m.name.lower().endswith(SUFFIXES)]
            tf.extractall(into, members=members, filter="data")
            names = [m.name for m in members]
    return sorted(into / n for n in names)


def msgfmt_verdict(path: Path) -> str | None:
    if shutil.which("msgfmt") is None or path.suffix not in (".po", ".pot"):
        return None
    result = subprocess.run(["msgfmt", "-o", "/dev/null", str(path)], capture_output=True, text=True)
    errors = [line for line in result.stderr.splitlines() if "warning" not in line and "fatal error" not in line
              and not line.startswith(" ")]
    return "" if result.returncode == 0 else (errors[0] if errors else result.stderr.strip()[:120])


LANGUAGE_UNKNOWN = ("the target language is unknown", "does not say its")
#: Languages given to files that state none (French: a real plural rule, as such files' often are).
STAND_IN = ("en", "fr")


def read_one(outcome: Outcome) -> None:
    try:
        outcome.kind = detect_format(outcome.path)
        outcome.units = sum(1 for _ in read_units(outcome.path, strict=True))
        return
    except InputError as exc:
        outcome.refused = str(exc)
    if any(text in outcome.refused for text in LANGUAGE_UNKNOWN):
        try:
            outcome.units = sum(1 for _ in read_units(outcome.path, *STAND_IN, strict=True))
            outcome.needs_languages = True
        except InputError as exc:
            outcome.refused = str(exc)


def export_checks(outcome: Outcome, work: Path) -> None:
    """Import the file, export it in its own format, and check the export with the standard tool."""
    langs = dict(zip(("src_lang", "tgt_lang"), STAND_IN)) if outcome.needs_languages else {}
    with TranslationMemory(work / "tm.sqlite") as tm:
        stats = import_files(tm, [outcome.path], drafts=True, **langs)
        pairs = Counter((u.variants[0].lang, u.variants[1].lang) for u in tm.iter_units() if len(u.variants) == 2)
        if outcome.kind == "tmx":
            export_tm(tm, work / "out.tmx")
            outcome.checks["dtd"] = "valid" if _dtd_valid(work / "out.tmx") else "INVALID"
            write_tmx(work / "direct.tmx", read_tmx(outcome.path))  # what TMX -> TMX alone keeps
            same = list(read_tmx(work / "out.tmx")) == list(read_tmx(work / "direct.tmx"))
            outcome.checks["round trip"] = "same" if same else "differs"
        elif pairs and outcome.kind == "po":
            src, tgt = pairs.most_common(1)[0][0]
            report = export_tm(tm, work / "out.po", fmt="po", src=src, tgt=tgt)
            result = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(work / "out.po")],
                                    capture_output=True, text=True)
            outcome.checks["msgfmt -c"] = "ok" if result.returncode == 0 else "FAILS: " + result.stderr.split("\n")[0]
            with TranslationMemory(work / "again.sqlite") as again:
                count = import_files(again, [work / "out.po"], fuzzy="flag").added
            outcome.checks["count kept"] = "yes" if count == stats.added else f"NO ({stats.added} -> {count})"
            if report.notes:
                outcome.checks["fitted"] = "; ".join(report.notes)
            if any("written fuzzy" in note for note in report.notes):
                original = subprocess.run(["msgfmt", "-c", "-o", "/dev/null", str(outcome.path)], capture_output=True)
                outcome.checks["fuzzy: original fails -c"] = "yes" if original.returncode else "NO (original passes)"
        elif pairs and outcome.kind == "xliff":
            src, tgt = pairs.most_common(1)[0][0]
            finished = sum(1 for u in tm.iter_units(src, tgt) if not is_draft(u))
            export_tm(tm, work / "out.xlf", fmt="xliff", src=src, tgt=tgt)
            outcome.checks["translate-toolkit"] = _tt_translated(work / "out.xlf", finished)


def _dtd_valid(path: Path) -> bool:
    from lxml import etree

    from esfterm.xmlsafe import safe_parser
    dtd_path = ROOT.parent / "shared" / "standards" / "tmx14.dtd"
    return not dtd_path.exists() or etree.DTD(str(dtd_path)).validate(etree.parse(str(path), safe_parser()))


def _tt_translated(path: Path, finished: int) -> str:
    """How many units translate-toolkit counts translated, against the finished (non-draft) ones."""
    try:
        from translate.storage import xliff
    except ImportError:
        return "translate-toolkit not installed"
    units = [u for u in xliff.xlifffile.parsefile(str(path)).units if not u.isheader()]
    translated = sum(u.istranslated() for u in units)
    return f"{translated}/{finished} finished units translated" + ("" if translated == finished else " (MISMATCH)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cache", type=Path, default=Path(tempfile.gettempdir()) / "esfterm-sweep",
                        help="Where downloads are kept between runs.")
    parser.add_argument("--skip", action="append", default=[], help="A source to leave out (e.g. weblate).")
    args = parser.parse_args()

    outcomes: list[Outcome] = []
    with tempfile.TemporaryDirectory() as tmp:
        for name, requirement, sdist in SOURCES:
            if name in args.skip:
                continue
            print(f"downloading {requirement} ...", file=sys.stderr)
            files = extract(download(requirement, sdist, args.cache), Path(tmp) / name)
            outcomes += [Outcome(name, f) for f in files]
        if SHARED.is_dir():
            outcomes += [Outcome("interop-samples", f) for f in sorted(SHARED.rglob("*"))
                         if f.suffix.lower() in SUFFIXES or f.parent.name == "hostile"]
        for n, outcome in enumerate(outcomes, 1):
            if n % 200 == 0:
                print(f"  {n}/{len(outcomes)} files", file=sys.stderr)
            read_one(outcome)
            outcome.msgfmt = msgfmt_verdict(outcome.path)
            if (outcome.refused is None or outcome.needs_languages) and outcome.units:
                work = Path(tmp) / "work"
                shutil.rmtree(work, ignore_errors=True)
                work.mkdir()
                export_checks(outcome, work)
        report(outcomes, Path(tmp))


def report(outcomes: list[Outcome], base: Path) -> None:
    by_source: dict[str, list[Outcome]] = defaultdict(list)
    for o in outcomes:
        by_source[o.source].append(o)
    print(f"\n{'source':18} {'files':>6} {'read':>6} {'+langs':>7} {'refused':>8} {'units':>8}   read/all by kind")
    rows = list(by_source.items()) + [("all", outcomes)]
    for source, items in rows:
        kinds = Counter(o.kind for o in items)
        read = Counter(o.kind for o in items if o.refused is None)
        given = sum(o.needs_languages for o in items)
        refused = sum(1 for o in items if o.refused and not o.needs_languages)
        print(f"{source:18} {len(items):6} {sum(read.values()):6} {given:7} {refused:8} "
              f"{sum(o.units for o in items):8}   " + ", ".join(f"{k} {read[k]}/{v}" for k, v in sorted(kinds.items())))
    print("(+langs: refused until the languages the file does not state are given with --src/--tgt)")

    po = [o for o in outcomes if o.msgfmt is not None]
    agree = Counter((o.refused is None or o.needs_languages, o.msgfmt == "") for o in po)
    print(f"\nPO files against msgfmt ({len(po)}): both accept {agree[(True, True)]}, both refuse "
          f"{agree[(False, False)]}, esfterm refuses what msgfmt accepts {agree[(False, True)]}, "
          f"esfterm reads what msgfmt refuses {agree[(True, False)]}")

    print("\nrefused even with --src/--tgt (each to be judged):")
    for o in outcomes:
        if o.refused and not o.needs_languages:
            verdict = "" if o.msgfmt is None else (" | msgfmt accepts" if o.msgfmt == "" else
                                                   f" | msgfmt: {_short(o.msgfmt, base)}")
            print(f"  [{o.source}] {_short(o.refused, base)}{verdict}")
    print("\nneed --tgt (or --src): the file does not say its language and its path names none:")
    for o in outcomes:
        if o.needs_languages:
            print(f"  [{o.source}] {_short(str(o.path), base)} ({o.units} units once given)")
    read_but_msgfmt_refuses = [o for o in po if o.refused is None and o.msgfmt]
    if read_but_msgfmt_refuses:
        print("\nread by esfterm, refused by msgfmt:")
        for o in read_but_msgfmt_refuses:
            print(f"  [{o.source}] {_short(str(o.path), base)} | msgfmt: {_short(o.msgfmt, base)}")

    print("\nexports of what was imported:")
    checks: dict[str, Counter] = defaultdict(Counter)
    for o in outcomes:
        for name, value in o.checks.items():
            checks[name]["some" if name == "fitted" else value.split(":")[0]] += 1
    for name, counts in checks.items():
        print(f"  {name:18} " + ", ".join(f"{v}: {n}" for v, n in counts.most_common(6)))
    problems = [(o, k, v) for o in outcomes for k, v in o.checks.items()
                if v.startswith(("FAILS", "NO", "INVALID", "differs")) or "MISMATCH" in v]
    for o, name, value in problems:
        print(f"  problem [{o.source}] {_short(str(o.path), base)}: {name}: {_short(value, base)}")
    fitted = Counter(note.split(" ", 1)[1] for o in outcomes for note in o.checks.get("fitted", "").split("; ") if note)
    for note, n in fitted.most_common():
        print(f"  fitted, in {n} files: {note}")


def _short(text: str, base: Path) -> str:
    return text.replace(str(base) + "/", "").replace(str(SHARED.parent.parent) + "/", "")


if __name__ == "__main__":
    main()
