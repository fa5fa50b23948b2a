"""Shared test helpers: where the repository and ../shared are."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """../shared beside the checkout (CI always has it; a user's fresh clone may not)."""
    if not SHARED.is_dir():
        pytest.skip("../shared (standards and interop samples) is not beside this checkout")
    return SHARED


@pytest.fixture
def repo() -> Path:
    return REPO


def run_msgfmt(path: Path, *, check: bool = True) -> subprocess.CompletedProcess:
    """gettext's msgfmt on a PO file (-c: also the header, plural forms and format checks)."""
    args = ["msgfmt", *(["-c"] if check else []), "-o", os.devnull, str(path)]
    return subprocess.run(args, capture_output=True, text=True, check=False)


@pytest.fixture
def msgfmt():
    """run_msgfmt, or a skip when gettext is not installed (.ci/run installs it)."""
    if shutil.which("msgfmt") is None:
        pytest.skip("gettext's msgfmt is not installed")
    return run_msgfmt
