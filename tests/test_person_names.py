"""One model of a personal name (issue 23): how each written shape is read, which names are the
same author, and what that means for verifying a cited work against an index that stores family
names with their particles, as Crossref and OpenAlex do."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date

import pytest

from citeguard.ingest import SourceText
from citeguard.parse.bib import bib_references
from citeguard.parse.entrykey import link_surname
from citeguard.parse.personname import delatex, read_name, romanised_family, same_family
from citeguard.records import Verdict
from citeguard.resolve.safety import SafetyPolicy
from citeguard.resolve.verify import verify_references
from citeguard.resolve.works import WorksConfig
from tests.worksserver import crossref_record, serve_works

# (as written, family, given, suffix, organisation) — read by hand from the written form
READ = [
    ("Jan-Willem van de Meent", "van de Meent", "Jan-Willem", "", False),
    ("van de Meent, Jan-Willem", "van de Meent", "Jan-Willem", "", False),
    ("van de Meent, Jr., Jan", "van de Meent", "Jan", "Jr.", False),  # BibTeX's von Last, Jr, First
    ("Mónica Ribero", "Ribero", "Mónica", "", False),
    ("Clément L. Canonne", "Canonne", "Clément L.", "", False),
    ("Ioannis Ch. Paschalidis", "Paschalidis", "Ioannis Ch.", "", False),
    ("Piotr Doll{\\'a}r", "Dollár", "Piotr", "", False),
    ("{\\L}ukasz Kaiser", "Kaiser", "Łukasz", "", False),
    ("Fran{\\c{c}}oise Beaufays", "Beaufays", "Françoise", "", False),
    ("John Smith Jr.", "Smith", "John", "Jr.", False),
    ("Smith Jr., John", "Smith", "John", "Jr.", False),
    ("Ludwig van Beethoven", "van Beethoven", "Ludwig", "", False),
    ("de la Peña, J.", "de la Peña", "J.", "", False),
    ("del Valle", "del Valle", "", "", False),
    ("Ahmed al-Hakim", "al-Hakim", "Ahmed", "", False),
    ("A. H. Guth", "Guth", "A. H.", "", False),
    ("Th. Müller", "Müller", "Th.", "", False),
    ("SMITH J A", "SMITH", "J A", "", False),  # GB/T 7714: family name, then initials
    ("KIM Y", "KIM", "Y", "", False),
    ("Park J-R", "Park", "J-R", "", False),
    ("van Dijk H", "van Dijk", "H", "", False),
    ("JA Smith", "Smith", "JA", "", False),  # initials before the family name
    ("WANG Xiaoming", "WANG", "Xiaoming", "", False),  # a family name in capitals
    ("LI Wei", "LI", "Wei", "", False),
    ("Wang X M", "Wang", "X M", "", False),
    ("Wang, Xiao-Ming", "Wang", "Xiao-Ming", "", False),
    ("Xiaoming Wang", "Wang", "Xiaoming", "", False),
    ("王晓明", "王", "晓明", "", False),
    ("欧阳修", "欧阳", "修", "", False),  # a double surname
    ("卡尔·马克思", "马克思", "卡尔", "", False),  # a transliteration: given names first
    ("国家统计局", "国家统计局", "", "", True),
    ("World Health Organization", "World Health Organization", "", "", True),
    ("Bureau of Labor Statistics", "Bureau of Labor Statistics", "", "", True),
    ("IPCC", "IPCC", "", "", False),
]


@pytest.mark.parametrize(("written", "family", "given", "suffix", "organisation"), READ)
def test_a_name_is_read_into_its_parts(written: str, family: str, given: str, suffix: str, organisation: bool) -> None:
    name = read_name(written)
    assert (name.family, name.given, name.suffix, name.organisation) == (family, given, suffix, organisation)


# (one name, another, the same author?) — particles may be left out on either side; a different
# surname is never the same author
SAME = [
    ("Jan-Willem van de Meent", "Meent, Jan-Willem", True),
    ("van de Meent, J.-W.", "Jan-Willem van de Meent", True),
    ("Ludwig van Beethoven", "Beethoven, L.", True),
    ("Piotr Doll{\\'a}r", "Dollar, P.", True),
    ("Mónica Ribero", "RIBERO M", True),
    ("Xiaoming Wang", "WANG X M", True),
    ("Wang Xiaoming", "Wang, Xiaoming", True),  # romanised Chinese in either order
    ("Ahmed al-Hakim", "Hakim, A.", True),
    ("Jan-Willem van de Meent", "Jan-Willem van der Berg", False),
    ("Mónica Ribero", "Mónica Rivera", False),
    ("Clément L. Canonne", "Clément L. Canonico", False),
    ("John Smith", "Smith John", False),  # not Chinese: the order is the writer's
    ("王晓明", "WANG Xiaoming", True),  # a Chinese name and its romanisations
    ("王晓明", "Wang X M", True),
    ("王晓明", "Xiaoming Wang", True),
    ("王晓明", "Wang, Xiao-Ming", True),
    ("王晓明", "Li Xiaoming", False),
    ("欧阳修", "Ouyang Xiu", True),
]


@pytest.mark.parametrize(("a", "b", "same"), SAME)
def test_same_author(a: str, b: str, same: bool) -> None:
    assert same_family(read_name(a), read_name(b)) is same
    assert same_family(read_name(b), read_name(a)) is same


@pytest.mark.parametrize(("written", "romanised"), [("王晓明", "wang"), ("欧阳修", "ouyang"), ("曾文", "zeng"),
                                                    ("Wang X M", "wang"), ("van de Meent, J.", "vandemeent")])
def test_romanised_family(written: str, romanised: str) -> None:
    assert romanised_family(read_name(written)) == romanised


@pytest.mark.parametrize(("written", "decoded"), [
    ("Doll{\\'a}r", "Dollár"), ('M\\"uller', "Müller"), ("{\\v C}ech", "Čech"), ("Jo{\\~a}o", "João"),
    ("Sch{\\\"o}lkopf", "Schölkopf"), ("{van de Meent}", "van de Meent"), ("R{\\'e", "Re"),  # unbalanced: dropped
    ("Plain Name", "Plain Name")])
def test_latex_in_names(written: str, decoded: str) -> None:
    assert delatex(written) == decoded


@pytest.mark.parametrize(("written", "key"), [
    ("Jan-Willem van de Meent", "vandemeent"), ("Mónica Ribero", "ribero"), ("Ioannis Ch. Paschalidis", "paschalidis"),
    ("Smith, J.", "smith"), ("SMITH J A", "smith"), ("A. H. Guth", "guth"), ("周文", "周文")])
def test_link_keys_use_the_same_family_name(written: str, key: str) -> None:
    assert link_surname(written) == key


def test_a_bib_entry_keeps_its_names_as_written_decoded() -> None:
    bib = ("@inproceedings{a, author = {Jan-Willem van de Meent and Piotr Doll{\\'a}r and {\\L}ukasz Kaiser and others},\n"
           " title = {T}, booktitle = {B}, year = {2020}}\n")
    [ref], _ = bib_references(SourceText.from_text(bib, path="x.bib"), first_index=1)
    assert ref.authors == ("Jan-Willem van de Meent", "Piotr Dollár", "Łukasz Kaiser")
    assert ref.et_al


# The index stores family names as the services do: with their particles, decoded.
RECORDS = [
    crossref_record("10.1000/meent", "Probabilistic programs for inference", [("van de Meent", "Jan-Willem"),
                                                                             ("Dollár", "Piotr")], 2018,
                    "Journal of Machine Learning Research", "19", "1", "1-40"),
    crossref_record("10.1000/ribero", "Private federated averaging", [("Ribero", "Mónica"), ("Canonne", "Clément L."),
                                                                      ("Paschalidis", "Ioannis Ch.")], 2022,
                    "IEEE Transactions on Signal Processing", "70", "1", "10-20"),
]
TODAY = date(2026, 11, 29)


@pytest.fixture(scope="module")
def server() -> Iterator[str]:
    with serve_works(RECORDS) as (base, _hits):
        yield base


def _verify_bib(server: str, authors: str, title: str, year: str) -> Verdict:
    journal = "J. Mach. Learn. Res." if year == "2018" else "IEEE Trans. Signal Process."
    bib = f"@article{{k, author = {{{authors}}}, title = {{{title}}}, journal = {{{journal}}}, year = {{{year}}}}}\n"
    refs, _ = bib_references(SourceText.from_text(bib, path="x.bib"), first_index=1)
    config = WorksConfig(crossref_url=server, openalex_url=f"{server}/openalex", datacite_url=f"{server}/datacite",
                         doi_url=f"{server}/doi", per_source=5, timeout=5.0)
    [result], _ = verify_references(refs, config=config, today=TODAY,
                                    policy=SafetyPolicy(trusted=frozenset({server.removeprefix("http://")})))
    return result.verdict


@pytest.mark.parametrize(("authors", "title", "year", "verdict"), [
    ("Jan-Willem van de Meent and Piotr Doll{\\'a}r", "Probabilistic programs for inference", "2018", Verdict.VERIFIED),
    ("van de Meent, Jan-Willem and Dollar, Piotr", "Probabilistic programs for inference", "2018", Verdict.VERIFIED),
    ("Meent, Jan-Willem van de and Doll{\\'{a}}r, P.", "Probabilistic programs for inference", "2018", Verdict.VERIFIED),
    ("M{\\'o}nica Ribero and Cl{\\'e}ment L. Canonne and Ioannis Ch. Paschalidis", "Private federated averaging",
     "2022", Verdict.VERIFIED),
    # a wrong first author, and a co-author who is not the record's, are still caught
    ("Jan-Willem van der Berg and Piotr Doll{\\'a}r", "Probabilistic programs for inference", "2018", Verdict.MISMATCH),
    ("M{\\'o}nica Ribero and Clara Canonico", "Private federated averaging", "2022", Verdict.MISMATCH),
])
def test_verify_reads_names_as_authors_write_them(server: str, authors: str, title: str, year: str,
                                                  verdict: Verdict) -> None:
    assert _verify_bib(server, authors, title, year) is verdict
