"""How GB/T 7714—2025's own example entries are read (issue 23).

    python benchmarks/gbt2025_examples.py ENTRIES.tsv [--table OUT.txt]

ENTRIES.tsv holds one example a line, ``id<TAB>entry`` — the standard's examples as its PDF's text
layer gives them (half-width marks, stray spaces and all). The standard is sold, not published, so
no copy is bundled: a transcription of sections 8, 9 and appendix B (243 entries) is what
docs/accuracy.md measured. Prints per type code how many entries were read with nothing left over,
a title and a year (where the type has one); ``--table`` writes every entry with the fields read,
two lines an entry, for a reader who judges them against the entry (the figure docs/accuracy.md
gives is that reading, not this count).
"""

from __future__ import annotations

import argparse
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeguard.model import Span  # noqa: E402
from citeguard.parse.entries import parse_entry  # noqa: E402

FIELDS = ("authors", "title", "type_code", "carrier", "host_authors", "container", "place", "publisher", "year",
          "volume", "issue", "pages", "date", "edition", "update_date", "access_date", "url", "doi", "identifier",
          "unparsed")
UNDATED = frozenset({"S", "EB", "CM", "Z", "CP"})  # types whose examples may print no year
LABEL_RE = re.compile(r"^\[\d+\]\s*")  # "[12] " before a numbered example


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("entries", type=Path)
    parser.add_argument("--table", type=Path, default=None)
    args = parser.parse_args()
    rows = [line.split("\t", 1) for line in args.entries.read_text(encoding="utf-8").splitlines() if "\t" in line]
    read: Counter[str] = Counter()
    total: Counter[str] = Counter()
    table = []
    for ident, text in rows:
        ref = parse_entry(LABEL_RE.sub("", text), Span(1, 1, 1, 1))
        code = ref.type_code or "?"
        total[code] += 1
        clean = not ref.unparsed and bool(ref.title) and (bool(ref.year) or code in UNDATED)
        read[code] += clean
        fields = {name: getattr(ref, name) for name in FIELDS if getattr(ref, name)}
        table.append(f"{'' if clean else '!! '}{ident} {text[:150]}\n      {fields}")
    print(f"{len(rows)} entries; read with nothing left over: {sum(read.values())} "
          f"= {sum(read.values()) / max(1, len(rows)):.3f}\n")
    print("| type | entries | read |\n|---|---|---|")
    for code, count in total.most_common():
        print(f"| {code} | {count} | {read[code]} |")
    if args.table is not None:
        args.table.write_text("\n".join(table) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
