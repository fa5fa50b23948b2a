"""`esfterm terms extract`: bilingual term candidates from a TM or translation files (thin
layer over esfterm.terms.candidates)."""

from __future__ import annotations

import click

from esfterm.cli.common import (echo_json, format_option, handle_errors, json_option, output_option, progress,
                                termbase_option, tm_option)
from esfterm.langs import primary, require_known
from esfterm.terms import load_index
from esfterm.terms.candidates import (candidate_dict, candidates_text, candidates_tsv, extract, units_from,
                                      write_candidates)
from esfterm.tm import default_tm_path
from esfterm.tm.database import redact


@click.group("terms")
def terms_group() -> None:
    """Harvest terminology from translations.

    \b
    Example:
      esfterm terms extract --src sv --tgt sl -o candidates.sv-sl.tbx
    """


@terms_group.command("extract")
@click.argument("files", nargs=-1, type=click.Path(dir_okay=False))
@click.option("--src", required=True, metavar="L", help="Source language.")
@click.option("--tgt", required=True, metavar="L", help="Target language.")
@tm_option("TM to mine when no FILES are given (default: $ESFTERM_TM, else build/esf-tm.sqlite).")
@termbase_option("Termbase whose terms are flagged as known (default: the ESF termbase); 'none' for none.")
@click.option("--top", type=click.IntRange(1, None), help="Show at most this many candidates.")
@click.option("--min-freq", "min_freq", default=1, show_default=True, type=click.IntRange(1, None),
              help="Keep pairs seen in at least this many units.")
@click.option("--include-known", is_flag=True, help="Also write pairs the termbase already has to the -o file.")
@format_option(("text", "tsv", "json"), "text", "What to print.")
@json_option
@output_option("Also write the candidates: .tsv, .json, else TBX v3 (admitted terms, noted as candidates).")
@handle_errors
def extract_command(files: tuple[str, ...], src: str, tgt: str, tm_path: str | None, termbase: str | None,
                    top: int | None, min_freq: int, include_known: bool, fmt: str, as_json: bool,
                    output: str | None) -> None:
    """Find bilingual term candidates: multiword terms and acronyms of the source language with
    their rendering located inside each aligned translation, grouped by lemma, best first.

    FILES are TMX, XLIFF, PO or bilingual TSV files; without FILES the TM is mined. Each
    candidate shows its score, how many units hold it, two contexts with the spans «marked»,
    and whether the termbase already has it.

    \b
    Examples:
      esfterm build && esfterm terms extract --src sv --tgt sl --top 20
      esfterm terms extract memory.tmx --src sv --tgt lt --format tsv > sv-lt.tsv
      esfterm terms extract --src sv --tgt sl -o cand.tbx && esfterm termbase import cand.tbx --dry-run
    """
    src, tgt = primary(require_known(src, option="--src")), primary(require_known(tgt, option="--tgt"))
    index = None if termbase == "none" else load_index(termbase)
    source = ", ".join(files) if files else redact(str(default_tm_path(tm_path)))
    progress(f"mining {source} for {src}-{tgt} term candidates")
    cands = extract(units_from(list(files), default_tm_path(tm_path), src, tgt), src, tgt, index,
                    min_frequency=min_freq)
    shown = cands[:top] if top else cands
    if output:
        kind = write_candidates(cands, output, include_known=include_known)
        progress(f"wrote {output} ({kind}, {len(cands)} candidates)")
    if as_json or fmt == "json":
        echo_json([candidate_dict(n, c) for n, c in enumerate(shown, start=1)])
    elif fmt == "tsv":
        click.echo(candidates_tsv(shown), nl=False)
    else:
        click.echo(candidates_text(shown), nl=False)


COMMANDS = [terms_group]
