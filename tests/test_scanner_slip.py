"""parse/ocr.scanner_slip: which differences between a cited name and its entry's a scanner makes."""

from __future__ import annotations

import pytest

from citeguard.parse.ocr import scanner_slip


@pytest.mark.parametrize(("cited", "printed", "slip"), [
    ("gillette", "gilette", True),      # a doubled letter lost
    ("muinscher", "munscher", True),    # a letter added
    ("berms", "berns", True),           # m for n
    ("armold", "arnold", True),         # m for rn
    ("aarts", "aorts", True),           # o for a, a closed bowl
    ("frühholz", "fruholz", True),      # the umlaut and a letter lost
    ("fang", "feng", False),            # e for a: the writer's
    ("sadars", "sadras", False),        # transposed
    ("richardson", "richerdson", False),
    ("smith", "smyth", False),
    ("王就", "王勍", True),              # 就 and 勍 share 京
    ("蒋忠诚", "蒋忠成", True),          # 诚 holds 成
    ("蒋忠诚", "蒋忠华", False),         # nothing in common
    ("罗乐", "罗军", False),
    ("王晖", "王辉", True),              # both hold 军
])
def test_scanner_slip(cited: str, printed: str, slip: bool) -> None:
    assert scanner_slip(cited, printed) is slip
    assert scanner_slip(printed, cited) is slip
