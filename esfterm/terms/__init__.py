"""Finding terms: the term index and `lookup` (any form, any language -> concepts)."""

from esfterm.terms.index import TermIndex, normal_form
from esfterm.terms.lookup import MATCH_KINDS, Hit, default_termbase_path, guess_query_lang, load_index, lookup

__all__ = ["TermIndex", "Hit", "lookup", "load_index", "guess_query_lang", "default_termbase_path",
           "normal_form", "MATCH_KINDS"]
