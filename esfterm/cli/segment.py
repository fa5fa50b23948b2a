"""`esfterm segment FILE --lang L`: one segment per line."""

from __future__ import annotations

import click

from esfterm.cli.common import handle_errors, json_option, json_text, output_option
from esfterm.fileio import read_text, write_text_atomic
from esfterm.langs import require_known
from esfterm.text.clean import clean
from esfterm.text.segment import segment_spans
from esfterm.text.srx import load_srx


@click.command()
@click.argument("file", type=click.Path(dir_okay=False))
@click.option("--lang", "-l", required=True, help="Language of the text (BCP 47, e.g. sv, sl, lt).")
@click.option("--srx", type=click.Path(dir_okay=False), help="Your own SRX 2.0 rules (e.g. from OmegaT).")
@click.option("--clean", "drop_chrome", is_flag=True, help="Remove web chrome (navigation, contacts) first.")
@json_option
@output_option("Write the segments to a file instead of stdout.")
@handle_errors
def segment(file: str, lang: str, srx: str | None, drop_chrome: bool, as_json: bool, output: str | None) -> None:
    """Split a text into sentences, one per line.

    Lines, headings and list items are segments of their own; inside them SRX rules decide
    (no break after t.ex., bl.a., 2021 m., mln., proc., npr., itd., ...).

    \b
    Example:
      esfterm segment corpora/esf/local-partnerships.sv.txt --lang sv --clean -o sv.txt
    """
    tag = require_known(lang)
    text = read_text(file)
    if drop_chrome:
        text = clean(text, tag).text
    segments = segment_spans(text, tag, load_srx(srx) if srx else None)
    if as_json:
        out = json_text([{"id": n, "text": s.text, "start": s.start, "end": s.end, "list_item": s.is_list_item}
                         for n, s in enumerate(segments, start=1)]) + "\n"
    else:
        out = "".join(s.text + "\n" for s in segments)
    if output:
        write_text_atomic(output, out)
        click.echo(f"{output}: {len(segments)} segments", err=True)
    else:
        click.echo(out, nl=False)


COMMANDS = [segment]
