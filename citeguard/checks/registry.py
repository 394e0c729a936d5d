"""The rule registry: every rule has a stable code (CG + 3 digits), a name, a default severity and a
docstring that is its documentation.  Codes are grouped by family and never reused:

    CG1xx citations ↔ references   CG2xx pages        CG3xx reference list
    CG4xx footnotes                CG5xx URLs (offline) CG6xx front matter
    CG7xx cited works against Crossref, OpenAlex, DataCite   CG8xx journal policy (off unless configured)
    CG9xx text the parser could not read

Rules are selected and ignored by code prefix, as flake8 does (``--select CG2 --ignore CG204``).
"""

from __future__ import annotations

import inspect
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field

from citeguard.checks.reading import Reading
from citeguard.model import (
    Confidence,
    Document,
    Evidence,
    Finding,
    JournalPolicy,
    LinkResult,
    Severity,
    Span,
    Standard,
)
from citeguard.places import place
from citeguard.records import QuoteVerdict, Verification

FAMILIES = {
    "1": "citations ↔ references",
    "2": "pages",
    "0": "quoted passages (against the office's editions)",
    "3": "reference list",
    "4": "footnotes",
    "5": "URLs",
    "6": "front matter",
    "7": "cited works (verified against indexes)",
    "8": "journal policy",
    "9": "unreadable text",
}
FAMILIES_ZH = {"1": "引用与参考文献", "2": "页码", "0": "引文核对",
               "3": "参考文献表", "4": "脚注", "5": "网址", "6": "中英文前置部分",
               "7": "文献真实性核验", "8": "期刊规范",
               "9": "无法解析的文本"}
CODE_RE = re.compile(r"^CG\d{3}$")


@dataclass(frozen=True, slots=True)
class Conventions:
    """Choices the standard leaves open, as this paper makes them (by majority)."""

    pairs_in_full: bool | None = None  # 甲和乙 (True) or 甲等 (False) for two-author works
    list_spaced: bool | None = None  # ", " after element punctuation in the reference list
    footnotes_spaced: bool | None = None


@dataclass(frozen=True, slots=True)
class AuditContext:
    """What every rule sees: the linked document, the standard, the paper's own conventions."""

    document: Document
    standard: Standard = Standard.GB2025
    conventions: Conventions = field(default_factory=Conventions)
    paper_date: str | None = None  # ISO date (or year) the manuscript was written by, when known
    links: tuple[LinkResult, ...] = ()  # what resolving the cited URLs found (empty: not resolved)
    reading: Reading = field(default_factory=lambda: Reading(0, 0, 0, 0, False, None))  # how well it was read
    verifications: tuple[Verification, ...] = ()  # what verifying the cited works found (empty: not verified)
    quotations: tuple[QuoteVerdict, ...] = ()  # quoted passages against the editions (empty: not checked)
    policy: JournalPolicy | None = None  # the journal's reference policy (None: CG8xx stay silent)
    # links and verdicts by URL and by entry, made at the first question (each rule asks for every
    # entry: scanning the list each time was quadratic, 10,000 entries with URLs took 12 s)
    _by_url: dict[str, LinkResult] = field(default_factory=dict, init=False, repr=False, compare=False)
    _by_span: dict[Span, Verification] = field(default_factory=dict, init=False, repr=False, compare=False)
    # what several rules weigh alike, made once per audit (checks/evidence.py: unlinked citations)
    memo: dict[str, object] = field(default_factory=dict, init=False, repr=False, compare=False)

    def link(self, url: str) -> LinkResult | None:
        """What resolving ``url`` found (the first result for it)."""
        if self.links and not self._by_url:
            for result in self.links:
                self._by_url.setdefault(result.url, result)
        return self._by_url.get(url)

    def verification(self, span: Span) -> Verification | None:
        """The verdict on the entry at ``span``."""
        if self.verifications and not self._by_span:
            for verdict in self.verifications:
                if verdict.span is not None:
                    self._by_span.setdefault(verdict.span, verdict)
        return self._by_span.get(span)


CheckFunction = Callable[[AuditContext, "Rule"], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    """One check.  ``doc`` (the function's docstring) is its user documentation."""

    code: str
    name: str
    severity: Severity
    check: CheckFunction = field(repr=False)
    doc: str = ""

    @property
    def family(self) -> str:
        return FAMILIES[self.code[2]]

    @property
    def summary(self) -> str:
        """The first sentence of the documentation."""
        first = " ".join(self.doc.strip().split("\n\n")[0].split())
        return re.split(r"(?<=\.)\s", first, maxsplit=1)[0] if first else self.name

    def finding(self, where: Span | tuple[int, int], message: str, message_zh: str, *,
                severity: Severity | None = None, references: Iterable[int] = (),
                citations: Iterable[str] = (), footnotes: Iterable[str] = (),
                evidence: Iterable[tuple[str, object]] = (), suggestion: str = "", suggestion_zh: str = "",
                confidence: Confidence = Confidence.HIGH) -> Finding:
        line, column = (where.line, where.column) if isinstance(where, Span) else where
        path = where.path if isinstance(where, Span) else ""
        return Finding(self.code, self.name, severity or self.severity, message, message_zh, line, column,
                       tuple(references), tuple(citations), tuple(footnotes),
                       tuple(Evidence(k, str(v)) for k, v in evidence), suggestion, path,
                       suggestion_zh if suggestion_zh != suggestion else "", confidence)


RULES: dict[str, Rule] = {}


def rule(code: str, name: str, severity: Severity) -> Callable[[CheckFunction], CheckFunction]:
    """Register a check under ``code``; its docstring becomes the rule's documentation."""
    if not CODE_RE.match(code) or code[2] not in FAMILIES:
        raise ValueError(f"bad rule code {code!r}")

    def register(function: CheckFunction) -> CheckFunction:
        if code in RULES:
            raise ValueError(f"rule code {code} is used twice")
        RULES[code] = Rule(code, name, severity, function, inspect.cleandoc(function.__doc__ or ""))
        return function

    return register


def selected_code(code: str, select: Iterable[str] = (), ignore: Iterable[str] = ()) -> bool:
    """Is this code selected (a selected prefix, or none given) and not ignored?

    The longer matching prefix wins, as in flake8: ``--ignore CG2 --select CG201`` keeps CG201;
    on a tie the rule is ignored.
    """
    select, ignore = [s.upper() for s in select], [i.upper() for i in ignore]
    chosen = max((len(s) for s in select if code.startswith(s)), default=0 if select else 1)
    dropped = max((len(i) for i in ignore if code.startswith(i)), default=0)
    return chosen > dropped  # on a tie (--select CG1 --ignore CG1) ignoring wins


def selected(rules: Iterable[Rule], select: Iterable[str] = (), ignore: Iterable[str] = ()) -> Iterator[Rule]:
    """Rules whose code starts with a selected prefix (all when none) and with no ignored prefix."""
    select, ignore = list(select), list(ignore)
    return (r for r in rules if selected_code(r.code, select, ignore))


def ref_label(document: Document, index: int) -> str:
    """How an editor names entry ``index`` (1-based position): "[12]" or "周晓虹 2014a"."""
    ref = document.references[index - 1]
    if ref.key:
        return f"@{ref.key}"
    if ref.number is not None:
        return f"[{ref.number}]"
    who = ref.authors[0] if ref.authors else (ref.title or ref.raw)[:16]
    return f"{who} {ref.year or ''}{ref.year_suffix}".strip()


def ref_with_place(doc: Document, index: int, lang: str) -> str:
    """Entry ``index`` named so that it is told from another with the same label: "[9]" and
    "@smith2020b" as they are, "张三 2020 (line 245)" in an author-year list that has two 张三 2020."""
    ref = doc.references[index - 1]
    label = ref_label(doc, index)
    if ref.number is not None or ref.key:
        return label
    where = place(doc.location(ref.span.line, ref.span.column, ref.span.path), lang)
    if doc.positions is None or ref.span.path:
        where = f"第 {ref.span.line} 行" if lang == "zh" else f"line {ref.span.line}"
    return f"{label}（{where}）" if lang == "zh" else f"{label} ({where})"


def ref_number(document: Document, index: int) -> int:
    """The printed number of entry ``index``, or its position for unnumbered lists."""
    ref = document.references[index - 1]
    return ref.number if ref.number is not None else index
