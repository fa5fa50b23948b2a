"""Links between the words that nothing else links, from where they stand between words that
are linked.

On a small memory most words occur once, and IBM Model 1 cannot tell which of a unit's unseen
target words translates which unseen source word. Their places can: between two linked
words ("... folkhälsa och minskad fattigdom och diskriminering" and "... zdravja ali ...
revščina ali diskriminacija"), or between one and the end of the sentence, the unlinked
content words of both sides translate each other in about the same order. So the linked
words that each side's best partner confirms (strong, one to one, in the same order) cut both
sentences into gaps, and inside a gap each unlinked source word links to the unlinked target
words at its relative place: fully when the gap has as many words on both sides, half to each
of two when a compound is rendered by two words ("affärsrepresentanter" -> "predstavniki
podjetij"). A gap whose two sides differ by more than a word is a paraphrase and gets none.
"""

from __future__ import annotations

#: A link at least this strong, and the best of both its words, is a fixed point of the order.
ANCHOR = 0.6
#: Below this a word counts as linked to nothing (esfterm.terms.extract.ANCHOR_LINK).
UNLINKED = 0.3
#: The strength of a positional link at the exact place.
GAP_LINK = 0.6
#: Places say little when one side of a gap has more than this many words more than the
#: other (a paraphrase, not a word-for-word rendering).
MAX_GAP_DIFFERENCE = 1


def _anchors(links: list[list[float]], src_content: list[bool], tgt_content: list[bool]) -> list[tuple[int, int]]:
    """(i, j) word pairs that are each other's best link, strong, kept in increasing order."""
    if not links or not links[0]:
        return []
    width = len(links[0])
    col_best = [max(range(len(links)), key=lambda i: links[i][j]) for j in range(width)]
    chain: list[tuple[int, int]] = []
    for i, row in enumerate(links):
        j = max(range(width), key=lambda k: row[k])
        if src_content[i] and tgt_content[j] and row[j] >= ANCHOR and col_best[j] == i \
                and (not chain or j > chain[-1][1]):
            chain.append((i, j))
    return chain


def gap_links(links: list[list[float]], src_content: list[bool], tgt_content: list[bool]) -> list[list[float]]:
    """Positional links (same shape as links) for the content words that no link reaches."""
    rows, width = len(links), len(links[0]) if links else 0
    out = [[0.0] * width for _ in range(rows)]
    if not rows or not width:
        return out
    loose_s = [src_content[i] and max(links[i]) < UNLINKED for i in range(rows)]
    loose_t = [tgt_content[j] and max(links[i][j] for i in range(rows)) < UNLINKED for j in range(width)]
    fixed = [(-1, -1)] + _anchors(links, src_content, tgt_content) + [(rows, width)]
    for (i0, j0), (i1, j1) in zip(fixed, fixed[1:]):
        gap_s = [i for i in range(i0 + 1, i1) if src_content[i]]
        gap_t = [j for j in range(j0 + 1, j1) if tgt_content[j]]
        if not gap_s or not gap_t or abs(len(gap_s) - len(gap_t)) > MAX_GAP_DIFFERENCE:
            continue
        for a, i in enumerate(gap_s):
            if not loose_s[i]:
                continue
            place = (a + 0.5) / len(gap_s)
            for b, j in enumerate(gap_t):
                if loose_t[j]:
                    closeness = 1 - abs(place - (b + 0.5) / len(gap_t)) * len(gap_t)
                    out[i][j] = max(0.0, GAP_LINK * closeness)
    return out
