"""Numbers in running text, compared by value across the locales' ways of writing them.

"3.14" (en) and "3,14" (sv, sl, lt) are one number, as are "10,000", "10 000" and "10.000";
"1.5" and "15" are not. A number is read every way it can be written: a separator followed by
exactly three digits may group thousands, the last "." or "," may mark decimals; two numbers
agree when one of their readings is the same.

Clock times are read as times: "6 p.m." may become "18:00", "18.00" or "18h", "6 a.m." may
become "06:00" — the 12-hour clock of an English source is not used in sv, sl or lt.
"""

from __future__ import annotations

import re
from typing import Iterable

#: A number: digits with separators between digit groups ("10 000", "3,14", "1.234.567,5").
_NUMBER = re.compile(r"(?<![\w.,])\d+(?:(?:[.,]|[ \u00a0\u202f](?=\d{3}(?!\d)))\d+)*")
_SEPARATORS = re.compile(r"[.,\u00a0\u202f ]")
_TIME_12 = re.compile(r"(?<![\w.,:])(\d{1,2})(?:[:.](\d{2}))?\s?([AaPp])\.?\s?[Mm]\.?(?![\w])")
_TIME_24 = re.compile(r"(?<![\w.,:])([01]?\d|2[0-3])(?:[:.]([0-5]\d)|\s?h)(?![\w])")

Number = tuple[str, tuple[int, int], frozenset[str]]


def _canonical(whole: str, fraction: str = "") -> str:
    whole = whole.lstrip("0") or "0"
    fraction = fraction.rstrip("0")
    return f"{whole}.{fraction}" if fraction else whole


def readings(token: str) -> frozenset[str]:
    """Every value a written number can stand for, as canonical strings ("3.14", "10000")."""
    groups = _SEPARATORS.split(token)
    seps = _SEPARATORS.findall(token)
    if not seps:
        return frozenset({_canonical(token)})
    out = set()
    if all(len(g) == 3 for g in groups[1:]) and len(groups[0]) <= 3 and len(set(seps)) == 1:
        out.add(_canonical("".join(groups)))
    last = seps[-1]
    if last in ".,":
        head, head_seps = groups[:-1], seps[:-1]
        if all(len(g) == 3 for g in head[1:]) and all(s != last for s in head_seps) and len(set(head_seps)) <= 1:
            out.add(_canonical("".join(head), groups[-1]))
    return frozenset(out) or frozenset({_canonical("".join(groups))})


def _times(text: str, pattern: re.Pattern) -> list[tuple[re.Match, tuple[int, int]]]:
    return [(m, m.span()) for m in pattern.finditer(text)]


def _time_agrees(src: re.Match, tgt: re.Match) -> bool:
    hour, minute, half = int(src.group(1)), int(src.group(2) or 0), src.group(3).lower()
    hour24 = hour % 12 + (12 if half == "p" else 0)
    return int(tgt.group(1)) in (hour24, hour) and int(tgt.group(2) or 0) == minute


def numbers(text: str) -> list[Number]:
    """The numbers of a text: (as written, span, readings)."""
    return [(m.group(), m.span(), readings(m.group())) for m in _NUMBER.finditer(text)]


def _outside(items: Iterable[Number], spans: list[tuple[int, int]]) -> list[Number]:
    return [n for n in items if not any(a <= n[1][0] < b for a, b in spans)]


def compare(source: str, target: str, may_omit: frozenset[str] = frozenset(),
            may_add: frozenset[str] = frozenset()) -> tuple[list[Number], list[Number]]:
    """(numbers of the source missing in the target, numbers of the target not in the
    source); values in `may_omit`/`may_add` may be missing/extra (a plural form's 1)."""
    src, tgt = numbers(source), numbers(target)
    if sorted(n[0] for n in src) == sorted(n[0] for n in tgt):
        return [], []
    src_times, tgt_times = _times(source, _TIME_12), _times(target, _TIME_24)
    if src_times and tgt_times:
        used_src, used_tgt = [], []
        for s, s_span in src_times:
            for t, t_span in tgt_times:
                if t_span not in used_tgt and _time_agrees(s, t):
                    used_src.append(s_span)
                    used_tgt.append(t_span)
                    break
        src, tgt = _outside(src, used_src), _outside(tgt, used_tgt)
    unmatched = list(tgt)
    missing = []
    for number in src:
        match = next((t for t in unmatched if t[2] & number[2]), None)
        if match is not None:
            unmatched.remove(match)
        elif not number[2] & may_omit:
            missing.append(number)
    return missing, [t for t in unmatched if not t[2] & may_add]
