"""The language a file's path names, for files that do not say it inside.

Gettext and most projects lay translations out as `locale/sl/LC_MESSAGES/django.po`,
`po/sl.po`, `sl_SI.po`, `django-sl.po`, `messages.sl.po`, `sl.lproj/` (Apple) or
`values-sl/` (Android); only a tag that is a language we know counts, so `readme.po` or
`src/app.po` name none. A bare folder name is not trusted: `/tmp/mt/x.po` is no Maltese file.
Any language CLDR has locale data for counts (`locale/ast/`, `af.po`); a three-letter code only
where the layout says a language stands (the `LC_MESSAGES` folder, a whole file name), so
`app-new.po` names no Newari.
"""

from __future__ import annotations

import os
import re
from pathlib import PurePath

from esfterm.langs import COMMON_LANGUAGES, cldr_locale_languages, normalize_lang

#: A language tag as paths carry it: "sl", "sl_SI", "pt-BR", "sr@latin" (the @variant is dropped).
_TAG = re.compile(r"^([A-Za-z]{2,3})(?:[_-]([A-Za-z]{2}|[A-Za-z]{4}|\d{3}))?(?:@\w+)?$")
#: Folders that say they hold one language: Apple's "sl.lproj", Android's "values-sl" / "values-pt-rBR".
_LANG_FOLDER = re.compile(r"^(?:values-([A-Za-z]{2,3})(?:-r([A-Za-z]{2}))?|([A-Za-z]{2,3}(?:[_-][A-Za-z]{2})?)\.lproj)$")
#: Separators between a file's name and a language tag in its stem.
_STEM_PARTS = re.compile(r"[-_.]")


def _tag(text: str, *, three_letters: bool = False) -> str | None:
    found = _TAG.match(text)
    if not found:
        return None
    base = found.group(1).lower()
    if not (base in COMMON_LANGUAGES or ((len(base) == 2 or three_letters) and base in cldr_locale_languages())):
        return None
    return normalize_lang(found.group(1) + (f"-{found.group(2)}" if found.group(2) else ""))


def lang_from_path(path: str | os.PathLike) -> str | None:
    """The BCP 47 tag a path names, or None: the folder above LC_MESSAGES, else the whole
    stem ("sl.po", "sl_SI.po"), else the stem's last part ("django-sl.po", "messages.sl.po"),
    else a parent folder that is nothing but a tag ("sl/strings.xliff")."""
    p = PurePath(path)
    parts = p.parts
    for i, part in enumerate(parts):
        if part == "LC_MESSAGES" and i > 0:
            found = _tag(parts[i - 1], three_letters=True)
            if found:
                return found
    stem = p.stem
    found = _tag(stem, three_letters=True)
    if found:
        return found
    pieces = _STEM_PARTS.split(stem)
    if len(pieces) > 1:
        # "app_pt_BR", "messages.en_GB", "django-sl": the last two pieces, then the last one
        for candidate in ("_".join(pieces[-2:]), pieces[-1]):
            found = _tag(candidate)
            if found and candidate != stem:
                return found
    for part in reversed(parts[:-1]):
        marked = _LANG_FOLDER.match(part)
        if not marked:
            continue
        android, region, apple = marked.groups()
        found = _tag(apple or (android + (f"_{region}" if region else "")))
        if found:
            return found
    return None
