"""Translation memory: a store of multilingual units (a SQLite file, or a PostgreSQL database given
as a postgresql:// URL), a word index, CAT-style fuzzy search,
concordance (esfterm.tm.concordance) and pre-translation of PO/XLIFF files (esfterm.tm.pretranslate).

    from esfterm.tm import TranslationMemory, default_tm_path
    with TranslationMemory(default_tm_path()) as tm:        # build/esf-tm.sqlite unless overridden
        tm.import_units(units, origin="local-partnerships")  # one transaction, duplicates merged
        for match in tm.search("Europeiska socialfonden stöder ...", "sv", "sl", min_score=75, limit=5):
            print(match.score, match.source, match.target, match.origin, match.changes)
        tm.delete_document("local-partnerships")                 # the index follows in place
"""

from esfterm.tm.exchange import export_tm, import_files
from esfterm.tm.store import DEFAULT_TM_PATH, ImportStats, Match, TranslationMemory, default_tm_path

__all__ = ["TranslationMemory", "ImportStats", "Match", "default_tm_path", "DEFAULT_TM_PATH",
           "import_files", "export_tm"]
