"""Run every enabled check over segment pairs and collect findings.

    findings = check_segments(read_segments(["new.po"], "sv", "sl"), termbase)

Term checks are built once per language pair (one index, then one pass per segment);
consistency checks look across all pairs of all files; tm-mismatch asks the TM for exact
matches only.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from operator import itemgetter
from typing import Callable, Iterable, Sequence

from esfterm.errors import InputError
from esfterm.langs import primary
from esfterm.model.concepts import Termbase
from esfterm.qa import mechanical
from esfterm.text import placeholders
from esfterm.qa.chunks import ChunkReader, Side
from esfterm.qa.consistency import NORMALISATIONS, consistency_flags
from esfterm.qa.findings import CHECKS, SEVERITIES, Finding, squash
from esfterm.qa.names import source_names
from esfterm.qa.segments import Segment
from esfterm.qa.termcheck import TermChecker, TermProblem
from esfterm.terms.occurrence import token_spans

#: Exact TM lookup: (source text, src lang, tgt lang) -> the TM's target texts for that source.
ExactLookup = Callable[[str, str, str], list[str]]


@dataclass
class CheckConfig:
    """Which checks run, at what severity, and how consistency compares segments."""

    disabled: frozenset[str] = frozenset()
    severities: dict[str, str] = field(default_factory=dict)
    consistency: str = "loose"

    def __post_init__(self) -> None:
        unknown = sorted((set(self.disabled) | set(self.severities)) - set(CHECKS))
        if unknown:
            raise InputError(f"unknown check id: {', '.join(unknown)}",
                             hint="known checks: " + ", ".join(CHECKS))
        bad = sorted(s for s in self.severities.values() if s not in SEVERITIES)
        if bad:
            raise InputError(f"unknown severity: {', '.join(bad)}", hint="use " + ", ".join(SEVERITIES))
        if self.consistency not in NORMALISATIONS:
            raise InputError(f"unknown consistency mode {self.consistency!r}",
                             hint="use " + ", ".join(NORMALISATIONS))

    def enabled(self, check: str) -> bool:
        return check not in self.disabled

    def severity(self, check: str) -> str:
        return self.severities.get(check, CHECKS[check].severity)


@dataclass(frozen=True)
class Leeway:
    """What the target of a pair may lack or add: a plural form for n=1 translates msgid but may
    leave out the count placeholder and write the number 1, and may use msgid_plural's
    placeholders ("an hour ago" / "%(count)s hours ago")."""

    omit_codes: Counter
    add_codes: Counter
    omit_numbers: frozenset[str]
    add_numbers: frozenset[str]


_NO_LEEWAY = Leeway(Counter(), Counter(), frozenset(), frozenset())


def leeway(seg: Segment) -> Leeway:
    form = seg.plural
    if form is None or form.number is None:
        return _NO_LEEWAY
    counted = placeholders.count_placeholders(form.plural, seg.flags)
    plural_codes = placeholders.counts(form.plural, seg.flags)
    return Leeway(Counter({c: 1 for c in counted}), plural_codes - placeholders.counts(form.singular, seg.flags),
                  frozenset({str(form.number)}), frozenset({str(form.number)}))


#: The names a language's sources use in a run (see esfterm.qa.names), asked for only by
#: same-as-source and only for a target identical to its source.
NamesOf = Callable[[str], frozenset[str]]


def _numbers(s: Segment, names_of: NamesOf) -> object:
    room = leeway(s)
    return mechanical.number_mismatch(s.source, s.target, s.flags, room.omit_numbers, room.add_numbers)


def _tags(s: Segment, names_of: NamesOf) -> object:
    room = leeway(s)
    return mechanical.tag_mismatch(s.source, s.target, s.source_markup, s.target_markup, s.flags,
                                   room.omit_codes, room.add_codes)


def _copied(s: Segment, names_of: NamesOf) -> object:
    if s.source.strip() != (s.target or "").strip():
        return None
    return mechanical.same_as_source(s.source, s.target, s.src, s.tgt, s.flags, names_of(s.src))


#: The mechanical checks, in report order, each on a segment with a target; the flag says
#: the check can only find something in a text with a digit, a placeholder or inline markup.
_MECHANICAL: tuple[tuple[str, Callable[[Segment, NamesOf], object], bool], ...] = (
    ("number-mismatch", _numbers, True),
    ("same-as-source", _copied, False),
    ("tag-mismatch", _tags, True),
    ("double-space", lambda s, names_of: mechanical.double_space(s.source, s.target), False),
)


def _spans(text: str, words: list[tuple[int, int]]) -> list[tuple[int, int]]:
    if not words:
        return []
    spans = token_spans(text, max(b for _, b in words))
    return [(spans[a][0], spans[b - 1][1]) for a, b in words]


class Runner:
    """Holds the per-language-pair term checkers so they are built once per run."""

    def __init__(self, termbase: Termbase | None, config: CheckConfig | None = None,
                 tm_lookup: ExactLookup | None = None) -> None:
        self.termbase = termbase
        self.config = config or CheckConfig()
        self._by_primary: dict[tuple[str, str], TermChecker] = {}
        self._pairs: dict[tuple[str, str], tuple[TermChecker | None, ChunkReader, ChunkReader]] = {}
        self._mechanical = [(c, t, m) for c, t, m in _MECHANICAL if self.config.enabled(c)]
        self._term_checks = termbase is not None and (
            self.config.enabled("term-missing") or self.config.enabled("term-forbidden"))
        self._tm_lookup = tm_lookup if self.config.enabled("tm-mismatch") else None
        self._consistency = [c for c in ("inconsistent-target", "inconsistent-source") if self.config.enabled(c)]
        #: The pairs of the current run, and per source language the names their sources use
        #: (worked out when first needed: see names_of).
        self._run: Sequence[Segment] = ()
        self._names: dict[str, frozenset[str]] = {}

    def names_of(self, lang: str) -> frozenset[str]:
        """The names the run's sources in `lang` use (esfterm.qa.names), read once per run."""
        found = self._names.get(lang)
        if found is None:
            found = self._names[lang] = source_names(seg.source for seg in self._run if seg.src == lang)
        return found

    def checker(self, src: str, tgt: str) -> TermChecker:
        """The term checker of a language pair (tags as the files give them: 'sv', 'sv-SE')."""
        pair = (primary(src), primary(tgt))
        found = self._by_primary.get(pair)
        if found is None:
            found = self._by_primary[pair] = TermChecker(self.termbase, *pair)
        return found

    def finding(self, seg: Segment, check: str, message: str, source_spans=(), target_spans=(),
                **term: object) -> Finding:
        return Finding(check, self.config.severity(check), message, seg.file, seg.unit,
                       seg.source, seg.target or "", list(source_spans), list(target_spans),
                       ref=seg.ref, line=seg.line, src=seg.src, tgt=seg.tgt, **term)

    def _pair(self, seg: Segment) -> tuple[TermChecker | None, ChunkReader, ChunkReader]:
        """The term checker (None without term checks) and the source and target readers of
        a segment's language pair, built once per pair."""
        found = self._pairs.get((seg.src, seg.tgt))
        if found is None:
            checker = self.checker(seg.src, seg.tgt) if self._term_checks else None
            mode = self.config.consistency if self._consistency else None
            found = self._pairs[(seg.src, seg.tgt)] = (
                checker, ChunkReader(checker.source_index if checker else None, mode, source=True),
                ChunkReader(checker.target_index if checker else None, mode))
        return found

    def _segment(self, seg: Segment, checker: TermChecker | None, source: Side, target: Side) -> list[Finding]:
        """Findings of the per-segment checks (not the consistency checks) of a segment whose
        two texts are already read (each text is split and looked up once)."""
        cfg = self.config
        out: list[Finding] = []
        if not target.chunks:
            gap = (seg.gap, [], []) if seg.gap else mechanical.untranslated(seg.source, seg.target)
            if gap:
                if cfg.enabled("untranslated"):
                    out.append(self.finding(seg, "untranslated", *gap))
                return out
        if checker is not None:
            for problem in checker.check_chunks(source.chunks, target.chunks, source.codes, target.codes):
                if cfg.enabled(problem.check):
                    out.append(self._term_finding(seg, problem))
        if self._mechanical:
            marked = bool(source.marked or target.marked or seg.source_markup or seg.target_markup)
            for check, test, needs_mark in self._mechanical:
                if marked or not needs_mark:
                    hit = test(seg, self.names_of)
                    if hit:
                        out.append(self.finding(seg, check, *hit))
        if self._tm_lookup is not None:
            out.extend(self._tm(seg))
        return out

    def _term_finding(self, seg: Segment, p: TermProblem) -> Finding:
        expected = ", ".join(f"“{e}”" for e in p.expected) or "no approved term"
        if p.check == "term-missing":
            message = f"source has “{p.term}” ({p.concept}); target has none of {expected}"
        else:
            message = f"“{p.term}” is {p.status} in {seg.tgt} ({p.concept}); use {expected}"
        return self.finding(seg, p.check, message, _spans(seg.source, p.source_words),
                            _spans(seg.target or "", p.target_words),
                            concept=p.concept, term=p.term, expected=list(p.expected))

    def _tm(self, seg: Segment) -> list[Finding]:
        targets = self._tm_lookup(seg.source, seg.src, seg.tgt)
        if not targets:
            return []
        mine = squash(seg.target or "")
        if any(squash(t) == mine for t in targets):
            return []
        shown = "; ".join(f"“{t}”" for t in targets[:3])
        return [self.finding(seg, "tm-mismatch", f"the TM translates this source as {shown}",
                             target_spans=[(0, len(seg.target or ""))])]

    def _inconsistent(self, segments: Sequence[Segment], indices: list[int], sources: list[str],
                      targets: list[str]) -> list[tuple[int, Finding]]:
        """Consistency findings, each with the index of its segment; `indices` are the pairs
        with a target, `sources` and `targets` their normalised texts (see consistency)."""
        paired = [segments[i] for i in indices]
        out = []
        for flag in consistency_flags(paired, sources, targets, self._consistency):
            seg, ref = paired[flag.index], paired[flag.other]
            if flag.check == "inconsistent-target":
                message = (f"{flag.variants} different renderings; elsewhere translated as "
                           f"“{ref.target}” ({ref.file}, {ref.ref})")
                if flag.also is not None:
                    also = paired[flag.also]
                    message += f"; “{seg.target}” also translates “{also.source}” ({also.file}, {also.ref})"
                finding = self.finding(seg, flag.check, message, target_spans=[(0, len(seg.target or ""))])
            else:
                finding = self.finding(seg, flag.check, f"{flag.variants} different sources; “{seg.target}” also "
                                                        f"translates “{ref.source}” ({ref.file}, {ref.ref})",
                                       source_spans=[(0, len(seg.source))])
            out.append((indices[flag.index], finding))
        return out

    def run(self, segments: Iterable[Segment]) -> list[Finding]:
        """All findings for the pairs, in input order (per-segment checks, then consistency).

        Each text is read once (see chunks): the term checks, the mechanical checks and the
        consistency forms share that reading.
        """
        segments = list(segments)
        self._run, self._names = segments, {}
        found: list[tuple[int, Finding]] = []
        indices: list[int] = []
        sources: list[str] = []
        targets: list[str] = []
        for i, seg in enumerate(segments):
            checker, src_reader, tgt_reader = self._pair(seg)
            source, target = src_reader.read(seg.source), tgt_reader.read(seg.target)
            for f in self._segment(seg, checker, source, target):
                found.append((i, f))
            if self._consistency and target.chunks:
                indices.append(i)
                sources.append(source.form)
                targets.append(target.form)
        if self._consistency:
            found += self._inconsistent(segments, indices, sources, targets)
        found.sort(key=itemgetter(0))
        return [f for _, f in found]


def check_segments(segments: Iterable[Segment], termbase: Termbase | None = None, *,
                   config: CheckConfig | None = None, tm_lookup: ExactLookup | None = None) -> list[Finding]:
    """All findings for the pairs, in input order (per-segment checks, then consistency)."""
    return Runner(termbase, config, tm_lookup).run(segments)

