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


class LinkCache:
    """Results by URL with a time to live; a corrupt or unwritable cache degrades to no cache."""

    def __init__(self, path: Path, ttl: float = DEFAULT_TTL) -> None:
        self.ttl = ttl
        self.path = path
        path.parent.mkdir(parents=True, exist_ok=True)
        self._db = sqlite3.connect(path)
        self._db.execute("CREATE TABLE IF NOT EXISTS links (key TEXT PRIMARY KEY, result TEXT NOT NULL, "
                         "checked REAL NOT NULL)")
        self._db.commit()

    def get(self, url: str, now: float | None = None) -> LinkResult | None:
        row = self._db.execute("SELECT result, checked FROM links WHERE key = ?", (url_key(url),)).fetchone()
        if row is None or (now or time.time()) - row[1] > self.ttl:
            return None
        try:
            data = json.loads(row[0])
            data["status"] = LinkStatus(data["status"])
            data["from_cache"] = True
            data["url"] = url
            return LinkResult(**data)
        except (ValueError, TypeError, KeyError):
            return None  # written by another version: check again

    def put(self, result: LinkResult, now: float | None = None) -> None:
        if result.status not in CACHEABLE:
            return
        data = asdict(result)
        data["status"] = result.status.value
        data.pop("from_cache", None)
        self._db.execute("INSERT OR REPLACE INTO links (key, result, checked) VALUES (?, ?, ?)",
                         (url_key(result.url), json.dumps(data, ensure_ascii=False), now or time.time()))
        self._db.commit()

    def close(self) -> None:
        self._db.close()
