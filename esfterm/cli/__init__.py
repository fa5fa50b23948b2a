"""The esfterm command line: a thin click layer over the library.

Each command group lives in its own module and lists its commands in `COMMANDS`.
"""

from __future__ import annotations

import click

import esfterm
from esfterm.cli import align, build, check, lookup, segment, termbase, terms, tm


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(esfterm.__version__, prog_name="esfterm")
def main() -> None:
    """Terminology and translation memory for European Social Fund texts.

    \b
    Example:
      esfterm build                      # corpora/ + termbase/ -> build/
      esfterm lookup "socialinių inovacijų" --to sl
      esfterm check new.po --src sv --tgt sl
    """


for _module in (build, segment, align, lookup, termbase, terms, tm, check):
    for _command in _module.COMMANDS:
        main.add_command(_command)
