"""The long lists of the HTML report — the manuscript's lines, the entries, the footnotes, the
links — as HTML built here, byte for byte what the template's loops wrote. A Jinja2 loop costs
some microseconds for each value it prints: 10,000 entries with URLs took 1.7 s of template."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from markupsafe import Markup

from citeguard.model import Finding, Footnote


@dataclass(frozen=True, slots=True)
class Piece:
    """A stretch of one text line: plain, or a highlighted citation / footnote mark."""

    text: str
    kind: str = ""  # "", "cit" or "mark"
    target: str = ""  # id of the element a click goes to
    tip: str = ""  # hover text
    severity: str = ""  # worst finding at this place


def escape(value: object) -> str:
    """``value`` as Jinja2's autoescape (MarkupSafe) prints it: str() of it, & < > ' " escaped."""
    text = str(value)
    return (text.replace("&", "&amp;").replace(">", "&gt;").replace("<", "&lt;").replace("'", "&#39;")
            .replace('"', "&#34;"))


def text_view(lines: list[list[Piece]], labels: list[str]) -> Markup:
    """The manuscript's lines with their marks, one row a line (the template adds the last line end)."""
    rows: list[str] = []
    for number, (pieces, label) in enumerate(zip(lines, labels, strict=True), start=1):
        out = [f'<p id="L{number}"><span class="ln">{escape(label)}</span>']
        for p in pieces:
            if not p.kind:
                out.append(escape(p.text))
                continue
            marked = escape(p.kind) + (f" sev-{escape(p.severity)}" if p.severity else "")
            if p.target:
                out.append(f'<a class="{marked}" href="#{escape(p.target)}" title="{escape(p.tip)}">'
                           f"{escape(p.text)}</a>")
            else:
                out.append(f'<span class="{marked}" title="{escape(p.tip)}">{escape(p.text)}</span>')
        out.append("</p>")
        rows.append("".join(out))
    return Markup("\n".join(rows))


def _notes(findings: Sequence[Finding], lang: str) -> str:
    return "".join(f'<div class="note sev-{escape(f.severity.value)}">{escape(f.code)} '
                   f"{escape(f.message_zh if lang == 'zh' else f.message)}</div>" for f in findings)


def reference_items(references: Sequence[Mapping[str, Any]], ui: Mapping[str, str], lang: str,
                    line_label: Callable[[int], str]) -> Markup:
    """The entries' <li> items, each with its citations, pages, link status, verdict and findings."""
    out: list[str] = []
    for r in references:
        label = escape(r["label"])
        out.append(f'<li id="{escape(r["id"])}">' + (f'<a href="#L{escape(r["line"])}" class="muted">{label}</a>'
                                                      if r["line"] else f'<span class="muted">{label}</span>')
                   + f' {escape(r["raw"])}<br>\n<span class="badge">{escape(ui["cited"])} {escape(r["cited"])}'
                   f'{escape(ui["times"])}</span>\n')
        if r["cited_at"]:
            out.append(f'<span class="muted">{escape(ui["cited_at"])}: '
                       + "".join(f'<a href="#L{escape(n)}">{escape(line_label(n))}</a> ' for n in r["cited_at"])
                       + "</span>")
        if r["show_pages"]:
            cited = ", ".join(escape(p) for p in r["pages_cited"]) or "—"
            listed = ", ".join(escape(p) for p in r["pages_listed"]) or "—"
            out.append(f'<span class="badge">{escape(ui["pages_cited"])}: {cited} / {escape(ui["pages_listed"])}: '
                       f"{listed}</span>")
        if r["link"]:
            out.append(f'<span class="badge">{escape(r["link"])}</span>')
        if verdict := r["verdict"]:
            out.append(f'<span class="badge verdict-{escape(verdict["verdict"])}" title="{escape(verdict["detail"])}">'
                       f'{escape(verdict["verdict"])}</span>')
            if verdict["url"]:
                out.append(f' <a class="muted" href="{escape(verdict["url"])}" rel="noopener noreferrer">'
                           f'{escape(ui["record"])}</a>')
        out.append(_notes(r["findings"], lang) + "</li>\n")
    return Markup("".join(out))


def footnote_items(footnotes: Sequence[Footnote], by_note: Mapping[str, Sequence[Finding]], lang: str,
                   page_label: Callable[[int], str], line_label: Callable[[int], str]) -> Markup:
    """The footnotes' <li> items, each with a link to its mark and its findings."""
    out: list[str] = []
    for n in footnotes:
        out.append(f'<li id="fn-{escape(n.id)}"><span class="muted">{escape(page_label(n.page))} {escape(n.symbol)}'
                   f"</span> {escape(n.text)}")
        if n.marker:
            out.append(f' <a class="muted" href="#L{escape(n.span.line)}">{escape(line_label(n.span.line))}</a>')
        out.append(_notes(by_note.get(n.id, []), lang) + "</li>\n")
    return Markup("".join(out))


def link_rows(links: Sequence[Mapping[str, Any]], ui: Mapping[str, str], ev_value: Callable[[str], str],
              line_label: Callable[[int], str]) -> Markup:
    """The rows of the links table: the URL, what checking it found, what the entry claims."""
    out: list[str] = []
    for link in links:
        url = escape(link["url"])
        out.append("<tr><td>" + (f'<a href="{escape(link["href"])}" rel="noopener noreferrer">{url}</a>'
                                 if link["href"] else url)
                   + f'<br><span class="muted">{escape(ev_value(link["domain"]))} · <a href="#L{escape(link["line"])}">'
                   f'{escape(line_label(link["line"]))}</a></span></td>\n'
                   f'<td class="st-{escape(link["status"])}">{escape(link["status_label"])} {escape(link["code"])}')
        if link["final_url"]:
            out.append(f'<br><span class="muted">{escape(ui["final"])}: {escape(link["final_url"])}</span>')
        if link["detail"] and link["status"] != "ok":
            out.append(f'<br><span class="muted">{escape(link["detail"])}</span>')
        out.append(f'</td><td>{escape(link["claimed_title"])}<br><span class="muted">{escape(link["claimed_date"])}'
                   f'</span></td>\n<td>{escape(link["title"])}<br><span class="muted">{escape(link["published"])}'
                   "</span></td>\n<td>" + (f'<a href="{escape(link["archive"])}" rel="noopener noreferrer">'
                                            f'{escape(ui["archive"])}</a>' if link["archive"] else "")
                   + "</td></tr>\n")
    return Markup("".join(out))
