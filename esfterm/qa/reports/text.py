"""The human report: findings grouped by file, offending words marked «like this»."""

from __future__ import annotations

from itertools import groupby

import click

from esfterm.qa.findings import Finding
from esfterm.qa.report import Report
from esfterm.qa.reports.marks import mark

_COLOURS = {"error": "red", "warning": "yellow", "info": "cyan"}


def _finding(f: Finding, style, pair: bool) -> list[str]:
    def marked(part: str) -> str:
        return style(f"«{part}»", bold=True)

    where = f"{f.ref or f.unit} ({f.src}->{f.tgt})" if pair else (f.ref or f.unit)
    head = f"  {where}: " + style(f"{f.severity} [{f.check}]", fg=_COLOURS[f.severity]) + f" {f.message}"
    return [head,
            "      source: " + mark(f.source, f.source_spans, marked),
            "      target: " + mark(f.target, f.target_spans, marked)]


def _plural(n: int, word: str) -> str:
    return f"{n} {word}{'' if n == 1 else 's'}"


def _plain(text: str, **_: object) -> str:
    return text


def render_text(report: Report, color: bool = False) -> str:
    """Findings by file; with `color`, ANSI styles for a terminal."""
    style = click.style if color else _plain
    lines: list[str] = []
    for file, group in groupby(report.findings, key=lambda f: f.file):
        group = list(group)
        # a file of several target languages (a TMX) names each finding's pair
        pair = len({f.tgt for f in group}) > 1
        lines.append(style(file, bold=True))
        for f in group:
            lines.extend(_finding(f, style, pair))
        lines.append("")
    s = report.summary()
    counts = ", ".join(_plural(s["by_severity"][k], k) for k in ("error", "warning", "info") if s["by_severity"][k])
    tail = f"{_plural(s['findings'], 'finding')}" + (f" ({counts})" if counts else "")
    tail += f" in {_plural(s['segments'], 'segment')} of {_plural(s['files'], 'file')}"
    if s["suppressed"]:
        tail += f"; {s['suppressed']} known (baseline)"
    if s["skipped_units"]:
        tail += f"; {_plural(s['skipped_units'], 'unit')} skipped as unreadable"
    lines.append(tail)
    return "\n".join(lines) + "\n"
