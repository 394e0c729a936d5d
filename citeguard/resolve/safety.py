"""URLs come from untrusted manuscripts and are fetched in editors' CI: refuse anything that is
not a global http(s) address, checked after DNS resolution and again on every redirect hop, and
connect to exactly the addresses that were checked (docs/security.md)."""

from __future__ import annotations

import asyncio
import ipaddress
import socket
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from citeguard.model import LinkStatus

# (host, port) → addresses; injectable so tests can map names without touching real DNS.
Lookup = Callable[[str, int], Awaitable[list[str]]]

# IPv6 prefixes that carry an IPv4 address in their last 32 bits and that the standard library
# does not unwrap for us (it does: ::ffff:0:0/96 mapped, 2002::/16 6to4, 2001::/32 Teredo):
# the NAT64 well-known prefix (RFC 6052) and the deprecated IPv4-compatible form ::a.b.c.d.
_V4_IN_LAST_32 = (ipaddress.IPv6Network("64:ff9b::/96"), ipaddress.IPv6Network("::/96"))
# Local-use NAT64 (RFC 8215): translates into whatever network the operator chose.
_LOCAL_NAT64 = ipaddress.IPv6Network("64:ff9b:1::/48")
MAX_ADDRESSES = 16  # a name with more addresses than this is tried on its first 16 only


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


def _embedded_v4(ip: ipaddress.IPv6Address) -> list[ipaddress.IPv4Address]:
    """The IPv4 addresses an IPv6 address hands traffic on to (mapped, 6to4, Teredo, NAT64)."""
    out = [a for a in (ip.ipv4_mapped, ip.sixtofour) if a is not None]
    if ip.teredo is not None:
        out.extend(ip.teredo)
    if any(ip in net for net in _V4_IN_LAST_32):
        out.append(ipaddress.IPv4Address(int(ip) & 0xFFFFFFFF))
    return out


def is_public(address: str) -> bool:
    """True only for a global unicast address (the IANA special-purpose registries, as the
    standard library knows them: ``is_global``), and for an IPv6 address that embeds an IPv4 one,
    only when that IPv4 address is global too. Multicast and the deprecated site-local fec0::/10,
    which some Python versions call global, are refused."""
    try:
        ip = ipaddress.ip_address(address.split("%", 1)[0])
    except ValueError:
        return False
    if isinstance(ip, ipaddress.IPv6Address):
        if ip.is_site_local or ip in _LOCAL_NAT64:
            return False
        embedded = _embedded_v4(ip)
        if embedded:
            # The IPv6 wrapper says nothing about where the packet ends up: the IPv4 address does.
            return all(is_public(str(v4)) for v4 in embedded)
    return ip.is_global and not (ip.is_multicast or ip.is_reserved or ip.is_unspecified or ip.is_loopback
                                 or ip.is_link_local or ip.is_private)


def syntax_problem(url: str) -> str | None:
    """Why ``url`` cannot be requested at all, or None."""
    if any(ch.isspace() for ch in url):
        return "white space inside the URL"
    if any(ord(ch) < 32 or ord(ch) == 127 for ch in url):
        return "a control character inside the URL"
    try:
        parts = urlsplit(url)
        port = parts.port
        httpx.URL(url).host  # noqa: B018 — IDNA and httpx's own checks, before any request is built
    except (httpx.InvalidURL, ValueError) as exc:  # UnicodeError (IDNA) is a ValueError
        return f"malformed URL ({str(exc)[:120]})"
    if parts.scheme not in ("http", "https"):
        return f"scheme {parts.scheme[:20] or '(none)'!r} is not http or https"
    if not parts.hostname:
        return "no host name"
    ascii_host = httpx.URL(url).raw_host.decode("ascii", "replace")
    if len(ascii_host) > 253 or any(len(label) > 63 for label in ascii_host.split(".")):
        return "host name longer than DNS allows"
    if parts.username or parts.password:
        return "credentials in the URL"
    if port == 0:
        return "port 0"
    return None


async def check(url: str, policy: SafetyPolicy, lookup: Lookup = system_lookup) -> list[str]:
    """The addresses ``url`` may be fetched from — the connection must go to one of these and no
    other, or a second DNS answer could point it elsewhere (rebinding); empty for a trusted origin,
    which is connected to by name. Raises :class:`Refused`; DNS errors propagate (socket.gaierror)."""
    problem = syntax_problem(url)
    if problem:
        raise Refused(LinkStatus.INVALID_URL, problem)
    parts = urlsplit(url)
    host = parts.hostname or ""
    port = parts.port or (443 if parts.scheme == "https" else 80)
    if f"{host}:{port}" in policy.trusted:
        return []
    try:
        addresses = [str(ipaddress.ip_address(host))]  # a literal address needs no lookup
    except ValueError:
        addresses = (await lookup(host, port))[:MAX_ADDRESSES]
    if not addresses:
        raise Refused(LinkStatus.PRIVATE_ADDRESS, f"{host} has no address")
    if policy.allow_private:
        return addresses
    blocked = [a for a in addresses if not is_public(a)]
    if blocked:
        # One non-global answer refuses the name: a mix is how rebinding attacks hedge their bets.
        raise Refused(LinkStatus.PRIVATE_ADDRESS,
                      f"{host} resolves to a non-public address ({', '.join(blocked[:4])}); "
                      "use --allow-private to check it anyway")
    return addresses
