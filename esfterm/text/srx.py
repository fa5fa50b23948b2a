"""An SRX 2.0 rule engine: segmentation rules are data, and users can load their own file.

At every candidate break position the rules of the language (cascaded, in file order) are
tried; the first rule whose <beforebreak> matches the text ending there and whose
<afterbreak> matches the text starting there decides break or no break.
"""

from __future__ import annotations

import functools
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

import regex

from esfterm.errors import InputError
from esfterm.xmlsafe import parse_xml

SRX_NS = "{http://www.lisa.org/srx20}"


@dataclass(frozen=True)
class Rule:
    """One SRX rule compiled as a zero-width pattern: (?<=before)(?=after)."""

    is_break: bool
    pattern: regex.Pattern


@dataclass
class SrxRules:
    """Language rules and the map from language codes to them."""

    rules: dict[str, list[Rule]]
    maps: list[tuple[regex.Pattern, str]]
    cascade: bool = True

    def for_language(self, lang: str) -> list[Rule]:
        """The ordered rules that apply to `lang` (all matching maps when cascading)."""
        chosen: list[Rule] = []
        for pattern, name in self.maps:
            if pattern.fullmatch(lang):
                chosen.extend(self.rules.get(name, []))
                if not self.cascade:
                    break
        return chosen


def _compile(before: str, after: str, path: Path) -> regex.Pattern:
    try:
        return regex.compile(f"(?<={before or ''})(?={after or ''})", regex.V0)
    except regex.error as exc:
        raise InputError(f"bad SRX rule regex {before!r}/{after!r}: {exc}", path=path) from None


def load_srx(path: str | os.PathLike) -> SrxRules:
    """Read an SRX 2.0 file (e.g. one exported from OmegaT or Okapi Ratel)."""
    p = Path(path)
    root = parse_xml(p).getroot()
    if root.tag != f"{SRX_NS}srx":
        raise InputError("not an SRX 2.0 file (root must be <srx> in the srx20 namespace)", path=p)
    header = root.find(f"{SRX_NS}header")
    cascade = header is None or header.get("cascade", "yes") == "yes"
    rules: dict[str, list[Rule]] = {}
    for lr in root.iter(f"{SRX_NS}languagerule"):
        compiled = []
        for rule in lr.iter(f"{SRX_NS}rule"):
            before = rule.findtext(f"{SRX_NS}beforebreak") or ""
            after = rule.findtext(f"{SRX_NS}afterbreak") or ""
            compiled.append(Rule(rule.get("break", "yes") != "no", _compile(before, after, p)))
        rules[lr.get("languagerulename", "")] = compiled
    maps = []
    for lm in root.iter(f"{SRX_NS}languagemap"):
        try:
            maps.append((regex.compile(lm.get("languagepattern", ".*")), lm.get("languagerulename", "")))
        except regex.error as exc:
            raise InputError(f"bad SRX languagepattern: {exc}", path=p) from None
    return SrxRules(rules, maps, cascade)


@functools.lru_cache(maxsize=1)
def default_rules() -> SrxRules:
    """esfterm's own rules (esfterm/data/segment.srx)."""
    with resources.as_file(resources.files("esfterm") / "data" / "segment.srx") as path:
        return load_srx(path)


def break_positions(text: str, rules: list[Rule]) -> list[int]:
    """Offsets in `text` where a new segment starts, as decided by the first matching rule."""
    candidates: set[int] = set()
    for rule in rules:
        if rule.is_break:
            candidates.update(m.start() for m in rule.pattern.finditer(text))
    breaks = []
    for pos in sorted(candidates):
        if pos in (0, len(text)):
            continue
        for rule in rules:
            if rule.pattern.match(text, pos):
                if rule.is_break:
                    breaks.append(pos)
                break
    return breaks
