"""CG115–CG117: what reference managers leave in a manuscript — a citation never formatted (in any
text), a citation field whose displayed text was edited by hand, a field whose data cannot be read
(issue 25). The fields against the list are ``field_list_rules``."""

from __future__ import annotations

import html
import itertools
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


def field_lines(ctx: AuditContext) -> dict[str, int]:
    """The first line of each "¶N" (and "footnote N", "endnote N") of a .docx rendition (made once)."""
    memo = ctx.memo.get("field_lines")
    if isinstance(memo, dict):
        return memo
    found: dict[str, int] = {}
    positions = ctx.document.positions
    for line, label in enumerate(positions.labels if positions else (), start=1):
        found.setdefault(label, line)
        if label.startswith(("footnote ", "endnote ")):
            found.setdefault(" ".join(label.split()[:2]), line)
    ctx.memo["field_lines"] = found
    return found


def field_line(ctx: AuditContext, paragraph: int, where: str = "") -> int:
    """The rendition's line of body paragraph ``paragraph`` (or of the ``paragraph``-th note of ``where``)."""
    return field_lines(ctx).get(f"{where} {paragraph}" if where else f"¶{paragraph}", 1)


def _same(a: str, b: str) -> bool:
    """The same citation text, widths and spaces aside: （Smith，2020） is (Smith, 2020)."""
    return "".join(fold_width(a).split()) == "".join(fold_width(b).split())


@rule("CG116", "citation-edited-by-hand", Severity.WARNING)
def citation_edited_by_hand(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference manager's citation (a Zotero, Mendeley or EndNote field) shows other words than the field's
    own formatted text: it was edited by hand, and the next refresh will undo the edit — or the edit
    hides that the citation means another work. The finding shows both.
    Bad: the field of (Smith, 2020) displaying "(Smith, 2021)".  Good: change the citation in the
    reference manager, not in the text."""
    for field in ctx.document.field_citations:
        own = html.unescape(field.own_text) if field.own_text else ""
        if not own or not field.display.strip() or _same(own, field.display):
            continue
        yield r.finding((field_line(ctx, field.paragraph, field.where), 1),
                        f"the citation shows {field.display.strip()!r}, its {field.manager} field's own text is "
                        f"{own!r}: edited by hand?", f"引文显示为“{field.display.strip()}”，其 {field.manager} 域代码中的"
                        f"引文为“{own}”：疑为手工改动",
                        evidence=[("field", own), ("shown", field.display.strip())],
                        suggestion="edit the citation in the reference manager and refresh",
                        suggestion_zh="在文献管理软件中修改该引文并刷新")


@rule("CG117", "unreadable-citation-field", Severity.INFO)
def unreadable_citation_field(ctx: AuditContext, r: Rule) -> Iterator[Finding]:
    """A reference manager's citation field whose data could not be read (damaged JSON or XML, a
    NoteExpress citation whose document variable is gone): said once, naming how many, at low
    confidence — what could not be read, not the author's error."""
    bad = [f for f in ctx.document.field_citations if not f.readable]
    if bad:
        managers = ", ".join(sorted({str(f.manager) for f in bad}))
        yield r.finding((field_line(ctx, bad[0].paragraph, bad[0].where), 1),
                        f"{len(bad)} citation field(s) of a reference manager ({managers}) could not be read",
                        f"{len(bad)} 个文献管理软件（{managers}）的引文域无法读取", confidence=Confidence.LOW)
