"""Findings baselines: accept the findings a project already knows, fail only on new ones.

The file is JSON: a version, and for every accepted finding its fingerprint plus the check,
file, unit and message so a reviewer can read what was accepted. Fingerprints are counted, so
a second copy of an accepted problem is still new.
"""

from __future__ import annotations

import json
import os
from collections import Counter
from typing import Iterable

from esfterm.errors import InputError
from esfterm.fileio import read_text, write_text_atomic
from esfterm.qa.findings import Finding

VERSION = 1


def write_baseline(path: str | os.PathLike, findings: Iterable[Finding]) -> int:
    """Write every finding to a baseline file (atomically); returns how many."""
    entries = sorted(({"fingerprint": f.fingerprint, "check": f.check, "file": f.file,
                       "unit": f.ref or f.unit, "message": f.message} for f in findings),
                     key=lambda e: (e["file"], e["check"], e["fingerprint"]))
    write_text_atomic(path, json.dumps({"version": VERSION, "tool": "esfterm check",
                                        "findings": entries}, ensure_ascii=False, indent=2) + "\n")
    return len(entries)


def read_baseline(path: str | os.PathLike) -> Counter:
    """The accepted fingerprints with their counts; InputError for a file that is no baseline."""
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise InputError(f"not a JSON baseline: {exc.msg}", path=path, line=exc.lineno, column=exc.colno) from None
    if not isinstance(data, dict) or data.get("version") != VERSION or not isinstance(data.get("findings"), list):
        raise InputError("not an esfterm check baseline (expected version 1 and a findings list)", path=path,
                         hint="create one with --write-baseline")
    prints = Counter()
    for entry in data["findings"]:
        if not isinstance(entry, dict) or not isinstance(entry.get("fingerprint"), str):
            raise InputError("baseline entry without a fingerprint", path=path)
        prints[entry["fingerprint"]] += 1
    return prints


def split_new(findings: Iterable[Finding], accepted: Counter) -> tuple[list[Finding], list[Finding]]:
    """(new findings, suppressed findings): each accepted fingerprint absorbs one finding."""
    left = Counter(accepted)
    new: list[Finding] = []
    known: list[Finding] = []
    for f in findings:
        fp = f.fingerprint
        if left[fp] > 0:
            left[fp] -= 1
            known.append(f)
        else:
            new.append(f)
    return new, known
