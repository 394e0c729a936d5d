"""CG115: what a reference manager left in the text — a citation it never formatted (issue 25, first
part: the fields' own data are not read yet; their unformatted placeholders are, in any manuscript)."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

from citeguard.checks.registry import AuditContext, Rule, rule
from citeguard.model import Finding, Severity

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
