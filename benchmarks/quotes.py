"""Quotations against the office's editions (issue 24): planted cases of every kind, and the speed of
indexing and checking.

    .venv/bin/python benchmarks/quotes.py [--corpus ../shared/corpus/wild] [--books 20] [--cases 40] [--seed 24]

The editions are made here from real Chinese text (the bodies of the OCR'd papers of ``--corpus``, never
committed), each book the text of several papers cut into printed pages of about 700 characters, written
as pdftotext writes a book: pages parted by form feeds, each with a running head that prints the
page number (``12  书名``) and a foot number (``— 12 —``), the first printed page numbered at random.
A manuscript cites the books author-year with a page (（张明，2015：123）) and quotes, for each kind:

* verified — a passage of the cited page, word for word (punctuation and widths as printed);
* wrong-page — the same, cited with another page of the book;
* differs-char — one character of the passage changed;
* differs-dropped — a phrase of it left out without an ellipsis;
* ellipsis — a phrase left out with ……, which is no difference (verified);
* break — a passage running over a page break (verified);
* traditional — the passage in Traditional characters (verified);
* other-work — a passage of another book of the library (other-work);
* invented — a passage of a paper that is in no book (not-found);
* not-checked — a passage cited to a work the library lacks.

Prints the share of right verdicts per kind and overall (the issue's bar: 98 %), then the time to index
a 600-page book (once; then read from the index), to check 200 quotations against the library, and the
peak memory (resident set) of the process.  Asserts nothing.
"""

from __future__ import annotations

import argparse
import random
import re
import resource
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

from citeguard.api import document_from_text
from citeguard.quotes import EditionIndex, QuoteStatus, check_quotations, load_library

ROOT = Path(__file__).resolve().parent.parent
PAGE = 700  # characters of a printed page
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢"
GIVEN = "明华强军平国建文斌辉力志伟刚勇毅俊峰磊超鹏杰涛浩宇"
# A run of plain Chinese prose: Han characters, Chinese punctuation and digits, no Latin letters or brackets
_PROSE_RE = re.compile(r"[\u4e00-\u9fff，。；、：！？“”\d%]{40,}")
KINDS = {"verified": QuoteStatus.VERIFIED, "wrong-page": QuoteStatus.WRONG_PAGE,
         "differs-char": QuoteStatus.DIFFERS, "differs-dropped": QuoteStatus.DIFFERS,
         "ellipsis": QuoteStatus.VERIFIED, "break": QuoteStatus.VERIFIED, "traditional": QuoteStatus.VERIFIED,
         "other-work": QuoteStatus.OTHER_WORK, "invented": QuoteStatus.NOT_FOUND,
         "not-checked": QuoteStatus.NOT_CHECKED}


def prose(path: Path) -> str:
    """The plain Chinese prose of a paper, its runs joined."""
    return "".join(m.group(0) for m in _PROSE_RE.finditer(path.read_text(encoding="utf-8", errors="replace")))


class Book:
    def __init__(self, number: int, text: str, first: int) -> None:
        self.author = SURNAMES[number % len(SURNAMES)] + GIVEN[number % len(GIVEN)]
        self.title = f"{self.author}文集第{number + 1}编"
        self.year = 2000 + number
        self.first = first
        self.pages = [text[i:i + PAGE] for i in range(0, len(text) - PAGE // 2, PAGE)]

    def file_text(self) -> str:
        return "\f".join(f"{self.first + i}  {self.title}\n\n{page}\n\n— {self.first + i} —"
                         for i, page in enumerate(self.pages))

    def entry(self) -> str:
        return f"{self.author}，{self.year}. {self.title}[M]. 北京：人民出版社."


def _passage(rng: random.Random, page: str, size: int) -> str:
    at = rng.randrange(0, max(1, len(page) - size))
    return page[at:at + size]


def _unique(books: list[Book], text: str) -> bool:
    return sum(page.count(text) for b in books for page in b.pages) == 1


def plant(rng: random.Random, kind: str, books: list[Book], invented: str) -> tuple[str, Book | None, int] | None:
    """(quotation, the book cited, the page cited) of one planted case, or None when none fits."""
    from opencc import OpenCC

    book = rng.choice(books)
    index = rng.randrange(1, len(book.pages) - 1)
    page = book.pages[index]
    size = rng.randint(16, 40)
    quote = _passage(rng, page, size)
    if not _unique(books, quote) or "……" in quote or "“" in quote or "”" in quote:
        return None  # (a quotation inside the quotation would be set in ‘’: not planted)
    if kind == "wrong-page":
        other = rng.choice([i for i in range(len(book.pages)) if abs(i - index) > 1])
        return quote, book, book.first + other
    if kind == "differs-char":
        at = rng.randrange(4, size - 4)
        swapped = "的" if quote[at] != "的" else "了"
        return quote[:at] + swapped + quote[at + 1:], book, book.first + index
    if kind in ("differs-dropped", "ellipsis"):
        cut = rng.randrange(6, size - 8)
        gap = rng.randint(3, 6)
        mark = "……" if kind == "ellipsis" else ""
        return quote[:cut] + mark + quote[cut + gap:], book, book.first + index
    if kind == "break":
        tail = page[-rng.randint(8, 14):]
        head = book.pages[index + 1][:rng.randint(8, 14)]
        if not _unique(books, tail + head) or "“" in tail + head or "”" in tail + head:
            return None
        return tail + head, book, book.first + index
    if kind == "traditional":
        return OpenCC("s2t").convert(quote), book, book.first + index
    if kind == "other-work":
        other = rng.choice([b for b in books if b is not book])
        return quote, other, other.first + 1
    if kind == "invented":
        made = _passage(rng, invented, size)
        return (None if "“" in made or "”" in made else (made, book, book.first + index))
    if kind == "not-checked":
        return quote, None, 12
    return quote, book, book.first + index


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.strip().splitlines()[0])
    parser.add_argument("--corpus", type=Path, default=ROOT.parent / "shared" / "corpus" / "wild")
    parser.add_argument("--books", type=int, default=20)
    parser.add_argument("--cases", type=int, default=40, help="cases of each kind")
    parser.add_argument("--seed", type=int, default=24)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    papers = [p for p in sorted(args.corpus.glob("*.md")) if len(prose(p)) > 2000]
    rng.shuffle(papers)
    per_book = max(1, (len(papers) - 4) // args.books)
    books = [Book(i, "".join(prose(p) for p in papers[i * per_book:(i + 1) * per_book]), rng.randint(1, 400))
             for i in range(args.books)]
    invented = "".join(prose(p) for p in papers[args.books * per_book:])
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "library"
        folder.mkdir()
        catalogue = []
        for i, book in enumerate(books):
            (folder / f"book{i}.txt").write_text(book.file_text(), encoding="utf-8")
            catalogue.append(f'[[source]]\nfile = "book{i}.txt"\ntitle = "{book.title}"\n')
        (folder / "library.toml").write_text("\n".join(catalogue), encoding="utf-8")
        index_path = Path(tmp) / "editions.sqlite3"
        t0 = time.perf_counter()
        library = load_library(folder, EditionIndex(index_path))
        first_load = time.perf_counter() - t0
        t0 = time.perf_counter()
        index = EditionIndex(index_path)
        library = load_library(folder, index)
        again = time.perf_counter() - t0

        cases: list[tuple[str, str, str, str]] = []  # kind, quotation, author, page
        for kind in KINDS:
            made = 0
            for _ in range(args.cases * 20):
                if made == args.cases:
                    break
                got = plant(rng, kind, books, invented)
                if got is None:
                    continue
                quote, book, page = got
                author, year = (book.author, book.year) if book else ("欧阳修", 1990)
                cases.append((kind, quote, f"{author}，{year}", str(page)))
                made += 1
        body = "\n\n".join(f"第{i + 1}处引文“{q}”（{who}：{page}）。" for i, (_, q, who, page) in enumerate(cases))
        refs = "\n".join(b.entry() for b in books) + "\n欧阳修，1990. 不在库中的书[M]. 北京：中华书局."
        document = document_from_text(f"引文核对基准\n\n{body}\n\n参考文献\n\n{refs}\n")
        t0 = time.perf_counter()
        verdicts = check_quotations(document, library, index)
        checking = time.perf_counter() - t0
    got = {v.quote: v.status for v in verdicts}
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    wrong: list[str] = []
    for kind, quote, who, page in cases:
        total[kind] += 1
        if got.get(quote) is KINDS[kind]:
            right[kind] += 1
        else:
            wrong.append(f"{kind}: “{quote}”（{who}：{page}） → {got.get(quote)}")
    print("| kind | cases | right |\n|---|---|---|")
    for kind in KINDS:
        print(f"| {kind} | {total[kind]} | {right[kind] / max(1, total[kind]):.3f} |")
    print(f"| **all** | {sum(total.values())} | {sum(right.values()) / max(1, sum(total.values())):.3f} |")
    for line in wrong[:12]:
        print("  wrong:", line, file=sys.stderr)
    pages = sum(len(b.pages) for b in books)
    print(f"\nlibrary: {len(books)} books, {pages} pages ({pages // len(books)} a book on average)")
    print(f"read and indexed once: {first_load:.2f} s ({first_load / len(books):.3f} s a book); "
          f"opened again from the index: {again:.2f} s")
    print(f"checked {len(verdicts)} quotations in {checking:.2f} s ({checking / max(1, len(verdicts)) * 1000:.1f} ms each)")
    print(f"peak memory (resident): {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB")
    big = Book(99, "".join(books[i % len(books)].pages[i % len(books[i % len(books)].pages)] for i in range(600)), 1)
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)
        (folder / "big.txt").write_text(big.file_text(), encoding="utf-8")
        t0 = time.perf_counter()
        (source,) = load_library(folder, EditionIndex(folder / "index.sqlite3"))
        print(f"a {len(source.pages)}-page book read and indexed in {time.perf_counter() - t0:.2f} s")


if __name__ == "__main__":
    main()
