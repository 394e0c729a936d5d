"""Verifying cited works against a local mock of Crossref, OpenAlex, DataCite and doi.org (issue 12):
every verdict, every notice, and every failure of a source."""

from __future__ import annotations

import json
import subprocess
import sys
from collections import Counter
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest

from citeguard.model import Span
from citeguard.parse.entries import parse_entry
from citeguard.records import NoticeKind, Verdict, Verification
from citeguard.resolve.safety import SafetyPolicy
from citeguard.resolve.verify import Library, record_of, verify_references
from citeguard.resolve.works import WorksConfig
from tests.worksserver import crossref_record, serve_works

TODAY = date(2026, 11, 29)
RECORDS = [
    crossref_record("10.1000/alpha", "Deep learning for citation analysis", [("Smith", "John"), ("Jones", "Kate")],
                    2020, "Journal of Informetrics", "14", "2", "100-110"),
    crossref_record("10.1000/beta", "Graph neural networks in bibliometrics", [("Lee", "Chan"), ("Park", "Dae")],
                    2019, "Scientometrics", "120", "3", "1-20",
                    **{"updated-by": [{"type": "retraction", "DOI": "10.1000/beta.retraction", "source": "retraction-watch",
                                       "updated": {"date-parts": [[2021, 3, 4]]}}]}),
    crossref_record("10.1000/gamma", "A survey of reference string parsing methods", [("Brown", "Anne")], 2018,
                    "Information Processing & Management", "54", "1", "5-25"),
    crossref_record("10.1000/preprint", "Language models invent references", [("Wang", "Xiao")], 2023, "arXiv",
                    kind="posted-content"),
    crossref_record("10.1000/pre2", "Scaling laws for citation checkers", [("Kim", "Yuna")], 2023, "arXiv",
                    kind="posted-content"),
    crossref_record("10.1000/pub2", "Scaling laws for citation checkers", [("Kim", "Yuna")], 2024,
                    "Journal of Informetrics", "18", "1", "1-12"),
    crossref_record("10.1000/sun", "Indoor panorama layout estimation", [("Sun", "Cheng"), ("Sun", "Min")], 2021,
                    "International Conference on Machine Learning", kind="proceedings-article"),
    crossref_record("10.1000/delta", "Citation accuracy in economics journals", [("Ma", "Lin")], 2017,
                    "Scientometrics", "110", "2", "30-44",
                    **{"updated-by": [{"type": "correction", "DOI": "10.1000/delta.corr", "source": "publisher",
                                       "updated": {"date-parts": [[2018, 1, 2]]}},
                                      {"type": "new_version", "DOI": "10.1000/delta.v2"}]}),
    crossref_record("10.1000/delta.corr", "Correction to: Citation accuracy in economics journals", [("Ma", "Lin")],
                    2018, "Scientometrics", **{"update-to": [{"type": "correction", "DOI": "10.1000/delta"}]}),
    # a Chinese work whose record has the names the wrong way round (given "Zhou", family "Wen")
    crossref_record("10.1000/zhou", "新质生产力与高水平对外开放的内在逻辑", [("Wen", "Zhou"), ("Lingyun", "Xu")], 2023,
                    "改革", "35", "10", "1-13"),
    *(crossref_record(f"10.1000/ji.{i}", f"Bibliometric indicator number {i} revisited", [("Olsen", "Per")], 2020,
                      "Journal of Informetrics", "14", str(i), f"{i}0-{i}9") for i in range(1, 5)),
    crossref_record("10.1000/new26", "Checking citations this year", [("Park", "Ji")], 2026, "Scientometrics",
                    "131", "1", "1-10"),
    crossref_record("10.1000/fault-429", "Retrying politely after rate limits", [("Green", "Ola")], 2021,
                    "Journal of Web Services", "3", "1", "1-9"),
]
ALPHA = "SMITH J, JONES K. Deep learning for citation analysis[J]. Journal of Informetrics, 2020, 14(2): 100-110."


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_works(RECORDS) as (base, _):
        yield base


def _config(base: str, **kw: object) -> WorksConfig:
    return WorksConfig(crossref_url=base, openalex_url=f"{base}/openalex", datacite_url=f"{base}/datacite",
                       doi_url=f"{base}/doi", backoff=0.0, timeout=1.0, **kw)  # type: ignore[arg-type]


def _policy(base: str) -> SafetyPolicy:
    return SafetyPolicy(trusted=frozenset({base.removeprefix("http://")}))


def _verify(base: str, *entries: str, offline: bool = False, library: Library | None = None) -> list[Verification]:
    refs = [parse_entry(e, Span(1, 1, 1, 1), index=i + 1) for i, e in enumerate(entries)]
    results, _ = verify_references(refs, config=_config(base), policy=_policy(base), offline=offline,
                                   library=library, today=TODAY)
    return results


CASES = [
    # (entry, verdict, fields that differ)
    (ALPHA + " DOI: 10.1000/alpha.", Verdict.VERIFIED, ()),
    (ALPHA, Verdict.VERIFIED, ()),  # no DOI: found by its title
    (ALPHA.replace("2020", "2015"), Verdict.MISMATCH, ("year",)),
    (ALPHA.replace("SMITH J, JONES K", "JONES K, SMITH J"), Verdict.MISMATCH, ("authors",)),  # swapped
    (ALPHA.replace("SMITH J, JONES K", "SMITH J"), Verdict.MISMATCH, ("authors",)),  # partial list, no 等/et al.
    (ALPHA.replace("Journal of Informetrics", "Nature Physics"), Verdict.MISMATCH, ("container",)),  # wrong venue
    (ALPHA.replace("citation analysis", "citation analytics"), Verdict.MISMATCH, ("title",)),  # near-miss title
    (ALPHA + " DOI: 10.1000/gamma.", Verdict.MISMATCH, ("doi",)),  # the DOI of another work, the title found
    (ALPHA + " DOI: 10.1000/nonexistent.", Verdict.MISMATCH, ("doi",)),  # no such DOI, the title found
    # neither the DOI nor the title known: not found (a database lacking a real work says the same)
    ("DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 14(2): 1-5. "
     "DOI: 10.1000/nonexistent.", Verdict.NOT_FOUND, ("doi",)),
    ("DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 14(2): 1-5. "
     "DOI: 10.1000/gamma.", Verdict.LIKELY_FABRICATED, ("doi",)),  # the DOI names an unrelated work
    ("DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 14(2): 1-5.",
     Verdict.NOT_FOUND, ()),  # English, no DOI, not found: not called fabricated
    # a volume the journal did not publish that year (its five works of 2020 are all volume 14)
    ("DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 40(2): 1-5.",
     Verdict.LIKELY_FABRICATED, ("volume",)),
    ("张三. 新质生产力的理论逻辑与实践路径[J]. 经济研究, 2023(4): 1-10.", Verdict.NOT_INDEXED, ()),
    ("李四. 数字经济概论[M]. 北京: 人民出版社, 2021.", Verdict.NOT_INDEXED, ()),
    (ALPHA.replace("2020", "2031"), Verdict.MISMATCH, ("year",)),  # a year to come, the rest matching: a slip
    ("DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2031, 14(2): 1-5.",
     Verdict.LIKELY_FABRICATED, ()),  # a year to come, and no record
    (ALPHA.replace("100-110", "100–110"), Verdict.VERIFIED, ()),  # an en dash between the pages
    ("PARK J. Checking citations this year[J]. Scientometrics, 2027, 131(1): 1-10.", Verdict.MISMATCH,
     ("year",)),  # next year: within ±1 of the record's 2026, still wrong
    # only a preprint is indexed: the venue the entry names is not confirmed
    ("WANG X. Language models invent references[J]. Nature, 2023, 600: 1-5.", Verdict.MISMATCH, ("container",)),
    # cited by its arXiv DOI with the journal that published it: the published record confirms it
    ("KIM Y. Scaling laws for citation checkers[J]. Journal of Informetrics, 2024, 18(1): 1-12. DOI: 10.1000/pre2.",
     Verdict.VERIFIED, ()),
    ("SUN C, SUN M. Indoor panorama layout estimation[C]//ICML. 2021: 1-9.", Verdict.VERIFIED, ()),  # acronym
    ("周文, 许凌云. 新质生产力与高水平对外开放的内在逻辑[J]. 改革, 2023, 35(10): 1-13.",
     Verdict.VERIFIED, ()),  # the names romanised, and reversed, in the record
    ("SUN M, SUN C. Indoor panorama layout estimation[C]//ICML. 2021: 1-9.", Verdict.MISMATCH, ("authors",)),
    ("SUN C, SUN M. Indoor panorama layout estimation[C]//ICLR. 2021: 1-9.", Verdict.MISMATCH, ("container",)),
]


@pytest.mark.parametrize(("entry", "verdict", "fields"), CASES)
def test_verdicts(server: str, entry: str, verdict: Verdict, fields: tuple[str, ...]) -> None:
    [result] = _verify(server, entry)
    assert result.verdict is verdict, result.detail
    assert tuple(f.field for f in result.fields) == fields


def test_a_retraction_is_reported_with_its_notice(server: str) -> None:
    [result] = _verify(server, "LEE C, PARK D. Graph neural networks in bibliometrics[J]. Scientometrics, 2019, "
                               "120(3): 1-20.")
    assert result.verdict is Verdict.VERIFIED
    assert [(n.kind, n.doi, n.date) for n in result.notices] == [(NoticeKind.RETRACTED, "10.1000/beta.retraction",
                                                                  "2021-03-04")]


def test_the_record_compared_with_is_quoted(server: str) -> None:
    [result] = _verify(server, ALPHA.replace("2020", "2015"))
    assert result.record is not None and result.record.doi == "10.1000/alpha"
    assert [(f.cited, f.record) for f in result.fields] == [("2015", "2020")]


def test_a_rate_limit_is_waited_out(server: str) -> None:
    [result] = _verify(server, "GREEN O. Retrying politely after rate limits[J]. Journal of Web Services, 2021, "
                               "3(1): 1-9. DOI: 10.1000/fault-429.")
    assert result.verdict is Verdict.VERIFIED


@pytest.mark.parametrize("fault", ["fault-500", "fault-json", "fault-slow"])
def test_a_failing_source_is_never_evidence_of_fabrication(server: str, fault: str) -> None:
    # the DOI sources fail; the title search still finds the work
    [result] = _verify(server, ALPHA + f" DOI: 10.1000/{fault}.")
    assert result.verdict is Verdict.VERIFIED, result.detail


def test_no_source_answering_is_not_checked() -> None:
    base = "http://127.0.0.1:9"  # the discard port: nothing listens
    [result] = _verify(base, ALPHA + " DOI: 10.1000/alpha.")
    assert result.verdict is Verdict.NOT_CHECKED and "unavailable" in result.detail


def test_offline_asks_nothing_but_the_library(server: str) -> None:
    refs = [parse_entry(ALPHA, Span(1, 1, 1, 1), index=1),
            parse_entry("DOE J. Invented[J]. J, 2020, 1: 1.", Span(1, 1, 1, 1), index=2)]
    library = Library.of([record_of(parse_entry(ALPHA + " DOI: 10.1000/alpha.", Span(1, 1, 1, 1)))])
    results, requests = verify_references(refs, config=_config(server), policy=_policy(server), offline=True,
                                          library=library, today=TODAY)
    assert requests == 0
    assert [r.verdict for r in results] == [Verdict.VERIFIED, Verdict.NOT_CHECKED]
    assert results[0].sources == ("library",)


def test_a_private_mirror_needs_permission(server: str) -> None:
    refs = [parse_entry(ALPHA + " DOI: 10.1000/alpha.", Span(1, 1, 1, 1), index=1)]
    results, requests = verify_references(refs, config=_config(server), policy=SafetyPolicy(), today=TODAY)
    assert requests == 0 and results[0].verdict is Verdict.NOT_CHECKED and "unavailable" in results[0].detail


def _cli(base: str, *args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", "verify", "--allow-private", "--timeout", "2",
                           "--crossref-url", base, "--openalex-url", f"{base}/openalex", "--datacite-url",
                           f"{base}/datacite", "--doi-url", f"{base}/doi", *args],
                          capture_output=True, text=True, timeout=300)


def test_no_chinese_entry_of_the_reference_paper_is_called_fabricated(server: str) -> None:
    # the mock database lacks every one of them: not indexed, never fabricated
    done = _cli(server, "--json", "-")
    assert done.returncode == 0, done.stderr
    body = json.loads(done.stdout)
    verdicts = Counter(r["verdict"] for r in body["references"])
    assert verdicts["likely-fabricated"] == 0 and verdicts["not-indexed"] >= 51, verdicts
    assert body["requests"] > 0


def test_verify_json_names_fields_records_and_notices(server: str, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("# T\n\n正文[1][2]。\n\n## 参考文献\n\n[1] " + ALPHA.replace("2020", "2015") + "\n"
                     "[2] LEE C, PARK D. Graph neural networks in bibliometrics[J]. Scientometrics, 2019, 120(3): 1-20.\n",
                     encoding="utf-8")
    out = tmp_path / "v.json"
    done = _cli(server, str(paper), "--json", str(out))
    assert done.returncode == 1, done.stderr  # a mismatch fails by default
    refs = json.loads(out.read_text(encoding="utf-8"))["references"]
    assert [(r["label"], r["verdict"]) for r in refs] == [("[1]", "mismatch"), ("[2]", "verified")]
    assert refs[0]["fields"] == [{"field": "year", "cited": "2015", "record": "2020"}]
    assert refs[0]["record"]["doi"] == "10.1000/alpha"
    assert refs[1]["notices"][0]["kind"] == "retracted"
    assert "mismatch" in done.stdout and "retracted" in done.stdout  # the terminal table
    assert _cli(server, str(paper), "--fail-on", "never").returncode == 0


def test_a_library_file_answers_offline(tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("# T\n\n正文[1]。\n\n## 参考文献\n\n[1] " + ALPHA + "\n", encoding="utf-8")
    library = tmp_path / "zotero.json"
    library.write_text(json.dumps([{"type": "article-journal", "title": "Deep learning for citation analysis",
                                    "author": [{"family": "Smith", "given": "J"}, {"family": "Jones", "given": "K"}],
                                    "issued": {"date-parts": [[2020]]}, "container-title": "Journal of Informetrics",
                                    "volume": "14", "issue": "2", "page": "100-110"}]), encoding="utf-8")
    done = _cli("http://127.0.0.1:9", str(paper), "--offline", "--library", str(library), "--json", "-")
    assert done.returncode == 0, done.stderr
    [ref] = json.loads(done.stdout)["references"]
    assert ref["verdict"] == "verified" and ref["sources"] == ["library"]
    bad = tmp_path / "bad.json"
    bad.write_text("{not json", encoding="utf-8")
    failed = _cli("http://127.0.0.1:9", str(paper), "--offline", "--library", str(bad))
    assert failed.returncode == 2 and failed.stderr.count("\n") == 1 and "CSL-JSON" in failed.stderr


def test_a_second_run_asks_the_cache_not_the_services(server: str, tmp_path: Path) -> None:
    from citeguard.resolve.cache import LinkCache
    entries = [ALPHA + " DOI: 10.1000/alpha.", ALPHA.replace("2020", "2015"), "DOE J. Invented study[J]. J, 2020, 1: 1."]
    refs = [parse_entry(e, Span(1, 1, 1, 1), index=i + 1) for i, e in enumerate(entries)]
    cache = LinkCache(tmp_path / "cache.sqlite3")

    def run(offline: bool) -> tuple[list[Verdict], int]:
        results, requests = verify_references(refs, config=_config(server), policy=_policy(server), cache=cache,
                                              offline=offline, today=TODAY)
        return [r.verdict for r in results], requests

    first, sent = run(False)
    assert sent > 0 and first == [Verdict.VERIFIED, Verdict.MISMATCH, Verdict.NOT_FOUND]
    assert run(False) == (first, 0)  # every answer came from the cache
    assert run(True) == (first, 0)  # and offline gives the same verdicts
    cache.close()


def test_audit_verify_reports_cg7xx_findings(server: str, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("# T\n\n正文[1][2][3]。\n\n## 参考文献\n\n[1] " + ALPHA.replace("2020", "2015") + "\n"
                     "[2] LEE C, PARK D. Graph neural networks in bibliometrics[J]. Scientometrics, 2019, 120(3): 1-20.\n"
                     "[3] DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 14(2): "
                     "1-5. DOI: 10.1000/gamma.\n", encoding="utf-8")  # the DOI of an unrelated work
    out = tmp_path / "a.json"
    done = subprocess.run([sys.executable, "-m", "citeguard", "audit", str(paper), "--verify", "--allow-private",
                           "--no-cache", "--crossref-url", server, "--openalex-url", f"{server}/openalex",
                           "--datacite-url", f"{server}/datacite", "--doi-url", f"{server}/doi", "--json", str(out),
                           "--html", str(tmp_path / "paper.html"), "--fail-on", "never", "-q"], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    findings = json.loads(out.read_text(encoding="utf-8"))["findings"]
    codes = sorted((f["code"], tuple(f.get("references") or ())) for f in findings if f["code"].startswith("CG7"))
    assert codes == [("CG701", (1,)), ("CG702", (3,)), ("CG703", (2,))], codes
    mismatch = next(f for f in findings if f["code"] == "CG701")
    assert "2015" in mismatch["message"] and "2020" in mismatch["message"]
    verdicts = json.loads(out.read_text(encoding="utf-8"))["verifications"]
    assert [(v["label"], v["verdict"]) for v in verdicts] == [("[1]", "mismatch"), ("[2]", "verified"),
                                                               ("[3]", "likely-fabricated")]
    html = (tmp_path / "paper.html").read_text(encoding="utf-8")
    assert 'class="badge verdict-likely-fabricated"' in html and 'href="https://doi.org/10.1000/alpha"' in html


def test_the_public_services_are_paced_a_mirror_is_not() -> None:
    public = WorksConfig()
    assert public.rate("crossref") == 5.0 and public.rate("openalex") == 10.0
    assert WorksConfig(crossref_url="http://127.0.0.1:8080").rate("crossref") is None


def test_pacing_spaces_the_requests_to_one_source() -> None:
    import asyncio

    import httpx

    from citeguard.resolve.works import Fetcher
    waits: list[float] = []

    async def record_wait(seconds: float) -> None:
        waits.append(seconds)

    async def run() -> None:
        async with httpx.AsyncClient() as client:
            fetcher = Fetcher(client, WorksConfig(), sleep=record_wait)
            for _ in range(3):
                await fetcher._pace("crossref")

    asyncio.run(run())
    assert len(waits) == 2 and all(0.15 < w <= 0.4 for w in waits)  # 5 a second: 0.2 s apart, then 0.4 s


def test_a_correction_is_a_notice_and_the_notice_itself_is_not_the_work(server: str) -> None:
    [result] = _verify(server, "MA L. Citation accuracy in economics journals[J]. Scientometrics, 2017, 110(2): 30-44.")
    assert result.verdict is Verdict.VERIFIED and result.record is not None and result.record.doi == "10.1000/delta"
    assert [(n.kind, n.doi) for n in result.notices] == [(NoticeKind.CORRECTED, "10.1000/delta.corr")]  # not new_version


@pytest.mark.parametrize(("entry", "field"), [
    ("张三. 新质生产力的理论逻辑[J]. 经济研究, 2023(4): 1-10. DOI: 10.19744/j.cnki.11-1235/f.2023.0001.", "doi"),
    ("张三. 新质生产力的理论逻辑[J]. 经济研究, 2023(4): 1-10. DOI: 10.1000/gamma.", "doi"),
    ("张三. 新质生产力的理论逻辑[J]. 经济研究, 2032(4): 1-10.", "year"),
])
def test_a_chinese_entry_is_never_called_fabricated(server: str, entry: str, field: str) -> None:
    # an unknown or wrong DOI, a year to come: an error to check (OCR and typing), not an invention
    [result] = _verify(server, entry)
    assert result.verdict is Verdict.MISMATCH and [f.field for f in result.fields] == [field], result.detail


def test_in_ocr_text_an_unresolvable_doi_or_a_year_to_come_is_not_fabrication(server: str) -> None:
    entries = ["DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, 14(2): 1-5. "
               "DOI: 10.1000/nonexistent.", ALPHA.replace("2020", "2069")]
    refs = [parse_entry(e, Span(1, 1, 1, 1), index=i + 1) for i, e in enumerate(entries)]
    results, _ = verify_references(refs, config=_config(server), policy=_policy(server), today=TODAY,
                                   damaged_text=True)
    assert [r.verdict for r in results] == [Verdict.MISMATCH, Verdict.MISMATCH]
    assert [f.field for f in results[0].fields] == ["doi"] and "OCR" in results[0].detail


def test_a_bib_file_is_verified_entry_by_entry(server: str, tmp_path: Path) -> None:
    bib = tmp_path / "refs.bib"
    bib.write_text("@article{alpha, author={Smith, John and Jones, Kate}, title={Deep learning for citation analysis},"
                   " journal={Journal of Informetrics}, year={2020}, volume={14}, number={2}, pages={100--110},"
                   " doi={10.1000/alpha}}\n@article{uncited, author={Lee, Chan and Park, Dae}, title={Graph neural "
                   "networks in bibliometrics}, journal={Scientometrics}, year={2016}}\n", encoding="utf-8")
    done = _cli(server, str(bib), "--json", "-")
    refs = json.loads(done.stdout)["references"]
    assert [(r["key"], r["label"], r["verdict"]) for r in refs] == [("alpha", "alpha", "verified"),
                                                                     ("uncited", "uncited", "mismatch")]
    assert done.returncode == 1  # the mismatch (2016 for 2019)


def test_a_volume_one_off_the_journal_year_is_not_called_impossible(server: str) -> None:
    [result] = _verify(server, "DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, "
                               "2020, 15(2): 1-5.")
    assert result.verdict is Verdict.NOT_FOUND  # volume 15 in 2020 may be online-first: absence is not proof


def test_a_not_found_entry_is_credited_with_no_other_work_s_doi(server: str) -> None:
    [result] = _verify(server, "DOE J. Completely invented study of nothing at all[J]. Journal of Informetrics, 2020, "
                               "14(2): 1-5. DOI: 10.1000/nonexistent.")
    assert result.fields[0].record == "no such DOI"  # not "the work's DOI is" some search hit


def test_an_entry_with_neither_title_nor_doi_is_listed_not_checked(server: str) -> None:
    refs = [parse_entry("Smith J. 2020.", Span(1, 1, 1, 1), index=1)]
    results, requests = verify_references(refs, config=_config(server), policy=_policy(server), today=TODAY)
    assert requests == 0 and results[0].verdict is Verdict.NOT_CHECKED and "no title" in results[0].detail


def test_the_cli_says_why_works_were_not_checked_and_fails_on_a_retraction(server: str, tmp_path: Path) -> None:
    paper = tmp_path / "paper.md"
    paper.write_text("# T\n\n正文[1]。\n\n## 参考文献\n\n[1] LEE C, PARK D. Graph neural networks in bibliometrics[J]. "
                     "Scientometrics, 2019, 120(3): 1-20.\n", encoding="utf-8")
    refused = subprocess.run([sys.executable, "-m", "citeguard", "verify", str(paper), "--no-cache", "--crossref-url",
                              server, "--openalex-url", f"{server}/openalex", "--datacite-url", f"{server}/datacite",
                              "--doi-url", f"{server}/doi"], capture_output=True, text=True, timeout=120)
    # nothing could be checked: a distinct exit code (3), never a pass
    assert refused.returncode == 3 and "1 of 1 work not checked" in refused.stderr and "--allow-private" in refused.stderr
    retracted = _cli(server, str(paper), "--no-cache")
    assert retracted.returncode == 1 and "retracted" in retracted.stdout  # verified, but retracted: fails
    assert _cli(server, str(paper), "--no-cache", "--fail-on", "never").returncode == 0
    bad = tmp_path / "bad.bib"
    bad.write_text("just some text, no entries\n", encoding="utf-8")
    failed = _cli(server, str(paper), "--library", str(bad))
    assert failed.returncode == 2 and "no entries read" in failed.stderr
