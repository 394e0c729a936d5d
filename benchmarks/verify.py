"""How well ``citeguard verify`` tells real references from hallucinated ones (issue 12).

    python benchmarks/verify.py [--limit N] [--seed 0] [--live --mailto you@example.org]
    python benchmarks/verify.py --corpus     # the real manuscripts against a database that lacks them all

Offline (the default): the VALID entries of HALLMARK's development split
(../shared/data/hallmark/dev_public.jsonl, MIT) are served as the database of a local mock of
Crossref, OpenAlex, DataCite and doi.org (tests/worksserver.py). The cases are those VALID entries
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

from citeguard.model import EntryStyle, Language, Reference, Span  # noqa: E402
from citeguard.records import Verdict  # noqa: E402
from citeguard.resolve.safety import SafetyPolicy  # noqa: E402
from citeguard.resolve.verify import verify_references  # noqa: E402
from citeguard.resolve.works import WorksConfig  # noqa: E402
from tests.worksserver import crossref_record, serve_works  # noqa: E402

DATA = ROOT.parent / "shared" / "data" / "hallmark" / "dev_public.jsonl"
FLAGGED = {Verdict.MISMATCH, Verdict.LIKELY_FABRICATED, Verdict.NOT_FOUND}
TODAY = date(2026, 11, 29)


def _people(authors: str) -> list[tuple[str, str]]:
    """ "Jane Q. Smith and Wei Zhang" → [("Smith", "Jane Q."), ("Zhang", "Wei")] (family, given)."""
    out = []
    for name in (n.strip() for n in authors.replace("\n", " ").split(" and ")):
        if "," in name:
            family, given = (p.strip() for p in name.split(",", 1))
        else:
            words = name.split()
            family, given = (words[-1], " ".join(words[:-1])) if words else ("", "")
        if family and family.lower() != "others":
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


def reference_of(index: int, fields: dict[str, str]) -> Reference:
    people = _people(fields.get("author", ""))
    return Reference(raw=json.dumps(fields)[:300], span=Span(1, 1, 1, 1), index=index, language=Language.EN,
                     style=EntryStyle.APA, authors=tuple(f"{family}, {given}".strip(", ") for family, given in people),
                     et_al="others" in fields.get("author", ""), title=fields.get("title"),
                     container=_venue(fields) or None, year=fields.get("year"), doi=fields.get("doi"))


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
    refs = [reference_of(i + 1, fields) for i, (_, fields) in enumerate(cases)]
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
    for (kind, _), result in zip(cases, results, strict=True):
        flagged = result.verdict in FLAGGED
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


if __name__ == "__main__":
    main()
