"""The esfterm command line: a thin click layer over the library.

Each command group lives in its own module and lists its commands in `COMMANDS`. A module is
imported only when one of its commands runs (or for --help), so a quick command such as
`lookup` does not pay for loading the aligner, the TM store and the QA checks.
"""

from __future__ import annotations

import importlib
import logging

import click

import esfterm

#: Command name -> the module of esfterm.cli that defines it.
COMMAND_MODULES = {"build": "build", "segment": "segment", "align": "align", "lookup": "lookup",
                   "termbase": "termbase", "terms": "terms", "tm": "tm", "check": "check",
                   "serve": "serve"}


class LazyGroup(click.Group):
    """A group whose commands are imported from their modules when first needed."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*self.commands, *COMMAND_MODULES})

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in self.commands and name in COMMAND_MODULES:
            module = importlib.import_module(f"esfterm.cli.{COMMAND_MODULES[name]}")
            for command in module.COMMANDS:
                self.add_command(command)
        return self.commands.get(name)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(esfterm.__version__, prog_name="esfterm")
def main() -> None:
    """Terminology and translation memory for European Social Fund texts.

    \b
    Example:
      esfterm build                      # corpora/ + termbase/ -> build/
      esfterm lookup "socialinių inovacijų" --to sl
      esfterm check new.po --src sv --tgt sl
    """
    _say_library_warnings()


def _say_library_warnings() -> None:
    """Warnings the library logs (a skipped unit, a target language --tgt overrides) go to
    stderr as "esfterm: warning: ...", like the commands' own."""
    log = logging.getLogger("esfterm")
    if not any(isinstance(h, _Stderr) for h in log.handlers):
        log.addHandler(_Stderr(logging.WARNING))


class _Stderr(logging.Handler):
    """Writes to the stderr of the moment (click's), so a handler made in one run never holds
    a stream that another has closed."""

    def emit(self, record: logging.LogRecord) -> None:
        click.echo(f"esfterm: {record.levelname.lower()}: {record.getMessage()}", err=True)
