"""`esfterm build`: corpora/ (+ termbase/) -> build/."""

from __future__ import annotations

from pathlib import Path

import click

from esfterm.build import build as run_build
from esfterm.cli.common import echo_json, handle_errors, json_option, progress
from esfterm.langs import require_known
from esfterm.terms import default_termbase_path


@click.command()
@click.option("--corpus", "corpus_dir", default="corpora", show_default=True,
              type=click.Path(file_okay=False), help="Folder with the pages and manifest.tsv.")
@click.option("--out", "out_dir", default="build", show_default=True, type=click.Path(file_okay=False),
              help="Where to write the TMX files and the report.")
@click.option("--termbase", default="termbase/esf.tbx", show_default=True,
              help="Termbase to export and to anchor the alignment with ('none' to skip; the ESF "
                   "termbase shipped with esfterm is used when the path does not exist).")
@click.option("--src-lang", default="sv", show_default=True, help="Source language of the translation memory.")
@click.option("--discover-pairs", is_flag=True,
              help="Ignore the manifest's topics and discover which pages translate each other.")
@click.option("--quiet", "-q", is_flag=True, help="No progress lines on stderr.")
@json_option
@handle_errors
def build(corpus_dir: str, out_dir: str, termbase: str, src_lang: str, discover_pairs: bool, quiet: bool,
          as_json: bool) -> None:
    """Build the translation memory and exports from the corpus.

    Cleans, segments and aligns every page against its translations, then writes one TMX per
    language pair (build/esf.sv-sl.tmx, ...), build/esf.tmx with all languages, and
    build/report.md / report.json, and the termbase as TBX v3, TBX v2 and TSV glossaries.
    Set SOURCE_DATE_EPOCH for reproducible dates.

    \b
    Example:
      esfterm build
      esfterm build --corpus my-pages --out out --src-lang sv
    """
    if termbase == "none":
        termbase = None
    elif not Path(termbase).exists() and termbase == "termbase/esf.tbx":
        termbase = str(default_termbase_path())
    report = run_build(corpus_dir, out_dir, termbase=termbase, src_lang=require_known(src_lang, option="--src-lang"),
                       discover=discover_pairs, progress=None if quiet else progress)
    if as_json:
        echo_json({"outputs": report.outputs, "beads_by_type": report.beads_by_type,
                   "weak_beads": len(report.weak_beads), "unpaired": report.unpaired,
                   "dropped_by_kind": report.dropped_by_kind})
        return
    click.echo(f"documents: {len(report.documents)}; pairs aligned: {len(report.pairs)}; "
               f"unpaired: {', '.join(report.unpaired) or 'none'}")
    click.echo("beads: " + ", ".join(f"{k} {v}" for k, v in sorted(report.beads_by_type.items()))
               + f"; weak (kept out): {len(report.weak_beads)}")
    click.echo("dropped: " + ", ".join(f"{k} {v}" for k, v in sorted(report.dropped_by_kind.items())))
    for name, count in sorted(report.outputs.items()):
        click.echo(f"wrote {out_dir}/{name} ({count} {_WHAT[Path(name).suffix]})")
    click.echo(f"report: {out_dir}/report.md")


_WHAT = {".tmx": "units", ".tbx": "concepts", ".tsv": "glossary rows", ".sqlite": "units in the TM"}

COMMANDS = [build]
