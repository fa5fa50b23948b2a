"""`esfterm align SRC TGT`: align two documents sentence by sentence."""

from __future__ import annotations

import csv
import sys

import click

from esfterm.align import align as run_align
from esfterm.cli.common import echo_json, format_option, handle_errors, output_option
from esfterm.fileio import read_text
from esfterm.formats.tmx import TmxHeader, write_tmx
from esfterm.langs import require_known
from esfterm.model import Unit, Variant
from esfterm.text.clean import clean
from esfterm.text.segment import Segment, segment_spans


def _segments(path: str, lang: str, presegmented: bool) -> list:
    text = read_text(path)
    if presegmented:
        return [line.strip() for line in text.split("\n") if line.strip()]
    return segment_spans(clean(text, lang).text, lang)


def _text(seg: Segment | str) -> str:
    return seg if isinstance(seg, str) else seg.text


@click.command()
@click.argument("src", type=click.Path(dir_okay=False))
@click.argument("tgt", type=click.Path(dir_okay=False))
@click.option("--src-lang", required=True, help="Language of SRC (e.g. sv).")
@click.option("--tgt-lang", required=True, help="Language of TGT (e.g. sl).")
@output_option("Write a TMX file here.")
@format_option(["text", "tsv", "json"], "text", "What to print when no -o is given.")
@click.option("--presegmented", is_flag=True, help="Each input line is already one segment.")
@click.option("--include-weak", is_flag=True, help="Also write weak beads to the TMX (marked with a prop).")
@handle_errors
def align(src: str, tgt: str, src_lang: str, tgt_lang: str, output: str | None, fmt: str,
          presegmented: bool, include_weak: bool) -> None:
    """Align two documents that translate each other (1-1, 1-2, 2-1, 1-0, 0-1 beads).

    TSV columns: src_ids, tgt_ids, score, src, tgt (1-based segment numbers, comma-joined
    for merges, empty for none). Weak beads are flagged in TSV/JSON and kept out of the TMX.

    \b
    Example:
      esfterm align page.sv.txt page.sl.txt --src-lang sv --tgt-lang sl --format tsv
      esfterm align page.sv.txt page.sl.txt --src-lang sv --tgt-lang sl -o page.sv-sl.tmx
    """
    sl, tl = require_known(src_lang, option="--src-lang"), require_known(tgt_lang, option="--tgt-lang")
    a, b = _segments(src, sl, presegmented), _segments(tgt, tl, presegmented)
    beads = run_align(a, b, sl, tl)
    rows = [(",".join(str(i + 1) for i in bead.src), ",".join(str(j + 1) for j in bead.tgt), bead.score,
             " ".join(_text(a[i]) for i in bead.src), " ".join(_text(b[j]) for j in bead.tgt), bead)
            for bead in beads]
    if output:
        units = [Unit([Variant(sl, s), Variant(tl, t)], id=f"{s_ids}-{t_ids}",
                      props=[("x-alignment", bead.kind), ("x-alignment-score", f"{score:.3f}")]
                      + ([("x-weak", "yes")] if bead.weak else []))
                 for s_ids, t_ids, score, s, t, bead in rows
                 if bead.src and bead.tgt and (include_weak or not bead.weak)]
        count = write_tmx(output, units, TmxHeader(srclang=sl))
        weak = sum(1 for r in rows if r[5].weak)
        click.echo(f"wrote {output}: {count} units ({weak} weak beads {'marked' if include_weak else 'left out'})",
                   err=True)
        return
    if fmt == "json":
        echo_json([{"src_ids": r[0], "tgt_ids": r[1], "score": r[2], "weak": r[5].weak, "type": r[5].kind,
                    "src": r[3], "tgt": r[4]} for r in rows])
    elif fmt == "tsv":
        writer = csv.writer(sys.stdout, delimiter="\t", lineterminator="\n", quoting=csv.QUOTE_MINIMAL)
        writer.writerow(["src_ids", "tgt_ids", "score", "src", "tgt"])
        for r in rows:
            writer.writerow([r[0], r[1], f"{r[2]:.3f}", r[3], r[4]])
    else:
        for s_ids, t_ids, score, s, t, bead in rows:
            flag = " WEAK" if bead.weak else ""
            click.echo(f"[{bead.kind} {score:.2f}{flag}] {s_ids or '-'} ↔ {t_ids or '-'}")
            click.echo(f"  {s or '∅'}\n  {t or '∅'}")


COMMANDS = [align]
