"""Remove web chrome (navigation, page tools, stamps, notices, credits, contact blocks).

Rules are data (esfterm/data/boilerplate.tsv, or a user's own file of the same layout),
so a new language or site is a few lines of TSV, not code. Removed lines are blanked rather
than deleted, so line numbers in reports still point into the original file.
"""

from __future__ import annotations

import csv
import functools
import os
import re
from dataclasses import dataclass, field
from importlib import resources
from pathlib import Path

from esfterm.errors import InputError
from esfterm.langs import primary

KINDS = ("nav", "tool", "stamp", "notice", "credit", "contact", "contact-start")
_PROSE_WORDS = 8
_TITLE_WORDS = 6
_SENTENCE_END = re.compile(r"[.!?…][»\"”’)]*$")


@dataclass(frozen=True)
class Dropped:
    """A removed line: where it was, why, and what it said (for the build report)."""

    line: int
    kind: str
    text: str


@dataclass
class Cleaned:
    """Clean text (chrome lines blanked) and the list of what was removed."""

    text: str
    dropped: list[Dropped] = field(default_factory=list)


@dataclass(frozen=True)
class ChromeRules:
    """Compiled chrome patterns by language ('*' = every language)."""

    patterns: dict[str, list[tuple[str, re.Pattern]]]

    def for_language(self, lang: str) -> list[tuple[str, re.Pattern]]:
        return self.patterns.get("*", []) + self.patterns.get(primary(lang), [])


def load_rules(path: str | os.PathLike) -> ChromeRules:
    """Read a boilerplate rules TSV (lang, kind, pattern; '#' lines are comments)."""
    p = Path(path)
    patterns: dict[str, list[tuple[str, re.Pattern]]] = {}
    with open(p, encoding="utf-8", newline="") as fh:
        rows = [line for line in fh if line.strip() and not line.startswith("#")]
    for number, row in enumerate(csv.DictReader(rows, delimiter="\t", quoting=csv.QUOTE_NONE), start=2):
        kind = (row.get("kind") or "").strip()
        if kind not in KINDS:
            raise InputError(f"unknown rule kind {kind!r} (expected one of {', '.join(KINDS)})", path=p, line=number)
        try:
            compiled = re.compile(row["pattern"], re.IGNORECASE)
        except (re.error, TypeError) as exc:
            raise InputError(f"bad pattern: {exc}", path=p, line=number) from None
        patterns.setdefault(row["lang"].strip(), []).append((kind, compiled))
    return ChromeRules(patterns)


@functools.lru_cache(maxsize=1)
def default_rules() -> ChromeRules:
    """esfterm's own rules (esfterm/data/boilerplate.tsv)."""
    with resources.as_file(resources.files("esfterm") / "data" / "boilerplate.tsv") as path:
        return load_rules(path)


def _classify(line: str, rules: list[tuple[str, re.Pattern]]) -> str | None:
    for kind, pattern in rules:
        if pattern.fullmatch(line):
            return kind
    return None


def _is_title(line: str) -> bool:
    return len(line.split()) <= _TITLE_WORDS and not _SENTENCE_END.search(line)


def _is_prose(line: str) -> bool:
    return len(line.split()) >= _PROSE_WORDS and bool(_SENTENCE_END.search(line))


def clean(text: str, lang: str, rules: ChromeRules | None = None) -> Cleaned:
    """Blank out the chrome lines of a web page in language `lang`.

    Besides the per-line rules, two layout rules hold on every site: the line right after a
    skip-link at the top of the page is the site banner, and a contact heading opens a block
    (names, titles, phone numbers) that lasts until the next line of prose.
    """
    active = (rules or default_rules()).for_language(lang)
    lines = text.split("\n")
    out: list[str] = []
    dropped: list[Dropped] = []
    in_contact = False
    banner_next = False
    seen_content = False
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        if not stripped:
            out.append(line)
            banner_next = False
            continue
        kind = _classify(stripped, active)
        if kind == "contact-start":
            in_contact = True
        elif in_contact and kind is None:
            if _is_prose(stripped):
                in_contact = False
            else:
                kind = "contact"
        if kind is None and banner_next and _is_title(stripped):
            kind = "banner"
        banner_next = kind == "nav" and not seen_content
        if kind is None:
            seen_content = True
            out.append(line)
        else:
            dropped.append(Dropped(number, kind, stripped))
            out.append("")
    return Cleaned("\n".join(out), dropped)
