"""Segmentation boundary F1 and alignment link F1 against the hand-made gold in tests/gold/.

Pairs are labelled 'dev' (the seed pairs the aligner was developed on) or 'heldout' (pages it
was not developed on). A robustness run also deletes random target segments from the dev pairs
(as truncated or partly translated pages do) and scores the aligner on the changed gold.

    python benchmarks/eval_align.py
"""

from __future__ import annotations

import json
import random
import sys
from pathlib import Path

from esfterm.align import align
from esfterm.align.evaluate import boundaries, links
from esfterm.scoring import prf
from esfterm.align.termanchors import ConceptAnchors
from esfterm.formats.tbx import read_tbx
from esfterm.text.segment import segment

GOLD = Path(__file__).resolve().parents[1] / "tests" / "gold"
ROOT = GOLD.parents[1]


def evaluate_segmentation() -> float:
    print("segmentation (boundary F1 on raw pages)")
    all_pred, all_gold, offset = set(), set(), 0
    for path in sorted((GOLD / "segment").glob("*.txt")):  # pages: gold reviewed line by line
        lang = path.name.split(".")[-2]
        gold = [l for l in path.read_text(encoding="utf-8").splitlines() if l.strip()]
        text = (ROOT / "corpora" / "esf" / path.name).read_text(encoding="utf-8")
        pred = segment(text, lang)
        score = prf(boundaries(pred), boundaries(gold))
        print(f"  {path.name:58} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f} ({score.gold} gold)")
        all_pred |= {offset + b for b in boundaries(pred)}
        all_gold |= {offset + b for b in boundaries(gold)}
        offset += 10_000_000
    tricky_pred, tricky_gold = set(), set()
    rows = [l.split("\t") for l in (GOLD / "segment" / "tricky.tsv").read_text(encoding="utf-8").splitlines()
            if l.strip() and not l.startswith("#")][1:]
    for n, (lang, text, expected) in enumerate(rows):
        gold = expected.split(" || ")
        pred = segment(text, lang)
        tricky_pred |= {(n, b) for b in boundaries(pred)}
        tricky_gold |= {(n, b) for b in boundaries(gold)}
        if pred != gold:
            print(f"  tricky miss [{lang}] {pred}")
    tricky = prf(tricky_pred, tricky_gold)
    print(f"  {'tricky.tsv (hand-written hard cases)':58} P={tricky.precision:.3f} R={tricky.recall:.3f} F1={tricky.f1:.3f}")
    all_pred |= {(offset, *b) for b in tricky_pred}
    all_gold |= {(offset, *b) for b in tricky_gold}
    total = prf(all_pred, all_gold)
    print(f"  ALL boundary F1={total.f1:.4f} (P={total.precision:.4f} R={total.recall:.4f})")
    return total.f1


CONCEPTS = None


def _score(gold: dict, src: list[str], tgt: list[str], beads: list) -> tuple[set, set, set]:
    """Predicted links, those that reach the TMX (weak beads left out), and the gold links."""
    pred = align(src, tgt, gold["src_lang"], gold["tgt_lang"], concepts=CONCEPTS)
    return (links((b.src, b.tgt) for b in pred), links((b.src, b.tgt) for b in pred if not b.weak),
            links(beads))


def evaluate_alignment() -> dict[str, float]:
    print("alignment (link F1 on gold segments)")
    totals: dict[str, tuple[set, set]] = {}
    for n, path in enumerate(sorted((GOLD / "align").glob("*.json"))):
        gold = json.loads(path.read_text(encoding="utf-8"))
        pred, kept, ref = _score(gold, gold["src"], gold["tgt"], gold["beads"])
        score = prf(pred, ref)
        print(f"  {gold['split']:8} {path.stem:52} P={score.precision:.3f} R={score.recall:.3f} F1={score.f1:.3f}")
        acc = totals.setdefault(gold["split"], (set(), set()))
        acc[0].update((n, *x) for x in pred)
        acc[1].update((n, *x) for x in ref)
        acc = totals.setdefault(gold["split"] + " (TMX: weak beads left out)", (set(), set()))
        acc[0].update((n, *x) for x in kept)
        acc[1].update((n, *x) for x in ref)
    result = {}
    for split, (pred, ref) in sorted(totals.items()):
        score = prf(pred, ref)
        result[split] = score.f1
        print(f"  {split.upper()} link F1={score.f1:.4f} (P={score.precision:.4f} R={score.recall:.4f})")
    return {k: v for k, v in result.items() if "TMX" not in k}


def evaluate_robustness(trials: int = 20, seed: int = 7) -> float:
    """Delete 1-3 random target segments of dev pairs; gold beads lose those links."""
    print("robustness (dev pairs with random target segments deleted)")
    rng = random.Random(seed)
    pred_all, ref_all = set(), set()
    for path in sorted((GOLD / "align").glob("*.json")):
        gold = json.loads(path.read_text(encoding="utf-8"))
        if gold["split"] != "dev":
            continue
        for trial in range(trials):
            drop = set(rng.sample(range(len(gold["tgt"])), rng.randint(1, 3)))
            keep = [j for j in range(len(gold["tgt"])) if j not in drop]
            renumber = {old: new for new, old in enumerate(keep)}
            beads = [(src, [renumber[j] for j in tgt if j in renumber]) for src, tgt in gold["beads"]]
            pred, _, ref = _score(gold, gold["src"], [gold["tgt"][j] for j in keep], beads)
            key = (path.stem, trial)
            pred_all.update((key, *x) for x in pred)
            ref_all.update((key, *x) for x in ref)
    score = prf(pred_all, ref_all)
    print(f"  ROBUSTNESS link F1={score.f1:.4f} (P={score.precision:.4f} R={score.recall:.4f})")
    return score.f1


if __name__ == "__main__":
    seg = evaluate_segmentation()
    print("\n== lexical anchors only (numbers, acronyms, cognates)")
    ali = evaluate_alignment()
    evaluate_robustness()
    print("\n== plus termbase concepts as anchors (what esfterm build does)")
    CONCEPTS = ConceptAnchors(read_tbx(ROOT / "termbase" / "esf.tbx"))
    ali_tb = evaluate_alignment()
    evaluate_robustness()
    ok = seg >= 0.97 and all(f >= 0.95 for f in [*ali.values(), *ali_tb.values()])
    sys.exit(0 if ok else 1)
