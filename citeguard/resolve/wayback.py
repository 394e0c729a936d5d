"""Archived copies of dead links, from the Wayback Machine's availability API."""

from __future__ import annotations

import httpx


def _timestamp(access_date: str | None) -> str | None:
    """ "2026-03-29" → "20260329" (the snapshot closest to when the author looked)."""
    if not access_date:
        return None
    digits = access_date.replace("-", "")
    return digits if len(digits) == 8 and digits.isascii() and digits.isdigit() else None


async def closest_snapshot(client: httpx.AsyncClient, base: str, url: str, access_date: str | None,
                           *, timeout: float = 15.0) -> str | None:
    """URL of the closest archived snapshot whose status is "200", or None.

    GET {base}/wayback/available?url=…&timestamp=YYYYMMDD →
    {"archived_snapshots": {"closest": {"available": true, "url": …, "status": "200"}}}
    """
    params = {"url": url}
    stamp = _timestamp(access_date)
    if stamp:
        params["timestamp"] = stamp
    response = await client.get(f"{base.rstrip('/')}/wayback/available", params=params, timeout=timeout)
    if response.status_code != 200:
        return None
    data = response.json()
    closest = (data.get("archived_snapshots") or {}).get("closest") or {}
    url_found = str(closest.get("url") or "")
    if closest.get("available") and str(closest.get("status")) == "200" and url_found.lower().startswith(("http://", "https://")):
        return url_found  # only a web address: an API answer is data, never a javascript: link
    return None
