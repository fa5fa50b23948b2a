"""Language codes: normalise whatever files say ("EN_us", "sv-se", "SL") to BCP 47."""

from __future__ import annotations

import re

from esfterm.errors import InputError

#: The 24 official EU languages plus a few that ESF texts and CAT files commonly carry.
KNOWN_LANGUAGES = frozenset(
    "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
    "ca eu gl is nb nn no sq sr mk bs tr uk ru zh ja ko ar he be cy lb".split()
)

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:[-_][A-Za-z0-9]{1,8})*$")


def normalize_lang(code: str, *, source: str | None = None) -> str:
    """Return the BCP 47 form of a language tag: 'EN_us' -> 'en-US', 'zh_hant_tw' -> 'zh-Hant-TW'.

    Raises InputError for something that is not a language tag at all.
    """
    raw = (code or "").strip()
    if not _TAG.match(raw):
        raise InputError(f"not a language code: {code!r}", path=source,
                         hint="use a BCP 47 tag such as sv, sl, lt or en-GB")
    parts = re.split(r"[-_]", raw)
    out = [parts[0].lower()]
    for part in parts[1:]:
        if len(part) == 2 and part.isalpha():
            out.append(part.upper())
        elif len(part) == 4 and part.isalpha():
            out.append(part.title())
        else:
            out.append(part.lower())
    return "-".join(out)


def primary(code: str) -> str:
    """The primary language subtag: 'sv-SE' -> 'sv'."""
    return normalize_lang(code).split("-")[0]


def require_known(code: str, *, option: str = "--lang") -> str:
    """Normalise a user-given language and refuse codes that are no language we know."""
    tag = normalize_lang(code)
    if primary(tag) not in KNOWN_LANGUAGES:
        raise InputError(f"unknown language code {code!r} for {option}",
                         hint="use an ISO 639-1 code such as sv, sl, lt, en, hr, hu")
    return tag
