"""The one model every format reads and writes: multilingual units and concepts."""

from esfterm.model.concepts import STATUSES, TERM_TYPES, Concept, Extra, LangSection, Sourced, Term, Termbase
from esfterm.model.units import Note, Prop, Unit, Variant

__all__ = ["Unit", "Variant", "Note", "Prop", "Concept", "Term", "Termbase", "LangSection", "Sourced", "Extra",
           "STATUSES", "TERM_TYPES"]
