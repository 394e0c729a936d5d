"""What the quotation tests share: the Analects in five printed pages and the Mencius without pages
(classical texts, free of copyright), their catalogue, a reference list, one quotation of each kind
with the verdict a reader of the two books would give, and the library folder they make."""

from __future__ import annotations

from pathlib import Path

from citeguard.quotes import QuoteStatus

# 论语 in five printed pages (the fourth's sentence runs over to the fifth)
LUNYU = "\f".join([
    "子曰：学而时习之，不亦说乎？有朋自远方来，不亦乐乎？人不知而不愠，不亦君子乎？",
    "有子曰：其为人也孝弟，而好犯上者，鲜矣；不好犯上，而好作乱者，未之有也。君子务本，本立而道生。",
    "子曰：巧言令色，鲜矣仁！曾子曰：吾日三省吾身：为人谋而不忠乎？与朋友交而不信乎？传不习乎？",
    "子曰：道千乘之国，敬事而信，节用而爱人，",
    "使民以时。子曰：弟子入则孝，出则弟，谨而信，泛爱众，而亲仁。",
])
MENGZI = "孟子见梁惠王。王曰：叟不远千里而来，亦将有以利吾国乎？孟子对曰：王何必曰利？亦有仁义而已矣。"
CATALOGUE = """[[source]]
file = "lunyu.txt"
title = "论语"
first_page = 1

[[source]]
file = "mengzi.txt"
title = "孟子"
"""
REFS = "参考文献\n\n孔子，2006. 论语[M]. 北京：中华书局.\n\n老子，2008. 道德经[M]. 北京：中华书局.\n"
# (quotation and citation, the verdict, the page it was found on)
CASES = [
    ("“学而时习之，不亦说乎”（孔子，2006：1）", QuoteStatus.VERIFIED, "1"),
    ("“巧言令色，鲜矣仁”（孔子，2006：2）", QuoteStatus.WRONG_PAGE, "3"),
    ("“学而时习之，不亦悦乎”（孔子，2006：1）", QuoteStatus.DIFFERS, "1"),  # one character changed
    ("“吾日三省吾身……传不习乎”（孔子，2006：3）", QuoteStatus.VERIFIED, "3"),  # a gap marked by an ellipsis
    ("“吾日三省吾身，传不习乎”（孔子，2006：3）", QuoteStatus.DIFFERS, "3"),  # the same gap, unmarked
    ("“敬事而信，节用而爱人，使民以时”（孔子，2006：4）", QuoteStatus.VERIFIED, "4"),  # over a page break
    ("“學而時習之，不亦說乎”（孔子，2006：1）", QuoteStatus.VERIFIED, "1"),  # Traditional characters
    ("“王何必曰利”（孔子，2006：1）", QuoteStatus.OTHER_WORK, ""),  # in the Mencius (no pages), not the Analects
    ("“天下大同，人人为公，选贤与能”（孔子，2006：1）", QuoteStatus.NOT_FOUND, ""),  # invented
    ("“道可道，非常道”（老子，2008：1）", QuoteStatus.NOT_CHECKED, ""),  # a work the library lacks
]


def make_library(tmp_path: Path) -> Path:
    folder = tmp_path / "library"
    folder.mkdir()
    (folder / "lunyu.txt").write_text(LUNYU, encoding="utf-8")
    (folder / "mengzi.txt").write_text(MENGZI, encoding="utf-8")
    (folder / "library.toml").write_text(CATALOGUE, encoding="utf-8")
    return folder


def paper() -> str:
    """A small paper quoting each case once."""
    return "题目\n\n" + "\n\n".join(f"正文引用{quote}。" for quote, _, _ in CASES) + "\n\n" + REFS
