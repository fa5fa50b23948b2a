"""What the TBX-Basic dialect allows, so imports can report data categories it does not know.

Lists the data categories (element kind, type) of TBX-Basic (DCA, v1.1 integrated schema);
anything else a foreign file brings (IATE reliability codes, v2 relatedConcept, ...) is kept
by the reader but makes a TBX-Basic file invalid, so callers report or drop it.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree

from esfterm.model import Extra, Termbase
from esfterm.xmlsafe import parse_xml_bytes

BASIC_CATEGORIES = frozenset({
    ("admin", "customerSubset"), ("admin", "projectSubset"), ("admin", "source"),
    ("descrip", "context"), ("descrip", "definition"), ("descrip", "subjectField"),
    ("ref", "crossReference"), ("transacGrp", None), ("xref", "externalCrossReference"),
    ("xref", "xGraphic"), ("termNote", "geographicalUsage"), ("termNote", "termLocation"),
    ("termNote", "administrativeStatus"), ("termNote", "grammaticalGender"),
    ("termNote", "partOfSpeech"), ("termNote", "termType"), ("note", None),
})
_GROUPS = ("descripGrp", "adminGrp", "termNoteGrp")


def _holders(termbase: Termbase):
    for concept in termbase.concepts:
        yield concept
        for sec in concept.languages:
            yield sec
            yield from sec.terms


def non_basic_categories(termbase: Termbase) -> Counter:
    """Count, per 'kind/type' label, the kept data categories that TBX-Basic does not allow.

    Groups (descripGrp, adminGrp) count by what they hold; grammaticalNumber, which the model
    has a field for but TBX-Basic lacks, counts too.
    """
    found: Counter = Counter()
    for holder in _holders(termbase):
        for item in holder.extra:
            for label in _labels(item):
                found[label] += 1
        if getattr(holder, "grammatical_number", None) is not None:
            found["termNote/grammaticalNumber"] += 1
    return found


def _labels(item: Extra) -> list[str]:
    """[] when TBX-Basic allows the kept element, else its 'kind/type' label."""
    kind, dtype = item.kind, item.type
    if kind in _GROUPS:
        el = parse_xml_bytes(item.xml.encode("utf-8"), source=f"<kept {kind}>")
        first = next((c for c in el if isinstance(c.tag, str)), None)
        if first is None:
            return [kind]
        kind, dtype = etree.QName(first).localname, first.get("type")
    if (kind, dtype) in BASIC_CATEGORIES:
        return []
    return [f"{kind}/{dtype}" if dtype else kind]


def drop_non_basic(termbase: Termbase) -> int:
    """Remove kept data categories TBX-Basic does not allow (and grammaticalNumber); returns how many."""
    dropped = 0
    for holder in _holders(termbase):
        keep = [item for item in holder.extra if not _labels(item)]
        dropped += len(holder.extra) - len(keep)
        holder.extra = keep
        if getattr(holder, "grammatical_number", None) is not None:
            holder.grammatical_number = None
            dropped += 1
    return dropped
