"""Shared fixtures: paths to the repository's data and to ../shared when it is there."""
from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SEEDS = ROOT / "seeds"


@pytest.fixture(scope="session")
def shared() -> Path:
    if not (SHARED / "tools" / "score.py").exists():
        pytest.skip("../shared (corpus and scorer) is not beside this checkout")
    return SHARED
