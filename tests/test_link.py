"""Linking citations to entries: pages disambiguate, near misses become candidates."""

from __future__ import annotations

from citeguard.api import document_from_text
from citeguard.link import MAX_CHOICE

LIST = """
参考文献

[1] 习近平.论坚持推动构建人类命运共同体[M].北京:中央文献出版社,2018:391.
[2] 习近平.在院士大会上的讲话[M].北京:人民出版社,2018:14.
[3] 周文,许凌云.论新质生产力[J].改革,2023(10):1-13.
[4] 周文,许凌云.再论新质生产力[J].改革,2024(3):26-37.
[5] SMITH J, JONES K. Title[J]. Journal, 2020, 12(3): 45-67.
"""


def _link(body: str) -> list[tuple[int | None, str, tuple[int, ...]]]:
    doc = document_from_text(body + "\n" + LIST)
    return [(c.reference, c.link_reason, tuple(x.reference for x in c.candidates)) for c in doc.citations]


def test_cited_page_decides_between_two_works_of_one_year() -> None:
    got = _link("甲（习近平，2018:391）。乙（习近平，2018:14）。")
    assert [g[0] for g in got] == [1, 2]
    assert all("page" in g[1] for g in got)


def test_year_decides_between_works() -> None:
    assert [g[0] for g in _link("甲（周文和许凌云，2023）。乙（周文和许凌云，2024）。")] == [3, 4]


def test_same_author_and_year_without_page_is_ambiguous() -> None:
    ((ref, reason, candidates),) = _link("甲（习近平，2018）。")
    assert ref is None and "ambiguous" in reason and candidates == (1, 2)


def test_wrong_year_gives_candidates() -> None:
    ((ref, reason, candidates),) = _link("甲（周文和许凌云，2022）。")
    assert ref is None and reason == "near miss" and set(candidates) == {3, 4}


def test_name_typo_gives_candidate() -> None:
    ((ref, _, candidates),) = _link("甲（周闻和许凌云，2023）。")
    assert ref is None and candidates == (3,)


def test_english_surname_links_to_gb_entry() -> None:
    ((ref, _, _),) = _link("as shown (Smith & Jones, 2020).")
    assert ref == 5


def test_numeric_links_by_number() -> None:
    doc = document_from_text("正文[1-2]，另见[9]。\n" + LIST)
    assert [(c.number, c.reference) for c in doc.citations] == [(1, 1), (2, 2), (9, None)]


def _many_by_one_author(count: int, body: str) -> list[tuple[int | None, str, int]]:
    entries = "".join(f"Smith, J., & Co{chr(97 + i % 26)}{chr(97 + i // 26)}, K. (2020). Title {i}. Journal, 5, {i}-{i + 1}.\n"
                      for i in range(count))
    doc = document_from_text(body + "\n\nReferences\n\n" + entries)
    return [(c.reference, c.link_reason, len(c.candidates)) for c in doc.citations]


def test_a_co_author_tells_apart_a_few_works_of_one_author_and_year() -> None:
    # the third entry's co-author is "Coca" (i = 2: "c", "a")
    assert _many_by_one_author(5, "As shown (Smith & Coca, 2020).")[0][:2] == (3, "author, year and co-authors")


def test_more_works_of_one_author_and_year_than_are_told_apart_is_ambiguous() -> None:
    # 70 works by Smith in 2020: told apart one by one for every citation would be quadratic on a
    # hostile list; beyond MAX_CHOICE the citation is ambiguous, with that many candidates shown
    ref, reason, candidates = _many_by_one_author(MAX_CHOICE + 6, "As shown (Smith & Coca, 2020).")[0]
    assert ref is None and "ambiguous" in reason and candidates == MAX_CHOICE
