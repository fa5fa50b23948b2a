"""`esfterm termbase export | import`: convert the termbase, and merge other termbases into it."""

from __future__ import annotations

from pathlib import Path

import click

from esfterm.cli.common import (echo_json, format_option, handle_errors, json_option, output_option, progress,
                                termbase_option)
from esfterm.errors import InputError
from esfterm.formats.tbx import write_tbx
from esfterm.formats.tbx_basic import drop_non_basic, non_basic_categories
from esfterm.formats.termfile import EXPORT_FORMATS, read_termbase, write_termbase
from esfterm.langs import require_known
from esfterm.model import Termbase
from esfterm.terms import default_termbase_path
from esfterm.terms.merge import merge_termbase

#: Where `import` writes when --termbase is not given: the source termbase of a checkout.
CHECKOUT_TERMBASE = Path("termbase") / "esf.tbx"


@click.group("termbase")
def termbase_group() -> None:
    """Export the termbase (TBX v3, TBX v2, TSV, CSV) or import another one into it.

    \b
    Examples:
      esfterm termbase export --format tbx2 -o esf.v2.tbx
      esfterm termbase export --format tsv --src sv --tgt sl -o sv-sl.tsv
      esfterm termbase import iate-export.tbx --termbase termbase/esf.tbx
    """


@termbase_group.command("export")
@format_option(EXPORT_FORMATS, "tbx", "tbx = TBX v3 TBX-Basic; tbx2 = <martif> for OmegaT/MultiTerm/memoQ; "
               "tsv = OmegaT glossary (needs --src, --tgt); csv = header row of languages.")
@click.option("--src", metavar="L", help="Source language (first column of TSV/CSV).")
@click.option("--tgt", metavar="L", help="Target language (TSV/CSV).")
@termbase_option("Termbase to export (default: the ESF termbase).")
@output_option(required=True)
@handle_errors
def export_command(fmt: str, src: str | None, tgt: str | None, termbase: str | None, output: str) -> None:
    """Write the termbase in another format (atomically).

    \b
    Examples:
      esfterm termbase export --format tbx2 -o build/esf.v2.tbx
      esfterm termbase export --format csv --src sl -o esf-sl.csv
    """
    tb = read_termbase(termbase or default_termbase_path())
    write_termbase(tb, output, fmt, src, tgt)
    progress(f"wrote {output} ({fmt}, {len(tb)} concepts)")


@termbase_group.command("import")
@click.argument("file", type=click.Path(dir_okay=False))
@termbase_option(f"Termbase to merge into (default: ./{CHECKOUT_TERMBASE}); created when missing.")
@click.option("--src", metavar="L", help="Source language of a TSV glossary.")
@click.option("--tgt", metavar="L", help="Target language of a TSV glossary.")
@click.option("--drop-unknown", is_flag=True,
              help="Leave out data categories TBX-Basic does not allow instead of keeping them.")
@click.option("--dry-run", is_flag=True, help="Report what would change; write nothing.")
@json_option
@handle_errors
def import_command(file: str, termbase: str | None, src: str | None, tgt: str | None,
                   drop_unknown: bool, dry_run: bool, as_json: bool) -> None:
    """Merge FILE (TBX v3/v2, TSV, CSV) into a termbase without duplicating concepts.

    Concepts match by id, else by shared terms; matched concepts gain the terms and details
    they lacked. The termbase is rewritten in one atomic step, or not at all.
    """
    target = Path(termbase) if termbase else CHECKOUT_TERMBASE
    if termbase is None and not target.exists():
        raise InputError(f"no {CHECKOUT_TERMBASE} in this directory", hint="give --termbase PATH")
    src = require_known(src, option="--src") if src else None
    tgt = require_known(tgt, option="--tgt") if tgt else None
    incoming = read_termbase(file, src, tgt)
    if not incoming.concepts:
        raise InputError("nothing to import: the file holds no concepts", path=file)
    base = read_termbase(target) if target.exists() else Termbase()
    dropped = drop_non_basic(incoming) if drop_unknown else 0
    unknown = non_basic_categories(incoming)
    report = merge_termbase(base, incoming)
    if not dry_run:
        write_tbx(base, target)
    summary = {"termbase": str(target), "concepts_added": report.concepts_added,
               "concepts_merged": report.concepts_merged, "terms_added": report.terms_added,
               "conflicts": report.conflicts, "dropped_categories": dropped,
               "kept_non_basic_categories": dict(unknown), "written": not dry_run}
    if as_json:
        echo_json(summary)
        return
    verb = "would merge" if dry_run else "merged"
    click.echo(f"{verb} {file} into {target}: {report.concepts_added} concepts added, "
               f"{report.concepts_merged} merged, {report.terms_added} terms added")
    for conflict in report.conflicts:
        click.echo(f"  kept existing value: {conflict}")
    if dropped:
        click.echo(f"  left out {dropped} data categories outside TBX-Basic")
    if unknown:
        listed = ", ".join(f"{label} ({n})" for label, n in unknown.most_common())
        click.echo(f"  kept data categories outside TBX-Basic: {listed} "
                   "(the termbase no longer validates as TBX-Basic; --drop-unknown leaves them out)")


COMMANDS = [termbase_group]
