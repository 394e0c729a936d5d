"""Renderers for ``citeguard verify``: the JSON the issue specifies and a terminal table (pure)."""

from __future__ import annotations

import json
from collections.abc import Sequence

from rich.table import Table
from rich.text import Text

from citeguard.model import Reference
from citeguard.records import Verdict, Verification
from citeguard.report.terminal import _data, make_console
from citeguard.report.verdicts import verdict_dict

VERDICT_STYLE = {Verdict.VERIFIED: "green", Verdict.MISMATCH: "yellow", Verdict.LIKELY_FABRICATED: "bold red",
                 Verdict.NOT_FOUND: "cyan", Verdict.NOT_INDEXED: "dim", Verdict.NOT_CHECKED: "dim"}


def verification_dict(ref: Reference, result: Verification) -> dict[str, object]:
    return {**verdict_dict(result), "index": ref.index, "number": ref.number, "key": ref.key, "label": ref.label}


def render_verify_json(path: str, pairs: Sequence[tuple[Reference, Verification]], requests: int) -> str:
    counts: dict[str, int] = {}
    for _, result in pairs:
        counts[result.verdict.value] = counts.get(result.verdict.value, 0) + 1
    body = {"paper": path, "requests": requests, "summary": counts,
            "references": [verification_dict(ref, result) for ref, result in pairs]}
    return json.dumps(body, ensure_ascii=False, indent=2) + "\n"


def render_verify_table(pairs: Sequence[tuple[Reference, Verification]], requests: int, *, width: int = 120,
                        color: bool = False) -> str:
    """One row per reference: its label, verdict, what differs (cited → record) and notices."""
    console, buffer = make_console(width, color)
    table = Table(header_style="bold")
    for column in ("entry", "verdict", "cited work", "what the record says"):
        table.add_column(column, overflow="fold")
    for ref, result in pairs:
        about = Text()
        for f in result.fields:
            about.append(f"{f.field}: ").append(_data(f.cited)).append(" → ").append(_data(f.record)).append("\n")
        for n in result.notices:
            notice = _data(f"{n.kind.value}" + (f" ({n.doi}" + (f", {n.date}" if n.date else "") + ")" if n.doi else ""))
            if color:  # a record's DOI is untrusted: written out like manuscript text
                notice.stylize("bold red")
            about.append_text(notice)
            about.append(": cite the notice with the work\n")
        if not result.fields and not result.notices:
            about.append_text(_data(result.detail))
        style = VERDICT_STYLE.get(result.verdict, "") if color else ""
        label = result.label or ref.label or ref.key or str(ref.index)
        table.add_row(_data(label), Text(result.verdict.value, style=style), _data((ref.title or ref.raw)[:120]),
                      about)
    console.print(table)
    counts: dict[str, int] = {}
    for _, result in pairs:
        counts[result.verdict.value] = counts.get(result.verdict.value, 0) + 1
    console.print(", ".join(f"{v}: {n}" for v, n in counts.items()) + f"  ({requests} request{'' if requests == 1 else 's'})")
    return buffer.getvalue()
