"""The printed page number of a page (its folio), read from the lines of its head or foot: what a
book's page is cited by, as opposed to its place in the file.

    12      — 12 —      ·12·      - 12 -      第12页      xiv
    12  习近平谈治国理政      第一章 总论  13      (a running head with the number at one end)
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence

# A line that is only a page number, perhaps between dashes or dots: "12"  "— 12 —"  "·12·"  "第12页"  "xiv"
_BARE_RE = re.compile(r"^[ \t\-—–·•.（(]{0,4}(?:第[ \t]?)?(\d{1,4}|[ivxlcdm]{1,7})(?:[ \t]?页)?[ \t\-—–·•.）)]{0,4}$",
                      re.IGNORECASE)
# A running head with the number at either end: "12  习近平谈治国理政"  "第一章 总论  13"
_HEAD_RE = re.compile(r"^(\d{1,4})[ \t\u3000]{1,8}\S.{0,80}$|^.{0,80}\S[ \t\u3000]{1,8}(\d{1,4})$")
MAX_EDGE_LINES = 2  # lines at the head and at the foot of a page looked at
MIN_SHARE = 0.5  # share of pages whose folio fits one offset for the numbers to be the book's


def folio(head: Sequence[str], foot: Sequence[str]) -> str:
    """The page number printed in these head and foot lines (the first and last lines of a page),
    "" when none: a bare number first, then a number at one end of a running head."""
    edge = [ln.strip() for ln in [*head[:MAX_EDGE_LINES], *foot[-MAX_EDGE_LINES:]] if ln.strip()]
    for ln in edge:
        if (m := _BARE_RE.match(ln)) is not None:
            return m.group(1).lower()
    for ln in edge:
        if len(ln) <= 90 and (m := _HEAD_RE.match(ln)) is not None:
            return m.group(1) or m.group(2)
    return ""


def page_labels(folios: Sequence[str]) -> tuple[str, ...] | None:
    """Printed numbers for every page from the folios read on some of them: the offset (printed
    number minus place) most of the numbered pages agree on, applied to all the Arabic-numbered
    pages; a page before the numbering keeps its own roman folio ("xiv") or none. None when the
    folios do not agree on one offset (numbers that are not the book's pages)."""
    arabic = [(i, int(f)) for i, f in enumerate(folios) if f.isdigit()]
    if len(arabic) < 2:
        return None
    offset, votes = Counter(n - i for i, n in arabic).most_common(1)[0]
    if votes < MIN_SHARE * len(arabic) or votes < 2:
        return None
    return tuple(str(i + offset) if i + offset >= 1 else folios[i] for i in range(len(folios)))
