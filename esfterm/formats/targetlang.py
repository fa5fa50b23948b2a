"""A target language given by the caller against the one a file names.

The caller's language wins for a bilingual file (PO, XLIFF, TSV): a wrong or template Language
header is common, and `--tgt` is how a user corrects it. But a file that names another language
is said, so that `check locale/lt/.../django.po --tgt sl` does not quietly check Lithuanian as
Slovenian and `tm import` does not quietly file it so. A TMX holds many languages; one with no
text in the given language is said too.
"""

from __future__ import annotations

import os
from typing import Callable, Iterable, Iterator

from esfterm.langs import normalize_lang, primary
from esfterm.model import Unit


def as_target(units: Iterable[Unit], tgt: str, path: str | os.PathLike,
              on_warning: Callable[[str], None]) -> Iterator[Unit]:
    """The units of a bilingual file with their target variant (the second) in `tgt`; each
    other language the file names is said once to `on_warning`."""
    tgt = normalize_lang(tgt)
    other: dict[str, bool] = {}  # a file's language tag -> is it another language than tgt?
    for unit in units:
        if len(unit.variants) == 2:
            target = unit.variants[1]
            lang = target.lang
            if lang not in other:
                other[lang] = primary(lang) != primary(tgt)
                if other[lang]:
                    on_warning(f"{path}: the file names {lang} as its target language; "
                               f"read as {tgt}, as --tgt says")
            if other[lang]:
                target.lang = tgt
        yield unit


def missing_target(units: Iterable[Unit], tgt: str, path: str | os.PathLike) -> str | None:
    """One line for a multilingual file (TMX) with no text at all in `tgt`, or None."""
    langs: dict[str, None] = {}
    for unit in units:
        for v in unit.variants:
            if primary(v.lang) == primary(tgt):
                return None
            langs.setdefault(v.lang, None)
    if not langs:
        return None
    return f"{path}: no unit has a {tgt} text (the file's languages: {', '.join(langs)})"
