"""Every module-level regex of citeguard against long adversarial input: runs of 10,000 characters
of each pump below (what citations, names, entries and pages are made of). A regex that
backtracks super-linearly takes seconds on one of them; every one must finish within the budget
(docs/security.md, "Regexes")."""

from __future__ import annotations

import importlib
import pkgutil
import re
import time

import pytest

import citeguard

N = 10_000
BUDGET_S = 0.5  # a linear regex needs milliseconds; a quadratic one, seconds
GROWTH_FLOOR_S = 0.002  # slower than this at N, the time at 4N is checked too
PUMPS = ["a", "A", "Ab ", " ", "1", "1,", "1-", "，", "张", "张三和", "张三、", "张三 等，", "(", "（", "[", "[1]", "【",
         ".", "Smith and ", "Smith, ", "Smith, J., ", "Smith et al., ", "van ", "A. ", "等", "http://", "-", "'",
         "<", "<a ", "<meta ", "<style ", "<!--", "%", "\\", "\\cite{", "{", "@", "[@a; ", "^{①}", "①", "\n",
         "\n\n", "pp. ", "2020", "2020a, ", "题名.", "[J].", "//", "·", "\t", "$", "第1卷", "：", "0.", "Fig. ", "et al",
         "a 1 ", "Abc ", "*", "a. ", "a-", "—", "a,", " ,", "(a", "a:"]


def _patterns() -> list[tuple[str, re.Pattern[str]]]:
    out: dict[int, tuple[str, re.Pattern[str]]] = {}
    for info in pkgutil.walk_packages(citeguard.__path__, "citeguard."):
        if info.name.endswith("__main__"):
            continue
        module = importlib.import_module(info.name)
        for name, value in vars(module).items():
            if isinstance(value, re.Pattern) and isinstance(value.pattern, str):
                out.setdefault(id(value), (f"{info.name}.{name}", value))
    return sorted(out.values(), key=lambda x: x[0])


PATTERNS = _patterns()

# Regexes whose callers bound the text they see: tested at that bound.
BOUNDED = {
    "citeguard.parse.citations.EN_NARRATIVE_RE": 200,  # searched in the 200 characters before a year
    "citeguard.parse.layout._TRAILING_MARKS_RE": 400,  # a paragraph's last 400 characters
    "citeguard.parse.entries_apa._APA_WESTERN_RE": 400,  # an APA author list (APA_RE reads at most 400)
}
# None is known quadratic any more: the list stays, empty, for a regex that has to be let in with
# a looser budget (and listed as work left in docs/benchmarks.md).
QUADRATIC_BUDGET_S = 10.0
KNOWN_QUADRATIC: frozenset[str] = frozenset()


def test_the_sweep_sees_the_regexes() -> None:
    assert len(PATTERNS) > 100
    assert any(name.endswith("EN_NARRATIVE_RE") for name, _ in PATTERNS)


def _seconds(pattern: re.Pattern[str], pump: str, size: int) -> float:
    text = pump * (size // len(pump)) + "!"  # finditer tries every start, as search and sub do
    started = time.perf_counter()
    for _ in pattern.finditer(text):
        pass
    return time.perf_counter() - started


@pytest.mark.parametrize(("name", "pattern"), PATTERNS, ids=[n for n, _ in PATTERNS])
def test_regex_is_linear_on_long_runs(name: str, pattern: re.Pattern[str]) -> None:
    size = BOUNDED.get(name, N)
    budget = QUADRATIC_BUDGET_S if name in KNOWN_QUADRATIC else BUDGET_S
    for pump in PUMPS:
        seconds = _seconds(pattern, pump, size)
        assert seconds < budget, f"{name} took {seconds:.2f} s on {size} characters of {pump!r}"
        if seconds > GROWTH_FLOOR_S and name not in BOUNDED and name not in KNOWN_QUADRATIC:
            # a quadratic scan of cheap steps can stay under the budget at N: four times the
            # input must take about four times as long (16 times is quadratic)
            longer = _seconds(pattern, pump, 4 * size)
            assert longer < 8 * seconds + 0.05, (
                f"{name} grows super-linearly on {pump!r}: {seconds:.3f} s at {size}, {longer:.3f} s at {4 * size}")


def test_the_known_lists_name_real_regexes() -> None:
    names = {n for n, _ in PATTERNS}
    assert names >= KNOWN_QUADRATIC and set(BOUNDED) <= names
