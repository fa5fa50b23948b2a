"""Marking the offending words of a segment, shared by the text and HTML reports."""

from __future__ import annotations

from typing import Callable, Sequence


def merge(spans: Sequence[tuple[int, int]], length: int) -> list[tuple[int, int]]:
    """Spans clipped to the text, sorted, overlaps joined."""
    out: list[tuple[int, int]] = []
    for start, end in sorted((max(0, a), min(length, b)) for a, b in spans):
        if start >= end:
            continue
        if out and start <= out[-1][1]:
            out[-1] = (out[-1][0], max(end, out[-1][1]))
        else:
            out.append((start, end))
    return out


def mark(text: str, spans: Sequence[tuple[int, int]], marked: Callable[[str], str],
         plain: Callable[[str], str] = lambda s: s) -> str:
    """The text with every span passed through `marked` and the rest through `plain`."""
    out: list[str] = []
    pos = 0
    for start, end in merge(spans, len(text)):
        out.append(plain(text[pos:start]))
        out.append(marked(text[start:end]))
        pos = end
    out.append(plain(text[pos:]))
    return "".join(out)
