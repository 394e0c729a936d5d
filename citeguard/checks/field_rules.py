"""CG115–CG117: what reference managers leave in a manuscript — a citation never formatted (in any
text), a Zotero or Mendeley citation field whose displayed text was edited by hand, a field whose data
cannot be read (issue 25, first part)."""

from __future__ import annotations

import html
import itertools
import json
import re
from collections.abc import Iterator

from citeguard.chars import fold_width
from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Confidence, Finding, Severity

# One work of an EndNote temporary citation: "Smith, 2020 #12"  "周文, 2023 #5"  "Smith, 2020 #12@45"
_WORK = r"[^{}#;\n]{1,120}?,[ \t]*(?:\d{4}[a-z]?|n\.d\.)[ \t]*#\d{1,7}(?:@[^{};\n]{1,20})?"
# An EndNote temporary citation, the form EndNote leaves until the bibliography is formatted (or a
# paper copied out of Word with "Unformat citations"): {Smith, 2020 #12}  {Smith, 2020 #12; Lee, 2019 #3}
_TEMPORARY_RE = re.compile(rf"\{{[ \t]*{_WORK}(?:[ \t]*;[ \t]*{_WORK}){{0,30}}[ \t]*\}}")
MAX_PER_PAPER = 500  # placeholders looked at in one paper


@rule("CG115", "unformatted-temporary-citation", Severity.ERROR)
def unformatted_temporary_citation(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference manager's temporary citation stands in the text unformatted — EndNote's
    {Author, Year #record} — so the reader sees a database record, not a citation, and the list may
    lack the work. Bad: …如前所述{Smith, 2020 #12}。  Good: let EndNote format the citations
    (Update Citations and Bibliography) before the manuscript is sent."""
    paragraphs = (p for p in ctx.document.paragraphs if "#" in p.text and "{" in p.text)
    found = ((p, m) for p in paragraphs for m in _TEMPORARY_RE.finditer(p.text))
    for p, m in itertools.islice(found, MAX_PER_PAPER):
        line = p.span.line + p.text.count("\n", 0, m.start())
        yield r.finding((line, 1) if not p.span.path else p.span, f"{m.group(0)}: an EndNote temporary citation, "
                        "never formatted", f"{m.group(0)}：EndNote 临时引文未经格式化",
                        suggestion="format the citations in EndNote (Update Citations and Bibliography)",
                        suggestion_zh="在 EndNote 中更新引文与参考文献（Update Citations and Bibliography）")


# A CSL citation field: Zotero's "ADDIN ZOTERO_ITEM CSL_CITATION {…}", Mendeley's "ADDIN CSL_CITATION {…}"
_CSL_FIELD_RE = re.compile(r"^\s*ADDIN\s+(?:ZOTERO_ITEM\s+)?CSL_CITATION\s")
# An EndNote citation field with its record inline: "ADDIN EN.CITE <EndNote><Cite>…" (not the
# EN.CITE.DATA field that carries a long one in base64)
_EN_FIELD_RE = re.compile(r"^\s*ADDIN\s+EN\.CITE(?!\.DATA)\s")
# The citation text EndNote says it displays: <DisplayText>(Smith, 2020)</DisplayText>
_DISPLAY_TEXT_RE = re.compile(r"<DisplayText>([^<]{0,500}(?:<[^<>]{1,40}>[^<]{0,500}){0,10}?)</DisplayText>")
# Markup a formatted citation may hold: <i>  </sup>
_TAG_RE = re.compile(r"<[^<>]{1,40}>")
MAX_JSON = 1_000_000  # characters of one field's data read


def _own_text(instruction: str) -> str | None:
    """The citation text a CSL field says it displays (Zotero's plainCitation, Mendeley's
    plainTextFormattedCitation, else a formattedCitation without its markup); None when its data
    cannot be read."""
    start = instruction.find("{")
    if start < 0:
        return None
    try:
        data, _ = json.JSONDecoder().raw_decode(instruction[start:start + MAX_JSON])
    except (ValueError, RecursionError):
        return None
    if not isinstance(data, dict):
        return None
    for holder, key in (("properties", "plainCitation"), ("mendeley", "plainTextFormattedCitation"),
                        ("properties", "formattedCitation"), ("mendeley", "formattedCitation")):
        block = data.get(holder)
        value = block.get(key) if isinstance(block, dict) else None
        if isinstance(value, str) and value.strip():
            return _TAG_RE.sub("", value)
    return ""


def _same(a: str, b: str) -> bool:
    """The same citation text, widths and spaces aside: （Smith，2020） is (Smith, 2020)."""
    return "".join(fold_width(a).split()) == "".join(fold_width(b).split())


def _lines(ctx: AuditContext) -> dict[str, int]:
    """The first line of each "¶N" of a .docx rendition."""
    positions = ctx.document.positions
    out: dict[str, int] = {}
    for line, label in enumerate(positions.labels if positions else (), start=1):
        out.setdefault(label, line)
    return out


@rule("CG116", "citation-edited-by-hand", Severity.WARNING)
def citation_edited_by_hand(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference manager's citation (a Zotero, Mendeley or EndNote field) shows other words than the field's
    own formatted text: it was edited by hand, and the next refresh will undo the edit — or the edit
    hides that the citation means another work. The finding shows both.
    Bad: the field of (Smith, 2020) displaying "(Smith, 2021)".  Good: change the citation in the
    reference manager, not in the text."""
    lines = _lines(ctx) if ctx.document.fields else {}
    for field in ctx.document.fields:
        if _EN_FIELD_RE.match(field.instruction):
            shown = _DISPLAY_TEXT_RE.search(field.instruction)
            own = html.unescape(_TAG_RE.sub("", shown.group(1))) if shown else None
        elif _CSL_FIELD_RE.match(field.instruction):
            own = _own_text(field.instruction)
        else:
            continue
        if not own or _same(own, field.display) or not field.display.strip():
            continue
        line = lines.get(f"¶{field.paragraph}", 1)
        yield r.finding((line, 1), f"the citation shows {field.display.strip()!r}, its field's own text is {own!r}: "
                        "edited by hand?", f"引文显示为“{field.display.strip()}”，其域代码中的引文为“{own}”：疑为手工改动",
                        evidence=[("field", own), ("shown", field.display.strip())],
                        suggestion="edit the citation in the reference manager and refresh",
                        suggestion_zh="在文献管理软件中修改该引文并刷新")


@rule("CG117", "unreadable-citation-field", Severity.INFO)
def unreadable_citation_field(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference manager's citation field whose data could not be read (damaged JSON): said once,
    naming how many, at low confidence — what could not be read, not the author's error."""
    bad = [f for f in ctx.document.fields if _CSL_FIELD_RE.match(f.instruction) and _own_text(f.instruction) is None]
    if bad:
        line = _lines(ctx).get(f"¶{bad[0].paragraph}", 1)
        yield r.finding((line, 1), f"{len(bad)} citation field(s) of a reference manager could not be read",
                        f"{len(bad)} 个文献管理软件的引文域无法读取", confidence=Confidence.LOW)
