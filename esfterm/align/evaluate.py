"""Scoring segmenters and aligners against hand-made gold standards (precision, recall, F1)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Iterable, Sequence


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 of a predicted set against a gold set."""

    precision: float
    recall: float
    f1: float
    predicted: int
    gold: int


def prf(predicted: set, gold: set) -> Score:
    """Set-based precision/recall/F1 (1.0 when both are empty)."""
    hits = len(predicted & gold)
    p = hits / len(predicted) if predicted else 1.0
    r = hits / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(round(p, 4), round(r, 4), round(f, 4), len(predicted), len(gold))


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
