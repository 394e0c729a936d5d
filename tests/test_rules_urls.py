"""CG5xx URL rules (no network) and the URL-date table."""

from __future__ import annotations

import pytest

from citeguard.checks.url_rules import domain_class, url_date
from citeguard.model import Severity

from .rulekit import summary

W, I, E = Severity.WARNING, Severity.INFO, Severity.ERROR


@pytest.mark.parametrize(("url", "expected"), [
    ("http://www.customs.gov.cn/customs/2026-01/14/article_2026012219105963044.html", ("2026-01-14", "day")),
    ("https://www.cnipa.gov.cn/art/2024/4/15/art_88_191587.html", ("2024-04-15", "day")),
    ("https://swt.guizhou.gov.cn/zwgk/xwfbh/202512/t20251204_89066398.html", ("2025-12-04", "day")),
    ("https://www.gov.cn/lianbo/fabu/202510/content_7044261.htm", ("2025-10", "month")),
    ("https://www.miit.gov.cn/jgsj/ghs/wjfb/art/2020/art_e823d7109b384f518056385de3b28703.html", ("2020", "year")),
    ("https://com.gd.gov.cn/zwgk/zcwj/content/post_2171638.html", None),
    ("https://x.gov.cn/art/2026/2/30/art_1_2.html", None),  # not a calendar date
])
def test_url_date(url: str, expected: tuple[str, str] | None) -> None:
    assert url_date(url) == expected


@pytest.mark.parametrize(("url", "cls"), [
    ("https://www.gov.cn/a", "gov.cn"), ("https://swt.guizhou.gov.cn/a", "gov.cn"), ("https://www.pku.edu.cn", "edu.cn"),
    ("https://www.cnr.cn/gd/x.shtml", "media"), ("https://example.com", "other"),
])
def test_domain_class(url: str, cls: str) -> None:
    assert domain_class(url) == cls


def _fn(*notes: str) -> str:
    marks = "".join(f"句。{chr(0x2460 + i)}" for i in range(len(notes)))
    feet = "\n\n".join(f"{chr(0x2460 + i)} {n}" for i, n in enumerate(notes))
    return f"{marks}\n\n{feet}\n"


CASES = [
    ("CG501", _fn("题[EB/OL].(2026-01-14)[2026-03-29].https//www.gov.cn/a.htm"), []),  # not even a URL: CG305 says so
    ("CG501", _fn("题[EB/OL].(2026-01-14)[2026-03-29].http://localhost/a.htm"), [(3, E)]),
    ("CG501", _fn("题[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/a.htm"), []),
    ("CG502", _fn("甲[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/a.htm",
                  "乙[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/b.htm",
                  "丙[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/c.htm."), [(7, I)]),
    ("CG503", _fn("题[EB/OL].(2026-02-14)[2026-03-29].http://www.customs.gov.cn/customs/2026-01/14/article_1.html"),
     [(3, W)]),
    ("CG503", _fn("题[EB/OL].(2016-12-27)[2026-03-29].https://www.miit.gov.cn/a/art/2020/art_e823.html"), [(3, I)]),
    ("CG503", _fn("题[EB/OL].(2025-10-13)[2026-03-29].https://www.gov.cn/lianbo/fabu/202510/content_7044261.htm"), []),
    ("CG504", _fn("甲[EB/OL].(2026-01-14)[2026-03-29].http://www.gov.cn/a.htm",
                  "乙[EB/OL].(2026-01-14)[2026-03-29].https://www.gov.cn/b.htm"), [(3, I)]),
]


@pytest.mark.parametrize(("code", "text", "expected"), CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_rule(code: str, text: str, expected: list[tuple[int, Severity]]) -> None:
    assert summary(text, code) == expected
