"""Terminal summaries rendered with rich into a string (the CLI prints it)."""

from __future__ import annotations

import io

from rich.console import Console
from rich.table import Table

from citeguard.model import Document


def make_console(width: int = 100, color: bool = False) -> tuple[Console, io.StringIO]:
    """A console that renders into memory."""
    buffer = io.StringIO()
    console = Console(file=buffer, width=width, force_terminal=color, no_color=not color,
                      color_system="standard" if color else None, highlight=False)
    return console, buffer


def render_parse_summary(document: Document, *, width: int = 100, color: bool = False) -> str:
    """What ``citeguard parse`` found, as a small table plus the parser's issues."""
    console, buffer = make_console(width, color)
    linked = sum(1 for c in document.citations if c.reference is not None)
    footnotes = [f for f in document.footnotes if not f.is_fund_note]
    paired = sum(1 for f in footnotes if f.marker)
    table = Table(title=f"citeguard parse — {document.path}", show_header=True, header_style="bold")
    table.add_column("item")
    table.add_column("count", justify="right")
    table.add_column("detail")
    table.add_row("language", document.language.value, f"citation system: {document.system.value}")
    table.add_row("references", str(len(document.references)),
                  f"{sum(1 for r in document.references if r.style == 'unknown')} in an unknown style")
    table.add_row("citations", str(len(document.citations)), f"{linked} linked to an entry")
    table.add_row("footnotes", str(len(footnotes)), f"{paired} tied to a marker, on {len(document.pages)} pages")
    table.add_row("footnote markers", str(len(document.markers)),
                  f"{sum(1 for m in document.markers if m.footnote)} tied to a footnote")
    urls = sum(len(f.urls) for f in footnotes) + sum(1 for r in document.references if r.url)
    table.add_row("URLs", str(urls), "")
    table.add_row("parse issues", str(len(document.issues)), "")
    console.print(table)
    for issue in document.issues[:50]:
        console.print(f"{document.path}:{issue.span.line}:{issue.span.column}: {issue.kind.value}: {issue.message}",
                      markup=False, soft_wrap=True)
    if len(document.issues) > 50:
        console.print(f"… and {len(document.issues) - 50} more parse issues (see the JSON)")
    return buffer.getvalue()
