"""Which documents translate each other: from the manifest, or discovered from the text.

Discovery compares pages in different languages by what survives translation — numbers,
acronyms (with their per-language equivalents), cognate stems — and by length, then pairs
each page with its best match in every other language when the match is clear.
"""

from __future__ import annotations

from dataclasses import dataclass

from esfterm.align.anchors import anchors, similarity
from esfterm.corpus import Prepared
from esfterm.langs import primary

#: A discovered pair needs at least this document similarity.
MIN_SIMILARITY = 0.5
#: How far (in segments) from the diagonal a matching segment may sit.
DIAGONAL_SLACK = 2
#: Pages whose lengths differ more than this factor are not translations of each other.
MAX_LENGTH_FACTOR = 3.0


@dataclass(frozen=True)
class Pairing:
    """A group of documents (one per language) that translate each other."""

    topic: str
    members: tuple[str, ...]
    discovered: bool
    similarity: float | None = None


def _diagonal_hits(src: list[frozenset[str]], tgt: list[frozenset[str]]) -> float:
    """Share of source segments whose best anchor match in the target sits where a
    translation would put it (within a few segments of the same relative position)."""
    hits = 0
    for i, anchors_i in enumerate(src):
        best, where = max(((similarity(anchors_i, t) or 0.0, j) for j, t in enumerate(tgt)), key=lambda p: p[0])
        if best > 0 and abs(where - i * len(tgt) / len(src)) <= DIAGONAL_SLACK:
            hits += 1
    return hits / len(src)


@dataclass(frozen=True)
class _Profile:
    """What discovery compares of a page: its length and its segments' anchors."""

    chars: int
    anchors: list[frozenset[str]]


def _profile(doc: Prepared) -> _Profile:
    return _Profile(sum(len(s.text) for s in doc.segments),
                    [anchors(s.text, doc.document.lang) for s in doc.segments])


def _similarity(a: _Profile, b: _Profile) -> float:
    """How much two pages look like translations of each other (0..1), from anchor matches
    that fall on the diagonal in both directions; zero when their lengths are implausible."""
    if not a.chars or not b.chars or max(a.chars, b.chars) / min(a.chars, b.chars) > MAX_LENGTH_FACTOR:
        return 0.0
    return (_diagonal_hits(a.anchors, b.anchors) + _diagonal_hits(b.anchors, a.anchors)) / 2


def find_pairings(docs: list[Prepared]) -> list[Pairing]:
    """Group documents into topics: manifest topics as given, pages without a topic joined
    by discovery.

    Every pair of pages in different languages is scored; pairs are then merged strongest
    first (Kruskal-style), never putting two pages of one language in the same group, and
    never merging two groups that the manifest keeps apart.
    """
    group_of = {d.document.name: (d.document.doc or d.document.name) for d in docs}
    manifest_topics = {d.document.doc for d in docs if d.document.doc}
    profiles: dict[str, _Profile] = {}  # made for the pages that are compared, once each
    edges = []
    for k, a in enumerate(docs):
        for b in docs[k + 1:]:
            if primary(a.document.lang) == primary(b.document.lang):
                continue
            if a.document.doc and b.document.doc:
                continue
            for d in (a, b):
                if d.document.name not in profiles:
                    profiles[d.document.name] = _profile(d)
            sim = _similarity(profiles[a.document.name], profiles[b.document.name])
            if sim >= MIN_SIMILARITY:
                edges.append((-sim, a.document.name, b.document.name))
    discovered: dict[str, float] = {}
    for neg_sim, name_a, name_b in sorted(edges):
        ga, gb = group_of[name_a], group_of[name_b]
        if ga == gb or (ga in manifest_topics and gb in manifest_topics):
            continue
        langs_a = {primary(d.document.lang) for d in docs if group_of[d.document.name] == ga}
        langs_b = {primary(d.document.lang) for d in docs if group_of[d.document.name] == gb}
        if langs_a & langs_b:
            continue
        keep, gone = (gb, ga) if ga not in manifest_topics and (gb in manifest_topics or gb < ga) else (ga, gb)
        for name, group in group_of.items():
            if group == gone:
                group_of[name] = keep
        discovered[keep] = max(-neg_sim, discovered.get(keep, 0.0), discovered.pop(gone, 0.0))
    topics: dict[str, list[str]] = {}
    for doc in docs:
        topics.setdefault(group_of[doc.document.name], []).append(doc.document.name)
    return [Pairing(topic, tuple(members), topic in discovered, discovered.get(topic))
            for topic, members in sorted(topics.items())]
