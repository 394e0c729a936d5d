"""The review desk's database: one SQLite file in the data folder, in WAL mode (readers never wait
for the one writer), its schema versioned by ``PRAGMA user_version`` and brought up to date by the
migrations below, each run once in its own transaction.

Every thread has its own connection (SQLite connections are not shared between threads); a
connection waits up to ``BUSY_MS`` for another's write instead of failing at once.
"""

from __future__ import annotations

import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

BUSY_MS = 10_000  # how long a writer waits for another writer before SQLite says "database is locked"

# Each migration takes the schema from version i to i + 1; a released one is never edited, only followed.
MIGRATIONS: tuple[str, ...] = (
    """
    CREATE TABLE offices (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);
    CREATE TABLE users (
        id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE, password TEXT,
        role TEXT NOT NULL CHECK (role IN ('editor', 'admin')),
        office_id INTEGER NOT NULL REFERENCES offices(id), created REAL NOT NULL);
    CREATE TABLE sessions (
        token TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users(id), csrf TEXT NOT NULL,
        expires REAL NOT NULL);
    CREATE TABLE tokens (
        token TEXT PRIMARY KEY, name TEXT NOT NULL, user_id INTEGER NOT NULL REFERENCES users(id),
        created REAL NOT NULL);
    CREATE TABLE manuscripts (
        id TEXT PRIMARY KEY, office_id INTEGER NOT NULL REFERENCES offices(id), filename TEXT NOT NULL,
        file_hash TEXT NOT NULL, kind TEXT NOT NULL, issue TEXT NOT NULL DEFAULT '',
        revision_of TEXT REFERENCES manuscripts(id), root TEXT NOT NULL, version INTEGER NOT NULL,
        status TEXT NOT NULL CHECK (status IN ('queued', 'running', 'done', 'failed')),
        error TEXT, uploaded_by TEXT NOT NULL, created REAL NOT NULL, started REAL, finished REAL,
        title TEXT NOT NULL DEFAULT '', lang TEXT NOT NULL DEFAULT '', report_hash TEXT, html_hash TEXT,
        errors INTEGER NOT NULL DEFAULT 0, warnings INTEGER NOT NULL DEFAULT 0, infos INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX manuscripts_queue ON manuscripts(status, created);
    CREATE INDEX manuscripts_office ON manuscripts(office_id, created);
    CREATE TABLE findings (
        id INTEGER PRIMARY KEY, manuscript_id TEXT NOT NULL REFERENCES manuscripts(id), seq INTEGER NOT NULL,
        code TEXT NOT NULL, rule TEXT NOT NULL, severity TEXT NOT NULL, confidence TEXT NOT NULL,
        line INTEGER NOT NULL, col INTEGER NOT NULL, location TEXT NOT NULL, refs TEXT NOT NULL,
        cites TEXT NOT NULL, notes TEXT NOT NULL, message TEXT NOT NULL, message_zh TEXT NOT NULL,
        suggestion TEXT NOT NULL, suggestion_zh TEXT NOT NULL, fingerprint TEXT NOT NULL,
        state TEXT NOT NULL DEFAULT 'open' CHECK (state IN ('open', 'accepted', 'dismissed')),
        reason TEXT NOT NULL DEFAULT '', decided_by TEXT, decided_at REAL, version INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0);
    CREATE INDEX findings_manuscript ON findings(manuscript_id, seq);
    CREATE TABLE decisions (
        id INTEGER PRIMARY KEY, finding_id INTEGER NOT NULL REFERENCES findings(id), who TEXT NOT NULL,
        state TEXT NOT NULL, reason TEXT NOT NULL, at REAL NOT NULL);
    CREATE TABLE comments (
        id INTEGER PRIMARY KEY, finding_id INTEGER NOT NULL REFERENCES findings(id), who TEXT NOT NULL,
        text TEXT NOT NULL, at REAL NOT NULL);
    CREATE INDEX comments_finding ON comments(finding_id);
    CREATE TABLE resolved (
        manuscript_id TEXT NOT NULL REFERENCES manuscripts(id), code TEXT NOT NULL, line INTEGER NOT NULL,
        message TEXT NOT NULL, message_zh TEXT NOT NULL);
    CREATE INDEX resolved_manuscript ON resolved(manuscript_id);
    """,
    # 2: the manuscript's line each finding is on, shown beside it in the review
    """
    ALTER TABLE findings ADD COLUMN excerpt TEXT NOT NULL DEFAULT '';
    """,
)
SCHEMA_VERSION = len(MIGRATIONS)


class SchemaError(RuntimeError):
    """A data folder written by a newer citeguard than this one."""


def connect(path: Path) -> sqlite3.Connection:
    """A connection with the pragmas every connection needs (foreign keys are per connection)."""
    conn = sqlite3.connect(path, timeout=BUSY_MS / 1000, isolation_level=None, check_same_thread=False)
    conn.row_factory = sqlite3.Row
    conn.execute("PRAGMA foreign_keys = ON")
    conn.execute(f"PRAGMA busy_timeout = {BUSY_MS}")
    conn.execute("PRAGMA synchronous = NORMAL")  # WAL: durable at each checkpoint, never corrupt
    return conn


def migrate(path: Path) -> int:
    """Bring the database at ``path`` to SCHEMA_VERSION; returns the version it was at."""
    conn = connect(path)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        before = int(conn.execute("PRAGMA user_version").fetchone()[0])
        if before > SCHEMA_VERSION:
            raise SchemaError(f"{path} was written by a newer citeguard (schema {before}; this one knows "
                              f"{SCHEMA_VERSION}): upgrade citeguard")
        for version in range(before, SCHEMA_VERSION):
            conn.execute("BEGIN IMMEDIATE")
            try:
                for statement in _statements(MIGRATIONS[version]):
                    conn.execute(statement)
                conn.execute(f"PRAGMA user_version = {version + 1}")
                conn.execute("COMMIT")
            except BaseException:
                conn.execute("ROLLBACK")
                raise
        return before
    finally:
        conn.close()


def _statements(script: str) -> Iterator[str]:
    """The statements of a migration (none of ours has a semicolon inside a literal)."""
    for part in script.split(";"):
        if part.strip():
            yield part


class Database:
    """Thread-local connections to one database file."""

    def __init__(self, path: Path) -> None:
        self.path = path
        migrate(path)
        self._local = threading.local()

    def conn(self) -> sqlite3.Connection:
        conn: sqlite3.Connection | None = getattr(self._local, "conn", None)
        if conn is None:
            conn = connect(self.path)
            self._local.conn = conn
        return conn

    @contextmanager
    def write(self) -> Iterator[sqlite3.Connection]:
        """One write transaction: all of it or none (BEGIN IMMEDIATE takes the write lock up front,
        so two writers never deadlock upgrading read locks)."""
        conn = self.conn()
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield conn
        except BaseException:
            conn.execute("ROLLBACK")
            raise
        conn.execute("COMMIT")

    def one(self, sql: str, *args: object) -> sqlite3.Row | None:
        row: sqlite3.Row | None = self.conn().execute(sql, args).fetchone()
        return row

    def all(self, sql: str, *args: object) -> list[sqlite3.Row]:
        return list(self.conn().execute(sql, args).fetchall())


def now() -> float:
    return time.time()
