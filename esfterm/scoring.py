"""Precision, recall and F1 of a predicted set against a gold set (evaluations and tests)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Score:
    """Precision, recall and F1 with the counts they come from."""

    precision: float
    recall: float
    f1: float
    tp: int
    fp: int
    fn: int

    @property
    def gold(self) -> int:
        return self.tp + self.fn


def prf(predicted: set, gold: set) -> Score:
    """Set-based scores; precision (recall) is 1.0 when nothing was predicted (expected)."""
    tp = len(predicted & gold)
    p = tp / len(predicted) if predicted else 1.0
    r = tp / len(gold) if gold else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    return Score(p, r, f, tp, len(predicted - gold), len(gold - predicted))
