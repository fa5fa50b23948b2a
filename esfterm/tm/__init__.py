"""Translation memory: a SQLite store of multilingual units, a word index, CAT-style fuzzy search."""

from esfterm.tm.exchange import export_tm, import_files
from esfterm.tm.store import DEFAULT_TM_PATH, ImportStats, Match, TranslationMemory, default_tm_path

__all__ = ["TranslationMemory", "ImportStats", "Match", "default_tm_path", "DEFAULT_TM_PATH",
           "import_files", "export_tm"]
