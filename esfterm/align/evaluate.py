"""What segmenters and aligners are scored on: alignment links and segment boundaries."""

from __future__ import annotations

from typing import Iterable, Sequence


def links(beads: Iterable[tuple[Sequence[int], Sequence[int]]]) -> set[tuple[int, int]]:
    """Every (source, target) segment pair linked by a bead; 1-0 and 0-1 beads link nothing."""
    return {(i, j) for src, tgt in beads for i in src for j in tgt}


def boundaries(segments: Sequence[str]) -> set[int]:
    """Segment end offsets in the text with all whitespace removed, so that two segmentations
    of the same text compare boundary by boundary whatever their spacing."""
    ends, pos = set(), 0
    for seg in segments:
        pos += len("".join(seg.split()))
        ends.add(pos)
    return ends
