"""Seeded errors: each kind makes one known mistake in a clean manuscript and says which rule must
report it, and where (the line of an anchor text after the edit).

A kind is data: the text to replace, its replacement, the expected code, the anchor whose line the
finding must be on, and the codes that may legitimately accompany it (one mistake can break two
agreements, e.g. a transposed page is both "cited page not listed" and "listed page never cited").
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Seed:
    kind: str
    old: str
    new: str
    code: str
    anchor: str  # the finding must be on the (first) line containing this text, after the edit
    also: frozenset[str] = field(default_factory=frozenset)
    count: int = 1  # which occurrence of ``old`` to replace (1-based)

    def apply(self, text: str) -> str:
        at = -1
        for _ in range(self.count):
            at = text.find(self.old, at + 1)
            if at < 0:
                raise ValueError(f"{self.kind}: {self.old!r} not found")
        return text[:at] + self.new + text[at + len(self.old):]


def line_of(text: str, anchor: str) -> int:
    at = text.find(anchor)
    if at < 0:
        raise ValueError(f"anchor {anchor!r} not found")
    return text.count("\n", 0, at) + 1


# Seeds for benchmarks/recall/clean/wang2026-clean.txt (the reference paper, cleaned).
PAPER_SEEDS: tuple[Seed, ...] = (
    Seed("delete-cited-entry",
         "- [2] 白素霞.我国战略性新兴产业融合集群发展的优势、挑战与对策研究[J].中国国情国力,2024(2):26-30.\n", "",
         "CG101", "（白素霞，2024）", frozenset({"CG301"})),
    Seed("delete-citation", "（白素霞，2024）", "", "CG102", "- [2] 白素霞"),
    Seed("year-in-text", "（高帆，2023）", "（高帆，2022）", "CG103", "高帆，2022"),
    Seed("year-in-list", "政治经济学评论,2023(6)", "政治经济学评论,2021(6)", "CG103", "高帆", frozenset()),
    Seed("misspelt-name", "（罗建文，2024）", "（罗健文，2024）", "CG104", "罗健文"),
    Seed("et-al-added-to-single-author", "（钟山，2003）", "（钟山等，2003）", "CG106", "钟山等"),
    Seed("et-al-dropped", "（孙金一等，2025）", "（孙金一，2025）", "CG107", "（孙金一，2025）"),
    Seed("duplicate-page-in-entry", "2025:25-26,155,163,", "2025:25-26,155,155,163,", "CG203", "2025:25-26,155,155"),
    Seed("page-not-listed", "（习近平，2018a:391）", "（习近平，2018a:392）", "CG201", "2018a:392",
         frozenset({"CG202"})),
    Seed("transposed-page-digits", "2023a:443.", "2023a:434.", "CG202", "2023a:434.", frozenset({"CG201"})),
    Seed("list-order-broken",
         "- [2] 白素霞.我国战略性新兴产业融合集群发展的优势、挑战与对策研究[J].中国国情国力,2024(2):26-30.\n"
         "- [3] 陈小平.新质生产力人才评价机制:粤港澳大湾区的经验与启示[J].人口与经济,2024(4):14-18.",
         "- [2] 陈小平.新质生产力人才评价机制:粤港澳大湾区的经验与启示[J].人口与经济,2024(4):14-18.\n"
         "- [3] 白素霞.我国战略性新兴产业融合集群发展的优势、挑战与对策研究[J].中国国情国力,2024(2):26-30.",
         "CG303", "- [3] 白素霞"),
    Seed("duplicated-entry", "- [21] 刘志阳",
         "- [21] 刘文祥.塑造与新质生产力相适应的新型生产关系[J].思想理论教育,2024(5):41-47.\n- [21] 刘志阳",
         "CG302", "- [21] 刘文祥", frozenset({"CG301", "CG105", "CG108", "CG102"})),
    Seed("numbering-broken", "- [21] 刘志阳", "- [22] 刘志阳", "CG301", "- [22] 刘志阳"),
    Seed("footnote-removed", "② 新思想引领新时代——十九大精神高校思政和党务干部读本[M].北京:人民出版社,2018:71.\n", "",
         "CG401", "“出口红利”", frozenset()),
    Seed("marker-removed", "中低端。^②新质生产力", "中低端。新质生产力", "CG402", "② 新思想引领新时代"),
    Seed("footnote-mark-repeated", "中低端。^②新质生产力", "中低端。^①新质生产力", "CG403", "中低端。^①",
         frozenset({"CG401", "CG402"})),
    Seed("imprint-comma-to-period", "中央文献出版社,2016:122.", "中央文献出版社.2016:122.", "CG306", "2016:122."),
    Seed("citation-bracket-width", "（高帆，2023）", "(高帆, 2023)", "CG111", "(高帆, 2023)"),
    Seed("entry-spacing-mixed", "[J].中国国情国力,2024(2):26-30.", "[J]. 中国国情国力, 2024(2): 26-30.", "CG308",
         "中国国情国力, 2024"),
    Seed("eb-date-disagrees-with-url", "[EB/OL].(2026-01-14)[2026-03-29]", "[EB/OL].(2026-02-14)[2026-03-29]",
         "CG503", "(2026-02-14)"),
    Seed("required-element-dropped", "北京:企业管理出版社,2019:333.", "2019:333.", "CG305", "构建开放型经济体的战略研究"),
    Seed("fourth-author-without-et-al", "周恩宇,赵浪,肖秋香.", "周恩宇,赵浪,肖秋香,王五.", "CG309", "周恩宇,赵浪,肖秋香,王五"),
    Seed("keyword-mistranslated", "Keywords: new quality productive forces; open economy;",
         "Keywords: new quality productive forces; opening economy;", "CG602", "Keywords:"),
    Seed("access-before-update", "[EB/OL].(2025-10-13)[2026-03-29]", "[EB/OL].(2025-10-13)[2025-09-29]", "CG310",
         "(2025-10-13)[2025-09-29]"),
)

ENGLISH_CLEAN = """\
# Cultural change in cities

Urban change has been studied at length (Smith & Jones, 2019; Garcia et al., 2020). Brown (2018) argued
that markets matter, while others stressed institutions (Lee, 2017, p. 12).

# References

[1] BROWN A. Markets and cities[M]. New York: Wiley, 2018.
[2] GARCIA M, LOPEZ J, KIM S. Institutions in flux[J]. Urban Studies, 2020, 57(3): 401-420.
[3] LEE K. Land and power[M]. London: Verso, 2017: 10-20.
[4] SMITH J, JONES K. City change[J]. Journal of Cities, 2019, 12(3): 45-67.
"""

ENGLISH_SEEDS: tuple[Seed, ...] = (
    Seed("en-year-in-text", "(Lee, 2017, p. 12)", "(Lee, 2016, p. 12)", "CG103", "Lee, 2016"),
    Seed("en-misspelt-name", "Brown (2018)", "Browne (2018)", "CG104", "Browne (2018)"),
    Seed("en-et-al-dropped", "Garcia et al., 2020", "Garcia, 2020", "CG107", "Garcia, 2020"),
    Seed("en-page-not-listed", "(Lee, 2017, p. 12)", "(Lee, 2017, p. 25)", "CG201", "p. 25", frozenset({"CG202"})),
    Seed("en-delete-cited-entry", "[1] BROWN A. Markets and cities[M]. New York: Wiley, 2018.\n", "", "CG101",
         "Brown (2018)", frozenset({"CG301"})),
    Seed("en-dropped-journal-pages", "Urban Studies, 2020, 57(3): 401-420.", "2020.", "CG305", "GARCIA M"),
)
