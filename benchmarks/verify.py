"""How well ``citeguard verify`` tells real references from hallucinated ones (issue 12).

    python benchmarks/verify.py [--limit N] [--seed 0] [--live --mailto you@example.org]
    python benchmarks/verify.py --corpus     # the real manuscripts against a database that lacks them all

Offline (the default): the VALID entries of HALLMARK's development split
(../shared/data/hallmark/dev_public.jsonl, MIT) are served as the database of a local mock of
Crossref, OpenAlex, DataCite and doi.org (tests/worksserver.py), each family name stored as the
services store it (split by BibTeX's own rules, particles kept: "van de Meent"). Every case is
written into a .bib file as its author wrote it and read by citeguard's own .bib reader (names are
never pre-split here). The cases are those VALID entries
(expected: verified), perturbations generated here from them, one of each kind the benchmark
names where the entry allows it (near-miss title, swapped or partial authors, wrong venue, wrong
year, future year, DOI of another work, fabricated DOI, merged citation), and HALLMARK's own
hallucinated entries (its perturbed ones name works the database may lack, so "not found" counts
as caught). A case is flagged when its verdict is mismatch, likely-fabricated or not-found.
Prints detection precision, recall, F1, the false-positive rate on valid entries and the recall
per kind (docs/accuracy.md).

``--corpus`` verifies every entry of the reference paper and of the real manuscripts in
../shared/corpus/ (wild/, real/) against a mock that holds none of them: the verdicts it prints
must hold no likely-fabricated (absence, and a DOI the mock does not know, are not fabrication in a
Chinese or OCR'd paper).

``--live`` asks the real Crossref, OpenAlex, DataCite and doi.org instead (a network and patience:
the public services are paced at 5-10 requests a second); the same cases, the same table.
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time
from collections import Counter, defaultdict
from datetime import date
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bibtexparser.middlewares.names import parse_single_name_into_parts, split_multiple_persons_names  # noqa: E402
from pylatexenc.latex2text import LatexNodes2Text  # noqa: E402

from citeguard.ingest import SourceText  # noqa: E402
from citeguard.model import EntryStyle, Language, Reference, Span  # noqa: E402
from citeguard.parse.bib import bib_references  # noqa: E402
from citeguard.records import Verdict  # noqa: E402
from citeguard.resolve.safety import SafetyPolicy  # noqa: E402
from citeguard.resolve.verify import verify_references  # noqa: E402
from citeguard.resolve.works import WorksConfig  # noqa: E402
from tests.worksserver import crossref_record, serve_works  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "hallmark" / "dev_public.jsonl"
FLAGGED = {Verdict.MISMATCH, Verdict.LIKELY_FABRICATED, Verdict.NOT_FOUND}
TODAY = date(2026, 11, 29)
_DECODE = LatexNodes2Text()


def _people(authors: str) -> list[tuple[str, str]]:
    """The (family, given) names a service stores for a BibTeX author field, split by BibTeX's own
    rules (bibtexparser: von, last, jr, first), decoded from LaTeX, the family name with its particles
    as Crossref and OpenAlex store it: "Jan-Willem van de Meent" → ("van de Meent", "Jan-Willem")."""
    out = []
    for name in split_multiple_persons_names(" ".join(authors.split())):
        if name.strip().lower() == "others":
            continue
        parts = parse_single_name_into_parts(name, strict=False)
        family = _DECODE.latex_to_text(" ".join([*parts.von, *parts.last])).strip()
        given = _DECODE.latex_to_text(" ".join(parts.first)).strip()
        if family:
            out.append((family, given))
    return out


def _venue(fields: dict[str, str]) -> str:
    return fields.get("journal") or fields.get("booktitle") or ""


def record_of(key: str, fields: dict[str, str]) -> dict[str, object]:
    # A valid entry's venue was confirmed against the live services when HALLMARK labelled it: the
    # record carries it (an arXiv DOI's own record would be a preprint, which confirms no venue).
    doi = fields.get("doi") or f"10.9999/hallmark.{key}"
    preprint = not _venue(fields)
    return crossref_record(doi, fields["title"], _people(fields.get("author", "")), int(fields["year"][:4]),
                           "arXiv" if preprint else _venue(fields),
                           kind="posted-content" if preprint else "proceedings-article")


def _balanced(value: str) -> str:
    """A field value with the braces the split's truncated values lost closed at its end ("R{\\'e" →
    "R{\\'e}"), as its author would have to for BibTeX to read the file at all."""
    return value + "}" * max(0, value.count("{") - value.count("}"))


def references_of(cases: list[dict[str, str]]) -> list[Reference]:
    """The cases as a manuscript's .bib file cites them, read by citeguard's own .bib reader: names,
    titles and venues as their authors wrote them (LaTeX accents and all), never pre-split here."""
    entries = []
    for i, fields in enumerate(cases, start=1):
        body = ",\n".join(f"  {name} = {{{_balanced(value)}}}" for name, value in fields.items() if value and name != "url")
        entries.append(f"@inproceedings{{case{i},\n{body}\n}}\n")
    refs, _ = bib_references(SourceText.from_text("\n".join(entries), path="cases.bib"), first_index=1)
    by_key = {r.key: r for r in refs}
    return [by_key.get(f"case{i}") or Reference(raw="", span=Span(1, 1, 1, 1), index=i, language=Language.EN,
                                                   style=EntryStyle.BIBTEX, title=fields.get("title"))
            for i, fields in enumerate(cases, start=1)]


def perturbations(key: str, fields: dict[str, str], pool: list[dict[str, str]], rng: random.Random
                  ) -> list[tuple[str, dict[str, str]]]:
    """Each perturbation the entry allows, as (kind, fields)."""
    other = rng.choice([p for p in pool if p["title"] != fields["title"]])
    out: list[tuple[str, dict[str, str]]] = []
    words = fields["title"].split()
    if len(words) >= 4:
        i = rng.randrange(len(words))
        replacement = rng.choice([w for w in other["title"].split() if len(w) > 3] or ["novel"])
        out.append(("near_miss_title", {**fields, "title": " ".join([*words[:i], replacement, *words[i + 1:]])}))
    people = fields.get("author", "").split(" and ")
    if len(people) >= 2:
        swapped = [people[1], people[0], *people[2:]]
        out.append(("swapped_authors", {**fields, "author": " and ".join(swapped)}))
    if len(people) >= 3 and "others" not in people:
        out.append(("partial_author_list", {**fields, "author": " and ".join(people[:len(people) // 2])}))
    if _venue(other) and _venue(other) != _venue(fields) and _venue(fields):
        out.append(("wrong_venue", {**{k: v for k, v in fields.items() if k not in ("journal", "booktitle")},
                                    "booktitle": _venue(other)}))
    out.append(("wrong_year", {**fields, "year": str(int(fields["year"][:4]) - rng.choice([3, 4, 5]))}))
    out.append(("future_date", {**fields, "year": str(TODAY.year + rng.choice([1, 2, 3]))}))
    if fields.get("doi") and other.get("doi"):
        out.append(("wrong_paper_doi", {**fields, "doi": other["doi"]}))
    out.append(("fabricated_doi", {**fields, "doi": f"10.{rng.randrange(1000, 9999)}/fake.{rng.randrange(10**6)}",
                                   "title": f"{fields['title']}"}))
    out.append(("merged_citation", {**fields, "author": other.get("author", ""), "year": other["year"]}))
    return out


def corpus() -> None:
    from citeguard.api import load_document
    from citeguard.ingest import IngestError
    from citeguard.resolve.verify import verifiable
    shared = ROOT.parent / "shared" / "corpus"
    paths = [ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt",
             *sorted((shared / "wild").glob("*.md")), *sorted(p for p in (shared / "real").glob("*")
                                                            if p.suffix in (".txt", ".md", ".docx", ".pdf"))]
    counts: Counter[str] = Counter()
    fabricated = []
    started = time.perf_counter()
    with serve_works([]) as (base, _hits):
        config = WorksConfig(crossref_url=base, openalex_url=f"{base}/openalex", datacite_url=f"{base}/datacite",
                             doi_url=f"{base}/doi", per_source=8, timeout=10.0)
        policy = SafetyPolicy(trusted=frozenset({base.removeprefix("http://")}))
        for path in paths:
            try:
                doc = load_document(path)
            except IngestError:
                continue
            refs = verifiable([*doc.references, *(f.entry for f in doc.footnotes if f.entry is not None)])
            results, _ = verify_references(refs, config=config, policy=policy, today=TODAY, damaged_text=doc.ocr)
            for ref, result in zip(refs, results, strict=True):
                counts[result.verdict.value] += 1
                if result.verdict is Verdict.LIKELY_FABRICATED:
                    fabricated.append(f"{path.name}: {ref.raw[:100]} — {result.detail}")
    print(f"{len(paths)} manuscripts, {sum(counts.values())} entries in {time.perf_counter() - started:.0f} s\n")
    print("| verdict | entries |\n|---|---|")
    for verdict in Verdict:
        print(f"| {verdict.value} | {counts.get(verdict.value, 0)} |")
    for line in fabricated:
        print(line)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("--limit", type=int, default=0, help="valid entries used (0: all)")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--live", action="store_true", help="ask the real services, not the local mock")
    parser.add_argument("--mailto", default=None, help="your e-mail for the polite pools (with --live)")
    parser.add_argument("--corpus", action="store_true", help="the real manuscripts against an empty database")
    parser.add_argument("--show-false", action="store_true", help="list the valid entries that were flagged")
    args = parser.parse_args()
    if args.corpus:
        corpus()
        return
    rows = [json.loads(line) for line in DATA.read_text(encoding="utf-8").splitlines() if line.strip()]
    valid = [r for r in rows if r["label"] == "VALID" and r["fields"].get("title") and r["fields"].get("year", "")[:4].isdigit()]
    if args.limit:
        valid = valid[:args.limit]
    rng = random.Random(args.seed)
    pool = [r["fields"] for r in valid]
    cases: list[tuple[str, dict[str, str]]] = [("valid", r["fields"]) for r in valid]
    for r in valid:
        cases += perturbations(r["bibtex_key"], r["fields"], pool, rng)
    cases += [(f"hallmark:{r['hallucination_type']}", r["fields"]) for r in rows
              if r["label"] == "HALLUCINATED" and r["fields"].get("title")]
    records = [record_of(r["bibtex_key"], r["fields"]) for r in valid]
    started = time.perf_counter()
    refs = references_of([fields for _, fields in cases])
    if args.live:
        results, requests = verify_references(refs, config=WorksConfig(mailto=args.mailto), today=TODAY)
    else:
        with serve_works(records) as (base, _hits):
            config = WorksConfig(crossref_url=base, openalex_url=f"{base}/openalex", datacite_url=f"{base}/datacite",
                                 doi_url=f"{base}/doi", per_source=8, timeout=10.0)
            results, requests = verify_references(refs, config=config, today=TODAY, policy=SafetyPolicy(
                trusted=frozenset({base.removeprefix("http://")})))
    seconds = time.perf_counter() - started
    by_kind: dict[str, Counter[str]] = defaultdict(Counter)
    tp = fp = fn = tn = 0
    wrong: list[str] = []
    for (kind, fields), result in zip(cases, results, strict=True):
        flagged = result.verdict in FLAGGED
        if kind == "valid" and flagged:
            wrong.append(f"{fields.get('author', '')[:90]} | {fields['title'][:60]} — {result.detail[:160]}")
        by_kind[kind][result.verdict.value] += 1
        if kind == "valid":
            fp, tn = fp + flagged, tn + (not flagged)
        else:
            tp, fn = tp + flagged, fn + (not flagged)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    where = "the live services" if args.live else "the mock services"
    print(f"{len(cases)} cases ({len(valid)} valid) in {seconds:.0f} s, {requests} requests to {where}\n")
    print(f"| measure | value |\n|---|---|\n| precision | {precision:.3f} |\n| recall | {recall:.3f} |\n"
          f"| F1 | {f1:.3f} |\n| false positives on valid entries | {fp}/{fp + tn} = {fp / max(1, fp + tn):.3f} |\n")
    print("| kind | cases | caught | verdicts |\n|---|---|---|---|")
    for kind in sorted(by_kind):
        counts = by_kind[kind]
        total = sum(counts.values())
        caught = sum(n for v, n in counts.items() if Verdict(v) in FLAGGED)
        shown = ", ".join(f"{v} {n}" for v, n in counts.most_common())
        print(f"| {kind} | {total} | {caught / total:.3f} | {shown} |")
    if args.show_false:
        print("\nvalid entries flagged:")
        for line in wrong:
            print("-", line)


if __name__ == "__main__":
    main()
