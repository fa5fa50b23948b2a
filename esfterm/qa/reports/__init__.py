"""Report renderers: text for people, JSON for machines, JUnit and SARIF for CI, HTML for reviewers."""

from __future__ import annotations

from typing import Callable

from esfterm.qa.report import Report
from esfterm.qa.reports.html import render_html
from esfterm.qa.reports.json import render_json
from esfterm.qa.reports.junit import render_junit
from esfterm.qa.reports.sarif import render_sarif
from esfterm.qa.reports.text import render_text

RENDERERS: dict[str, Callable[[Report], str]] = {
    "text": render_text, "json": render_json, "junit": render_junit,
    "sarif": render_sarif, "html": render_html,
}
FORMATS = tuple(RENDERERS)


def render(report: Report, fmt: str = "text", color: bool = False) -> str:
    """The report in one of FORMATS (`color`: ANSI styles in the text format, for terminals)."""
    if fmt == "text":
        return render_text(report, color)
    return RENDERERS[fmt](report)
