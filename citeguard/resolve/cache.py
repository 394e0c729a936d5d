"""A small SQLite cache of link results (never page bodies), keyed by normalised URL."""

from __future__ import annotations

import json
import sqlite3
import time
from dataclasses import asdict
from pathlib import Path
from urllib.parse import urlunsplit

from platformdirs import user_cache_path

from citeguard.model import LinkResult, LinkStatus
from citeguard.urls import split_url

DEFAULT_TTL = 24 * 3600.0  # a day, as lychee's cache
WORKS_TTL = 7 * 24 * 3600.0  # index records change slowly; a week still sees a new retraction soon enough
MAX_CACHED_ANSWER = 512 * 1024  # characters of one index answer kept (a record with thousands of authors is not)
# Results worth keeping: transient failures are retried next time instead of being remembered.
CACHEABLE = frozenset({LinkStatus.OK, LinkStatus.REDIRECTED, LinkStatus.NOT_FOUND, LinkStatus.SOFT_404,
                       LinkStatus.TLS_ERROR, LinkStatus.TOO_LARGE})


def default_cache_path() -> Path:
    """links.sqlite3 in the user's cache folder (platformdirs)."""
    return user_cache_path("citeguard") / "links.sqlite3"


def url_key(url: str) -> str:
    """Case-folded scheme and host, default port and fragment dropped: one key per page."""
    parts = split_url(url)
    if parts is None:
        return url.strip()
    host = (parts.hostname or "").lower()
    port = parts.port
    default = {"http": 80, "https": 443}.get(parts.scheme.lower())
    netloc = host if port in (None, default) else f"{host}:{port}"
    return urlunsplit((parts.scheme.lower(), netloc, parts.path or "/", parts.query, ""))


LOCK_WAIT = 2.0  # seconds to wait for another run's write lock before going on without the cache


class LinkCache:
    """Results by URL with a time to live.

    Opening raises ``sqlite3.Error`` or ``OSError`` for a file that is not a usable cache (damaged,
    another schema, locked, unreadable); the caller goes on without one. A failure later (disk
    full, read-only, locked by another run) turns the cache off for the rest of the run and is
    kept in :attr:`problem` for one warning: a cache never costs a run its reports."""

    def __init__(self, path: Path, ttl: float = DEFAULT_TTL) -> None:
        self.ttl = ttl
        self.path = path
        self.problem: str | None = None
        path.parent.mkdir(parents=True, exist_ok=True)
        if path.exists() and not path.is_file():
            raise OSError(f"{path} is not a regular file")
        self._db: sqlite3.Connection | None = sqlite3.connect(path, timeout=LOCK_WAIT)
        try:
            self._db.execute("CREATE TABLE IF NOT EXISTS links (key TEXT PRIMARY KEY, result TEXT NOT NULL, "
                             "checked REAL NOT NULL)")
            self._db.execute("CREATE TABLE IF NOT EXISTS works (key TEXT PRIMARY KEY, answer TEXT NOT NULL, "
                             "checked REAL NOT NULL)")
            self._db.execute("SELECT key, result, checked FROM links LIMIT 0")  # another schema fails here
            self._db.execute("SELECT key, answer, checked FROM works LIMIT 0")
            self._db.commit()
        except sqlite3.Error:
            self._db.close()
            raise

    def _off(self, exc: sqlite3.Error) -> None:
        if self._db is not None:
            self.problem = f"link cache {self.path} failed ({exc}); the rest of the run went on without it"
            self._db.close()
            self._db = None

    def get(self, url: str, now: float | None = None) -> LinkResult | None:
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT result, checked FROM links WHERE key = ?", (url_key(url),)).fetchone()
        except sqlite3.Error as exc:
            self._off(exc)
            return None
        if row is None or not isinstance(row[1], int | float) or (now or time.time()) - row[1] > self.ttl:
            return None
        try:
            data = json.loads(row[0])
            data["status"] = LinkStatus(data["status"])
            data["from_cache"] = True
            data["url"] = url
            return LinkResult(**data)
        except (ValueError, TypeError, KeyError, AttributeError):
            return None  # written by another version (or by hand): check again

    def put(self, result: LinkResult, now: float | None = None) -> None:
        if result.status not in CACHEABLE or self._db is None:
            return
        data = asdict(result)
        data["status"] = result.status.value
        data.pop("from_cache", None)
        try:
            self._db.execute("INSERT OR REPLACE INTO links (key, result, checked) VALUES (?, ?, ?)",
                             (url_key(result.url), json.dumps(data, ensure_ascii=False), now or time.time()))
            self._db.commit()
        except sqlite3.Error as exc:  # disk full, read-only file, locked by another run
            self._off(exc)

    def get_answer(self, key: str, now: float | None = None) -> tuple[str, object] | None:
        """An index's answer to one request (``citeguard verify``): (outcome, JSON body), or None."""
        if self._db is None:
            return None
        try:
            row = self._db.execute("SELECT answer, checked FROM works WHERE key = ?", (key,)).fetchone()
        except sqlite3.Error as exc:
            self._off(exc)
            return None
        if row is None or not isinstance(row[1], int | float) or (now or time.time()) - row[1] > WORKS_TTL:
            return None
        try:
            data = json.loads(row[0])
            return str(data["outcome"]), data.get("body")
        except (ValueError, TypeError, KeyError):
            return None

    def put_answer(self, key: str, outcome: str, body: object, now: float | None = None) -> None:
        if self._db is None:
            return
        text = json.dumps({"outcome": outcome, "body": body}, ensure_ascii=False)
        if len(text) > MAX_CACHED_ANSWER:
            return
        try:
            self._db.execute("INSERT OR REPLACE INTO works (key, answer, checked) VALUES (?, ?, ?)",
                             (key, text, now or time.time()))
            self._db.commit()
        except sqlite3.Error as exc:
            self._off(exc)

    def close(self) -> None:
        if self._db is not None:
            self._db.close()
            self._db = None
