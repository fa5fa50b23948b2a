"""Language codes: normalise whatever files say ("EN_us", "sv-se", "SL") to BCP 47."""

from __future__ import annotations

import functools
import re

from esfterm.errors import InputError

#: The 24 official EU languages plus a few that ESF texts and CAT files commonly carry: known
#: without loading CLDR's data (see is_known_language).
COMMON_LANGUAGES = frozenset(
    "bg cs da de el en es et fi fr ga hr hu it lt lv mt nl pl pt ro sk sl sv "
    "ca eu gl is nb nn no sq sr mk bs tr uk ru zh ja ko ar he be cy lb".split()
)
#: Codes CLDR names that are no language of a text: undetermined, none, several, uncoded.
_NOT_A_LANGUAGE = frozenset({"und", "zxx", "mul", "mis"})

#: A BCP 47 language tag (RFC 5646 "langtag", or private use alone), "_" allowed for "-":
#: language (+ extlangs), script, region, variants, extensions, private use, in that order.
_TAG = re.compile(r"""
    ^(?:
      (?:[a-z]{2,3}(?:[-_][a-z]{3}){0,3}|[a-z]{4,8})   # language, extended language subtags
      (?:[-_][a-z]{4})?                                # script: Latn, Hant
      (?:[-_](?:[a-z]{2}|[0-9]{3}))?                   # region: SE, 419
      (?:[-_](?:[a-z0-9]{5,8}|[0-9][a-z0-9]{3}))*      # variants: 1901, rozaj
      (?:[-_][0-9a-wyz](?:[-_][a-z0-9]{2,8})+)*        # extensions: u-co-phonebk
      (?:[-_]x(?:[-_][a-z0-9]{1,8})+)?                 # private use: x-esf
    |x(?:[-_][a-z0-9]{1,8})+
    )$""", re.IGNORECASE | re.VERBOSE)


def normalize_lang(code: str, *, source: str | None = None) -> str:
    """Return the BCP 47 form of a language tag: 'EN_us' -> 'en-US', 'zh_hant_tw' -> 'zh-Hant-TW'.

    Raises InputError for something that is not a well-formed tag ('xx_YY_zz': no subtag of
    two letters may follow a region).
    """
    raw = (code or "").strip()
    if not _TAG.match(raw):
        raise InputError(f"not a valid language code: {code!r}", path=source,
                         hint="use a BCP 47 tag such as sv, sl-SI or en-GB")
    parts = re.split(r"[-_]", raw)
    out = [parts[0].lower()]
    for n, part in enumerate(parts[1:], start=1):
        if len(part) == 1:  # an extension or private use: the rest is lowercase
            out += [p.lower() for p in parts[n:]]
            break
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


@functools.lru_cache(maxsize=1)
def cldr_languages() -> frozenset[str]:
    """The ISO 639 codes of every language CLDR names (Babel's data: about 640): what a
    translation file may carry, Afrikaans and Asturian as much as Swedish."""
    from babel import Locale

    return frozenset(code for code in Locale("en").languages if "_" not in code) - _NOT_A_LANGUAGE


@functools.lru_cache(maxsize=1)
def cldr_locale_languages() -> frozenset[str]:
    """The languages CLDR has locale data for (about 330): the ones translations are made in,
    and the narrower list a file name is trusted to name ("ast.po" is Asturian, "new.po" no Newari)."""
    from babel.localedata import locale_identifiers

    return frozenset(ident.split("_")[0] for ident in locale_identifiers()) - _NOT_A_LANGUAGE


def is_known_language(code: str) -> bool:
    """True when the primary subtag (lower case) names a language CLDR knows."""
    base = code.lower()
    return base in COMMON_LANGUAGES or base in cldr_languages()


def require_known(code: str, *, option: str = "--lang") -> str:
    """Normalise a user-given language and refuse codes that are no language we know: the one
    wording every command uses for a language option."""
    try:
        tag = normalize_lang(code)
    except InputError as exc:
        raise InputError(f"{exc.message} for {option}", hint=exc.hint) from None
    if not is_known_language(primary(tag)):
        raise InputError(f"unknown language code {code!r} for {option}",
                         hint="use an ISO 639-1 code such as sv, sl, lt, en, hr, hu")
    return tag
