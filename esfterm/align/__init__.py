"""Sentence alignment of two documents that translate each other."""

from esfterm.align.aligner import Bead, align

__all__ = ["Bead", "align"]
