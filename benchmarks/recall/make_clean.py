"""Write the clean variant of the reference paper: the paper with every inconsistency the audit
reports fixed by hand-written, explicit edits (each edit names the finding it removes).

    .venv/bin/python benchmarks/recall/make_clean.py   # → benchmarks/recall/clean/wang2026-clean.txt

The seeded-error suite injects one error at a time into this text.
"""

from __future__ import annotations

import re
from pathlib import Path

from citeguard.cli import BUNDLED_PAPER as SOURCE

ROOT = SOURCE.parent.parent
TARGET = Path(__file__).resolve().parent / "clean" / "wang2026-clean.txt"

# (old, new, why): literal edits, each applied exactly once
EDITS: list[tuple[str, str, str]] = [
    ("赵儒煜等（2024）", "赵儒煜（2024）", "CG106: 等 after a single author"),
    ("孔祥智等（2024）", "孔祥智和谢东东（2024）", "CG106: pairs are written in full in this paper"),
    ("孙泽文等（2025）", "孙泽文和刘华初（2025）", "CG106"),
    ("（习近平，2025:228）", "（习近平，2025:288）", "CG201/CG202: 228 vs 288"),
    ("（习近平，2018:391）", "（习近平，2018a:391）", "CG108: same author and year need a/b"),
    ("（习近平，2018:14）", "（习近平，2018b:14）", "CG108"),
    ("（习近平，2023:443）", "（习近平，2023a:443）", "CG108"),
    ("(习近平,2023:213)", "(习近平,2023b:213)", "CG108"),
    ("(习近平,2023:470)", "(习近平,2023b:470)", "CG108"),
    ("人民出版社.2024:216.", "人民出版社,2024:216.", "CG306: period for comma"),
    ("人民出版社.2023:194.", "人民出版社,2023:194.", "CG306"),
    ("人民出版社.2023:231.", "人民出版社,2023:231.", "CG306"),
    ("加快发展新质生产力扎实推进高质量发展[N]. 人民日报, 2024-02-02(001).",
     "加快发展新质生产力扎实推进高质量发展[N].人民日报,2024-02-02(001).", "CG406: footnote spacing"),
    ("[M]. 北京: 新华出版社, 2023: 36.", "[M].北京:新华出版社,2023:36.", "CG406"),
    ("十九大以来重要文献选编(中)", "十九大以来重要文献选编（中）", "CG407: bracket width"),
    ("http://www.customs.gov.cn/", "https://www.customs.gov.cn/", "CG504: the only http URL"),
    ("t20250116_527042632.shtml.", "t20250116_527042632.shtml", "CG502: URL entry endings"),
    ("t20251204_89066398.html.", "t20251204_89066398.html", "CG502"),
    ("Keywords: new qualitative productivity forces;", "Keywords: new quality productive forces;",
     "CG602: one translation of the key term"),
    ("2022:201,96.", "2022:96,201.", "CG204: pages ascending"),
    ("2025:191,192,195,163,192,25-26,155,190,216,288,195,196.", "2025:25-26,155,163,190,191,192,195,196,216,288.",
     "CG203/CG204: each page once, ascending"),
    ("习近平.论坚持推动构建人类命运共同体[M].北京:中央文献出版社,2018:391.",
     "习近平.论坚持推动构建人类命运共同体[M].北京:中央文献出版社,2018a:391.", "CG108"),
    ("上的讲话[M].北京:人民出版社,2018:14.", "上的讲话[M].北京:人民出版社,2018b:14.", "CG108"),
    ("习近平著作选读(第1卷)[M].北京:人民出版社,2023:443.", "习近平著作选读(第1卷)[M].北京:人民出版社,2023a:443.", "CG108"),
    ("习近平著作选读(第2卷)[M].北京:人民出版社,2023:213,470.", "习近平著作选读(第2卷)[M].北京:人民出版社,2023b:213,470.",
     "CG108"),
]
# Half-width author-year citations → full-width, the paper's majority form (CG111):
#   (姜伟贤,2025) → （姜伟贤，2025）   (习近平, 2025:191) → （习近平，2025:191）
HALF_CITATION_RE = re.compile(r"\(([\u4e00-\u9fff·和等、]{2,20})\s*,\s*(\d{4}[a-z]?(?::[\d,-]+)?)\)")
# Entries of the list: "- [12] text"
ENTRY_RE = re.compile(r"^- \[(\d+)\] (.*)$")


def _compact(entry: str) -> str:
    """[1]-[29] are spaced, [30]-[51] compact (CG308): make the whole list compact."""
    return re.sub(r"([.,:])\s+", r"\1", entry)


def clean_text() -> str:
    """The cleaned paper (pure: reads the corpus paper, applies the edits)."""
    text = SOURCE.read_text(encoding="utf-8")
    for old, new, why in EDITS:
        if text.count(old) != 1:
            raise SystemExit(f"edit for {why!r} expected exactly one {old!r}, found {text.count(old)}")
        text = text.replace(old, new)
    text = HALF_CITATION_RE.sub(lambda m: f"（{m.group(1)}，{m.group(2)}）", text)
    lines = text.split("\n")
    entries = [(i, ENTRY_RE.match(line)) for i, line in enumerate(lines) if ENTRY_RE.match(line)]
    bodies = [_compact(m.group(2)) for _, m in entries if m is not None and not m.group(2).startswith("杨宏伟.")]
    # CG102: [42] 杨宏伟 is never cited — dropped. CG303: the list in pinyin order.
    from citeguard.checks.entry_style import name_sort_key

    bodies.sort(key=lambda b: (*name_sort_key(b.split(".", 1)[0].split(",")[0]), b))
    slots = [i for i, _ in entries]
    for n, slot in enumerate(slots):
        lines[slot] = f"- [{n + 1}] {bodies[n]}" if n < len(bodies) else None  # type: ignore[call-overload]
    return "\n".join(line for line in lines if line is not None)


def main() -> None:
    TARGET.parent.mkdir(parents=True, exist_ok=True)
    TARGET.write_text(clean_text(), encoding="utf-8")
    print(f"wrote {TARGET.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
