"""English count words: "1 entry", "2 entries", "the 11th work". Below the checks and the
renderers, which both write English sentences around numbers (Chinese needs neither)."""

from __future__ import annotations


def plural(count: int, word: str) -> str:
    """An English noun for a count ("1 error", "2 errors", "2 entries"); the Chinese templates need none."""
    if count == 1:
        return word
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "i", "o", "u"):
        return word[:-1] + "ies"  # entry → entries (but key → keys)
    return f"{word}s"


def counted(count: int, word: str) -> str:
    """ "1 entry", "3 entries"."""
    return f"{count} {plural(count, word)}"


def ordinal(n: int) -> str:
    """1st, 2nd, 3rd, 4th … 11th, 12th, 13th … 21st, 22nd."""
    suffix = "th" if 10 <= n % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(n % 10, "th")
    return f"{n}{suffix}"
