"""A strict check of gettext PO syntax, as msgfmt reads it, before polib (which is lenient) reads a file.

polib keeps what it can: a string missing its closing quote is cut short ("Hej" read as "He"), a
file cut off after a msgid is read up to there. msgfmt refuses both, and so does this check, with
the line (and column) of the first error, so nothing of a broken file is imported.

It follows gettext's po-lex and po-gram: tokens are keywords, "strings" with C escapes, `#`
comments to the end of the line, `#~` obsolete lines and `#|` previous-msgid lines; an entry is
[msgctxt] msgid (msgstr | msgid_plural msgstr[0] msgstr[1] ...), all obsolete or none, and no
entry is defined twice. A UTF-8 byte-order mark, which msgfmt refuses but every other PO tool
reads, is removed by the caller before decoding.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from esfterm.errors import InputError

_SPACE = " \t\r\f\v"
_KEYWORD = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_INDEX = re.compile(r"[ \t]*\[[ \t]*(\d+)[ \t]*\]")
_SIMPLE_ESCAPES = {"n": "\n", "t": "\t", "b": "\b", "r": "\r", "f": "\f", "v": "\v", "a": "\a",
                   "\\": "\\", '"': '"'}
_OCTAL = re.compile(r"[0-7]{1,3}")
_HEX = re.compile(r"[0-9A-Fa-f]+")
_KEYWORDS = frozenset({"msgctxt", "msgid", "msgid_plural", "msgstr"})


@dataclass(frozen=True)
class _Token:
    kind: str  # "keyword", "string", "comment" or "previous" (a #| line)
    value: str  # the keyword, or the string's value with escapes resolved
    index: int | None  # N of msgstr[N]
    line: int
    column: int
    obsolete: bool


@dataclass(frozen=True)
class Message:
    """One entry as msgfmt sees it: where it starts, its key and its number of msgstr forms."""

    line: int
    msgctxt: str | None
    msgid: str
    forms: int
    plural: bool
    obsolete: bool

    @property
    def is_header(self) -> bool:
        return self.msgid == "" and self.msgctxt is None


def _string(line: str, start: int, number: int, path: str) -> tuple[str, int]:
    """The value of the string opening at `start`, and the position after its closing quote."""
    out: list[str] = []
    pos = start + 1
    while True:
        if pos >= len(line):
            raise InputError("end of line inside a string (a closing quote is missing)", path=path,
                             line=number, column=start + 1)
        char = line[pos]
        if char == '"':
            return "".join(out), pos + 1
        if char != "\\":
            out.append(char)
            pos += 1
            continue
        pos += 1
        escape = line[pos] if pos < len(line) else ""
        if escape in _SIMPLE_ESCAPES:
            out.append(_SIMPLE_ESCAPES[escape])
            pos += 1
        elif (found := _OCTAL.match(line, pos)) is not None:
            out.append(chr(int(found.group(), 8)))
            pos = found.end()
        elif escape == "x" and (found := _HEX.match(line, pos + 1)) is not None:
            out.append(chr(int(found.group(), 16) & 0xFF))
            pos = found.end()
        else:
            raise InputError(f"invalid escape sequence \\{escape}", path=path, line=number, column=pos)


def _line_tokens(line: str, number: int, path: str) -> list[_Token]:
    tokens: list[_Token] = []
    obsolete = previous = False
    pos = 0
    while pos < len(line):
        char = line[pos]
        if char in _SPACE:
            pos += 1
        elif char == "#":
            rest = line[pos + 1:pos + 3]
            if rest.startswith("~"):
                obsolete = True
                pos += 2
                if line[pos:pos + 1] == "|":
                    previous = True
                    pos += 1
            elif rest.startswith("|"):
                previous = True
                pos += 2
            else:
                tokens.append(_Token("comment", "", None, number, pos + 1, obsolete))
                break
        elif char == '"':
            value, end = _string(line, pos, number, path)
            tokens.append(_Token("previous" if previous else "string", value, None, number, pos + 1, obsolete))
            pos = end
        elif (found := _KEYWORD.match(line, pos)) is not None:
            word = found.group()
            if word not in _KEYWORDS:
                raise InputError(f"unknown keyword {word!r}", path=path, line=number, column=pos + 1)
            pos = found.end()
            index = None
            if word == "msgstr" and (bracket := _INDEX.match(line, pos)) is not None:
                index = int(bracket.group(1))
                pos = bracket.end()
            tokens.append(_Token("previous" if previous else "keyword", word, index, number,
                                 found.start() + 1, obsolete))
        else:
            raise InputError(f"syntax error: unexpected {char!r}", path=path, line=number, column=pos + 1)
    return tokens


class _Entry:
    """The entry being read: its parts so far and what may come next."""

    def __init__(self, token: _Token) -> None:
        self.line = token.line
        self.obsolete = token.obsolete
        self.msgctxt: str | None = None
        self.msgid: str | None = None
        self.plural = False
        self.forms = 0
        self.section = ""  # the keyword whose strings are being read
        self.parts: list[str] = []

    @property
    def complete(self) -> bool:
        return self.forms > 0

    def close_section(self) -> None:
        value = "".join(self.parts)
        if self.section == "msgctxt":
            self.msgctxt = value
        elif self.section == "msgid":
            self.msgid = value
        self.parts = []

    def message(self) -> Message:
        return Message(self.line, self.msgctxt, self.msgid or "", self.forms, self.plural, self.obsolete)


def check_po(text: str, path: str) -> list[Message]:
    """The entries of a PO text, in order; InputError at the first place msgfmt would refuse."""
    messages: list[Message] = []
    first_line: dict[tuple[str | None, str], int] = {}
    entry: _Entry | None = None
    expect_string = False

    def finish() -> None:
        nonlocal entry
        if entry is None:
            return
        if not entry.complete:
            raise InputError("the entry has no msgstr (is the file cut short?)", path=path, line=entry.line)
        entry.close_section()
        message = entry.message()
        key = (message.msgctxt, message.msgid)
        if key in first_line:
            raise InputError(f"duplicate message definition (first defined at line {first_line[key]})",
                             path=path, line=message.line)
        first_line[key] = message.line
        messages.append(message)
        entry = None

    for number, line in enumerate(text.split("\n"), 1):
        for token in _line_tokens(line, number, path):
            if expect_string and token.kind != "string":
                raise InputError(f"a string must follow {entry.section}", path=path, line=token.line,
                                 column=token.column)
            if token.kind in ("comment", "previous"):
                if entry is not None and not entry.complete:
                    raise InputError("the entry has no msgstr (a comment interrupts it)", path=path,
                                     line=entry.line)
                finish()
                continue
            word = token.value
            starts = token.kind == "keyword" and word in ("msgctxt", "msgid") and (entry is None or entry.complete)
            if starts:
                finish()
                entry = _Entry(token)
            elif entry is not None and token.obsolete != entry.obsolete:
                raise InputError("inconsistent use of #~ (an entry is partly obsolete)", path=path,
                                 line=token.line)
            if token.kind == "string":
                if entry is None or not entry.section:
                    raise InputError("syntax error: a string outside any entry", path=path, line=token.line,
                                     column=token.column)
                entry.parts.append(token.value)
                expect_string = False
                continue
            if not starts and not _follows(entry, word, token.index):
                if word == "msgstr" and token.index is not None and entry is not None and entry.plural:
                    raise InputError(f"plural form has wrong index msgstr[{token.index}] "
                                     f"(expected msgstr[{entry.forms}])", path=path, line=token.line)
                raise InputError(f"syntax error: {word}{'' if token.index is None else f'[{token.index}]'} "
                                 "is out of place", path=path, line=token.line, column=token.column)
            entry.close_section()
            entry.section = word
            if word == "msgid_plural":
                entry.plural = True
            elif word == "msgstr":
                entry.forms += 1
            expect_string = True
    if expect_string:
        raise InputError(f"the file ends after {entry.section} without its string", path=path, line=entry.line)
    finish()
    return messages


def _follows(entry: _Entry | None, word: str, index: int | None) -> bool:
    """Whether keyword `word` (msgstr[index]) may come next in `entry`."""
    if entry is None:
        return False
    if word == "msgid":
        return entry.section == "msgctxt"
    if word == "msgid_plural":
        return entry.section == "msgid"
    if word == "msgstr" and index is None:
        return entry.section == "msgid"
    if word == "msgstr":
        return entry.plural and entry.section in ("msgid_plural", "msgstr") and index == entry.forms
    return False
