"""What two printings of one passage share: letters and digits only, width folded (NFKC), lower case,
Traditional characters made Simplified one by one (學而時習之 → 学而时习之) — by a table made once
from OpenCC's character dictionary, so that a 600-page book folds in a fraction of a second."""

from __future__ import annotations

import functools
import re
import unicodedata
from array import array
from pathlib import Path

# What folding drops: punctuation, spaces, symbols (and _, which \w keeps)
_NOT_WORD_RE = re.compile(r"[\W_]+")


@functools.cache
def _simplified_table() -> dict[int, str]:
    """Each Traditional character → its first Simplified form (OpenCC's TSCharacters.txt)."""
    import opencc  # (the package citeguard already uses for titles: its dictionary, read once)

    table: dict[int, str] = {}
    path = Path(opencc.__file__).parent / "dictionary" / "TSCharacters.txt"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError:  # a packaging without the dictionary: Traditional text is then compared as it is
        return table
    for line in lines:
        traditional, _, simplified = line.partition("\t")
        if len(traditional) == 1 and simplified:
            table[ord(traditional)] = simplified.split()[0]
    return table


def fold(text: str) -> str:
    """``text`` as matching compares it (see the module's documentation)."""
    return _NOT_WORD_RE.sub("", unicodedata.normalize("NFKC", text)).lower().translate(_simplified_table())


def fold_with_places(text: str) -> tuple[str, array[int]]:
    """``fold(text)`` and, for each of its characters, the place in ``text`` it came from (to show the
    edition's own words, punctuation and all, at a place found in the folded text)."""
    out: list[str] = []
    places: array[int] = array("i")
    for i, ch in enumerate(text):
        folded = fold(ch)
        out.append(folded)
        places.extend([i] * len(folded))
    return "".join(out), places
