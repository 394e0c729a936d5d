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


@pytest.fixture()
def library(tmp_path: Path) -> Path:
    """A library of editions (tests/quotekit.py): the Analects paged, the Mencius not."""
    from tests.quotekit import make_library

    return make_library(tmp_path)


@pytest.fixture(autouse=True)
def _no_user_configuration(tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch) -> None:
    """The developer's own ~/.config/citeguard/citeguard.toml must not steer the tests, nor the
    user's cache (a lookup cached by an earlier run is no request to the test's server: a test that
    counts requests failed when two runs came minutes apart); subprocesses inherit the variables."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path_factory.mktemp("user-config")))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path_factory.mktemp("user-cache")))
