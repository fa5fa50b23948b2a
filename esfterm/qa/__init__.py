"""Terminology and consistency QA of translations (`esfterm check`).

    from esfterm.qa import check_files, render
    report = check_files(["new.po"], src="sv", tgt="sl")
    print(render(report, "text")); raise SystemExit(report.exit_code)
"""

from esfterm.qa.api import check, check_files, load_termbase
from esfterm.qa.baseline import read_baseline, split_new, write_baseline
from esfterm.qa.findings import CHECKS, SEVERITIES, Check, Finding
from esfterm.qa.report import FAIL_ON, Report
from esfterm.qa.reports import FORMATS, render
from esfterm.qa.runner import CheckConfig, check_segments
from esfterm.qa.segments import Segment, read_segments

__all__ = ["check", "check_files", "load_termbase", "check_segments", "read_segments", "Segment",
           "CheckConfig", "Finding", "Check", "CHECKS", "SEVERITIES", "FAIL_ON", "Report", "render",
           "FORMATS", "read_baseline", "write_baseline", "split_new"]
