"""One exception type for unusable input, so every caller can report it in one line."""

from __future__ import annotations


class InputError(Exception):
    """Input the toolkit cannot use: names the file and, when known, the place in it.

    The CLI turns this into a one-line message and exit code 2; library users catch it.
    """

    def __init__(self, message: str, path: str | None = None, line: int | None = None,
                 column: int | None = None, hint: str | None = None) -> None:
        self.message = message
        self.path = str(path) if path is not None else None
        self.line = line
        self.column = column
        self.hint = hint
        super().__init__(str(self))

    def __str__(self) -> str:
        where = ""
        if self.path:
            where = self.path
            if self.line is not None:
                where += f":{self.line}"
                if self.column is not None:
                    where += f":{self.column}"
            where += ": "
        text = f"{where}{self.message}"
        if self.hint:
            text += f" ({self.hint})"
        return text
