"""The super-linear text cases of ``benchmarks/hostile_text.py`` (each found by a probe of every
parse, link and check path, issue 15), read and audited in memory at a quarter of their size and
at their size: four times the input must cost about four times the time (sixteen is quadratic),
and no case may take more than the issue's 5 s."""

from __future__ import annotations

import importlib.util
import time
from pathlib import Path

import pytest

from citeguard.api import load_with_source
from citeguard.checks import audit

_SPEC = importlib.util.spec_from_file_location(
    "hostile_text", Path(__file__).resolve().parent.parent / "benchmarks" / "hostile_text.py")
assert _SPEC is not None and _SPEC.loader is not None
hostile_text = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(hostile_text)
CASES = hostile_text.CASES
LIMIT_S = 5.0


def _seconds(tmp: Path, name: str, size: int) -> float:
    generate, _, ext = CASES[name]
    folder = tmp / f"{name}-{size}"
    folder.mkdir()
    for file_name, text in generate(size).items():
        (folder / file_name).write_text(text, encoding="utf-8")
    started = time.perf_counter()
    _, document = load_with_source(folder / f"main{ext}")
    audit(document)
    return time.perf_counter() - started


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_text_is_linear(tmp_path: Path, name: str) -> None:
    size = CASES[name][1]
    small = _seconds(tmp_path, name, max(1, size // 4))
    full = _seconds(tmp_path, name, size)
    assert full < LIMIT_S, f"{name} took {full:.2f} s at size {size}"
    assert full < 8 * small + 0.5, f"{name} grows super-linearly: {small:.2f} s at {size // 4}, {full:.2f} s at {size}"
