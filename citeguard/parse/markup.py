"""Markdown markup inside one entry or note, read as the plain text a reader sees.

A reference list written in Markdown sets journals and volumes in emphasis (``*Journal of X*,
*12*(3)``), titles in strong emphasis (``**title**``, ``__title__``), and addresses as links
(``[text](https://…)``, ``<https://…>``). The entry readers know none of it: ``*Journal*, *12*(3)``
is no journal, volume and issue to them. Here the marks go and the words stay; what a link points
to is kept at the entry's end when the entry gives no address of its own (a web page cited as
``[Title](https://…)``), never in the middle, where it would split a journal's name from its volume.

The entry's own text (``Reference.raw``) and its place are untouched: findings point into the file
as it is, and a fix that would re-render such an entry is not offered (it would drop the author's
markup)."""

from __future__ import annotations

import re

from citeguard.parse.fields import DOI_RE, URL_RE

# A link, inline: [text](target) or [text](target "title") — the text without brackets or line
# ends, the target an address without spaces (one level of parentheses inside: …/Foo_(bar));
# every part bounded, so a "[" that opens no link costs at most a few hundred characters.
_LINK_RE = re.compile(
    r"\[(?P<text>[^\[\]\n]{1,500})\]"
    r"\((?P<target><[^<>\n]{1,2000}>|[^()\s]{1,2000}(?:\([^()\s]{0,200}\)[^()\s]{0,500})?)"
    r"(?:[ \t]+\"[^\"\n]{0,300}\")?\)")
# An autolink: <https://doi.org/10.1/x>  <ftp://…>  <www.example.org/x>
_AUTOLINK_RE = re.compile(r"<(?P<url>(?:https?://|ftp://|www\.)[^<>\s]{1,2000})>", re.IGNORECASE)
# What markup is made of, one token at a time: an escaped character \* \_ \[ …, a run of * or _,
# a run of backticks (inline code)
_TOKEN_RE = re.compile(r"\\[\\`*_{}\[\]()#+\-.!<>|]|\*++|_++|`++")
def _has_tokens(text: str) -> bool:
    """Any of the characters emphasis, code and escapes are made of? (a GB/T entry's "[J]" is none)"""
    return "*" in text or "_" in text or "`" in text or "\\" in text


def _may_hold_markup(text: str) -> bool:
    return _has_tokens(text) or "](" in text or "<" in text


def has_markup(text: str) -> bool:
    """Does ``text`` hold Markdown markup that :func:`plain_text` would change?"""
    return _may_hold_markup(text) and plain_text(text) != text


def plain_text(text: str) -> str:
    """``text`` as Markdown renders it, markup removed: "*Nature*, *585*(7825)" → "Nature, 585(7825)";
    "[Red-Black Tree](https://x.org/rb)." → "Red-Black Tree. https://x.org/rb"; "<https://doi.org/10.1/x>"
    → "https://doi.org/10.1/x". Emphasis marks inside an address or DOI are the address's own and
    stay ("https://x.org/a_b_", "10.1002/(SICI)1097-4571*"); so does an underscore inside a word."""
    if not _may_hold_markup(text):
        return text
    targets: list[str] = []
    if "](" in text:
        text = _LINK_RE.sub(lambda m: _link(m, targets), text)
    if "<" in text:
        text = _AUTOLINK_RE.sub(lambda m: m.group("url"), text)
    if not _has_tokens(text):
        return text if not targets or _ADDRESS_RE.search(text) else f"{text.rstrip()} {targets[0]}"
    out, at = [], 0
    for m in _ADDRESS_RE.finditer(text):  # addresses and DOIs are copied as they are
        out.append(_TOKEN_RE.sub(_token, text[at:m.start()]))
        out.append(m.group(0))
        at = m.end()
    out.append(_TOKEN_RE.sub(_token, text[at:]))
    plain = "".join(out)
    if targets and not _ADDRESS_RE.search(plain):
        plain = f"{plain.rstrip()} {targets[0]}"  # where an entry's address stands: last
    return plain


# An address or DOI, which markup does not reach into (the two readers' own patterns, either one)
_ADDRESS_RE = re.compile(f"{URL_RE.pattern}|{DOI_RE.pattern}", re.IGNORECASE)


def _link(m: re.Match[str], targets: list[str]) -> str:
    """A link's text; its target, when an address, is noted in ``targets``."""
    target = m.group("target").strip("<>")
    if re.match(r"(?:https?|ftp)://", target, re.IGNORECASE):
        targets.append(target)  # (not "#ref-3", a place inside the document)
    return m.group("text")


def _token(m: re.Match[str]) -> str:
    token = m.group(0)
    if token[0] == "\\":
        return token[1]  # an escaped mark is the mark itself: \* is "*"
    if token[0] == "`":
        return ""
    text, start, end = m.string, m.start(), m.end()
    before = text[start - 1] if start else " "
    after = text[end] if end < len(text) else " "
    if token[0] == "_" and before.isalnum() and after.isalnum():
        return token  # snake_case, file_name: an underscore inside a word is the word's
    if before.isspace() and after.isspace():
        return token  # "2 * 3", a lone mark between spaces: not emphasis
    return ""
