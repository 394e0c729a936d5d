"""The editorial office's desk: what the web pages and the JSON API do, over the database, the
file store and the audit workers. Every read and write names the user, and a user reaches only
their office's manuscripts and findings (another office's id answers as if it did not exist)."""

from __future__ import annotations

import json
import os
import secrets
from dataclasses import dataclass, field, replace
from pathlib import Path

from citeguard.serve.auth import LoginLimiter, User
from citeguard.serve.db import Database, now
from citeguard.serve.jobs import AuditSetup, WorkerPool
from citeguard.serve.store import FileStore, UploadError, uploads_from
from citeguard.serve.values import Comment, FindingRow, JobStatus, Manuscript, Resolved, State

# Columns the desk sorts by (the query's word → SQL; never the query's text itself)
SORTS = {"created": "m.created", "filename": "m.filename", "issue": "m.issue", "status": "m.status",
         "open": "open", "errors": "m.errors", "warnings": "m.warnings", "version": "m.version"}
PAGE_SIZE = 500  # manuscripts on one page of the desk (an archive is paged, not sent whole)
MAX_REASON = 2000  # characters of a dismissal's reason or a comment
_COUNTS = ("SELECT manuscript_id, SUM(state = 'open') AS open, SUM(state = 'accepted') AS accepted, "
           "SUM(state = 'dismissed') AS dismissed FROM findings GROUP BY manuscript_id")


@dataclass(frozen=True, slots=True)
class DeskConfig:
    data: Path
    setup: AuditSetup = field(default_factory=AuditSetup)
    workers: int = 2


def _secret(path: Path) -> bytes:
    """The desk's own random key (made once, readable by its owner only): it signs the CSRF tokens
    of users a reverse proxy names."""
    try:
        return path.read_bytes()
    except FileNotFoundError:
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as out:
            out.write(key)
        return key


class Desk:
    def __init__(self, config: DeskConfig) -> None:
        config.data.mkdir(parents=True, exist_ok=True)
        self.config = config
        self.db = Database(config.data / "citeguard.sqlite3")
        self.files = FileStore(config.data / "files")
        setup = replace(config.setup, cache=config.data / "network-cache.sqlite3") if config.setup.cache is None \
            else config.setup
        self.pool = WorkerPool(self.db, self.files, config.data / "work", setup, config.workers)
        self.limiter = LoginLimiter()
        self.secret = _secret(config.data / "secret")

    # --- manuscripts -------------------------------------------------------------------------
    def upload(self, user: User, filename: str, data: bytes, *, issue: str = "", revision_of: str | None = None
               ) -> list[Manuscript]:
        """Store the upload and queue an audit of each manuscript it brings (raises UploadError)."""
        papers = uploads_from(filename, data)
        earlier = None
        if revision_of:
            earlier = self.manuscript(user, revision_of)
            if earlier is None:
                raise UploadError(f"revision_of: no manuscript {revision_of!r} in your office")
            if len(papers) != 1:
                raise UploadError("a revision is one manuscript, not a .zip of several")
        issue = " ".join(issue.split())[:200] or (earlier.issue if earlier else "")
        made: list[str] = []
        stored = [(p, self.files.put(p.data)) for p in papers]
        with self.db.write() as conn:
            for paper, digest in stored:
                mid = secrets.token_hex(8)
                root = earlier.root if earlier else mid
                version = int(conn.execute("SELECT MAX(version) FROM manuscripts WHERE root = ?", (root,)).fetchone()[0]
                              or 0) + 1 if earlier else 1  # (a revision of v1 after v2 is v3)
                conn.execute("INSERT INTO manuscripts(id, office_id, filename, file_hash, kind, issue, revision_of, root, "
                             "version, status, uploaded_by, created) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, 'queued', ?, ?)",
                             (mid, user.office_id, paper.filename[:300], digest, paper.kind, issue,
                              earlier.id if earlier else None, root, version, user.name, now()))
                made.append(mid)
        self.pool.wake()
        return [m for m in (self.manuscript(user, mid) for mid in made) if m is not None]

    def manuscript(self, user: User, mid: str) -> Manuscript | None:
        row = self.db.one(f"SELECT m.*, c.open, c.accepted, c.dismissed FROM manuscripts m LEFT JOIN ({_COUNTS}) c "
                          "ON c.manuscript_id = m.id WHERE m.id = ? AND m.office_id = ?", mid, user.office_id)
        return Manuscript.of(row) if row else None

    def manuscripts(self, user: User, *, sort: str = "created", descending: bool = True, issue: str = "",
                    status: str = "", limit: int = PAGE_SIZE, offset: int = 0) -> list[Manuscript]:
        order = SORTS.get(sort, "m.created")
        where, args = ["m.office_id = ?"], [user.office_id]
        if issue:
            where.append("m.issue = ?")
            args.append(issue)  # type: ignore[arg-type]
        if status in {s.value for s in JobStatus}:
            where.append("m.status = ?")
            args.append(status)  # type: ignore[arg-type]
        rows = self.db.all(f"SELECT m.*, c.open, c.accepted, c.dismissed FROM manuscripts m LEFT JOIN ({_COUNTS}) c "
                           f"ON c.manuscript_id = m.id WHERE {' AND '.join(where)} "
                           f"ORDER BY {order} {'DESC' if descending else 'ASC'}, m.id LIMIT ? OFFSET ?", *args, limit,
                           max(0, offset))
        return [Manuscript.of(r) for r in rows]

    def count(self, user: User, *, issue: str = "", status: str = "") -> int:
        row = self.db.one("SELECT COUNT(*) FROM manuscripts WHERE office_id = ? AND (? = '' OR issue = ?) AND "
                          "(? = '' OR status = ?)", user.office_id, issue, issue, status, status)
        return int(row[0]) if row else 0

    def issues(self, user: User) -> list[str]:
        return [r[0] for r in self.db.all("SELECT DISTINCT issue FROM manuscripts WHERE office_id = ? AND issue != '' "
                                          "ORDER BY issue", user.office_id)]

    def versions(self, user: User, m: Manuscript) -> list[Manuscript]:
        rows = self.db.all("SELECT * FROM manuscripts WHERE root = ? AND office_id = ? ORDER BY version",
                           m.root, user.office_id)
        return [Manuscript.of(r) for r in rows]

    def ahead(self, m: Manuscript) -> int:
        """Manuscripts queued before ``m`` (its place in the queue)."""
        row = self.db.one("SELECT COUNT(*) FROM manuscripts WHERE status = 'queued' AND (created < ? OR "
                          "(created = ? AND id < ?))", m.created, m.created, m.id)
        return int(row[0]) if row else 0

    # --- findings ----------------------------------------------------------------------------
    def findings(self, m: Manuscript) -> list[FindingRow]:
        comments: dict[int, list[Comment]] = {}
        for c in self.db.all("SELECT c.finding_id, c.who, c.text, c.at FROM comments c JOIN findings f ON "
                             "f.id = c.finding_id WHERE f.manuscript_id = ? ORDER BY c.id", m.id):
            comments.setdefault(c["finding_id"], []).append(Comment(c["who"], c["text"], c["at"]))
        return [FindingRow.of(r, tuple(comments.get(r["id"], ())))
                for r in self.db.all("SELECT * FROM findings WHERE manuscript_id = ? ORDER BY seq", m.id)]

    def resolved(self, m: Manuscript) -> list[Resolved]:
        return [Resolved(r["code"], r["line"], r["message"], r["message_zh"])
                for r in self.db.all("SELECT * FROM resolved WHERE manuscript_id = ? ORDER BY rowid", m.id)]

    def finding(self, user: User, fid: int) -> FindingRow | None:
        if not 0 < fid < 2**63:  # SQLite's integers: a larger id is no finding, not an overflow
            return None
        row = self.db.one("SELECT f.* FROM findings f JOIN manuscripts m ON m.id = f.manuscript_id "
                          "WHERE f.id = ? AND m.office_id = ?", fid, user.office_id)
        if row is None:
            return None
        comments = tuple(Comment(c["who"], c["text"], c["at"])
                         for c in self.db.all("SELECT who, text, at FROM comments WHERE finding_id = ? ORDER BY id", fid))
        return FindingRow.of(row, comments)

    def decide(self, user: User, fid: int, state: str, reason: str = "") -> FindingRow | None:
        """Record ``user``'s decision (one transaction: the finding's state and its history agree,
        whichever of two editors deciding at once comes last); raises ValueError for a bad state."""
        if state not in {s.value for s in State}:
            raise ValueError(f"state must be one of {', '.join(s.value for s in State)}")
        reason = reason.strip()[:MAX_REASON]
        if state == State.DISMISSED and not reason:  # the next editor, and the next version, need to know why
            raise ValueError("a dismissal needs a reason")
        if not 0 < fid < 2**63:
            return None
        with self.db.write() as conn:
            row = conn.execute("SELECT f.id FROM findings f JOIN manuscripts m ON m.id = f.manuscript_id "
                               "WHERE f.id = ? AND m.office_id = ?", (fid, user.office_id)).fetchone()
            if row is None:
                return None
            at = now()
            conn.execute("UPDATE findings SET state = ?, reason = ?, decided_by = ?, decided_at = ?, version = version + 1 "
                         "WHERE id = ?", (state, reason, user.name, at, fid))
            conn.execute("INSERT INTO decisions(finding_id, who, state, reason, at) VALUES (?, ?, ?, ?, ?)",
                         (fid, user.name, state, reason, at))
        return self.finding(user, fid)

    def comment(self, user: User, fid: int, text: str) -> FindingRow | None:
        text = text.strip()[:MAX_REASON]
        if not text:
            raise ValueError("an empty comment")
        if not 0 < fid < 2**63:
            return None
        if self.finding(user, fid) is None:
            return None
        with self.db.write() as conn:
            conn.execute("INSERT INTO comments(finding_id, who, text, at) VALUES (?, ?, ?, ?)", (fid, user.name, text, now()))
        return self.finding(user, fid)

    def history(self, fid: int) -> list[tuple[str, str, str]]:
        return [(r["who"], r["state"], r["reason"])
                for r in self.db.all("SELECT who, state, reason FROM decisions WHERE finding_id = ? ORDER BY id", fid)]

    # --- stored reports ----------------------------------------------------------------------
    def report_json(self, m: Manuscript) -> str | None:
        return self.files.get_text(m.report_hash) if m.report_hash else None

    def report_html(self, m: Manuscript) -> str | None:
        return self.files.get_text(m.html_hash) if m.html_hash else None

    def baseline(self, m: Manuscript) -> str:
        """A baseline file for ``citeguard audit --baseline``: the findings still open or accepted are
        excused no more than the dismissed ones are — CI then fails only on findings not yet reviewed."""
        from citeguard.report.baseline import SCHEMA
        keys = sorted(f.fingerprint for f in self.findings(m) if f.state is State.DISMISSED)
        return json.dumps({"schema": SCHEMA, "papers": {m.filename: keys}}, indent=2, ensure_ascii=False) + "\n"
