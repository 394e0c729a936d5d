"""Round trip of the GB/T 7714 renderer: for every entry read with high confidence (GB/T style,
nothing left unread, no guess), parse → render → parse must give the same fields. Prints the share
per corpus and the first differences.

    PYTHONPATH=. .venv/bin/python benchmarks/roundtrip.py [--show 20] [--style spaced|compact|full|gb2025]
"""

from __future__ import annotations

import argparse
import sys
from collections import Counter
from dataclasses import replace
from pathlib import Path

from citeguard.api import load_document
from citeguard.chars import fold_width
from citeguard.format import HouseStyle, edition_style, house_style, render_entry
from citeguard.ingest import IngestError
from citeguard.model import EntryStyle, Reference, Span, Standard
from citeguard.parse import parse_entry

ROOT = Path(__file__).resolve().parent.parent
FIELDS = ("authors", "et_al", "title", "type_code", "carrier", "container", "host_authors", "place", "publisher",
          "year", "year_suffix", "volume", "issue", "pages", "date", "edition", "update_date", "access_date", "url",
          "doi")
SPAN = Span(1, 1, 1, 1)


def high_confidence(ref: Reference) -> bool:
    return (ref.style is EntryStyle.GBT and not ref.unparsed and not ref.notes and bool(ref.type_code)
            and bool(ref.title) and bool(ref.year or ref.date))


def fields(ref: Reference) -> tuple[object, ...]:
    """The fields compared, with widths folded and spaces squeezed (the renderer decides those)."""
    def norm(value: object) -> object:
        if isinstance(value, str):
            return " ".join(fold_width(value).split()).strip(" .,")
        if isinstance(value, tuple):
            return tuple(norm(v) for v in value)
        return value
    return tuple(norm(getattr(ref, f)) for f in FIELDS)


def manuscripts() -> list[Path]:
    corpus = ROOT.parent / "shared" / "corpus"
    found = sorted((ROOT / "corpus").rglob("*.txt")) + sorted((ROOT / "corpus").rglob("*.md"))
    for pattern in ("*.txt", "wild/*.md", "real/*.md", "real/*.txt"):
        found += sorted(corpus.glob(pattern))
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show", type=int, default=10)
    parser.add_argument("--style", choices=("spaced", "compact", "full", "gb2025"), default="spaced")
    args = parser.parse_args()
    style = edition_style(Standard.GB2025) if args.style == "gb2025" else \
        HouseStyle(spaced=args.style == "spaced", full_width_zh=args.style == "full")
    total = same = 0
    shown = 0
    differing: Counter[str] = Counter()
    for path in manuscripts():
        try:
            doc = load_document(path)
        except IngestError:
            continue
        house = replace(style, author_year=house_style(doc.references).author_year)
        for ref in doc.references:
            if not high_confidence(ref):
                continue
            total += 1
            text = render_entry(ref, house)
            again = parse_entry(text, SPAN)
            a, b = fields(ref), fields(replace(again, et_al=again.et_al))
            if a == b:
                same += 1
                continue
            names = [f for f, x, y in zip(FIELDS, a, b, strict=True) if x != y]
            differing.update(names)
            if shown < args.show:
                shown += 1
                print(f"{path.name}: {ref.raw[:150]}\n  rendered: {text[:150]}")
                for f, x, y in zip(FIELDS, a, b, strict=True):
                    if x != y:
                        print(f"    {f}: {x!r} → {y!r}")
    if not total:
        print("no high-confidence entries found", file=sys.stderr)
        return
    print(f"\nround trip ({args.style}): {same}/{total} = {same / total:.4f} entries with identical fields")
    print("fields that differ:", dict(differing.most_common()))


if __name__ == "__main__":
    main()
