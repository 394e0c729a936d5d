"""The desk's values as its pages and API see them: one frozen dataclass per kind of row, read
from the database by name (never a loose row or dict between the desk and its faces)."""

from __future__ import annotations

import json
import sqlite3
from dataclasses import dataclass
from enum import StrEnum

from citeguard.model import Confidence, Finding, Severity
from citeguard.places import place


class JobStatus(StrEnum):
    QUEUED = "queued"
    RUNNING = "running"
    DONE = "done"
    FAILED = "failed"


class State(StrEnum):
    """An editor's decision on a finding."""

    OPEN = "open"
    ACCEPTED = "accepted"  # the author is asked to correct it (it goes in the letter)
    DISMISSED = "dismissed"  # not a problem (the reason is kept, and the decision survives revisions)


@dataclass(frozen=True, slots=True)
class Manuscript:
    id: str
    filename: str
    kind: str
    issue: str
    revision_of: str | None
    root: str
    version: int
    status: JobStatus
    error: str | None
    uploaded_by: str
    created: float
    title: str
    lang: str
    file_hash: str
    report_hash: str | None
    html_hash: str | None
    errors: int
    warnings: int
    infos: int
    open: int = 0
    accepted: int = 0
    dismissed: int = 0

    @classmethod
    def of(cls, row: sqlite3.Row) -> Manuscript:
        keys = row.keys()
        return cls(row["id"], row["filename"], row["kind"], row["issue"], row["revision_of"], row["root"],
                   row["version"], JobStatus(row["status"]), row["error"], row["uploaded_by"], row["created"],
                   row["title"], row["lang"], row["file_hash"], row["report_hash"], row["html_hash"], row["errors"],
                   row["warnings"], row["infos"], *(int(row[k] or 0) if k in keys else 0
                                                     for k in ("open", "accepted", "dismissed")))


@dataclass(frozen=True, slots=True)
class Comment:
    who: str
    text: str
    at: float


@dataclass(frozen=True, slots=True)
class FindingRow:
    id: int
    manuscript_id: str
    code: str
    rule: str
    severity: Severity
    confidence: Confidence
    line: int
    column: int
    location: str
    message: str
    message_zh: str
    suggestion: str
    suggestion_zh: str
    fingerprint: str
    state: State
    reason: str
    decided_by: str | None
    decided_at: float | None
    new: bool
    references: tuple[int, ...]
    citations: tuple[str, ...]
    footnotes: tuple[str, ...]
    comments: tuple[Comment, ...] = ()
    excerpt: str = ""  # the manuscript's line the finding is on

    @classmethod
    def of(cls, row: sqlite3.Row, comments: tuple[Comment, ...] = ()) -> FindingRow:
        return cls(row["id"], row["manuscript_id"], row["code"], row["rule"], Severity(row["severity"]),
                   Confidence(row["confidence"]), row["line"], row["col"], row["location"], row["message"],
                   row["message_zh"], row["suggestion"], row["suggestion_zh"], row["fingerprint"], State(row["state"]),
                   row["reason"], row["decided_by"], row["decided_at"], bool(row["new"]),
                   tuple(int(x) for x in json.loads(row["refs"])), tuple(str(x) for x in json.loads(row["cites"])),
                   tuple(str(x) for x in json.loads(row["notes"])), comments, row["excerpt"])

    def where(self, lang: str) -> str:
        """The place as the reader reads it: "第 12 行" / "line 12" for a text file's "12:5", "第 3 段"
        for "¶3", "脚注 8（①，第 4 页）" for a .docx note."""
        line, colon, _ = self.location.partition(":")
        if colon and line.isdigit():
            return f"第 {line} 行" if lang == "zh" else f"line {line}"
        return place(self.location, lang)

    def said(self, lang: str) -> str:
        return self.message_zh if lang == "zh" and self.message_zh else self.message

    def fix(self, lang: str) -> str:
        return self.suggestion_zh if lang == "zh" and self.suggestion_zh else self.suggestion

    def finding(self) -> Finding:
        """The finding as the report stage takes it (Word comments are placed from these fields)."""
        return Finding(self.code, self.rule, self.severity, self.message, self.message_zh, self.line, self.column,
                       self.references, self.citations, self.footnotes, suggestion=self.suggestion,
                       suggestion_zh=self.suggestion_zh, confidence=self.confidence)


@dataclass(frozen=True, slots=True)
class Resolved:
    code: str
    line: int
    message: str
    message_zh: str
