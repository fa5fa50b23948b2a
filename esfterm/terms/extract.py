"""Bilingual term candidates from aligned translations: a source term and its rendering,
located as a span inside each translation.

For every translation unit (a source sentence and its target):
1. the source's term-shaped spans are listed (esfterm.terms.phrases: multiword phrases that
   start and end with content words, acronyms, and the words before "(ACRONYM)");
2. each word pair gets a link strength (esfterm.terms.wordlinks: identical numbers, acronyms
   and names, cognates, and IBM Model 1 probabilities learnt from the whole memory on lemma
   keys), and the words left unlinked get links from their places between linked words
   (esfterm.terms.gaplinks);
3. each source span gets the target span that translates it best: the one whose words cover
   the source words and are covered by them (the harmonic mean of the two coverages), lowered
   when a source word is better linked outside the span or a target word is better linked to
   source words outside the source span. When both sides name the same acronym in
   parentheses, the expansion before it is located before the target's acronym.

Occurrences are grouped by the lemma keys of their words, so "Europeiska socialfonden" and
"Europeiska socialfondens" count together; each group keeps the target rendering found most
often. The score of a candidate (0..1 before the length factor) is

    score = dice * alignment * log2(1 + units) / log2(2) * (1 + 0.15 * (words - 1))

- dice: 2 * units with both / (units with the source + units whose translation has the
  target): how consistently this rendering accompanies this source term;
- alignment: the mean span quality (step 3) of the occurrences with that rendering;
- units: how many units hold the pair (repeated terms rank higher);
- words: content words of the source term (a longer, specific term beats its own parts).

Overlapping candidates compete: from the best score down, a candidate is kept only when at
least one of its occurrences is not inside a kept candidate's occurrence (so "sociala
rättigheter" inside "europeiska pelaren för sociala rättigheter" survives only when it also
occurs on its own). A single source word is kept only when it is an acronym or name, or when
its rendering has several content words (a compound such as "arbetsmarknad" -> "trg dela").
"""

from __future__ import annotations

import math
import re
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import Iterable

from esfterm.langs import primary
from esfterm.model import Unit
from esfterm.terms.gaplinks import gap_links
from esfterm.terms.termhood import is_general_word, specificity
from esfterm.terms.phrases import CONTENT_CLASSES, Span, acronym_expansions, is_content, term_spans, tokens_of, word_classes
from esfterm.terms.wordlinks import WordLinker
from esfterm.text.morphology import Token, compound_parts, is_acronym

MAX_SOURCE_WORDS = 5
#: A rendering may be longer than its source (sv compounds become sl/lt phrases).
EXTRA_TARGET_WORDS = 3
MAX_TARGET_WORDS = 9
#: A link at least this strong makes a target word a place the rendering may be found.
ANCHOR_LINK = 0.3
#: Spans located with a lower quality are not counted as renderings.
MIN_QUALITY = 0.35
_LEAK_MARGIN = 0.1
_LENGTH_BONUS = 0.1
#: What a free phrase keeps of its score (see _free_phrase).
_FREE_PHRASE = 0.5
_UNPAIRED = 0.5
#: Lost per neighbour of a target span that translates the source span and nothing else: a
#: rendering cut short ("kompetencijos" without its head "centras").
_CUT = 0.25
#: Lost in proportion to how far apart the two spans stand in their sentences (as fractions
#: of their lengths): translations keep roughly their order, so of two equally linked
#: renderings the one in the same place wins (IBM Model 2's diagonal preference).
_DIAGONAL = 0.25
#: An expansion located before the same acronym on both sides, or a name, is more than statistics.
_EVIDENCE_BONUS = {"expansion": 1.0, "name": 0.2}


@dataclass
class Context:
    """One unit where the pair occurs: both sentences, where, and the two spans' offsets."""

    source: str
    target: str
    ref: str
    source_span: tuple[int, int]
    target_span: tuple[int, int]


@dataclass
class Candidate:
    """A source term, its rendering, how sure the pair is, and where it was seen."""

    source: str
    target: str
    src_lang: str
    tgt_lang: str
    score: float
    frequency: int
    dice: float
    alignment: float
    source_units: int
    target_units: int
    source_forms: list[str] = field(default_factory=list)
    target_forms: list[str] = field(default_factory=list)
    contexts: list[Context] = field(default_factory=list)
    #: Why the pair is trusted beyond statistics: 'acronym', 'expansion', 'name', 'number'.
    evidence: list[str] = field(default_factory=list)
    #: Set by flag_known(): the concept the pair (or one side of it) already has in a termbase.
    concept_id: str | None = None
    #: 'both', 'source' or 'target': which side the termbase already lists, or None.
    known: str | None = None
    #: Where the pair was found, the lemma keys of the source and of the rendering, and the
    #: source's content words: what scoring and overlap handling work on.
    occurrences: list["_Occurrence"] = field(default_factory=list, repr=False, compare=False)
    key: tuple[str, ...] = field(default=(), repr=False, compare=False)
    target_key: tuple[str, ...] = field(default=(), repr=False, compare=False)
    words: int = field(default=1, repr=False, compare=False)
    #: How term-like the source is apart from the alignment (0..1): the specificity of its
    #: words against general language (esfterm.terms.termhood), lowered for a free phrase.
    termhood: float = 1.0


@dataclass
class _Occurrence:
    unit: int
    src: Span
    tgt: Span
    quality: float
    evidence: tuple[str, ...]


@dataclass
class _Unit:
    source: str
    target: str
    ref: str
    src_tokens: list[Token]
    tgt_tokens: list[Token]
    src_keys: list[str]
    tgt_keys: list[str]


def unit_pairs(units: Iterable[Unit], src: str, tgt: str) -> list[tuple[str, str, str]]:
    """(source text, target text, reference) for every unit that has both languages."""
    out = []
    for n, unit in enumerate(units, start=1):
        s, t = unit.text(src), unit.text(tgt)
        if s and t and s.strip() and t.strip():
            out.append((s, t, unit.id or unit.ref or f"unit {n}"))
    return out


def extract_terms(pairs: list[tuple[str, str, str]], src: str, tgt: str,
                  min_frequency: int = 1, limit: int | None = None) -> list[Candidate]:
    """Term candidates from (source, target, reference) sentence pairs, best first."""
    src, tgt = primary(src), primary(tgt)
    units = []
    for source, target, ref in pairs:
        st, tt = tokens_of(source, src), tokens_of(target, tgt)
        units.append(_Unit(source, target, ref, st, tt, [], []))
    linker = WordLinker([], src, tgt)
    for u in units:
        u.src_keys = linker.keys([t.text for t in u.src_tokens], src)
        u.tgt_keys = linker.keys([t.text for t in u.tgt_tokens], tgt)
    training = [(linker.training_sentence(linker.part_keys([t.text for t in u.src_tokens], src)),
                 linker.training_sentence(linker.part_keys([t.text for t in u.tgt_tokens], tgt))) for u in units]
    linker = WordLinker(training, src, tgt, linker.acronyms)
    found: dict[tuple[str, ...], list[_Occurrence]] = defaultdict(list)
    seen_in: dict[tuple[str, ...], set[int]] = defaultdict(set)
    seen_at: dict[tuple[str, ...], list[tuple[int, Span]]] = defaultdict(list)
    for n, u in enumerate(units):
        for occ in _locate(n, u, linker, src, tgt):
            key = tuple(u.src_keys[occ.src.start:occ.src.end])
            seen_in[key].add(n)
            seen_at[key].append((n, occ.src))
            if occ.quality >= MIN_QUALITY:
                found[key].append(occ)
    candidates = [c for key, occs in found.items()
                  if (c := _candidate(key, occs, seen_in[key], units, src, tgt)) is not None
                  and c.frequency >= min_frequency]
    _count_target_units(candidates, units)
    for c in candidates:
        c.dice = 2 * c.frequency / (c.source_units + c.target_units)
        c.score = _score(c)
    kept = _suppress_overlaps(candidates, seen_at)
    return kept[:limit] if limit else kept


def _locate(n: int, u: _Unit, linker: WordLinker, src: str, tgt: str) -> list[_Occurrence]:
    """The best target span of every term-shaped source span of one unit."""
    if not u.src_tokens or not u.tgt_tokens:
        return []
    links, parts = linker.links([t.text for t in u.src_tokens], [t.text for t in u.tgt_tokens])
    src_content = [c in CONTENT_CLASSES for c in word_classes(u.src_tokens, src)]
    tgt_content = [c in CONTENT_CLASSES for c in word_classes(u.tgt_tokens, tgt)]
    for i, row in enumerate(gap_links(links, src_content, tgt_content)):
        if any(row):
            links[i] = [max(a, b) for a, b in zip(links[i], row)]
            parts[i] = [[max(a, b) for a, b in zip(part, row)] for part in parts[i]]
    tgt_spans = term_spans(u.target, u.tgt_tokens, tgt, MAX_TARGET_WORDS, target=True)
    out = []
    expansions = _expansion_targets(u, links, src, tgt)
    for span in term_spans(u.source, u.src_tokens, src, MAX_SOURCE_WORDS):
        allowed = expansions.get(span)
        choices = allowed if allowed is not None else tgt_spans
        best = _best_target(span, choices, links, parts, src_content, tgt_content)
        if best is None:
            continue
        tspan, quality = best
        evidence = _evidence(u, span, tspan, allowed is not None)
        out.append(_Occurrence(n, span, tspan, quality, evidence))
    return out


def _expansion_targets(u: _Unit, links: list[list[float]], src: str, tgt: str) -> dict[Span, list[Span]]:
    """Source expansions "words (A)" mapped to the target's expansions of the same acronym."""
    src_exp = acronym_expansions(u.source, u.src_tokens, src, MAX_SOURCE_WORDS)
    if not src_exp:
        return {}
    tgt_exp = acronym_expansions(u.target, u.tgt_tokens, tgt, MAX_TARGET_WORDS)
    out: dict[Span, list[Span]] = {}
    for span, i in src_exp:
        same = [tspan for tspan, j in tgt_exp if links[i][j] >= 0.99]
        if same:
            out[span] = same
    return out


def _best_target(span: Span, choices: list[Span], links: list[list[float]], parts: list[list[list[float]]],
                 src_content: list[bool], tgt_content: list[bool]) -> tuple[Span, float] | None:
    """The target span that best translates `span`, with its quality (0..1).

    Quality is the harmonic mean of two coverages (how well the source words are linked
    inside the target span, and the target words to the source span), counting only words
    linked to something; it is lowered for each word better linked outside the spans, for each
    neighbour of the target span that translates the source span and is left out, with the
    distance between the spans' places in their sentences, and for
    each word (or compound part) linked to nothing on one side that has no such partner on
    the other: unknown words translate unknown words, so "rättigheter" pulls "pravic" in.
    """
    rows = [i for i in range(span.start, span.end) if src_content[i]]
    others = [i for i in range(len(links)) if not span.start <= i < span.end]
    width = len(links[0])
    col_in = [max(links[i][j] for i in rows) for j in range(width)]
    col_out = [max((links[i][j] for i in others), default=0.0) for j in range(width)]
    if not any(v >= ANCHOR_LINK for v in col_in):
        return None
    best: tuple[Span, float] | None = None
    longest = len(span) + EXTRA_TARGET_WORDS
    for tspan in choices:
        inside_t = range(tspan.start, tspan.end)
        if len(tspan) > longest or not any(col_in[j] >= ANCHOR_LINK for j in inside_t):
            continue
        cols = [j for j in inside_t if tgt_content[j]]
        inside = [max(links[i][j] for j in inside_t) for i in rows]
        outside = [max((links[i][j] for j in range(width) if j not in inside_t), default=0.0) for i in rows]
        linked_s = [v for v in inside if v >= ANCHOR_LINK]
        linked_t = [col_in[j] for j in cols if col_in[j] >= ANCHOR_LINK]
        if not linked_s or not linked_t:
            continue
        loose_s = sum(1 for i in rows for row in parts[i] if max(row[j] for j in inside_t) < ANCHOR_LINK)
        loose_t = sum(1 for j in cols if col_in[j] < ANCHOR_LINK and col_out[j] < ANCHOR_LINK)
        if len(rows) == 1 and loose_s > loose_t:
            continue  # a compound needs every part rendered inside the span, if only by an unknown word
        paired = min(loose_s, loose_t)
        cov_s = sum(linked_s) / max(1, len(rows) - paired)
        cov_t = sum(linked_t) / len(linked_t)
        leak_s = sum(o > v + _LEAK_MARGIN for o, v in zip(outside, inside)) / len(rows)
        leak_t = sum(col_out[j] > col_in[j] + _LEAK_MARGIN for j in cols) / len(cols)
        cut = sum(1 for j in (tspan.start - 1, tspan.end) if 0 <= j < width and tgt_content[j]
                  and col_in[j] >= ANCHOR_LINK and col_in[j] > col_out[j] + _LEAK_MARGIN)
        quality = min(1.0, 2 * cov_s * cov_t / (cov_s + cov_t) * (1 - leak_s) * (1 - leak_t)
                   / (1 + _UNPAIRED * abs(loose_s - loose_t))) * (1 - _CUT * cut) * (1 - _DIAGONAL * abs(
                       (span.start + span.end) / (2 * len(links)) - (tspan.start + tspan.end) / (2 * width)))
        if best is None or quality > best[1] + 1e-9:
            best = (tspan, quality)
    return best


def _evidence(u: _Unit, span: Span, tspan: Span, expansion: bool) -> tuple[str, ...]:
    words = [t.text for t in u.src_tokens[span.start:span.end]]
    tw = [t.text for t in u.tgt_tokens[tspan.start:tspan.end]]
    ev = []
    if expansion:
        ev.append("expansion")
    if len(words) == 1 and is_acronym(words[0]) and len(tw) == 1 and is_acronym(tw[0]):
        ev.append("acronym")
    if _is_name(u, span):
        ev.append("name")
    if any(ch.isdigit() for w in words for ch in w) and any(ch.isdigit() for w in tw for ch in w):
        ev.append("number")
    return tuple(ev)


def _is_name(u: _Unit, span: Span) -> bool:
    """Capitalised words after a lower-case word: a name ("European Competence Centre"), not
    a sentence or heading start."""
    words = [w.text for w in u.src_tokens[span.start:span.end]]
    if len(words) < 2 or not u.src_tokens[span.start - 1].text[:1].islower() or is_acronym(words[0]):
        return False
    return words[0][:1].isupper() and all(w[:1].isupper() for w in words if len(w) > 3)


#: A plus sign set off by a space ends the name before it ("ESS socialne inovacije +").
_LOOSE_PLUS = re.compile(r"[ \u00a0]?\+(?!\w)")


def _offsets(text: str, tokens: list[Token], span: Span) -> tuple[int, int]:
    """Character offsets of a span, with a loose "+" after its last word."""
    end = tokens[span.end - 1].end
    plus = _LOOSE_PLUS.match(text, end)
    return tokens[span.start].start, plus.end() if plus and not text[end - 1:end] == "+" else end


def _surface(text: str, tokens: list[Token], span: Span) -> str:
    start, end = _offsets(text, tokens, span)
    return text[start:end]


def _candidate(key: tuple[str, ...], occs: list[_Occurrence], seen: set[int], units: list[_Unit],
               src: str, tgt: str) -> Candidate | None:
    by_target: dict[tuple[str, ...], list[_Occurrence]] = defaultdict(list)
    for occ in occs:
        u = units[occ.unit]
        by_target[tuple(u.tgt_keys[occ.tgt.start:occ.tgt.end])].append(occ)
    chosen = max(by_target.values(), key=lambda group: (len({o.unit for o in group}),
                                                        sum(o.quality for o in group)))
    first = units[chosen[0].unit]
    src_words = chosen[0].src
    tgt_content = sum(is_content(t, tgt) for t in first.tgt_tokens[chosen[0].tgt.start:chosen[0].tgt.end])
    single = len(src_words) == 1
    evidence = sorted(set.intersection(*(set(o.evidence) for o in chosen)))
    src_tokens = first.src_tokens[src_words.start:src_words.end]
    plain = [t.text for t in src_tokens if is_content(t, src) and not is_acronym(t.text)
             and not any(ch.isdigit() for ch in t.text)]
    if single and not (set(evidence) & {"acronym", "name", "expansion"}) and (
            not plain or is_general_word(plain[0], src)):
        return None
    src_forms = Counter(_surface(units[o.unit].source, units[o.unit].src_tokens, o.src) for o in chosen)
    tgt_forms = Counter(_surface(units[o.unit].target, units[o.unit].tgt_tokens, o.tgt) for o in chosen)
    contexts = []
    for o in sorted(chosen, key=lambda o: -o.quality):
        u = units[o.unit]
        if any(c.ref == u.ref for c in contexts):
            continue
        contexts.append(Context(u.source, u.target, u.ref,
                                _offsets(u.source, u.src_tokens, o.src), _offsets(u.target, u.tgt_tokens, o.tgt)))
        if len(contexts) == 2:
            break
    cand = Candidate(
        source=src_forms.most_common(1)[0][0], target=tgt_forms.most_common(1)[0][0],
        src_lang=src, tgt_lang=tgt, score=0.0, frequency=len({o.unit for o in chosen}), dice=0.0,
        alignment=sum(o.quality for o in chosen) / len(chosen), source_units=len(seen), target_units=0,
        source_forms=[f for f, _ in src_forms.most_common()], target_forms=[f for f, _ in tgt_forms.most_common()],
        contexts=contexts, evidence=evidence, occurrences=chosen, key=key,
        target_key=tuple(first.tgt_keys[chosen[0].tgt.start:chosen[0].tgt.end]),
        words=sum(is_content(t, src) for t in src_tokens),
        termhood=specificity(plain, src) * (_FREE_PHRASE if _free_phrase(chosen, units, src) else 1.0))
    return cand


def _free_phrase(occs: list[_Occurrence], units: list[_Unit], src: str) -> bool:
    """A source phrase held together by a preposition ("tjänster i gränsregioner"), seen in
    one unit and not standing alone there (as a heading or list item does): a noun with its
    modifier more often than a term, which recurs ("europeiska pelaren för sociala rättigheter")."""
    if len({o.unit for o in occs}) > 1:
        return False
    o = occs[0]
    u = units[o.unit]
    classes = word_classes(u.src_tokens, src)
    if not any(classes[k] == "inner" for k in range(o.src.start, o.src.end)):
        return False
    return any(classes[k] in CONTENT_CLASSES for k in range(len(classes)) if not o.src.start <= k < o.src.end)


def _count_target_units(candidates: list[Candidate], units: list[_Unit]) -> None:
    """How many units' translations hold each candidate's target key sequence anywhere."""
    wanted: dict[int, dict[tuple[str, ...], list[Candidate]]] = defaultdict(lambda: defaultdict(list))
    for c in candidates:
        key = c.target_key
        wanted[len(key)][key].append(c)
    for u in units:
        keys = u.tgt_keys
        for size, table in wanted.items():
            present = {tuple(keys[i:i + size]) for i in range(len(keys) - size + 1)} & table.keys()
            for key in present:
                for c in table[key]:
                    c.target_units += 1
    for c in candidates:
        c.target_units = max(c.target_units, c.frequency)


def _score(c: Candidate) -> float:
    words = c.words
    trust = 1 + sum(_EVIDENCE_BONUS.get(e, 0.0) for e in c.evidence)
    return (c.dice * c.alignment * math.log2(1 + c.frequency) * (1 + _LENGTH_BONUS * max(0, words - 1)) * trust
            * c.termhood)


def _suppress_overlaps(candidates: list[Candidate],
                       seen_at: dict[tuple[str, ...], list[tuple[int, Span]]]) -> list[Candidate]:
    """Best first, a candidate is kept when one of its occurrences neither crosses a kept
    occurrence nor lies inside one (holding a kept term is fine: "europeiska pelaren för
    sociala rättigheter" may hold "sociala rättigheter"); afterwards a kept candidate whose
    source never occurs outside a longer kept one (wherever the source stands, whatever its
    rendering there) is dropped as a fragment of it: "innovation" of "social innovation"."""
    taken: dict[int, list[Span]] = defaultdict(list)
    kept = []
    for c in sorted(candidates, key=lambda c: (-c.score, -c.frequency, c.source)):
        occs = c.occurrences
        if not any(all(_compatible(o.src, s) for s in taken[o.unit]) for o in occs):
            continue
        for o in occs:
            taken[o.unit].append(o.src)
        kept.append(c)
    spans: dict[int, list[Span]] = defaultdict(list)
    for c in kept:
        for n, span in seen_at[c.key]:
            spans[n].append(span)
    return [c for c in kept if not all(any(s != span and s.contains(span) for s in spans[n])
                                       for n, span in seen_at[c.key])]


def _compatible(new: Span, kept: Span) -> bool:
    """A new span may sit beside a kept one or hold it, but not cross it or lie inside it."""
    return new.end <= kept.start or kept.end <= new.start or (new.contains(kept) and new != kept)
