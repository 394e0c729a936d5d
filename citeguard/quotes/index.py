"""The editions' index: each library file read once, its pages (as printed and as folded) kept in
SQLite in the cache folder under the file's hash, the folded text in an FTS5 table with the trigram
tokenizer — so that a PDF's text layer is extracted once, not at every run, and the pages nearest a
quotation that is not word for word anywhere are found without reading every page.

A cache that cannot be opened or written is not an error: the run goes on with an index in memory.
"""

from __future__ import annotations

import json
import sqlite3
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from platformdirs import user_cache_path

SCHEMA = 2  # bump when what is stored (or how it is folded) changes: older indexes are rebuilt
LOCK_WAIT = 2.0  # seconds to wait for another run's write lock
MAX_TRIGRAMS = 24  # trigrams of a quotation asked for (spread along it)
NEAR_PAGES = 8  # candidate pages a fuzzy search returns


def default_index_path() -> Path:
    """editions.sqlite3 in the user's cache folder (platformdirs), next to the link cache."""
    return user_cache_path("citeguard") / "editions.sqlite3"


@dataclass(frozen=True, slots=True)
class Stored:
    """One edition as the index keeps it."""

    labels: tuple[str, ...]  # the printed number of each page ("" where unknown)
    printed: tuple[str, ...]  # each page's text as read
    folded: tuple[str, ...]  # each page's text folded (quotes.fold)
    title: str = ""  # the title the file declares (a PDF's metadata), "" when none


class EditionIndex:
    """Editions by key (the file's hash, or a cited page's URL). ``path`` None: in memory."""

    def __init__(self, path: Path | None = None) -> None:
        self.problem: str | None = None
        self._db = self._open(path)

    def _open(self, path: Path | None) -> sqlite3.Connection:
        if path is not None:
            try:
                path.parent.mkdir(parents=True, exist_ok=True)
                db = sqlite3.connect(path, timeout=LOCK_WAIT)
                self._schema(db)
                return db
            except (sqlite3.Error, OSError) as exc:
                self.problem = f"editions index {path} cannot be used ({exc}); indexed in memory for this run"
        db = sqlite3.connect(":memory:")
        self._schema(db)
        return db

    @staticmethod
    def _schema(db: sqlite3.Connection) -> None:
        db.execute("CREATE TABLE IF NOT EXISTS meta (schema INTEGER NOT NULL)")
        row = db.execute("SELECT schema FROM meta").fetchone()
        if row is not None and row[0] != SCHEMA:  # another version's index: rebuilt, not misread
            db.executescript("DROP TABLE IF EXISTS editions; DROP TABLE IF EXISTS pages; DROP TABLE IF EXISTS folded;"
                             "DELETE FROM meta;")
            row = None
        db.execute("CREATE TABLE IF NOT EXISTS editions (key TEXT PRIMARY KEY, labels TEXT NOT NULL, made REAL NOT NULL, "
                   "title TEXT NOT NULL DEFAULT '')")
        db.execute("CREATE TABLE IF NOT EXISTS pages (key TEXT NOT NULL, page INTEGER NOT NULL, printed TEXT NOT NULL, "
                   "PRIMARY KEY (key, page)) WITHOUT ROWID")
        db.execute("CREATE VIRTUAL TABLE IF NOT EXISTS folded USING fts5(key UNINDEXED, page UNINDEXED, text, "
                   "tokenize = 'trigram')")
        if row is None:
            db.execute("INSERT INTO meta (schema) VALUES (?)", (SCHEMA,))
        db.commit()

    def get(self, key: str) -> Stored | None:
        """The edition stored under ``key``, or None."""
        try:
            row = self._db.execute("SELECT labels, title FROM editions WHERE key = ?", (key,)).fetchone()
            if row is None:
                return None
            printed = [p for (p,) in self._db.execute("SELECT printed FROM pages WHERE key = ? ORDER BY page", (key,))]
            folded = dict(self._db.execute("SELECT page, text FROM folded WHERE key = ?", (key,)).fetchall())
        except sqlite3.Error:
            return None
        labels = json.loads(row[0])
        if len(labels) != len(printed) or len(folded) != len(printed):
            return None  # a write cut short: read the file again
        return Stored(tuple(labels), tuple(printed), tuple(folded[i] for i in range(len(printed))), row[1])

    def put(self, key: str, stored: Stored) -> None:
        """Keep an edition (replacing what the key held); a failing cache is noted, not raised."""
        try:
            with self._db:
                self._db.execute("DELETE FROM folded WHERE key = ?", (key,))
                self._db.execute("DELETE FROM pages WHERE key = ?", (key,))
                self._db.execute("INSERT OR REPLACE INTO editions (key, labels, made, title) VALUES (?, ?, ?, ?)",
                                 (key, json.dumps(stored.labels, ensure_ascii=False), time.time(), stored.title))
                self._db.executemany("INSERT INTO pages (key, page, printed) VALUES (?, ?, ?)",
                                     [(key, i, p) for i, p in enumerate(stored.printed)])
                self._db.executemany("INSERT INTO folded (key, page, text) VALUES (?, ?, ?)",
                                     [(key, i, p) for i, p in enumerate(stored.folded)])
        except sqlite3.Error as exc:
            self.problem = self.problem or f"editions index failed ({exc}); the run went on without keeping it"

    def near_pages(self, folded_quote: str, keys: Sequence[str], limit: int = NEAR_PAGES) -> list[tuple[str, int]]:
        """The pages of these editions sharing the most of the quotation's trigrams, best first: where a
        passage quoted in other words may stand."""
        if len(folded_quote) < 3 or not keys:
            return []
        grams = list(dict.fromkeys(folded_quote[i:i + 3] for i in range(len(folded_quote) - 2)))
        step = max(1, len(grams) // MAX_TRIGRAMS)
        query = " OR ".join(f'"{g}"' for g in grams[::step][:MAX_TRIGRAMS])  # (folded: letters and digits only)
        marks = ",".join("?" * len(keys))
        try:
            rows = self._db.execute(f"SELECT key, page FROM folded WHERE folded MATCH ? AND key IN ({marks}) "
                                    f"ORDER BY rank LIMIT ?", (query, *keys, limit)).fetchall()
        except sqlite3.Error:
            return []
        return [(k, int(p)) for k, p in rows]

    def close(self) -> None:
        self._db.close()
