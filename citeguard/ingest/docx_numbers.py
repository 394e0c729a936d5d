"""Numbers as Word prints them: note numbers (``w:footnotePr`` / ``w:endnotePr``) and automatic
list numbers (``w:numPr``, ``numbering.xml``, numbering carried by paragraph styles)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any, TypeVar

from citeguard.chars import circled

T = TypeVar("T")
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
MAX_LEVEL_TEXT = 64  # characters of a list number's pattern ("%1.%2."): a 20 KB one would be copied per item
MAX_NUMBER = 9999  # beyond this a number is printed as digits: a file cannot make us loop or fill memory
_CHICAGO = ("*", "†", "‡", "§")
_CHINESE_DIGITS = "〇一二三四五六七八九"
# %1 … %9 in a level's text: "[%1]"  "%1.%2"
_LEVEL_REF_RE = re.compile(r"%([1-9])")


def val(el: Any, path: str, default: str | None = None) -> str | None:
    """The ``w:val`` of the child at ``path`` (or ``default``)."""
    found = el.find(path) if el is not None else None
    return found.get(W + "val", default) if found is not None else default


def number(text: str | None, default: int) -> int:
    """A whole number attribute, clamped to 0 … MAX_NUMBER + 1."""
    return min(int(text), MAX_NUMBER + 1) if text and text.isascii() and text.isdigit() else default


def note_symbol(n: int, num_fmt: str) -> str:
    """A number in Word's format: decimalEnclosedCircle 3 → ③, lowerRoman 4 → iv."""
    if not 1 <= n <= MAX_NUMBER:
        return str(n)
    if num_fmt.startswith("decimalEnclosedCircle") or num_fmt == "decimalEnclosedFullstop":
        return circled(n)
    if num_fmt in ("lowerRoman", "upperRoman"):
        roman = _roman(n)
        return roman if num_fmt == "upperRoman" else roman.lower()
    if num_fmt in ("lowerLetter", "upperLetter"):
        letter = chr(ord("a") + (n - 1) % 26) * ((n - 1) // 26 + 1)
        return letter.upper() if num_fmt == "upperLetter" else letter
    if num_fmt == "chicago":
        return _CHICAGO[(n - 1) % 4] * ((n - 1) // 4 + 1)
    if num_fmt in ("chineseCounting", "chineseCountingThousand", "ideographTraditional", "taiwaneseCounting"):
        return _chinese(n)
    return str(n)


def _roman(n: int) -> str:
    out = ""
    for value, digits in ((1000, "M"), (900, "CM"), (500, "D"), (400, "CD"), (100, "C"), (90, "XC"),
                          (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while n >= value:
            out += digits
            n -= value
    return out


def _chinese(n: int) -> str:
    if not 1 <= n <= 99:
        return str(n)
    tens, ones = divmod(n, 10)
    head = "" if tens == 0 else ("十" if tens == 1 else _CHINESE_DIGITS[tens] + "十")
    return head + (_CHINESE_DIGITS[ones] if ones else "") if n >= 10 else _CHINESE_DIGITS[n]


@dataclass(frozen=True, slots=True)
class NoteFormat:
    """``w:footnotePr`` / ``w:endnotePr``: number format, restart rule, first number."""

    num_fmt: str = "decimal"
    restart: str = "continuous"  # "continuous", "eachSect" or "eachPage"
    start: int = 1


def note_format(elements: list[Any], tag: str, default_fmt: str) -> NoteFormat:
    """The first ``w:footnotePr``/``w:endnotePr`` found (the body's section, then settings)."""
    for el in elements:
        pr = el.find(W + tag) if el is not None else None
        if pr is not None:
            return NoteFormat(val(pr, W + "numFmt", default_fmt) or default_fmt,
                              val(pr, W + "numRestart", "continuous") or "continuous",
                              number(val(pr, W + "numStart"), 1))
    return NoteFormat(default_fmt)


@dataclass(frozen=True, slots=True)
class _Level:
    fmt: str
    text: str
    start: int


@dataclass
class Numbering:
    """Automatic list numbers as Word prints them: "[%1]" with counter 3 → "[3]", "%1.%2" → "1.2";
    a higher level restarts the levels below it; ``w:startOverride`` restarts a list."""

    levels: dict[str, dict[int, _Level]] = field(default_factory=dict)  # numId → ilvl → level
    starts: dict[str, dict[int, int]] = field(default_factory=dict)  # numId → ilvl → overridden start
    styles: dict[str, tuple[str, int]] = field(default_factory=dict)  # styleId → (numId, ilvl)
    counters: dict[str, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def read(cls, numbering: Any, styles: Any) -> Numbering:
        out = cls()
        if numbering is not None:
            abstract = {}
            for a in numbering.iter(W + "abstractNum"):
                abstract[a.get(W + "abstractNumId")] = {
                    number(lvl.get(W + "ilvl"), 0): _Level(val(lvl, W + "numFmt", "decimal") or "decimal",
                                                          (val(lvl, W + "lvlText", "") or "")[:MAX_LEVEL_TEXT],
                                                          number(val(lvl, W + "start"), 1))
                    for lvl in a.iter(W + "lvl")}
            for num in numbering.iter(W + "num"):
                num_id = num.get(W + "numId") or ""
                out.levels[num_id] = abstract.get(val(num, W + "abstractNumId") or "", {})
                out.starts[num_id] = {number(o.get(W + "ilvl"), 0): number(val(o, W + "startOverride"), 1)
                                      for o in num.iter(W + "lvlOverride") if o.find(W + "startOverride") is not None}
        if styles is not None:
            out.styles = _style_numbers(styles)
        return out

    def label(self, num_id: str, ilvl: int) -> str:
        """The printed number of the next item of list ``num_id`` at level ``ilvl`` ("" if none)."""
        levels = self.levels.get(num_id)
        if not levels or num_id == "0" or ilvl not in levels:
            return ""
        counts = self.counters.setdefault(num_id, {})
        overrides = self.starts.get(num_id, {})

        def start(level: int) -> int:
            return overrides.get(level, levels[level].start if level in levels else 1)

        counts[ilvl] = counts.get(ilvl, start(ilvl) - 1) + 1
        for deeper in [k for k in counts if k > ilvl]:
            del counts[deeper]  # a higher level restarts the ones below it
        level = levels[ilvl]
        if level.fmt in ("bullet", "none"):
            return ""

        def ref(m: re.Match[str]) -> str:
            k = int(m.group(1)) - 1
            fmt = levels[k].fmt if k in levels else "decimal"
            return note_symbol(counts.get(k, start(k)), fmt)

        return _LEVEL_REF_RE.sub(ref, level.text).strip()

    def style(self, style_id: str) -> tuple[str, int] | None:
        return self.styles.get(style_id)


def _style_numbers(styles: Any) -> dict[str, tuple[str, int]]:
    """styleId → (numId, ilvl) for paragraph styles that number their paragraphs (Word's "List
    Number"), following ``w:basedOn``."""
    own: dict[str, tuple[str, int] | None] = {}
    based: dict[str, str] = {}
    for st in styles.iter(W + "style"):
        sid = st.get(W + "styleId") or ""
        num_pr = st.find(f"{W}pPr/{W}numPr")
        own[sid] = ((val(num_pr, W + "numId", "") or "", number(val(num_pr, W + "ilvl"), 0))
                    if num_pr is not None else None)
        parent = val(st, W + "basedOn")
        if parent:
            based[sid] = parent
    return {sid: found for sid, found in inherited(own, based).items() if found is not None}


def inherited(own: dict[str, T | None], based: dict[str, str]) -> dict[str, T | None]:
    """Each style's value, or the value of the nearest style it is ``w:basedOn`` that has one.

    Every chain is followed once (results are shared along it), so a file with a 20,000-style
    basedOn chain costs linear time; a cycle ends the chain."""
    out: dict[str, T | None] = {}
    for sid in own:
        path: list[str] = []
        on_path: set[str] = set()
        current = sid
        found: T | None = None
        while current and current not in out and current not in on_path:
            path.append(current)
            on_path.add(current)
            found = own.get(current)
            if found is not None:
                break
            current = based.get(current, "")
        else:
            found = out.get(current) if current in out else None
        for step in path:
            out[step] = found
    return out
