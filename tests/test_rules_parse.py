"""CG9xx: what the parser could not read becomes a finding, never silence."""

from __future__ import annotations

import pytest

from citeguard.api import document_from_text

from .rulekit import findings, paper, summary


@pytest.mark.parametrize(("code", "text", "count"), [
    ("CG901", paper("甲（张三，2020）。", "[1] 张三.题名[J].某刊 不知所云 ???"), 1),
    ("CG901", paper("甲（张三，2020）。", "[1] 张三.题名[J].刊名,2020(1):1-2."), 0),
    ("CG902", "正文。①\n\n① 张三.题名.北京:中华书局,2001:3.\n", 1),
    ("CG902", "正文。①\n\n① 同上。\n", 0),  # a prose note is not a failed entry
    ("CG903", paper("甲（张三，2020；某机构第三版报告，二〇二〇年前后）。", "[1] 张三.题名[J].刊名,2020(1):1-2."), 1),
    ("CG904", paper("as shown (Bian, 2014).", "Bian, Y. (2O14). Corporate capital. Journal X, 3(1), 1-2."), 1),
    ("CG905", "甲（张三，2020）乙（李四，2021）。\n", 1),
    ("CG905", "没有引用的正文。\n", 0),
])
def test_rule(code: str, text: str, count: int) -> None:
    assert len(summary(text, code)) == count


def test_a_list_lost_after_its_heading_is_said_once_as_information() -> None:
    """A text that ends at "# 参考文献" lost its list in conversion: one note at the heading, not a
    warning that the author gave no list."""
    from citeguard.model import Confidence, Severity
    (f,) = findings("甲（张三，2020）乙（李四，2021）。\n\n# 参考文献\n", "CG905")
    assert (f.severity, f.confidence, f.line) == (Severity.INFO, Confidence.LOW, 3)
    assert "ends at the reference list's heading" in f.message
    (g,) = findings("甲（张三，2020）乙（李四，2021）。\n\n# 结论\n", "CG905")  # another heading: no list at all
    assert g.severity is Severity.WARNING


def test_pandoc_citations_are_reported_once() -> None:
    text = "EM [@Dempster1977] and @Calinon2007 introduced it; mail me at a@b.org.\n\n# References\n"
    (f,) = findings(text, "CG906")
    assert "2 Pandoc citations" in f.message and "Dempster1977" in f.message


# Markdown inside list entries (issue 22, class 9): an entry is read as the words it shows.
APA_MARKDOWN = """# Remote work

Remote work grew (Allen et al., 2015; Ashforth et al., 2000; Barley et al., 2011; Bloom et al., 2015;
Cooper & Kurland, 2002; Gajendran & Harrison, 2007; Golden, 2006; Kaplan et al., 2018; Kossek et al., 2006;
Wang et al., 2021).

## References

- Allen, T. D., Golden, T. D., & Shockley, K. M. (2015). How effective is telecommuting? Assessing our findings. *Psychological Science in the Public Interest*, *16*(2), 40–68. <https://doi.org/10.1177/1529100615593273>
- Ashforth, B. E., Kreiner, G. E., & Fugate, M. (2000). All in a day's work. *Academy of Management Review*, *25*(3), 472–491. [https://doi.org/10.5465/amr.2000.3363315](https://doi.org/10.5465/amr.2000.3363315)
- Barley, S. R., Meyerson, D. E., & Grodal, S. (2011). E-mail as a source and symbol of stress. *Organization Science*, *22*(4), 887–906. https://doi.org/10.1287/orsc.1100.0573
- Bloom, N., Liang, J., Roberts, J., & Ying, Z. J. (2015). Does working from home work? Evidence from a Chinese experiment. *The Quarterly Journal of Economics*, *130*(1), 165–218. [doi:10.1093/qje/qju032](https://doi.org/10.1093/qje/qju032)
- Cooper, C. D., & Kurland, N. B. (2002). Telecommuting and professional isolation. *Journal of Organizational Behavior*, *23*(4), 511–532.
- Gajendran, R. S., & Harrison, D. A. (2007). The good, the bad, and the unknown about telecommuting. *Journal of Applied Psychology*, *92*(6), 1524–1541.
- Golden, T. D. (2006). The role of relationships. **Journal of Organizational Behavior**, **27**(3), 319–340.
- Kaplan, S., Engelsted, L., Lei, X., & Lockwood, K. (2018). Unpackaging manager mistrust. _Journal of Business and Psychology_, _33_(3), 365–382.
- Kossek, E. E., Lautsch, B. A., & Eaton, S. C. (2006). Telecommuting, control, and boundary management. *Journal of Vocational Behavior*, *68*(2), 347–367.
- Wang, B., Liu, Y., Qian, J., & Parker, S. K. (2021). Achieving effective remote working. [*Applied Psychology*](https://iaap-journals.onlinelibrary.wiley.com/journal/14640597), *70*(1), 16–59.
"""


def test_markdown_in_an_apa_list_is_read_through() -> None:
    doc = document_from_text(APA_MARKDOWN, path="paper.md")
    assert [r.container for r in doc.references] == [
        "Psychological Science in the Public Interest", "Academy of Management Review", "Organization Science",
        "The Quarterly Journal of Economics", "Journal of Organizational Behavior", "Journal of Applied Psychology",
        "Journal of Organizational Behavior", "Journal of Business and Psychology", "Journal of Vocational Behavior",
        "Applied Psychology"]
    assert [r.volume for r in doc.references] == ["16", "25", "22", "130", "23", "92", "27", "33", "68", "70"]
    assert [r.doi for r in doc.references][:4] == ["10.1177/1529100615593273", "10.5465/amr.2000.3363315",
                                                  "10.1287/orsc.1100.0573", "10.1093/qje/qju032"]
    assert all(c.reference is not None for c in doc.citations)
    assert summary(APA_MARKDOWN, "CG901") == []
    assert doc.references[0].raw.startswith("Allen, T. D.") and "*16*(2)" in doc.references[0].raw  # as written


@pytest.mark.parametrize(("entry", "field", "value"), [
    ("[1] 张三. *论某某问题*[J]. *经济研究*, 2020, 55(1): 1-9.", "container", "经济研究"),
    ("[1] 张三. **论某某问题**[J]. 经济研究, 2020, 55(1): 1-9.", "title", "论某某问题"),
    ("[1] Smith J. Graph_search in \\_practice\\_[J]. Journal, 2020, 5(1): 1-9.", "title", "Graph_search in _practice_"),
    ("[1] 张三. 报告[EB/OL]. (2020-01-01)[2020-02-01]. <https://www.gov.cn/a_b_.htm>", "url",
     "https://www.gov.cn/a_b_.htm"),
    ("[1] 张三. [报告](https://www.gov.cn/r.htm)[EB/OL]. (2020-01-01)[2020-02-01].", "url", "https://www.gov.cn/r.htm"),
    ("[1] Smith J. Title\\[J]. Journal, 2020, 5(1): 1-9.", "type_code", "J"),
])
def test_markdown_marks_inside_an_entry(entry: str, field: str, value: str) -> None:
    text = paper("正文[1]。", entry)
    ref = document_from_text(text, path="paper.md").references[0]
    assert getattr(ref, field) == value and not ref.unparsed
    assert summary(text, "CG901") == [] and summary(text, "CG314") == []
