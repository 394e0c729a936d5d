"""What the reference list's reader left behind: entry labels printed in the list's text that no
entry was read with — a label run on inside another entry ("…544-6. [23]Marcano HE…", "…58-66.30]
Hector A…"), or opening a line after the list that its reader did not take ("[74」初景利…").

A cited number among them has its entry in the text, misread; the checks then say so at low
confidence instead of calling the entry missing (citeguard/checks/evidence.py)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence

from citeguard.model import Reference
from citeguard.parse.lines import Line

# An entry label inside a text: "[23]" "[74」" "[38〕" "［5］" "[ 12 ]" "[5'2]" (a speck between the digits);
# OCR's half label "30]", or a parenthesised one "(33)" "(10" after a period or a space and before a
# name: "…66.30] Hector A" "…507-511. (33) Kaltenbrunner" "(10Jiang"; a numbered one after a
# sentence: "…981-5. 19.ldicula"; a label whose number was lost, "[]Oves M"
LABEL_IN_TEXT_RE = re.compile(
    r"[\[［【〔][ \t]{0,2}(?P<b>\d{1,2})?['’`]?(?P<c>\d{1,3})[ \t]{0,2}[\]］】」〕]"
    r"|(?<=[.。．,，;；\s])(?:(?P<h>\d{1,3})[\]］】」〕]|[(（](?P<p>\d{1,3})[)）])(?=[ \t]?[A-Za-z\u4e00-\u9fff])"
    r"|(?<=[.。．,，;；\s])[(（](?P<o>\d{1,3})(?=[A-Z][a-z]|[\u4e00-\u9fff])"
    r"|(?<=[.。．;；][ \t])(?P<d>\d{1,3})[.．](?=[A-Za-z\u4e00-\u9fff])"
    r"|[\[［][ \t]?[\]］](?=[ \t]?[A-Z\u4e00-\u9fff])")
# The same at a line start, for the lines after the list: "[74」初景利…"  "75] Smith J…"
_LABEL_AT_START_RE = re.compile(r"^[ \t]*(?:[\[［【〔][ \t]{0,2}(?P<b>\d{1,3})|(?P<h>\d{1,3}))[ \t]{0,2}[\]］】」〕]")
# A Markdown heading, which ends what may still belong to the list
_HEADING_RE = re.compile(r"^[ \t]*#{1,6}[ \t]")
MAX_TAIL = 20  # lines after the list looked at
MAX_LABELS = 20  # labels taken from one entry's text (a table read as an entry holds hundreds)


def labels_in(text: str, *, bracketed: bool = False) -> Iterator[int]:
    """The numbers of the entry labels printed inside ``text`` (``bracketed``: only those in
    brackets, whole or half: "[23]" "30]")."""
    for i, m in enumerate(LABEL_IN_TEXT_RE.finditer(text)):
        if i >= MAX_LABELS:
            return
        if bracketed and not (m.group("c") or m.group("h")):
            continue
        number = m.group("c") or m.group("h") or m.group("p") or m.group("o") or m.group("d")
        yield int((m.group("b") or "") + number) if number else 0  # 0: a label whose number was lost


def stray_labels(references: Sequence[Reference], trailing: Sequence[Line]) -> tuple[int, ...]:
    """Numbers printed as entry labels in a numbered list's text (inside its entries, or in the
    lines after it up to the next heading) that no entry of the list was read with."""
    numbers = {r.number for r in references if r.number is not None}
    if not numbers or len(numbers) * 2 <= len(references):
        return ()  # not a numbered list
    found: set[int] = set()
    for ref in references:
        found.update(n for n in labels_in(ref.raw) if n and n != ref.number)
    for line in trailing[:MAX_TAIL]:
        if _HEADING_RE.match(line.text):
            break
        m = _LABEL_AT_START_RE.match(line.text)
        if m is not None:
            found.add(int(m.group("b") or m.group("h")))
        # an entry run on that the reader let go; only bracketed labels, which an address after the
        # list ("(1.Faculty …", "730070, China; 2.State …") does not print
        found.update(n for n in labels_in(line.text, bracketed=True) if n)
    far = 3 * max(numbers) + 10  # a "label" far past the list's end is a year or a page ("[2013]"), not an entry's
    return tuple(sorted(n for n in found - numbers if n <= far))
