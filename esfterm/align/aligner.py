"""Sentence alignment: Gale–Church length model plus lexical anchors, by dynamic programming.

Beads are 1-1, 1-2, 2-1, 1-0 and 0-1. The length model alone drifts on pages where one side
has an extra paragraph or an untranslated line; anchors shared between the two sides (numbers,
acronyms with their per-language equivalents, cognates, termbase concepts) pull the path back.
Every bead gets a score in 0..1; beads under WEAK_BELOW are flagged weak.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from typing import Sequence

from esfterm.align.anchors import ConceptFinder, anchors, similarity

#: Prior probabilities of bead types (Gale & Church 1993, with 2-1 and 1-2 split evenly).
PRIORS = {(1, 1): 0.89, (1, 0): 0.0099, (0, 1): 0.0099, (2, 1): 0.0445, (1, 2): 0.0445}
#: Variance of target length per source character (Gale & Church's s^2).
VARIANCE = 6.8
#: How strongly anchor overlap moves a bead's cost (in nats at overlap 0 or 1).
LEXICAL_WEIGHT = 5.0
#: Cost of pairing a heading-like line with a sentence, or a list item with a paragraph.
SHAPE_PENALTY = 1.0
#: A skipped (1-0, 0-1) segment costs this much plus one nat per SKIP_CHARS characters.
SKIP_BASE, SKIP_CHARS = 0.0, 100.0
#: Half-width of the diagonal band searched by the dynamic programme (segments).
BAND = 10
#: How many neighbouring segments compete with a bead when it is scored.
NEIGHBOURS = 2
#: Lexical confidence when neither side has anchors, when both have some but share none,
#: and the factor applied when the two sides do not carry the same numbers.
NO_ANCHORS, NO_SHARED_ANCHOR, NUMBER_MISMATCH = 0.5, 0.2, 0.5
#: Extra cost, and confidence factor, for each merged segment that shares no anchor.
ORPHAN_PENALTY, ORPHAN_FACTOR = 3.0, 0.5
WEAK_BELOW = 0.5
#: Pivot pairs: minimum anchor overlap, margin over the runner-up, length plausibility.
PIVOT_MIN_SIM, PIVOT_MARGIN, PIVOT_MIN_LENGTH_P = 0.3, 0.1, 0.01
PIVOT_WINDOW = 30
MIN_PIVOTS = 3
#: Characters of target per character of source stay within this range between EU languages.
RATIO_RANGE = (0.7, 1.4)


@dataclass(frozen=True)
class Bead:
    """Aligned source and target segment indexes (0-based; empty tuple for none) and a score."""

    src: tuple[int, ...]
    tgt: tuple[int, ...]
    score: float
    weak: bool

    @property
    def kind(self) -> str:
        return f"{len(self.src)}-{len(self.tgt)}"


@dataclass(frozen=True)
class Item:
    """What the aligner needs of a segment: its text and its shape."""

    text: str
    is_list_item: bool = False
    is_heading: bool = False


def _as_item(seg: object) -> Item:
    if isinstance(seg, str):
        return Item(seg, False, not seg.rstrip().endswith((".", "!", "?", "…", ":", ";", ",")))
    text = getattr(seg, "text")
    ends = getattr(seg, "ends_sentence", True)
    return Item(text, bool(getattr(seg, "is_list_item", False)), not ends)


def _length_probability(src_len: int, tgt_len: int, ratio: float) -> float:
    """Two-tailed probability of the observed length difference under Gale–Church."""
    mean = (src_len + tgt_len / ratio) / 2
    if mean == 0:
        return 1.0
    delta = (tgt_len - src_len * ratio) / math.sqrt(mean * VARIANCE)
    return max(math.erfc(abs(delta) / math.sqrt(2)), 1e-12)


def align(src: Sequence, tgt: Sequence, src_lang: str, tgt_lang: str, *,
          concepts: ConceptFinder | None = None) -> list[Bead]:
    """Align two segment lists (strings, or Segment objects from esfterm.text.segment).

    Returns beads in document order covering every segment exactly once.
    """
    a = [_as_item(s) for s in src]
    b = [_as_item(s) for s in tgt]
    anc_a = [anchors(x.text, src_lang, concepts=concepts) for x in a]
    anc_b = [anchors(x.text, tgt_lang, concepts=concepts) for x in b]
    path = _best_path(a, b, anc_a, anc_b, _length_ratio(a, b, _pivots(a, b, anc_a, anc_b)))
    beads = []
    for src_ids, tgt_ids, p_len in path:
        score = _score(src_ids, tgt_ids, p_len, anc_a, anc_b) if src_ids and tgt_ids else 0.0
        beads.append(Bead(src_ids, tgt_ids, score, bool(src_ids and tgt_ids and score < WEAK_BELOW)))
    return beads


def _orphans(src: list[frozenset[str]], tgt: list[frozenset[str]]) -> int:
    """In a merge (2-1, 1-2), the merged segments that have anchors of their own but share
    none with the other side: the sign of a sentence glued on that was never translated."""
    if len(src) + len(tgt) <= 2:
        return 0
    other_a, other_b = frozenset().union(*tgt), frozenset().union(*src)
    return (sum(1 for s in src if s and not s & other_a) if len(src) > 1 else 0) + \
        (sum(1 for t in tgt if t and not t & other_b) if len(tgt) > 1 else 0)


def _union(sets: list[frozenset[str]], ids: Sequence[int]) -> frozenset[str]:
    return frozenset().union(*(sets[k] for k in ids))


def _score(src_ids: tuple[int, ...], tgt_ids: tuple[int, ...], p_len: float,
           anc_a: list[frozenset[str]], anc_b: list[frozenset[str]]) -> float:
    """Confidence in 0..1: half length plausibility, half whether the anchors shared by this
    bead beat those the same segments share with their neighbours (a margin, so languages
    with few cognates are not judged weaker than related ones)."""
    own_a, own_b = _union(anc_a, src_ids), _union(anc_b, tgt_ids)
    own = similarity(own_a, own_b) or 0.0
    rivals = [similarity(own_a, anc_b[k]) or 0.0
              for k in range(max(0, tgt_ids[0] - NEIGHBOURS), min(len(anc_b), tgt_ids[-1] + NEIGHBOURS + 1))
              if k not in tgt_ids]
    rivals += [similarity(anc_a[k], own_b) or 0.0
               for k in range(max(0, src_ids[0] - NEIGHBOURS), min(len(anc_a), src_ids[-1] + NEIGHBOURS + 1))
               if k not in src_ids]
    best_rival = max(rivals, default=0.0)
    if own > 0.0:
        lexical = own / max(own, best_rival)
    elif best_rival > 0.0 or (own_a and own_b):
        lexical = NO_SHARED_ANCHOR
    else:
        lexical = NO_ANCHORS
    if _orphans([anc_a[k] for k in src_ids], [anc_b[k] for k in tgt_ids]):
        lexical *= ORPHAN_FACTOR
    numbers_a = {k for k in own_a if k.startswith("n:")}
    numbers_b = {k for k in own_b if k.startswith("n:")}
    if numbers_a != numbers_b:
        lexical *= NUMBER_MISMATCH
    return round(0.5 * math.sqrt(p_len) + 0.5 * lexical, 3)


Path = list[tuple[tuple[int, ...], tuple[int, ...], float]]


def _length_ratio(a: list[Item], b: list[Item], pivots: list[tuple[int, int]]) -> float:
    """Target characters per source character, measured on the pivot pairs when there are
    enough of them (a page cut short or an extra paragraph on one side does not skew it),
    else on the whole documents, kept within the range seen between EU languages."""
    if len(pivots) >= MIN_PIVOTS:
        src_chars = sum(len(a[i].text) for i, _ in pivots)
        tgt_chars = sum(len(b[j].text) for _, j in pivots)
    else:
        src_chars = sum(len(x.text) for x in a)
        tgt_chars = sum(len(x.text) for x in b)
    ratio = tgt_chars / src_chars if src_chars and tgt_chars else 1.0
    return min(max(ratio, RATIO_RANGE[0]), RATIO_RANGE[1])


def _pivots(a: list[Item], b: list[Item], anc_a: list[frozenset[str]],
            anc_b: list[frozenset[str]]) -> list[tuple[int, int]]:
    """Sure pairs for measuring the length ratio: segments that are each other's clear best
    anchor match (mutual best, with a margin over the runner-up), in a monotone chain."""
    n, m = len(a), len(b)
    window = max(PIVOT_WINDOW, abs(n - m) + PIVOT_WINDOW)
    scores: dict[tuple[int, int], float] = {}
    for i in range(n):
        centre = i * m / n
        for j in range(max(0, int(centre - window)), min(m, int(centre + window) + 1)):
            sim = similarity(anc_a[i], anc_b[j]) or 0.0
            if sim > 0:
                scores[(i, j)] = sim
    rows: dict[int, list[tuple[float, int]]] = {}
    cols: dict[int, list[tuple[float, int]]] = {}
    for (i, j), sim in scores.items():
        rows.setdefault(i, []).append((sim, j))
        cols.setdefault(j, []).append((sim, i))
    candidates = []
    for i, row in rows.items():
        row.sort(reverse=True)
        sim, j = row[0]
        runner_up = row[1][0] if len(row) > 1 else 0.0
        col = sorted(cols[j], reverse=True)
        col_runner_up = col[1][0] if len(col) > 1 else 0.0
        if (col[0][1] == i and sim >= PIVOT_MIN_SIM and sim - max(runner_up, col_runner_up) >= PIVOT_MARGIN
                and _length_probability(len(a[i].text), len(b[j].text), 1.0) >= PIVOT_MIN_LENGTH_P):
            candidates.append((i, j, sim))
    return _monotone_chain(candidates)


def _monotone_chain(candidates: list[tuple[int, int, float]]) -> list[tuple[int, int]]:
    """The heaviest chain of pairs increasing in both i and j (weighted LIS, O(k^2))."""
    candidates.sort()
    weight = [c[2] for c in candidates]
    prev = [-1] * len(candidates)
    for k, (i, j, sim) in enumerate(candidates):
        for q in range(k):
            if candidates[q][0] < i and candidates[q][1] < j and weight[q] + sim > weight[k]:
                weight[k], prev[k] = weight[q] + sim, q
    if not candidates:
        return []
    k = max(range(len(candidates)), key=weight.__getitem__)
    chain = []
    while k != -1:
        chain.append(candidates[k][:2])
        k = prev[k]
    return chain[::-1]


def _best_path(a: list[Item], b: list[Item], anc_a: list[frozenset[str]], anc_b: list[frozenset[str]],
               ratio: float) -> Path:
    """The cheapest bead sequence (dynamic programming within a diagonal band)."""
    n, m = len(a), len(b)
    la = [len(x.text) for x in a]
    lb = [len(x.text) for x in b]

    def bead_cost(i: int, j: int, di: int, dj: int) -> tuple[float, float]:
        """Cost (lower is better) and length probability of the bead a[i-di:i], b[j-dj:j]."""
        prior = -math.log(PRIORS[(di, dj)])
        if di == 0 or dj == 0:
            length = la[i - 1] if di else lb[j - 1]
            return prior + SKIP_BASE + length / SKIP_CHARS, 0.0
        p_len = _length_probability(sum(la[i - di:i]) + di - 1, sum(lb[j - dj:j]) + dj - 1, ratio)
        cost = prior - math.log(p_len)
        sim = similarity(_union(anc_a, range(i - di, i)), _union(anc_b, range(j - dj, j)))
        if sim is not None:
            cost += LEXICAL_WEIGHT * (1.0 - 2 * sim)
        cost += ORPHAN_PENALTY * _orphans(anc_a[i - di:i], anc_b[j - dj:j])
        first_a, first_b = a[i - di], b[j - dj]
        if first_a.is_list_item != first_b.is_list_item:
            cost += SHAPE_PENALTY
        if di == dj == 1 and first_a.is_heading != first_b.is_heading:
            cost += SHAPE_PENALTY
        return cost, p_len

    inf = float("inf")
    best = [[inf] * (m + 1) for _ in range(n + 1)]
    back: list[list[tuple[int, int, float] | None]] = [[None] * (m + 1) for _ in range(n + 1)]
    best[0][0] = 0.0
    band = max(BAND, abs(n - m) + BAND)
    for i in range(n + 1):
        centre = i * m / n if n else 0
        for j in range(max(0, int(centre - band)), min(m, int(centre + band)) + 1):
            for di, dj in PRIORS:
                if di > i or dj > j or best[i - di][j - dj] == inf:
                    continue
                cost, p_len = bead_cost(i, j, di, dj)
                if best[i - di][j - dj] + cost < best[i][j]:
                    best[i][j] = best[i - di][j - dj] + cost
                    back[i][j] = (di, dj, p_len)
    path = []
    i, j = n, m
    while i or j:
        di, dj, p_len = back[i][j]
        path.append((tuple(range(i - di, i)), tuple(range(j - dj, j)), p_len))
        i, j = i - di, j - dj
    path.reverse()
    return path
