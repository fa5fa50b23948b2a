"""Format-string checks as `msgfmt -c` makes them, so that a PO export holds no entry msgfmt refuses.

An entry flagged c-format, python-format or python-brace-format must use in every msgstr the
arguments its msgid uses (msgid_plural for plural forms), each with the same kind of
conversion; a plural form that stands for a few numbers only (at most 5 of 0..1000, as msgfmt
counts: n=1 in most languages, n=0 and 1 in Turkish) may leave arguments out ("one file" for
"%d files"), except unnamed Python ones (msgfmt counts those). Real catalogues break this (Django's Hebrew and
Serbian ones do), and msgfmt -c then refuses the whole file. A msgid that is no valid format
string is not checked (msgfmt does not either). Other *-format flags are not checked.
"""

from __future__ import annotations

import re

from esfterm.formats.plurals import PluralRule

#: (flag, parser); a parser gives {argument: kind} for a format string, or None when it is not one.
_PY = re.compile(r"%(?:\((?P<name>[^)]*)\))?[-#0 +]*(?:\*|\d+)?(?:\.(?:\*|\d*))?[hlL]?(?P<conv>.)", re.DOTALL)
_PY_KIND = {**dict.fromkeys("sra", "any"), **dict.fromkeys("diouxX", "int"), **dict.fromkeys("eEfFgG", "float"),
            "c": "char"}
_C = re.compile(r"%(?:(?P<pos>\d+)\$)?[-+ #0'I]*(?:\*(?:\d+\$)?|\d+)?(?:\.(?:\*(?:\d+\$)?|\d*))?"
                r"(?P<size>hh|h|ll|l|L|q|j|z|Z|t)?(?P<conv>.)", re.DOTALL)
_C_KIND = {**dict.fromkeys("di", "int"), **dict.fromkeys("ouxX", "unsigned"), **dict.fromkeys("eEfFgGaA", "float"),
           "c": "char", "s": "string", "p": "pointer", "n": "count"}
_BRACE = re.compile(r"\{\{|\}\}|\{(?P<field>[^{}!:]*)(?:![rsa])?(?::[^{}]*)?\}|[{}]")


def _python(text: str) -> dict[str, str] | None:
    args: dict[str, str] = {}
    position = 0
    named = unnamed = False
    for found in _PY.finditer(text):
        conv = found.group("conv")
        if conv == "%":
            continue
        if conv not in _PY_KIND:
            return None
        if found.group("name") is not None:
            named = True
            args[found.group("name")] = _PY_KIND[conv]
        else:
            unnamed = True
            position += 1
            args[f"#{position}"] = _PY_KIND[conv]
    return None if named and unnamed else args


def _c(text: str) -> dict[str, str] | None:
    args: dict[str, str] = {}
    position = 0
    for found in _C.finditer(text):
        conv = found.group("conv")
        if conv in "%m":
            continue
        if conv not in _C_KIND:
            return None
        position = int(found.group("pos")) if found.group("pos") else position + 1
        args[str(position)] = (found.group("size") or "") + _C_KIND[conv]
    return args


def _brace(text: str) -> dict[str, str] | None:
    """Fields by name; an empty one ("{}") makes no brace format string for gettext."""
    args: dict[str, str] = {}
    for found in _BRACE.finditer(text):
        token = found.group()
        if token in ("{{", "}}"):
            continue
        name = found.group("field")
        if not name:
            return None
        args[name.split(".")[0].split("[")[0]] = "any"
    return args


PARSERS = {"c-format": _c, "python-format": _python, "python-brace-format": _brace}


def _agrees(original: dict[str, str], translated: dict[str, str], may_omit: bool) -> bool:
    if any(name not in original or original[name] != kind for name, kind in translated.items()):
        return False
    return may_omit or set(original) <= set(translated)


#: msgfmt lets a plural form leave arguments out when it stands for at most this many n in 0..1000.
RARE_FORM = 5


def _rare_form(msgid_plural: str, rule: PluralRule | None, index: int) -> bool:
    return bool(msgid_plural) and rule is not None and index < rule.nplurals and \
        len(rule.numbers[index]) <= RARE_FORM


def formats_agree(flags: list[str], msgid: str, msgid_plural: str, forms: list[str],
                  rule: PluralRule | None) -> bool:
    """Whether msgfmt -c accepts the entry's format strings (`forms`: msgstr, or msgstr[0..])."""
    for flag in flags:
        parse = PARSERS.get(flag)
        if parse is None or f"no-{flag}" in flags:
            continue
        for index, form in enumerate(forms):
            source = msgid_plural if msgid_plural else msgid
            original, translated = parse(source), parse(form)
            if original is None:  # msgfmt checks a translation only against a valid format string
                break
            if translated is None:
                return False
            counted = flag == "python-format" and any(name.startswith("#") for name in original)
            if not _agrees(original, translated, _rare_form(msgid_plural, rule, index) and not counted):
                return False
    return True
