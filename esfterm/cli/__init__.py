"""The esfterm command line: a thin click layer over the library.

Each command group lives in its own module and registers itself on `main`.
"""

from __future__ import annotations

import importlib

import click

import esfterm

_COMMAND_MODULES = ("build", "segment", "align", "lookup", "termbase", "tm", "check")


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(esfterm.__version__, prog_name="esfterm")
def main() -> None:
    """Terminology and translation memory for European Social Fund texts.

    \b
    Example:
      esfterm build                      # corpora/ + termbase/ -> build/
      esfterm lookup "socialinių inovacijų" --to sl
    """


for _name in _COMMAND_MODULES:
    try:
        _module = importlib.import_module(f"esfterm.cli.{_name}")
    except ModuleNotFoundError as _exc:
        if _exc.name != f"esfterm.cli.{_name}":
            raise
        continue
    for _command in getattr(_module, "COMMANDS", ()):
        main.add_command(_command)
