"""The result of a QA run: findings, what was checked, what the baseline absorbed, the verdict."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field

import esfterm
from esfterm.qa.findings import SEVERITIES, Finding, severity_rank
from esfterm.qa.segments import Segment

#: --fail-on values: a severity, or "never" to report without failing.
FAIL_ON = SEVERITIES + ("never",)


@dataclass
class Report:
    """Findings (new ones), suppressed ones, the checked segments and the --fail-on threshold."""

    findings: list[Finding]
    segments: list[Segment]
    suppressed: list[Finding] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    fail_on: str = "error"
    files: list[str] = field(default_factory=list)
    #: What the run did differently from what a file says (its target language overridden).
    warnings: list[str] = field(default_factory=list)

    def failing(self) -> list[Finding]:
        """Findings at or above the --fail-on severity."""
        if self.fail_on == "never":
            return []
        limit = severity_rank(self.fail_on)
        return [f for f in self.findings if severity_rank(f.severity) <= limit]

    @property
    def exit_code(self) -> int:
        """0 clean (or only findings below --fail-on), 1 findings that fail."""
        return 1 if self.failing() else 0

    def summary(self) -> dict:
        by_severity = Counter(f.severity for f in self.findings)
        return {
            "files": len(self.files or {s.file for s in self.segments}),
            "segments": len(self.segments),
            "findings": len(self.findings),
            "by_severity": {s: by_severity.get(s, 0) for s in SEVERITIES},
            "by_check": dict(sorted(Counter(f.check for f in self.findings).items())),
            "suppressed": len(self.suppressed),
            "skipped_units": len(self.skipped),
            "fail_on": self.fail_on,
            "failed": bool(self.failing()),
        }

    def to_dict(self) -> dict:
        """The JSON report (docs/check-report.schema.json)."""
        return {
            "tool": {"name": "esfterm check", "version": esfterm.__version__},
            "summary": self.summary(),
            "findings": [f.to_dict() for f in self.findings],
            "skipped": list(self.skipped),
            "warnings": list(self.warnings),
        }
