"""CG51x link rules: pure functions of the document and the resolver's results."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text
from citeguard.checks import audit
from citeguard.model import LinkResult, LinkStatus, Severity

URL = "https://www.gov.cn/lianbo/fabu/202510/content_7044261.htm"
DOC = f"正文。①\n\n① 国务院新闻办就2025年前三季度进出口情况举行发布会[EB/OL].(2025-10-13)[2026-03-29].{URL}\n"
W, E, I = Severity.WARNING, Severity.ERROR, Severity.INFO


def _codes(result: LinkResult) -> list[tuple[str, Severity]]:
    _, found = audit(document_from_text(DOC), links=[result], select=["CG51"])
    return [(f.code, f.severity) for f in found]


@pytest.mark.parametrize(("result", "expected"), [
    (LinkResult(URL, LinkStatus.OK, 200, URL, "国务院新闻办就2025年前三季度进出口情况举行发布会", "2025-10-13"), []),
    # Traditional characters and a site suffix still match
    (LinkResult(URL, LinkStatus.OK, 200, URL, "國務院新聞辦就2025年前三季度進出口情況舉行發佈會", "2025-10-13"), []),
    (LinkResult(URL, LinkStatus.OK, 200, URL, "海关总署2025年统计数据发布", "2025-10-13"), [("CG516", W)]),
    (LinkResult(URL, LinkStatus.OK, 200, URL, "国务院新闻办就2025年前三季度进出口情况举行发布会", "2025-10-14"),
     [("CG517", W)]),
    (LinkResult(URL, LinkStatus.NOT_FOUND, 404, archive_url="http://web.archive.org/web/2026/x"), [("CG510", E)]),
    (LinkResult(URL, LinkStatus.SOFT_404, 200, detail="the page says it does not exist"), [("CG511", W)]),
    (LinkResult(URL, LinkStatus.BLOCKED, 412), [("CG512", I)]),
    (LinkResult(URL, LinkStatus.REDIRECTED, 200, "https://www.gov.cn/new.htm"), [("CG513", W)]),
    (LinkResult(URL, LinkStatus.TLS_ERROR), [("CG514", W)]),
    (LinkResult(URL, LinkStatus.TIMEOUT), [("CG515", W)]),
    (LinkResult(URL, LinkStatus.NOT_CHECKED, detail="network unavailable: not checked"), [("CG518", I)]),
    (LinkResult(URL, LinkStatus.NOT_CHECKED, detail="offline: not checked"), []),
    (LinkResult(URL, LinkStatus.PRIVATE_ADDRESS, detail="resolves to 10.0.0.1"), [("CG519", W)]),
])
def test_link_rule(result: LinkResult, expected: list[tuple[str, Severity]]) -> None:
    assert _codes(result) == expected


def test_dead_link_names_the_archive_copy() -> None:
    _, found = audit(document_from_text(DOC), select=["CG510"],
                     links=[LinkResult(URL, LinkStatus.NOT_FOUND, 404, archive_url="http://web.archive.org/web/2026/x")])
    assert found[0].suggestion.endswith("http://web.archive.org/web/2026/x")


def test_no_results_no_link_findings() -> None:
    _, found = audit(document_from_text(DOC), select=["CG51"])
    assert found == ()
