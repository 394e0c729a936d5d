"""Render the HTML report of a paper and time how long headless Chromium takes to load it
(needs Playwright and a Chromium executable); prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_html.py [PAPER] [--repeat 5]
"""

from __future__ import annotations

import os
import shutil
import statistics
import tempfile
import time
from pathlib import Path

from common import paper_arguments
from playwright.sync_api import sync_playwright

from citeguard.api import load_with_source
from citeguard.checks import audit
from citeguard.ledger import build_ledger
from citeguard.report.audit_json import AuditResult
from citeguard.report.html import render_html


def main() -> None:
    parser = paper_arguments(__doc__, repeat=5)
    args = parser.parse_args()
    t0 = time.perf_counter()
    source, doc = load_with_source(args.paper)
    ctx, findings = audit(doc)
    html = render_html(AuditResult(doc, ctx.standard, ctx.paper_date, findings), source.text, build_ledger(doc))
    render_ms = (time.perf_counter() - t0) * 1000
    chromium = os.environ.get("CITEGUARD_CHROMIUM") or shutil.which("chromium")
    with tempfile.TemporaryDirectory() as tmp:
        target = Path(tmp) / "report.html"
        target.write_text(html, encoding="utf-8")
        loads = []
        with sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu",
                                                                        "--disable-background-networking"])
            for _ in range(args.repeat):
                page = browser.new_page()
                started = time.perf_counter()
                page.goto(target.as_uri(), wait_until="load")
                loads.append((time.perf_counter() - started) * 1000)
                page.close()
            browser.close()
    print(f"{args.paper.name}: HTML {len(html) // 1024} KiB, audit + render {render_ms:.0f} ms")
    print(f"Chromium load (navigation to load event), {args.repeat} runs: median {statistics.median(loads):.0f} ms, "
          f"max {max(loads):.0f} ms")


if __name__ == "__main__":
    main()
