"""Lexical anchors that survive translation between any two EU languages.

Numbers ("197", "2021"), acronyms (with cross-language equivalents: ESF = ESS = ESZA, EU = ES),
capitalised names, cognate word stems ("organisationer" ~ "organizacije"), and termbase
concepts. Each segment gets a set of anchor keys; two segments that translate each other
share many of them.
"""

from __future__ import annotations

import csv
import functools
import re
import unicodedata
from dataclasses import dataclass, field
from importlib import resources
from typing import Callable, Iterable

from esfterm.langs import primary
from esfterm.text.morphology import is_acronym, tokenize

_NUMBER = re.compile(r"\d+(?:[.,\s]\d{3})*(?:[.,]\d+)?")
_COGNATE_MIN = 6
_COGNATE_PREFIX = 4

#: Finds the concept ids a segment mentions (e.g. built from the termbase).
ConceptFinder = Callable[[str, str], set[str]]


@dataclass
class AcronymTable:
    """Maps (language, acronym) to a group id shared by its equivalents in other languages."""

    groups: dict[tuple[str, str], str] = field(default_factory=dict)
    by_form: dict[str, str] = field(default_factory=dict)

    def key(self, lang: str, acronym: str) -> str | None:
        """The group of an acronym in `lang`; the same string used in any language falls back
        to the group it has elsewhere ("ESF+" on a Slovenian page is still ESF+)."""
        return self.groups.get((primary(lang), acronym)) or self.by_form.get(acronym)

    def add_group(self, items: Iterable[tuple[str, str]]) -> None:
        """Declare (lang, acronym) items as the same thing; merges with existing groups."""
        items = list(items)
        group = next((self.groups[i] for i in items if i in self.groups), None)
        group = group or "=".join(sorted({a for _, a in items}))
        for lang, acronym in items:
            self.groups[(primary(lang), acronym)] = group
            self.by_form.setdefault(acronym, group)


@functools.lru_cache(maxsize=1)
def default_acronyms() -> AcronymTable:
    """Cross-language acronym groups attested in the corpora (esfterm/data/acronyms.tsv)."""
    table = AcronymTable()
    text = (resources.files("esfterm") / "data" / "acronyms.tsv").read_text(encoding="utf-8")
    for row in csv.reader((l for l in text.splitlines() if l.strip() and not l.startswith("#")),
                          delimiter="\t"):
        table.add_group(tuple(item.split(":", 1)) for item in row if re.match(r"^[a-z]{2,3}:", item))
    return table


def fold(word: str) -> str:
    """Lowercase, strip diacritics and doubled letters: 'Innovációs' -> 'inovacios'."""
    plain = unicodedata.normalize("NFKD", word.lower())
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    plain = plain.replace("c", "k").replace("w", "v").replace("ph", "f")
    return re.sub(r"(.)\1+", r"\1", plain)


def anchors(text: str, lang: str, acronyms: AcronymTable | None = None,
            concepts: ConceptFinder | None = None) -> frozenset[str]:
    """The anchor keys of one segment: 'n:197', 'a:ESF=ESS', 'w:orga', 'c:<concept id>'."""
    table = acronyms or default_acronyms()
    keys: set[str] = set()
    for number in _NUMBER.findall(text):
        keys.add("n:" + re.sub(r"[.,\s]", "", number))
    for token in tokenize(text):
        word = token.text
        if any(ch.isdigit() for ch in word):
            continue
        for part in word.split("-"):
            group = table.key(lang, part)
            if group is not None or is_acronym(part):
                keys.add("a:" + (group or part))
                if part.endswith("+"):
                    base = part.rstrip("+")
                    keys.add("a:" + (table.key(lang, base) or base))
            elif len(part) >= _COGNATE_MIN:
                keys.add("w:" + fold(part)[:_COGNATE_PREFIX])
    if concepts is not None:
        keys.update("c:" + cid for cid in concepts(text, lang))
    return frozenset(keys)


_WEIGHTS = {"n": 3.0, "a": 2.0, "c": 2.0, "w": 1.0}


def _weight(keys: frozenset[str]) -> float:
    return sum(_WEIGHTS[k[0]] for k in keys)


def similarity(a: frozenset[str], b: frozenset[str]) -> float | None:
    """Weighted Dice overlap of two anchor sets (0..1), or None when neither side has anchors."""
    total = _weight(a) + _weight(b)
    return 2 * _weight(a & b) / total if total else None
