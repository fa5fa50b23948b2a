"""JUnit XML for CI dashboards: one test suite per file, one test case per checked segment.

A segment with findings at or above --fail-on fails; lesser findings go to its system-out, so
the dashboard agrees with the exit code.
"""

from __future__ import annotations

from collections import defaultdict

from lxml import etree

from esfterm.qa.findings import Finding, severity_rank
from esfterm.qa.report import Report


def _line(f: Finding) -> str:
    return f"{f.severity} [{f.check}] {f.message}\n  source: {f.source}\n  target: {f.target}"


def render_junit(report: Report) -> str:
    failing = {id(f) for f in report.failing()}
    by_unit: dict[tuple[str, str], list[Finding]] = defaultdict(list)
    for f in report.findings:
        by_unit[(f.file, f.unit)].append(f)
    root = etree.Element("testsuites", name="esfterm check")
    suites: dict[str, etree._Element] = {}
    seen: set[tuple[str, str]] = set()
    totals = {"tests": 0, "failures": 0}
    for seg in report.segments:
        if (seg.file, seg.unit) in seen:
            continue
        seen.add((seg.file, seg.unit))
        suite = suites.get(seg.file)
        if suite is None:
            suite = suites[seg.file] = etree.SubElement(root, "testsuite", name=seg.file, tests="0", failures="0")
        case = etree.SubElement(suite, "testcase", classname=seg.file, name=seg.ref)
        suite.set("tests", str(int(suite.get("tests")) + 1))
        totals["tests"] += 1
        findings = sorted(by_unit.get((seg.file, seg.unit), []), key=lambda f: severity_rank(f.severity))
        failed = [f for f in findings if id(f) in failing]
        if failed:
            failure = etree.SubElement(case, "failure", type=failed[0].check,
                                       message="; ".join(f"[{f.check}] {f.message}" for f in failed))
            failure.text = "\n".join(_line(f) for f in failed)
            suite.set("failures", str(int(suite.get("failures")) + 1))
            totals["failures"] += 1
        rest = [f for f in findings if id(f) not in failing]
        if rest:
            etree.SubElement(case, "system-out").text = "\n".join(_line(f) for f in rest)
    root.set("tests", str(totals["tests"]))
    root.set("failures", str(totals["failures"]))
    return etree.tostring(root, encoding="unicode", pretty_print=True)
