"""URLs come from untrusted manuscripts and are fetched in editors' CI: refuse anything that is
not a public http(s) address, checked after DNS resolution and again on every redirect hop."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

from citeguard.model import LinkStatus

# (host, port) → addresses; injectable so tests can map names without touching real DNS.
Lookup = Callable[[str, int], Awaitable[list[str]]]


class Refused(Exception):
    """The URL must not be fetched; ``status`` says why (invalid-url or private-address)."""

    def __init__(self, status: LinkStatus, detail: str) -> None:
        super().__init__(detail)
        self.status = status
        self.detail = detail


@dataclass(frozen=True, slots=True)
class SafetyPolicy:
    """``allow_private`` lifts the address check (``--allow-private``); ``trusted`` names
    "host:port" origins that may be private (the tests' local server) — nothing else is."""

    allow_private: bool = False
    trusted: frozenset[str] = field(default_factory=frozenset)


async def system_lookup(host: str, port: int) -> list[str]:
    """Addresses of ``host`` from the system resolver (raises socket.gaierror)."""
    loop = asyncio.get_running_loop()
    infos = await loop.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    return sorted({str(info[4][0]) for info in infos})


def is_public(address: str) -> bool:
    """False for loopback, private, link-local, multicast, reserved and unspecified addresses
    (IPv4-mapped IPv6 addresses are judged by their IPv4 part)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return not (ip.is_private or ip.is_loopback or ip.is_link_local or ip.is_multicast or ip.is_reserved
                or ip.is_unspecified)


def syntax_problem(url: str) -> str | None:
    """Why ``url`` cannot be fetched at all, or None."""
    try:
        parts = urlsplit(url)
        port = parts.port
    except ValueError as exc:
        return f"malformed URL ({exc})"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme or '(none)'!r} is not http or https"
    if not parts.hostname:
        return "no host name"
    if parts.username or parts.password:
        return "credentials in the URL"
    if port == 0:
        return "port 0"
    if any(ch.isspace() for ch in url):
        return "white space inside the URL"
    return None


async def check(url: str, policy: SafetyPolicy, lookup: Lookup = system_lookup) -> None:
    """Raise :class:`Refused` unless ``url`` may be fetched; DNS errors propagate (socket.gaierror)."""
    problem = syntax_problem(url)
    if problem:
        raise Refused(LinkStatus.INVALID_URL, problem)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if policy.allow_private or f"{host}:{port}" in policy.trusted:
        return
    try:
        addresses = [str(ipaddress.ip_address(host))]  # a literal address needs no lookup
    except ValueError:
        addresses = await lookup(host, port)
    blocked = [a for a in addresses if not is_public(a)]
    if blocked or not addresses:
        raise Refused(LinkStatus.PRIVATE_ADDRESS,
                      f"{host} resolves to a non-public address ({', '.join(blocked) or 'none'}); "
                      "use --allow-private to check it anyway")
