"""The corpus: pages listed in corpora/manifest.tsv (or found in the folder), prepared for alignment.

Preparing a page means: read it, check its language (the URL's claim is not trusted), remove
web chrome, segment it, and drop what must not reach the TM: segments in another language
(untranslated English alt text) and a sentence cut off where a stored copy is incomplete.
"""

from __future__ import annotations

import csv
import os
import re
from dataclasses import dataclass, field
from pathlib import Path

from esfterm.errors import InputError
from esfterm.fileio import read_text
from esfterm.langs import normalize_lang, primary
from esfterm.text.clean import Dropped, clean
from esfterm.text.langid import is_foreign, language_scores
from esfterm.text.segment import Segment, segment_spans

_NAME_LANG = re.compile(r"\.([a-z]{2,3}(?:[-_][A-Za-z]{2})?)(?:\.\d+)?\.txt$")
#: A page is relabelled or excluded when another language scores this much better.
_LANG_MARGIN = 0.25


@dataclass
class Document:
    """One page of the corpus as listed in the manifest."""

    path: Path
    name: str
    lang: str
    doc: str | None = None
    origin: str = ""
    url: str = ""
    complete: bool = True


@dataclass
class Prepared:
    """A document ready for alignment: its segments and everything dropped on the way."""

    document: Document
    segments: list[Segment]
    detected_lang: str | None
    detected_score: float
    dropped: list[Dropped] = field(default_factory=list)

    @property
    def usable(self) -> bool:
        """False when the text is clearly not in the declared language."""
        return self.detected_lang is None or primary(self.detected_lang) == primary(self.document.lang)


def read_manifest(corpus_dir: str | os.PathLike) -> list[Document]:
    """Documents of a corpus folder: from manifest.tsv when present, plus any unlisted
    `*.LANG.txt` file (language from its name, document id left for pairing to discover)."""
    root = Path(corpus_dir)
    if not root.is_dir():
        raise InputError("corpus folder not found", path=root)
    manifest = root / "manifest.tsv"
    docs: list[Document] = []
    listed: set[Path] = set()
    if manifest.exists():
        text = read_text(manifest)
        reader = csv.DictReader(text.splitlines(), delimiter="\t", quoting=csv.QUOTE_NONE)
        missing = {"file", "lang"} - set(reader.fieldnames or ())
        if missing:
            raise InputError(f"manifest lacks column(s): {', '.join(sorted(missing))}", path=manifest, line=1)
        for number, row in enumerate(reader, start=2):
            rel = (row.get("file") or "").strip()
            path = root / rel
            if rel and not _inside(path, root):
                raise InputError(f"listed file {rel!r} is outside the corpus folder", path=manifest, line=number,
                                 hint="list the pages by their path inside the corpus folder")
            if not rel or not path.is_file():
                raise InputError(f"listed file {rel!r} does not exist", path=manifest, line=number)
            lang = normalize_lang(row.get("lang") or "", source=f"{manifest}:{number}")
            docs.append(Document(path, rel, lang, (row.get("doc") or "").strip() or None,
                                 (row.get("origin") or "").strip(), (row.get("url") or "").strip(),
                                 (row.get("complete") or "yes").strip().lower() not in ("no", "false", "0")))
            listed.add(path.resolve())
    for path in sorted(root.rglob("*.txt")):
        if path.resolve() in listed:
            continue
        if not _inside(path, root):
            raise InputError("links to a file outside the corpus folder", path=path,
                             hint="copy the page into the corpus folder")
        match = _NAME_LANG.search(path.name)
        if match:
            docs.append(Document(path, str(path.relative_to(root)), normalize_lang(match.group(1))))
    if not docs:
        raise InputError("no documents: add *.LANG.txt files or a manifest.tsv", path=root)
    return sorted(docs, key=lambda d: d.name)


def _inside(path: Path, root: Path) -> bool:
    """True when `path`, its links followed, lies in the corpus folder: a manifest entry such
    as "../../secret.en.txt", an absolute path or a link out of the folder is not a page of it."""
    return path.resolve().is_relative_to(root.resolve())


def prepare(document: Document, candidates: list[str] | None = None) -> Prepared:
    """Read, language-check, clean and segment one document."""
    text = read_text(document.path)
    langs = sorted({primary(document.lang), *(primary(c) for c in candidates or ()), "en"})
    cleaned = clean(text, document.lang)
    scores = language_scores(cleaned.text, langs)
    own = scores.get(primary(document.lang), 0.0)
    detected, score = max(scores.items(), key=lambda kv: kv[1]) if scores else (None, 0.0)
    if detected is not None and score - own < _LANG_MARGIN:
        detected, score = document.lang, own
    dropped = list(cleaned.dropped)
    kept: list[Segment] = []
    others = tuple(sorted({"en"} - {primary(document.lang)}))
    for seg in segment_spans(cleaned.text, document.lang):
        if is_foreign(seg.text, document.lang, others):
            dropped.append(Dropped(_line_of(cleaned.text, seg.start), "foreign-language", seg.text))
        else:
            kept.append(seg)
    if not document.complete and kept and not kept[-1].ends_sentence:
        last = kept.pop()
        dropped.append(Dropped(_line_of(cleaned.text, last.start), "truncated", last.text))
    return Prepared(document, kept, detected, score, dropped)


def _line_of(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
