"""Splitting URLs from manuscripts, which may be malformed ("http://[::1/a", "http://x:abc/"):
urllib raises ValueError for those, and no caller should ever see it."""

from __future__ import annotations

from urllib.parse import SplitResult, urlsplit


def split_url(url: str) -> SplitResult | None:
    """The parts of ``url``, or None when it cannot be split (or its port is not a number)."""
    try:
        parts = urlsplit(url.strip())
        parts.port  # noqa: B018 - raises ValueError for a non-numeric or out-of-range port
    except ValueError:
        return None
    return parts


def host_of(url: str) -> str:
    """The lower-case host name, or "" for a URL that has none or cannot be split."""
    parts = split_url(url)
    return (parts.hostname or "").lower() if parts is not None else ""
