"""SARIF 2.1.0 for code-scanning UIs: one rule per check, one result per finding.

Results carry the baseline fingerprint as a partial fingerprint, the unit as a logical
location and the unit's line when the reader knows it.
"""

from __future__ import annotations

import json
from pathlib import Path

import esfterm
from esfterm.qa.findings import CHECKS, Finding
from esfterm.qa.report import Report

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
_LEVEL = {"error": "error", "warning": "warning", "info": "note"}
_RULE_INDEX = {cid: i for i, cid in enumerate(CHECKS)}


def _location(f: Finding) -> dict:
    physical: dict = {"artifactLocation": {"uri": Path(f.file).as_posix()}}
    if f.line:
        physical["region"] = {"startLine": f.line}
    return {"physicalLocation": physical,
            "logicalLocations": [{"name": f.ref or f.unit, "fullyQualifiedName": f"{f.file}::{f.unit}",
                                  "kind": "element"}]}


def _result(f: Finding) -> dict:
    props = {"source": f.source, "target": f.target}
    if f.concept is not None:
        props.update(concept=f.concept, term=f.term, expected=list(f.expected))
    return {"ruleId": f.check, "ruleIndex": _RULE_INDEX[f.check], "level": _LEVEL[f.severity],
            "message": {"text": f.message}, "locations": [_location(f)],
            "partialFingerprints": {"esftermFinding/v1": f.fingerprint}, "properties": props}


def render_sarif(report: Report) -> str:
    rules = [{"id": c.id, "name": c.id, "shortDescription": {"text": c.description},
              "defaultConfiguration": {"level": _LEVEL[c.severity]}} for c in CHECKS.values()]
    run = {"tool": {"driver": {"name": "esfterm check", "version": esfterm.__version__, "rules": rules}},
           "results": [_result(f) for f in report.findings]}
    if report.suppressed:
        run["results"] += [dict(_result(f), suppressions=[{"kind": "external", "justification": "baseline"}])
                           for f in report.suppressed]
    return json.dumps({"$schema": SARIF_SCHEMA, "version": "2.1.0", "runs": [run]},
                      ensure_ascii=False, indent=2) + "\n"
