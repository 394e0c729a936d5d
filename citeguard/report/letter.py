"""The letter to the author (the review desk's export): the findings an editor accepted, each with
its place, what is wrong, the suggested correction and the editor's comments, in Chinese or
English, as Markdown, HTML or a .docx. Pure: items in, a string (or the .docx's bytes) out; every
piece of manuscript text is escaped for the form it lands in."""

from __future__ import annotations

import html
import io
import re
from collections.abc import Sequence
from dataclasses import dataclass

# Markdown's active characters inside a line: emphasis, code, raw HTML, a link's "](" (a bracket
# alone, as in "[5]", is printed as it is: a letter pasted into e-mail shows no backslashes there)
_MD_ACTIVE_RE = re.compile(r"([\\`*_<>|~]|\](?=\())")
# Characters XML 1.0 cannot hold (a .docx refuses them): C0 controls but tab, line feed, return
_NOT_XML_RE = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

_WORDS = {
    "zh": {"subject": "关于《{title}》引文与参考文献的修改意见", "greeting": "尊敬的作者：",
           "intro": "经编辑部核查，稿件的引文与参考文献有以下 {n} 处需要修改：",
           "none": "经编辑部核查，稿件的引文与参考文献无需修改。", "where": "位置", "fix": "建议",
           "comment": "编辑意见", "close": "请逐条修改，并在修改说明中逐条回复。", "sign": "编辑部",
           "untitled": "来稿"},
    "en": {"subject": "Citations and references of “{title}”: corrections requested", "greeting": "Dear author,",
           "intro": "The editorial office checked the citations and references of your manuscript. "
                    "{n} points need correcting:",
           "none": "The editorial office checked the citations and references of your manuscript: "
                   "nothing needs correcting.",
           "where": "Where", "fix": "Suggested correction", "comment": "Editor's note",
           "close": "Please correct each point and answer each in your response letter.",
           "sign": "The editorial office", "untitled": "your manuscript"},
}


@dataclass(frozen=True, slots=True)
class LetterItem:
    """One accepted finding as the author reads it."""

    code: str
    location: str
    message: str
    suggestion: str = ""
    comments: tuple[str, ...] = ()


def _words(lang: str) -> dict[str, str]:
    return _WORDS["zh" if lang == "zh" else "en"]


def _colon(lang: str) -> str:
    return "：" if lang == "zh" else ": "


def _md(text: str) -> str:
    """Manuscript text as literal Markdown: one line, active characters escaped."""
    return _MD_ACTIVE_RE.sub(r"\\\1", " ".join(text.split()))


def render_letter_md(title: str, items: Sequence[LetterItem], *, lang: str) -> str:
    w = _words(lang)
    out = [f"# {_md(w['subject'].format(title=title or w['untitled']))}", "", w["greeting"], ""]
    out += [w["intro"].format(n=len(items)) if items else w["none"], ""]
    for n, item in enumerate(items, 1):
        c = _colon(lang)
        out.append(f"{n}. **{w['where']}{c}{_md(item.location)}** ({item.code}) {_md(item.message)}")
        if item.suggestion:
            out.append(f"   - {w['fix']}{c}{_md(item.suggestion)}")
        out += [f"   - {w['comment']}{c}{_md(note)}" for note in item.comments]
    out += ["", w["close"], "", w["sign"], ""]
    return "\n".join(out)


def render_letter_html(title: str, items: Sequence[LetterItem], *, lang: str) -> str:
    w = _words(lang)
    e = html.escape
    subject = e(w["subject"].format(title=title or w["untitled"]))
    rows = []
    for item in items:
        c = _colon(lang)
        extra = f"<li>{e(w['fix'])}{c}{e(item.suggestion)}</li>" if item.suggestion else ""
        extra += "".join(f"<li>{e(w['comment'])}{c}{e(note)}</li>" for note in item.comments)
        rows.append(f"<li><strong>{e(w['where'])}{c}{e(item.location)}</strong> ({e(item.code)}) {e(item.message)}"
                    + (f"<ul>{extra}</ul>" if extra else "") + "</li>")
    body = f"<ol>{''.join(rows)}</ol>" if items else ""
    return (f'<!doctype html>\n<html lang="{"zh-CN" if lang == "zh" else "en"}"><head><meta charset="utf-8">'
            f"<title>{subject}</title></head><body><h1>{subject}</h1><p>{e(w['greeting'])}</p>"
            f"<p>{e(w['intro'].format(n=len(items)) if items else w['none'])}</p>{body}"
            f"<p>{e(w['close'])}</p><p>{e(w['sign'])}</p></body></html>\n")


def letter_docx(title: str, items: Sequence[LetterItem], *, lang: str) -> bytes:
    """The letter as a Word document (python-docx; text set as runs, never parsed as markup)."""
    import docx

    w = _words(lang)
    title = _NOT_XML_RE.sub("", title)
    items = [LetterItem(i.code, _NOT_XML_RE.sub("", i.location), _NOT_XML_RE.sub("", i.message),
                        _NOT_XML_RE.sub("", i.suggestion), tuple(_NOT_XML_RE.sub("", c) for c in i.comments))
             for i in items]
    word = docx.Document()
    word.add_heading(w["subject"].format(title=title or w["untitled"]), level=1)
    word.add_paragraph(w["greeting"])
    word.add_paragraph(w["intro"].format(n=len(items)) if items else w["none"])
    for item in items:
        p = word.add_paragraph(style="List Number")
        c = _colon(lang)
        p.add_run(f"{w['where']}{c}{item.location}").bold = True
        p.add_run(f" ({item.code}) {item.message}")
        if item.suggestion:
            word.add_paragraph(f"{w['fix']}{c}{item.suggestion}", style="List Bullet")
        for note in item.comments:
            word.add_paragraph(f"{w['comment']}{c}{note}", style="List Bullet")
    word.add_paragraph(w["close"])
    word.add_paragraph(w["sign"])
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()
