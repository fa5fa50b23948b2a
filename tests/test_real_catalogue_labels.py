"""The labelled sample of benchmarks/eval_real_catalogues.py: every label is tp or fp, with a
reason, and names a real catalogue of the language it claims."""

from __future__ import annotations

import csv
import re
from pathlib import Path

from esfterm.qa import CHECKS

LABELS = Path(__file__).parent / "data" / "real_catalogue_labels.tsv"


def test_every_label_is_judged_with_a_reason_for_a_known_check_and_language():
    with LABELS.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE, escapechar="\\"))
    assert len(rows) >= 50
    keys = set()
    for row in rows:
        assert row["label"] in ("tp", "fp") and row["reason"].strip(), row
        assert row["check"] in CHECKS, row
        assert re.search(rf"/locale/{row['lang']}/LC_MESSAGES/[^/]+\.po$", row["file"]), row
        key = (row["project"], row["file"], row["unit"], row["ref"], row["check"])
        assert key not in keys, row
        keys.add(key)
    labelled = {row["check"] for row in rows if row["check"] != "untranslated"}
    assert {"inconsistent-target", "inconsistent-source", "double-space", "same-as-source"} <= labelled
