"""Who is asking: accounts (argon2 password hashes), browser sessions (a random cookie whose
sha-256 alone is stored, with its own CSRF token), API tokens (likewise stored hashed), a login
rate limit, and the trusted header of a reverse proxy that authenticates for the desk."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import threading
import time
from collections import deque
from dataclasses import dataclass

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from citeguard.serve.db import Database, now

SESSION_SECONDS = 12 * 3600  # a login lasts a working day
ROLES = ("editor", "admin")
_HASHER = PasswordHasher()
# A hash to verify against when the name is unknown, so that a wrong name takes as long as a wrong password.
_DUMMY = _HASHER.hash("citeguard: no such user")


@dataclass(frozen=True, slots=True)
class User:
    id: int
    name: str
    role: str
    office_id: int
    csrf: str = ""  # the session's CSRF token ("" for a bearer token or the trusted header: no cookie, no CSRF)

    @property
    def admin(self) -> bool:
        return self.role == "admin"


def _digest(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


def office_id(db: Database, name: str) -> int:
    """The office called ``name``, made on first use."""
    with db.write() as conn:
        conn.execute("INSERT OR IGNORE INTO offices(name) VALUES (?)", (name,))
        return int(conn.execute("SELECT id FROM offices WHERE name = ?", (name,)).fetchone()[0])


def create_user(db: Database, name: str, password: str | None, *, role: str = "editor", office: str = "office") -> User:
    """A new account (``password`` None: one that cannot log in, for an API token); raises ValueError
    for a taken name, a bad role or a password under 8 characters."""
    name = name.strip()
    if not name or len(name) > 100:
        raise ValueError("a user name has 1 to 100 characters")
    if role not in ROLES:
        raise ValueError(f"role must be one of {', '.join(ROLES)}")
    if password is not None and len(password) < 8:
        raise ValueError("a password has at least 8 characters")
    office_row = office_id(db, office)
    hashed = _HASHER.hash(password) if password is not None else None
    with db.write() as conn:
        if conn.execute("SELECT 1 FROM users WHERE name = ?", (name,)).fetchone():
            raise ValueError(f"a user called {name!r} exists")
        cur = conn.execute("INSERT INTO users(name, password, role, office_id, created) VALUES (?, ?, ?, ?, ?)",
                           (name, hashed, role, office_row, now()))
        return User(int(cur.lastrowid or 0), name, role, office_row)


def user_named(db: Database, name: str) -> User | None:
    row = db.one("SELECT id, name, role, office_id FROM users WHERE name = ?", name)
    return User(row["id"], row["name"], row["role"], row["office_id"]) if row else None


def check_password(db: Database, name: str, password: str) -> User | None:
    """The user whose name and password these are, or None (the same work either way)."""
    row = db.one("SELECT id, name, role, office_id, password FROM users WHERE name = ?", name)
    stored = row["password"] if row and row["password"] else _DUMMY
    try:
        _HASHER.verify(stored, password)
    except (VerificationError, InvalidHashError):
        return None
    if row is None or not row["password"]:
        return None
    if _HASHER.check_needs_rehash(stored):  # argon2's parameters grew since: store the stronger hash
        with db.write() as conn:
            conn.execute("UPDATE users SET password = ? WHERE id = ?", (_HASHER.hash(password), row["id"]))
    return User(row["id"], row["name"], row["role"], row["office_id"])


def start_session(db: Database, user: User) -> tuple[str, str]:
    """A new session for ``user``: the cookie's value and its CSRF token."""
    token, csrf = secrets.token_urlsafe(32), secrets.token_urlsafe(24)
    with db.write() as conn:
        conn.execute("DELETE FROM sessions WHERE expires < ?", (now(),))
        conn.execute("INSERT INTO sessions(token, user_id, csrf, expires) VALUES (?, ?, ?, ?)",
                     (_digest(token), user.id, csrf, now() + SESSION_SECONDS))
    return token, csrf


def end_session(db: Database, token: str) -> None:
    with db.write() as conn:
        conn.execute("DELETE FROM sessions WHERE token = ?", (_digest(token),))


def session_user(db: Database, token: str) -> User | None:
    row = db.one("SELECT u.id, u.name, u.role, u.office_id, s.csrf FROM sessions s JOIN users u ON u.id = s.user_id "
                 "WHERE s.token = ? AND s.expires > ?", _digest(token), now())
    return User(row["id"], row["name"], row["role"], row["office_id"], row["csrf"]) if row else None


def header_csrf(secret: bytes, name: str) -> str:
    """The CSRF token of a user the reverse proxy names (no session to keep one in): an HMAC of
    the name with the desk's own secret, the same on every page for that user."""
    return hmac.new(secret, f"csrf:{name}".encode(), hashlib.sha256).hexdigest()[:32]


def csrf_ok(user: User, sent: str) -> bool:
    return bool(user.csrf) and hmac.compare_digest(user.csrf.encode(), sent.encode())


def create_token(db: Database, name: str, *, office: str | None = None) -> str:
    """A new API token named ``name``, acting as the user of that name (made, without a password,
    in ``office`` — default "office" — when there is none; an existing user must be of ``office``
    when one is named); the token is shown once and only its hash is kept. Raises ValueError for a
    user of another office than the one named."""
    user = user_named(db, name.strip())
    if user is None:
        user = create_user(db, name, None, office=office or "office")
    elif office is not None:
        row = db.one("SELECT name FROM offices WHERE id = ?", user.office_id)
        if row is None or row[0] != office:
            raise ValueError(f"user {name!r} is of office {row[0] if row else '?'!r}, not {office!r}")
    token = "cg_" + secrets.token_urlsafe(32)
    with db.write() as conn:
        conn.execute("INSERT INTO tokens(token, name, user_id, created) VALUES (?, ?, ?, ?)",
                     (_digest(token), name, user.id, now()))
    return token


def token_user(db: Database, token: str) -> User | None:
    row = db.one("SELECT u.id, u.name, u.role, u.office_id FROM tokens t JOIN users u ON u.id = t.user_id "
                 "WHERE t.token = ?", _digest(token))
    return User(row["id"], row["name"], row["role"], row["office_id"]) if row else None


class LoginLimiter:
    """At most ``attempts`` failed logins per ``window`` seconds for one account, and
    ``per_address`` from one address (a guesser spreading over names is slowed too, but the
    office behind one proxy address is not locked out by one mistyping colleague)."""

    def __init__(self, attempts: int = 5, window: float = 300.0, keys: int = 10_000, per_address: int = 50) -> None:
        self.attempts, self.window, self.keys, self.per_address = attempts, window, keys, per_address
        self._failures: dict[str, deque[float]] = {}
        self._lock = threading.Lock()

    def _recent(self, key: str, at: float) -> deque[float]:
        times = self._failures.setdefault(key, deque())
        while times and times[0] < at - self.window:
            times.popleft()
        return times

    def blocked(self, *keys: str) -> bool:
        at = time.monotonic()
        with self._lock:
            return any(len(self._recent(k, at)) >= (self.per_address if k.startswith("ip:") else self.attempts)
                       for k in keys)

    def failed(self, *keys: str) -> None:
        at = time.monotonic()
        with self._lock:
            if len(self._failures) > self.keys:  # bounded memory: forget the oldest-failing keys
                for stale in sorted(self._failures, key=lambda k: self._failures[k][-1] if self._failures[k] else 0.0)[
                        : self.keys // 2]:
                    del self._failures[stale]
            for k in keys:
                self._recent(k, at).append(at)

    def succeeded(self, name: str) -> None:
        with self._lock:
            self._failures.pop(name, None)
