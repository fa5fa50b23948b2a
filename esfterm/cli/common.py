"""What every command shares: one-line errors with exit code 2, and the output-format option."""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from typing import Any, Callable

import click

from esfterm.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


#: The longest error line printed; a parser quoting a whole broken file says nothing more.
MAX_ERROR_CHARS = 1000


def one_line(message: str) -> str:
    """The message on one line: line breaks (a parser may quote the file) become spaces,
    other control characters are shown escaped, and a runaway quote is cut."""
    text = re.sub(r"\s*[\r\n]+\s*", " ", message).strip()
    text = re.sub(r"[\x00-\x1f\x7f]", lambda m: f"\\x{ord(m.group()):02x}", text)
    return text if len(text) <= MAX_ERROR_CHARS else text[:MAX_ERROR_CHARS - 1] + "…"


def fail(message: str) -> None:
    """Print a one-line error to stderr and exit 2 (unusable input)."""
    click.echo(f"esfterm: error: {one_line(message)}", err=True)
    sys.exit(EXIT_BAD_INPUT)


def handle_errors(func: Callable) -> Callable:
    """Turn library errors (InputError, unreadable files) into one line on stderr and exit 2."""

    @functools.wraps(func)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return func(*args, **kwargs)
        except InputError as exc:
            fail(str(exc))
        except BrokenPipeError:
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            sys.exit(EXIT_OK)
        except (OSError, UnicodeError) as exc:
            fail(str(exc))

    return wrapper


def json_option(func: Callable) -> Callable:
    """The shared --json flag: machine-readable output instead of the human view."""
    return click.option("--json", "as_json", is_flag=True, help="Print JSON for machines.")(func)


def output_option(help: str = "File to write.", *, required: bool = False) -> Callable:
    """The shared -o/--output FILE option of every command that writes a file."""
    return click.option("-o", "--output", "output", required=required, type=click.Path(dir_okay=False),
                        metavar="FILE", help=help)


def format_option(choices: list[str] | tuple[str, ...], default: str, help: str | None = None) -> Callable:
    """The shared --format option (its value reaches the command as `fmt`)."""
    return click.option("--format", "fmt", type=click.Choice(list(choices)), default=default,
                        show_default=True, help=help)


def tm_option(help: str = "TM: a SQLite file or a postgresql:// URL (default: $ESFTERM_TM, else "
                          "build/esf-tm.sqlite).") -> Callable:
    """The shared --tm option (its value reaches the command as `tm_path`)."""
    return click.option("--tm", "tm_path", type=click.Path(dir_okay=False), metavar="PATH", help=help)


def wait_option(func: Callable) -> Callable:
    """The shared --wait SECONDS option of commands that write to the TM (reaches them as `wait`)."""
    from esfterm.tm.connection import DEFAULT_WAIT  # here: importing the TM costs every other command

    return click.option("--wait", "wait", type=click.FloatRange(min=0), default=DEFAULT_WAIT, show_default=True,
                        metavar="SECONDS",
                        help="When another process is writing to the TM, wait this long for it (0: fail at once).")(func)


def termbase_option(help: str = "Termbase: TBX, TSV or CSV (default: the ESF termbase shipped with esfterm).",
                    **kwargs: Any) -> Callable:
    """The shared --termbase option (its value reaches the command as `termbase`)."""
    kwargs.setdefault("type", click.Path(dir_okay=False))
    return click.option("--termbase", "termbase", metavar="PATH", help=help, **kwargs)


def json_text(data: Any) -> str:
    """JSON the same way in every command (UTF-8, not ASCII-escaped, indented)."""
    return json.dumps(data, ensure_ascii=False, indent=2)


def echo_json(data: Any) -> None:
    """Print JSON as json_text writes it."""
    click.echo(json_text(data))


def progress(message: str) -> None:
    """A progress line on stderr (never on stdout, which may be piped)."""
    click.echo(message, err=True)
