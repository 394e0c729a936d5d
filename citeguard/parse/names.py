"""Author names: splitting author lists and reducing a name to the key citations use."""

from __future__ import annotations

import re

from citeguard.chars import HAN, is_chinese
from citeguard.parse.entrykey import joins_initials, link_surname, pair_given_names

# "等" / "等." / "et al" / "et al." closing an author list
ET_AL_RE = re.compile(r"^(?:等|et\.?\s*a[l1]\.?|eta[l1]\.?)$", re.IGNORECASE)  # OCR's "et a1" "eta1" too
# Author roles written after a name in GB/T 7714 entries: 主编, 编著, 译, ed., eds.
_ROLE_RE = re.compile(r"(?<!\s)\s*+(?:主编|副主编|编著|编译|编选|编|著|译|校注|整理|\(?eds?\.?\)?|\(?编\)?)$")
# Nationality prefixes of translated works: [美], (英), 〔德〕
_NATION_RE = re.compile(r"^\s*[\[(（〔［][^\])）〕］]{1,4}[\])）〕］]\s*")
# Separators between authors in an entry: , ， 、 ; ；
_AUTHOR_SEP_RE = re.compile(r"(?:(?<!\s)\s*+|(?<=\s)(?!\s))[,，、;；]\s*+")  # (never from inside a space run)
# A Western name in GB/T form: surname, then initials without dots (SMITH J A, Park J-R)
_GB_WESTERN_RE = re.compile(r"^(?P<surname>[A-Za-zÀ-ÖØ-öø-ÿĀ-ž][A-Za-zÀ-ÖØ-öø-ÿĀ-ž'’\- ]*?)"
                            r"\s+(?P<initials>(?:[A-Z](?:-[A-Z])?\s*)+)$")
# A Western name with initials first: A. H. Guth, J.-R. Park
_INITIALS_FIRST_RE = re.compile(r"^(?:[A-Z][a-z]?\.\s*(?:-\s*)?)+(?P<surname>[A-Z][\w'’\-]+(?:\s+[A-Z][\w'’\-]+)*)$")


def clean_name(name: str) -> str:
    """Drop a nationality prefix and a role suffix: "[美]史密斯主编" → "史密斯"."""
    name = _NATION_RE.sub("", name.strip())
    name = _ROLE_RE.sub("", name)
    return name.strip(" .")


# "and" or "&" before the last of several names, after the comma: "Graetz, G., and G. Michaels"
_AND_BEFORE_RE = re.compile(r"^(?:and|&)\s+")


def split_authors(text: str) -> tuple[tuple[str, ...], bool]:
    """Split an entry's author element into names; the flag says whether 等/et al. closed it."""
    parts = [p for p in _AUTHOR_SEP_RE.split(text.strip().rstrip(".")) if p.strip()]
    et_al = False
    names: list[str] = []
    for part in parts:
        part = part.strip()
        if ET_AL_RE.match(part):
            et_al = True
            break  # 等/et al. closes the authors: "张三，李四，王五，等，题名…" (a comma for the period)
        # "张三等" glued without a comma
        if part.endswith("等") and len(part) > 2 and re.fullmatch(rf"{HAN}+等", part):
            et_al = True
            part = part[:-1]
        if re.search(r"\bet\.?\s*a[l1]\.?$|eta[l1]\.?$", part):
            et_al = True
            part = re.sub(r",?\s*\bet\.?\s*a[l1]\.?$|,?\s*eta[l1]\.?$", "", part)
        part = clean_name(_AND_BEFORE_RE.sub("", part)) if names else clean_name(part)
        if names and part and not is_chinese(part) and joins_initials(names[-1], part):
            names[-1] = f"{names[-1]}, {part}"  # "Tangney, JP": one author, written "Surname, Initials"
        elif part:
            names.append(part)
    return pair_given_names(tuple(names)), et_al


def surname_key(name: str) -> str:
    """The key a citation uses for this author (see :func:`citeguard.parse.entrykey.link_surname`).

    Chinese author-year citations give the full name (周文), so a Han name is its own key.
    Western citations give the surname, folded: "SMITH J" → "smith", "Smith, J." → "smith",
    "A. H. Guth" → "guth", "van Dijk" → "vandijk".
    """
    return link_surname(name)
