"""Fuzz the whole offline pipeline with mutated manuscripts: read, parse, link, audit and render
every report format, one document at a time under a time and a memory limit.

    python benchmarks/fuzz.py --count 10000 [--workers 2] [--seed 0] [--keep DIR]

Seeds are real manuscripts (the bundled paper, published papers from ../shared/corpus/wild*, a
LaTeX thesis, Markdown with [^n] notes, JOSS papers with .bib files) cut to windows of a few
kilobytes; mutations insert the tokens citation syntax is made of (brackets, circled numbers, 等,
et al., \\cite{, [@, ^[), control characters and markup, repeat spans up to thousands of times,
delete, swap and truncate. Formats: .txt, .md (+ .bib), .tex (+ .bib and \\input), .docx (built
from mutated text, or its bytes mutated). Every document must end as a report or a clean
refusal (IngestError) within --time-limit seconds and the --memory-limit; anything else (another
exception, a timeout, MemoryError) is printed with the case number, which reproduces it
(``--only N --keep DIR`` writes the input).
"""

from __future__ import annotations

import argparse
import io
import random
import resource
import signal
import sys
import tempfile
import time
import traceback
import zipfile
from collections import Counter
from multiprocessing import Pool
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
SHARED = ROOT.parent / "shared" / "corpus"

TOKENS = ["（", "）", "(", ")", "[", "]", "【", "】", "［", "］", "{", "}", "①", "②", "⑳", "㊿", "^{①}", "^①", "等",
          " 等", "等人", "et al.", " and ", " & ", "和", "、", "，", ",", "；", ";", "：", ":", "．", ".", "-", "–", "—",
          "2020", "2021a", "19", "p. 5", "第3卷", "[J]", "[M]", "[EB/OL]", "//", "http://", "https://www.gov.cn/",
          "doi:10.1000/x", "\\cite{", "\\citep[p.~3]{", "\\input{", "[@", "[^1]", "^[", "\n", "\n\n", "参考文献\n",
          "References\n", "# ", "---\n", "\x1b[2K", "\u202e", "\x00", "\r", "[/]", "[link=x]", "<script>", "=SUM(1)",
          "\\", "\"", "“", "”", "《", "》", "张三", "Smith", "周文和许凌云", "0", "9" * 12, "\t", "\ufeff", "\ud7ff"]


def _seeds() -> list[tuple[str, str, str | None]]:
    """(format, text, .bib text or None) windows to mutate."""
    out: list[tuple[str, str, str | None]] = []
    paper = (ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt").read_text(encoding="utf-8")
    out.append(("txt", paper, None))
    for path in sorted((SHARED / "wild").glob("*.md"))[::40] + sorted((SHARED / "wild").glob("*.txt"))[::40]:
        out.append(("md" if path.suffix == ".md" else "txt", path.read_text(encoding="utf-8", errors="replace"), None))
    for path in sorted((SHARED / "wild-mdnotes").glob("*.md"))[:4]:
        out.append(("md", path.read_text(encoding="utf-8", errors="replace"), None))
    for folder in sorted((SHARED / "wild-joss").iterdir())[:4] if (SHARED / "wild-joss").exists() else []:
        mds, bibs = sorted(folder.glob("*.md")), sorted(folder.glob("*.bib"))
        if mds and bibs:
            out.append(("md", mds[0].read_text(encoding="utf-8", errors="replace"),
                        bibs[0].read_text(encoding="utf-8", errors="replace")))
    thesis = ROOT / "corpus" / "latex-thesis"
    texs, bibs = sorted(thesis.rglob("*.tex")), sorted(thesis.rglob("*.bib"))
    if texs and bibs:
        out.append(("tex", "\n".join(t.read_text(encoding="utf-8", errors="replace") for t in texs[:6]),
                    bibs[0].read_text(encoding="utf-8", errors="replace")))
    return out


def _mutate(rng: random.Random, text: str, rounds: int) -> str:
    for _ in range(rounds):
        op = rng.random()
        at = rng.randrange(len(text) + 1)
        if op < 0.45:  # insert tokens
            text = text[:at] + "".join(rng.choice(TOKENS) for _ in range(rng.randint(1, 6))) + text[at:]
        elif op < 0.6:  # delete a span
            text = text[:at] + text[at + rng.randint(1, 200):]
        elif op < 0.75:  # repeat a short span many times: long runs are where regexes go quadratic
            span = text[at:at + rng.randint(1, 40)] or rng.choice(TOKENS)
            text = text[:at] + span * rng.choice([2, 10, 100, 1000, 3000]) + text[at:]
        elif op < 0.85:  # swap two lines
            lines = text.split("\n")
            if len(lines) > 2:
                i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
                lines[i], lines[j] = lines[j], lines[i]
            text = "\n".join(lines)
        elif op < 0.93:  # a repeated token run
            text = text[:at] + rng.choice(TOKENS) * rng.choice([50, 500, 5000]) + text[at:]
        else:  # truncate
            text = text[:max(1, at)]
    return text[:400_000]


def make_case(index: int, seed: int, seeds: list[tuple[str, str, str | None]], folder: Path) -> tuple[str, Path]:
    """Write case ``index`` into ``folder``; returns (format, main file)."""
    rng = random.Random(seed * 1_000_003 + index)
    wanted = rng.choice(["txt", "md", "tex", "docx"])  # each format a quarter of the cases
    fmt, text, bib = rng.choice([s for s in seeds if s[0] == ("txt" if wanted == "docx" else wanted)] or seeds)
    start = rng.randrange(max(1, len(text) - 6000))
    # Keep the end of the text (the reference list) in most windows.
    window = text[start:start + rng.randint(500, 6000)] + (text[-3000:] if rng.random() < 0.6 else "")
    mutated = _mutate(rng, window, rng.randint(1, 12))
    if fmt == "txt" and wanted == "docx":
        fmt = "docx"
    main = folder / f"case{index}.{fmt}"
    if fmt == "docx":
        from tests.docxbuild import build_docx

        build_docx(mutated.replace("\x00", ""), main)
        if rng.random() < 0.3:  # damage the bytes or the XML of the package
            data = bytearray(main.read_bytes())
            if rng.random() < 0.5:
                for _ in range(rng.randint(1, 20)):
                    data[rng.randrange(len(data))] = rng.randrange(256)
                main.write_bytes(bytes(data))
            else:
                with zipfile.ZipFile(io.BytesIO(bytes(data))) as z:
                    parts = {n: z.read(n) for n in z.namelist()}
                xml = parts["word/document.xml"].decode("utf-8")
                parts["word/document.xml"] = _mutate(rng, xml, rng.randint(1, 4)).encode("utf-8", "replace")
                buffer = io.BytesIO()
                with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as z:
                    for name, blob in parts.items():
                        z.writestr(name, blob)
                main.write_bytes(buffer.getvalue())
        return fmt, main
    if bib is not None:
        (folder / "refs.bib").write_text(_mutate(rng, bib[:20_000], rng.randint(0, 6)), encoding="utf-8",
                                         errors="replace")
        if fmt == "md":
            mutated = "---\nbibliography: refs.bib\n---\n" + mutated
        else:
            mutated += "\n\\bibliography{refs}\n"
    main.write_text(mutated, encoding="utf-8", errors="replace")
    return fmt, main


class _Timeout(BaseException):
    pass


def _alarm(signum: int, frame: object) -> None:
    raise _Timeout()


_SEEDS: list[tuple[str, str, str | None]] = []


def _init(memory_mb: int) -> None:
    _SEEDS.extend(_seeds())
    limit = memory_mb * 1024 * 1024
    resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    signal.signal(signal.SIGALRM, _alarm)


def run_case(args: tuple[int, int, float, str | None]) -> tuple[int, str, str, float, str]:
    """(index, format, outcome, seconds, detail) of one case; outcome: ok, refused, failure,
    timeout or memory."""
    index, seed, time_limit, keep = args
    from citeguard.api import load_with_source
    from citeguard.checks import audit
    from citeguard.ingest import IngestError
    from citeguard.ledger import build_ledger
    from citeguard.report.audit_json import AuditOptions, AuditResult, render_report_json
    from citeguard.report.ci_formats import render_github, render_markdown, render_sarif
    from citeguard.report.html import render_html
    from citeguard.report.ledger_csv import render_ledger_csv
    from citeguard.report.terminal import render_audit_summary
    from citeguard.resolve import claims_from, offline_results

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(keep) if keep else Path(tmp)
        folder.mkdir(parents=True, exist_ok=True)
        try:
            fmt, main = make_case(index, seed, _SEEDS, folder)
        except Exception as exc:
            return index, "?", "skipped", 0.0, f"generator: {type(exc).__name__}"
        started = time.perf_counter()
        signal.setitimer(signal.ITIMER_REAL, time_limit)
        try:
            source, document = load_with_source(main)
            links = offline_results(claims_from(document), None)
            ctx, findings = audit(document, links=links)
            result = AuditResult(document, ctx.standard, ctx.paper_date, findings, AuditOptions((), (), "error"),
                                 tuple(links))
            ledger = build_ledger(document)
            for text in (render_report_json(result), render_html(result, source.text, ledger, lang="zh"),
                         render_sarif([result]), render_ledger_csv(ledger), render_markdown([result]),
                         render_github(result), render_audit_summary(result, color=True)):
                assert isinstance(text, str)
            outcome, detail = "ok", f"{len(findings)} findings"
        except _Timeout:
            outcome, detail = "timeout", f"over {time_limit} s"
        except IngestError as exc:
            outcome, detail = "refused", str(exc)[:160]
        except MemoryError:
            outcome, detail = "memory", "MemoryError"
        except Exception as exc:
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            outcome, detail = "failure", f"{type(exc).__name__}: {str(exc)[:120]} at {frame.filename}:{frame.lineno}"
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
        return index, fmt, outcome, time.perf_counter() - started, detail


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--count", type=int, default=10_000)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--time-limit", type=float, default=5.0)
    parser.add_argument("--memory-limit", type=int, default=2048, help="MB of address space per worker")
    parser.add_argument("--only", type=int, help="run just this case (with --keep: write its files)")
    parser.add_argument("--keep", help="folder to write the case's files into")
    args = parser.parse_args()
    indices = [args.only] if args.only is not None else list(range(args.count))
    jobs = [(i, args.seed, args.time_limit, args.keep) for i in indices]
    started = time.perf_counter()
    outcomes: Counter[str] = Counter()
    formats: Counter[str] = Counter()
    slowest: list[tuple[float, int, str]] = []
    bad: list[tuple[int, str, str, str]] = []
    with Pool(args.workers, initializer=_init, initargs=(args.memory_limit,), maxtasksperchild=500) as pool:
        for index, fmt, outcome, seconds, detail in pool.imap_unordered(run_case, jobs, chunksize=8):
            outcomes[outcome] += 1
            formats[fmt] += 1
            slowest = sorted([*slowest, (seconds, index, fmt)], reverse=True)[:5]
            if outcome in ("failure", "timeout", "memory"):
                bad.append((index, fmt, outcome, detail))
                print(f"case {index} ({fmt}): {outcome}: {detail}", flush=True)
    elapsed = time.perf_counter() - started
    print(f"{len(jobs)} documents in {elapsed:.0f} s ({args.workers} workers, limit {args.time_limit} s and "
          f"{args.memory_limit} MB): " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print("formats: " + ", ".join(f"{k} {v}" for k, v in sorted(formats.items())))
    print("slowest: " + ", ".join(f"case {i} ({f}) {s:.2f} s" for s, i, f in slowest))
    sys.exit(1 if bad else 0)


if __name__ == "__main__":
    main()
