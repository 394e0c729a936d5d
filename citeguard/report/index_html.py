"""The page of a run over many papers (``reports/index.html``): one row per paper with its counts
and a link to its report, sortable by any column. Pure: rows in, one HTML string out."""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import quote

from jinja2 import Template

from citeguard import __version__
from citeguard.report.messages import INDEX_UI as UI
from citeguard.report.messages import plural
from citeguard.report.templates import template


@dataclass(frozen=True, slots=True)
class IndexRow:
    """One paper of the run, as the index shows it."""

    paper: str  # the path as given
    report: str = ""  # its HTML report, relative to the index ("" when none was written)
    title: str = ""
    lang: str = ""
    errors: int = 0
    warnings: int = 0
    infos: int = 0
    links: int = 0
    broken: int = 0
    policy: int = 0  # CG8xx journal-policy findings
    references: int = 0
    citations: int = 0
    error: str = ""  # why the paper could not be audited


def _template() -> Template:
    """The report template (compiled once per machine: report/templates.py)."""
    return template("index.html.j2")


def render_index(rows: list[IndexRow], *, lang: str = "en") -> str:
    """The index page; ``lang`` "zh" for Chinese labels. Every value is text, escaped."""
    ui = UI["zh" if lang == "zh" else "en"]
    read = [r for r in rows if not r.error]
    papers_word = plural(len(rows), "paper")
    summary = ui["summary"].format(n=len(rows), papers_word=papers_word, e=sum(1 for r in read if r.errors),
                                   w=sum(1 for r in read if r.warnings and not r.errors),
                                   c=sum(1 for r in read if not r.errors and not r.warnings),
                                   u=len(rows) - len(read))
    return _template().render(ui=ui, lang="zh" if lang == "zh" else "en", rows=rows, version=__version__,
                              title=ui["title"].format(n=len(rows), papers_word=papers_word), summary=summary,
                              href={r.paper: quote(r.report, safe="/") for r in rows if r.report})
