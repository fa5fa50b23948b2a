"""Shared test helpers: where the repository and ../shared are."""

from __future__ import annotations

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
