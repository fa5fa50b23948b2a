"""A single self-contained HTML page for a reviewer: no scripts, no external files.

Findings are grouped by file in tables; offending words are <mark>ed; every text is escaped.
"""

from __future__ import annotations

from html import escape
from itertools import groupby

import esfterm
from esfterm.qa.findings import Finding
from esfterm.qa.report import Report
from esfterm.qa.reports.marks import mark

_STYLE = """
body{font:15px/1.45 system-ui,sans-serif;margin:2em auto;max-width:75em;color:#222}
h1{font-size:1.4em}h2{font-size:1.1em;margin-top:2em;border-bottom:1px solid #ccc}
table{border-collapse:collapse;width:100%}td,th{border-bottom:1px solid #eee;padding:.4em;vertical-align:top;text-align:left}
th{background:#f6f6f6}mark{background:#ffd54f;padding:0 .1em;border-radius:2px}
.sev{font-weight:600;white-space:nowrap}.error{color:#b71c1c}.warning{color:#e65100}.info{color:#01579b}
.seg{font-size:.95em}.lab{color:#777;font-size:.8em;margin-right:.4em}code{font-size:.9em}
"""


def _segment(text: str, spans) -> str:
    return mark(text, spans, lambda s: f"<mark>{escape(s)}</mark>", escape)


def _row(f: Finding) -> str:
    return (f"<tr><td>{escape(f.ref or f.unit)}</td>"
            f"<td class='sev {f.severity}'>{f.severity}</td><td><code>{escape(f.check)}</code></td>"
            f"<td>{escape(f.message)}<div class='seg'><span class='lab'>source</span>{_segment(f.source, f.source_spans)}</div>"
            f"<div class='seg'><span class='lab'>target</span>{_segment(f.target, f.target_spans)}</div></td></tr>")


def render_html(report: Report) -> str:
    s = report.summary()
    parts = [
        "<!DOCTYPE html>\n<html lang='en'><head><meta charset='utf-8'>",
        "<title>esfterm check report</title>", f"<style>{_STYLE}</style></head><body>",
        "<h1>esfterm check report</h1>",
        f"<p>{s['findings']} findings ({', '.join(f'{n} {k}' for k, n in s['by_severity'].items())}) "
        f"in {s['segments']} segments of {s['files']} files; {s['suppressed']} known from the baseline; "
        f"fails on: {escape(s['fail_on'])}. esfterm {escape(esfterm.__version__)}.</p>",
    ]
    for file, group in groupby(report.findings, key=lambda f: f.file):
        parts.append(f"<h2>{escape(file)}</h2><table><tr><th>unit</th><th>severity</th><th>check</th>"
                     "<th>finding</th></tr>")
        parts.extend(_row(f) for f in group)
        parts.append("</table>")
    if not report.findings:
        parts.append("<p>No findings.</p>")
    parts.append("</body></html>\n")
    return "\n".join(parts)
