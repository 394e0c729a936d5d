"""Text that came from a manuscript, a .bib file or a fetched page is data in every output: it
must not move the terminal's cursor, hide an earlier line, reorder what is shown (bidi controls),
start a spreadsheet formula, or become a heading in a Markdown comment (docs/security.md)."""

from __future__ import annotations

import re

# C0 controls but tab and newline, DEL, C1 controls, and the bidi embedding/override/isolate marks
# that reorder displayed text ("Trojan Source"): ESC [2K … erases a line; U+202E reverses one.
_CONTROL_RE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069]")
# The same, plus the line breaks that would start a new line where one line is meant.
_LINE_CONTROL_RE = re.compile("[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069]")
# First characters a spreadsheet reads as a formula (OWASP "CSV injection").
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\uff1d", "\uff0b", "\uff0d", "\uff20")


def _visible(m: re.Match[str]) -> str:
    code = ord(m.group(0))
    return f"\\x{code:02x}" if code < 0x100 else f"\\u{code:04x}"


def visible_controls(text: str, *, one_line: bool = False) -> str:
    """``text`` with every control character written out (ESC → ``\\x1b``); with ``one_line``,
    line breaks too, for places that show one line per item."""
    pattern = _LINE_CONTROL_RE if one_line else _CONTROL_RE
    return pattern.sub(_visible, text)


def csv_cell(value: object) -> str:
    """A CSV cell a spreadsheet shows as text: a leading ``'`` before =, +, -, @, tab or CR (and
    their full-width forms, which some spreadsheets also accept), as OWASP recommends."""
    text = visible_controls(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text
