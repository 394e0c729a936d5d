"""The reports' JSON writer (report/json_text.py) writes what ``json.dumps(value,
ensure_ascii=False, indent=2)`` writes, byte for byte, for any JSON value."""

from __future__ import annotations

import json
import math
from enum import IntEnum, StrEnum

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from citeguard.report.json_text import dumps_indented

SCALARS = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=True, allow_infinity=True),
                    st.text(alphabet=st.characters(codec="utf-8"), max_size=12))
KEYS = st.one_of(st.text(max_size=6), st.integers(), st.floats(allow_nan=False), st.booleans(), st.none())
VALUES = st.recursive(SCALARS, lambda inner: st.one_of(st.lists(inner, max_size=4), st.tuples(inner, inner),
                                                        st.dictionaries(KEYS, inner, max_size=4)), max_leaves=30)


class Kind(StrEnum):
    NOTE = "note"


class Rank(IntEnum):
    HIGH = 3


@settings(max_examples=500, deadline=None)
@given(VALUES)
def test_same_text_as_json_dumps(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


@pytest.mark.parametrize("value", [
    {}, [], (), "", {"a": {}, "b": [], "c": [{}]}, [[[]]], {"\x00\n\"\\\u2028": "脚注\x1b"}, math.nan,
    {Kind.NOTE: Kind.NOTE, Rank.HIGH: Rank.HIGH}, [True, False, None, 1.0, -0.0, 10**30, -math.inf],
    type("Row", (dict,), {})(a=[1]), type("Items", (list,), {})([{"x": (1, 2)}]),
])
def test_edge_values(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_what_json_cannot_write_is_refused_alike() -> None:
    for value in ({1, 2}, {"a": object()}, {(1, 2): 3}):
        with pytest.raises(TypeError):
            json.dumps(value, ensure_ascii=False, indent=2)
        with pytest.raises(TypeError):
            dumps_indented(value)
