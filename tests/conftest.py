"""Shared fixtures: paths of the bundled manuscripts."""

from __future__ import annotations

from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAPER = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt"
REAL = sorted((ROOT / "corpus" / "real").glob("*.md"))


@pytest.fixture(scope="session")
def paper_path() -> Path:
    return PAPER
