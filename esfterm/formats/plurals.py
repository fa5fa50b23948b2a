"""Gettext plural forms: how many a language has, and which numbers each form stands for.

A PO header says `Plural-Forms: nplurals=N; plural=EXPR;`; the expression is C, evaluated
with the standard library's own safe translator (gettext.c2py, what .mo loading uses). When
a file does not say, the language's rule comes from Babel's table (CLDR data, as msginit
and pybabel use).

Which numbers a form covers matters to QA: a form used only for n=1 may leave out the count
("one file" for "%d file"), a form for many numbers may not.
"""

from __future__ import annotations

import functools
import gettext
import re
from dataclasses import dataclass
from typing import Callable

from babel.core import UnknownLocaleError
from babel.messages.plurals import get_plural

from esfterm.errors import InputError

_HEADER = re.compile(r"^\s*nplurals\s*=\s*(\d+)\s*;\s*plural\s*=\s*(.+?)\s*;?\s*$", re.DOTALL)
#: Numbers tried when working out which numbers a form covers: every rule in use repeats
#: within the last two digits, with special cases below 200.
_PROBE = range(0, 1000)


@dataclass(frozen=True)
class PluralRule:
    """A language's plural rule: the number of forms and the form index of each number."""

    nplurals: int
    expression: str
    form_of: Callable[[int], int]

    @property
    def header(self) -> str:
        """The PO `Plural-Forms` header value."""
        return f"nplurals={self.nplurals}; plural={self.expression};"

    @functools.cached_property
    def numbers(self) -> tuple[frozenset[int], ...]:
        """For each form index, the numbers in 0..999 it is used for."""
        found: list[set[int]] = [set() for _ in range(self.nplurals)]
        for n in _PROBE:
            index = self.form_of(n)
            if 0 <= index < self.nplurals:
                found[index].add(n)
        return tuple(frozenset(s) for s in found)

    def single_number(self, index: int) -> int | None:
        """The one number a form stands for, when it stands for exactly one (en/sv form 0: 1)."""
        covered = self.numbers[index] if 0 <= index < self.nplurals else frozenset()
        return next(iter(covered)) if len(covered) == 1 else None


def parse_plural_forms(value: str, *, path: str | None = None) -> PluralRule:
    """A rule from a `Plural-Forms` header value; InputError when it is not one."""
    found = _HEADER.match(value or "")
    if not found:
        raise InputError(f"not a Plural-Forms header: {value!r}", path=path,
                         hint="expected nplurals=N; plural=EXPRESSION;")
    nplurals, expression = int(found.group(1)), found.group(2).strip()
    try:
        form_of = gettext.c2py(expression)
    except (ValueError, SyntaxError, RecursionError) as exc:
        raise InputError(f"bad plural expression {expression!r}: {exc}", path=path) from None
    if not 1 <= nplurals <= 10:
        raise InputError(f"nplurals={nplurals} is out of range (1-10)", path=path)
    return PluralRule(nplurals, expression, form_of)


@functools.lru_cache(maxsize=256)
def plural_rule(lang: str) -> PluralRule | None:
    """The usual rule for a language ('sl', 'pt-BR'), or None when it is unknown."""
    try:
        babel_rule = get_plural(lang.replace("-", "_"))
    except (UnknownLocaleError, ValueError):
        return None
    return parse_plural_forms(babel_rule.plural_forms)
