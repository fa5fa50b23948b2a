"""What a check reports: the check registry (stable ids, default severities) and the Finding.

Check ids are part of the public contract: baselines, `--disable`, SARIF rule ids and CI
configurations refer to them, so they never change meaning once published.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

#: Severities, most severe first.
SEVERITIES = ("error", "warning", "info")


@dataclass(frozen=True)
class Check:
    """A check's stable id, its default severity and a one-line description."""

    id: str
    severity: str
    description: str


CHECKS: dict[str, Check] = {c.id: c for c in (
    Check("term-missing", "error",
          "The source contains a termbase term but the target has none of the concept's approved target terms."),
    Check("term-forbidden", "error",
          "The target uses a term the termbase marks deprecated or superseded in the target language."),
    Check("inconsistent-target", "warning",
          "The same source segment is translated differently across the checked files."),
    Check("inconsistent-source", "warning",
          "The same target segment translates different source segments."),
    Check("tm-mismatch", "warning",
          "The translation memory has an exact (100%) match whose target differs."),
    Check("number-mismatch", "error",
          "Numbers in the source and the target differ."),
    Check("untranslated", "error",
          "The target is empty or missing."),
    Check("same-as-source", "warning",
          "The target is identical to the source text."),
    Check("tag-mismatch", "error",
          "Inline tags or placeholders differ between source and target."),
    Check("double-space", "info",
          "The target contains a double space that the source does not have."),
)}


def severity_rank(severity: str) -> int:
    """0 for the most severe; used for --fail-on and sorting."""
    return SEVERITIES.index(severity)


@dataclass
class Finding:
    """One problem in one unit. Spans are (start, end) character offsets into source/target."""

    check: str
    severity: str
    message: str
    file: str
    unit: str
    source: str
    target: str
    source_spans: list[tuple[int, int]] = field(default_factory=list)
    target_spans: list[tuple[int, int]] = field(default_factory=list)
    #: Term checks: the concept, the term found (in the source for term-missing, in the target
    #: for term-forbidden), and the approved target terms that were expected.
    concept: str | None = None
    term: str | None = None
    expected: list[str] = field(default_factory=list)
    #: A readable label of the unit ("line 14", "trans-unit 7") and its line, when known.
    ref: str | None = None
    line: int | None = None
    #: The language pair of the segment (one run may check several target languages).
    src: str | None = None
    tgt: str | None = None

    @property
    def fingerprint(self) -> str:
        """Identifies the same problem between runs: check, texts and term, not file or place.

        Edits elsewhere in a file, reordering or renaming files keep a known finding known.
        """
        parts = (self.check, squash(self.source), squash(self.target), self.concept or "", self.term or "")
        return hashlib.sha256("\x1f".join(parts).encode("utf-8")).hexdigest()[:32]

    def to_dict(self) -> dict:
        """The JSON form (see docs/check-report.schema.json); term fields only when set."""
        data = {
            "file": self.file, "unit": self.unit, "ref": self.ref or self.unit, "line": self.line,
            "src": self.src or "und", "tgt": self.tgt or "und",
            "check": self.check, "severity": self.severity,
            "message": self.message, "source": self.source, "target": self.target,
            "source_spans": [list(s) for s in self.source_spans],
            "target_spans": [list(s) for s in self.target_spans],
            "fingerprint": self.fingerprint,
        }
        if self.concept is not None:
            data["concept"] = self.concept
            data["term"] = self.term
            data["expected"] = list(self.expected)
        return data


def squash(text: str) -> str:
    """Whitespace collapsed, nothing else forgiven (fingerprints, tm-mismatch)."""
    return " ".join(text.split())
