"""Characters XML cannot hold (NUL and other C0 controls, lone surrogates, U+FFFE/U+FFFF).

PO and TSV files can carry them, TMX, XLIFF and TBX cannot, and a PO file with a raw NUL is
rejected by msgfmt. So they are dealt with where units enter the TM: removed, with a word
to the user (a vertical tab or form feed, a word processor's line or page break, becomes a
line break), or, in a strict import, the import is refused. A TM filled before this rule may
still hold such a unit; export then leaves that unit out and says so, instead of failing.
"""

from __future__ import annotations

import re
from typing import Callable, Iterable, Iterator

from esfterm.errors import InputError
from esfterm.model import Unit

#: What XML 1.0 forbids in character data (TAB, LF and CR are allowed).
ILLEGAL = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")
_BREAKS = {"\x0b": "\n", "\x0c": "\n"}


def _clean(text: str) -> str:
    return ILLEGAL.sub(lambda m: _BREAKS.get(m.group(), ""), text)


def _texts(unit: Unit) -> Iterator[tuple[str, str]]:
    """(where, text) for every text of a unit that a file may carry."""
    yield "the unit id", unit.id or ""
    for owner, notes, props, attrs in [("", unit.notes, unit.props, unit.attrs),
                                       *((f"{v.lang} ", v.notes, v.props, v.attrs) for v in unit.variants)]:
        yield from ((f"a {owner}note", note) for note in notes)
        yield from ((f"{owner}prop {key!r}", f"{key} {value}") for key, value in props)
        yield from ((f"{owner}attribute {key!r}", value) for key, value in attrs.items())
    yield from ((f"the {v.lang} text", v.text) for v in unit.variants)


def problems(unit: Unit) -> list[str]:
    """What XML cannot hold in this unit, e.g. ["U+0000 in the sl text"] (empty when clean)."""
    found = []
    for where, text in _texts(unit):
        chars = sorted(set(ILLEGAL.findall(text)))
        if chars:
            found.append(f"{', '.join(f'U+{ord(c):04X}' for c in chars)} in {where}")
    return found


def describe(unit: Unit, origin: str) -> str:
    """'memory.po:12' (or the unit's label) for messages."""
    if unit.line is not None:
        return f"{origin}:{unit.line}"
    return f"{origin} ({unit.ref})" if unit.ref else origin


def clean_unit(unit: Unit) -> list[str]:
    """Remove what XML cannot hold from every text of the unit; returns what was found."""
    found = problems(unit)
    if found:
        unit.id = None if unit.id is None else _clean(unit.id)
        for holder in (unit, *unit.variants):
            holder.notes = [_clean(note) for note in holder.notes]
            holder.props = [(_clean(key), _clean(value)) for key, value in holder.props]
            holder.attrs = {key: _clean(value) for key, value in holder.attrs.items()}
        for v in unit.variants:
            v.text = _clean(v.text)
    return found


def cleaned_units(units: Iterable[Unit], origin: str, *, strict: bool,
                  on_clean: Callable[[str], None]) -> Iterator[Unit]:
    """The units with control characters removed (each reported through `on_clean`), or, when
    `strict`, an InputError at the first unit that holds one."""
    for unit in units:
        found = problems(unit)
        if found:
            where = describe(unit, origin)
            if strict:
                raise InputError(f"control character {'; '.join(found)}, which XML files cannot hold",
                                 path=where, hint="remove it from the file, or import without --strict to have "
                                                  "it removed")
            clean_unit(unit)
            on_clean(f"{where}: removed control character {'; '.join(found)}")
        yield unit


def writable_units(units: Iterable[Unit], on_skip: Callable[[str], None]) -> Iterator[Unit]:
    """The units an export can write; one holding a character XML forbids is left out and
    reported through `on_skip` (a TM filled before imports cleaned such text may hold one)."""
    for unit in units:
        found = problems(unit)
        if found:
            on_skip(f"{unit.ref or unit.id}: left out, control character {'; '.join(found)}")
            continue
        yield unit
