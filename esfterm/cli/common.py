"""What every command shares: one-line errors with exit code 2, and the output-format option."""

from __future__ import annotations

import functools
import json
import os
import sys
from typing import Any, Callable

import click

from esfterm.errors import InputError

EXIT_OK, EXIT_FINDINGS, EXIT_BAD_INPUT = 0, 1, 2


def fail(message: str) -> None:
    """Print a one-line error to stderr and exit 2 (unusable input)."""
    click.echo(f"esfterm: error: {message}", err=True)
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


def echo_json(data: Any) -> None:
    """Print JSON the same way in every command (UTF-8, not ASCII-escaped, indented)."""
    click.echo(json.dumps(data, ensure_ascii=False, indent=2))


def progress(message: str) -> None:
    """A progress line on stderr (never on stdout, which may be piped)."""
    click.echo(message, err=True)
