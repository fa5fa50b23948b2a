"""`esfterm check FILE...`: terminology and consistency QA for people and CI (see esfterm.qa)."""

from __future__ import annotations

import sys

import click

from esfterm.cli.common import (format_option, handle_errors, output_option, progress, termbase_option,
                                tm_option)
from esfterm.fileio import write_text_atomic
from esfterm.qa import CHECKS, FAIL_ON, FORMATS, CheckConfig, check_files, read_baseline, render, write_baseline
from esfterm.qa.consistency import NORMALISATIONS


def _severity_overrides(values: tuple[str, ...]) -> dict[str, str]:
    out = {}
    for value in values:
        check, sep, level = value.partition("=")
        if not sep:
            raise click.BadParameter(f"expected CHECK=SEVERITY, got {value!r}", param_hint="--severity")
        out[check.strip()] = level.strip()
    return out


@click.command("check")
@click.argument("files", nargs=-1, required=True, type=click.Path(dir_okay=False))
@click.option("--src", help="Source language (default: from the files).")
@click.option("--tgt", help="Target language (default: from the files).")
@termbase_option()
@tm_option("Translation memory store for tm-mismatch.")
@click.option("--disable", "disabled", multiple=True, type=click.Choice(list(CHECKS)), metavar="CHECK",
              help="Turn a check off (repeatable): " + ", ".join(CHECKS) + ".")
@click.option("--severity", "severities", multiple=True, metavar="CHECK=LEVEL",
              help="Change a check's severity, e.g. same-as-source=info (repeatable).")
@click.option("--fail-on", type=click.Choice(FAIL_ON), default="error", show_default=True,
              help="Exit 1 when a finding has this severity or worse.")
@click.option("--consistency", type=click.Choice(NORMALISATIONS), default="loose", show_default=True,
              help="How inconsistent-* compare segments: exact (whitespace only), case, loose (+punctuation).")
@format_option(FORMATS, "text")
@output_option("Write the report to a file.")
@click.option("--baseline", type=click.Path(dir_okay=False), help="Accept the findings listed in this file.")
@click.option("--write-baseline", "baseline_out", type=click.Path(dir_okay=False),
              help="Write every current finding to this baseline file and exit 0.")
@handle_errors
def check(files, src, tgt, termbase, tm_path, disabled, severities, fail_on, consistency, fmt, output,
          baseline, baseline_out) -> None:
    """Check translations (PO, XLIFF, TMX, TSV/CSV) against the termbase and each other.

    Exit 0 when clean, 1 when a finding reaches --fail-on, 2 when input is unusable.

    \b
    Examples:
      esfterm check new/*.po --src sv --tgt sl
      esfterm check job.xlf --format sarif -o check.sarif --baseline check-baseline.json
      esfterm check pairs.tsv --src sv --tgt lt --disable same-as-source --fail-on warning
    """
    config = CheckConfig(frozenset(disabled), _severity_overrides(severities), consistency)
    accepted = read_baseline(baseline) if baseline else None
    report = check_files(list(files), src=src, tgt=tgt, termbase=termbase, tm=tm_path, config=config,
                         baseline=accepted, fail_on=fail_on)
    for message in report.skipped:
        progress(f"esfterm: warning: skipped unit: {message}")
    for message in report.warnings:
        progress(f"esfterm: warning: {message}")
    if baseline_out:
        count = write_baseline(baseline_out, report.findings + report.suppressed)
        progress(f"esfterm: wrote {count} findings to baseline {baseline_out}")
    if output:
        write_text_atomic(output, render(report, fmt))
    else:
        click.echo(render(report, fmt, color=fmt == "text" and sys.stdout.isatty()), nl=False)
    sys.exit(0 if baseline_out else report.exit_code)


COMMANDS = [check]
