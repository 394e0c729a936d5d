"""SSRF and bad-URL hardening (docs/security.md): only global addresses are fetched, the connection
goes to the address that was checked, and a URL httpx cannot request is a finding, never a crash."""

from __future__ import annotations

import asyncio
import contextlib
import shutil
import socketserver
import ssl
import subprocess
import threading
import time
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from citeguard.model import LinkStatus
from citeguard.resolve import LinkClaim, ResolverConfig, SafetyPolicy, check_links
from citeguard.resolve.resolver import PINNED, PerHostTransport
from citeguard.resolve.safety import Refused, check, is_public

from .localserver import BAD_LOCATIONS, serve


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Counter[str]]]:
    with serve() as running:
        yield running


@pytest.mark.parametrize(("address", "public"), [
    ("8.8.8.8", True),
    ("2606:4700::1111", True),
    ("::ffff:8.8.8.8", True),  # mapped: judged by the IPv4 address
    ("2002:808:808::1", True),  # 6to4 of a global address
    ("64:ff9b::808:808", True),  # NAT64 of a global address
    ("100.100.100.200", False),  # carrier-grade NAT 100.64.0.0/10: a cloud metadata service
    ("100.64.0.1", False),
    ("169.254.169.254", False),
    ("127.0.0.1", False),
    ("10.1.2.3", False),
    ("172.16.0.1", False),
    ("192.168.1.1", False),
    ("0.0.0.0", False),
    ("198.18.0.1", False),  # benchmarking
    ("192.0.2.1", False),  # documentation
    ("240.0.0.1", False),  # reserved
    ("255.255.255.255", False),
    ("224.0.0.1", False),  # multicast
    ("::1", False),
    ("::", False),
    ("fe80::1", False),
    ("fe80::1%eth0", False),
    ("fec0::1", False),  # deprecated site-local; Python 3.11 calls it global
    ("fc00::1", False),  # unique local
    ("ff0e::1", False),  # global-scope multicast
    ("::ffff:127.0.0.1", False),  # mapped loopback
    ("::ffff:169.254.169.254", False),
    ("::7f00:1", False),  # IPv4-compatible loopback
    ("64:ff9b::7f00:1", False),  # NAT64 of loopback
    ("64:ff9b:1::a00:1", False),  # local-use NAT64
    ("2002:7f00:1::1", False),  # 6to4 of loopback
    ("2002:a9fe:a9fe::1", False),  # 6to4 of the metadata address
    ("2001::1", False),  # Teredo
    ("2001:db8::1", False),  # documentation
    ("not an address", False),
])
def test_only_global_addresses_are_public(address: str, public: bool) -> None:
    assert is_public(address) is public


def _lookup(table: dict[str, list[str]], calls: list[str] | None = None):  # type: ignore[no-untyped-def]
    async def lookup(host: str, port: int) -> list[str]:
        if calls is not None:
            calls.append(host)
        return table[host]
    return lookup


@pytest.mark.parametrize(("answers", "refused"), [
    (["93.184.216.34"], False),
    (["100.100.100.200"], True),
    (["93.184.216.34", "10.0.0.1"], True),  # one private answer refuses the name (rebinding hedges)
    (["2606:4700::1", "fec0::1"], True),
    ([], True),
])
def test_a_name_is_refused_when_any_answer_is_not_global(answers: list[str], refused: bool) -> None:
    lookup = _lookup({"site.example": answers})
    if refused:
        with pytest.raises(Refused):
            asyncio.run(check("http://site.example/a", SafetyPolicy(), lookup))
    else:
        assert asyncio.run(check("http://site.example/a", SafetyPolicy(), lookup)) == answers


@pytest.mark.parametrize("url", [
    "http://exa\x01mple.org/",  # a control character
    "http://example.org/a\x7fb",
    "http://xn--a.example/",  # IDNA rejects the label
    "http://" + "a" * 300 + ".example/",  # a label longer than DNS allows
    "http://[::1/",
    "javascript:alert(1)",
    "data:text/html,x",
    "http:\\\\x/",
    "file:///etc/passwd",
    "http://example.org:99999/",
])
def test_a_url_that_cannot_be_requested_is_invalid_and_the_run_goes_on(url: str, server: tuple[str, Counter[str]]
                                                                        ) -> None:
    base = server[0]
    good = f"{base}/utf8-article"
    results, _ = check_links([LinkClaim(url), LinkClaim(good)], config=ResolverConfig(wayback_base=None, timeout=2),
                             policy=SafetyPolicy(trusted=frozenset({urlsplit(base).netloc})))
    assert results[0].status is LinkStatus.INVALID_URL, results[0]
    assert results[0].detail
    assert results[1].status is LinkStatus.OK


@pytest.mark.parametrize("case", sorted(BAD_LOCATIONS))
def test_a_redirect_to_a_url_that_cannot_be_requested_is_invalid(case: str, server: tuple[str, Counter[str]]) -> None:
    base = server[0]
    results, _ = check_links([LinkClaim(f"{base}/to-bad/{case}")], config=ResolverConfig(wayback_base=None, timeout=2),
                             policy=SafetyPolicy(trusted=frozenset({urlsplit(base).netloc})))
    assert results[0].status in (LinkStatus.INVALID_URL, LinkStatus.PRIVATE_ADDRESS), results[0]
    assert "redirect" in (results[0].detail or ""), results[0].detail


def test_a_redirect_to_carrier_grade_nat_is_refused(server: tuple[str, Counter[str]]) -> None:
    base = server[0]
    results, requests = check_links([LinkClaim(f"{base}/to-cgnat")], config=ResolverConfig(wayback_base=None),
                                    policy=SafetyPolicy(trusted=frozenset({urlsplit(base).netloc})))
    assert results[0].status is LinkStatus.PRIVATE_ADDRESS and "100.100.100.200" in (results[0].detail or "")
    assert requests == 1  # the hop to the metadata address was never requested


def test_the_connection_goes_to_the_checked_address_once_looked_up(server: tuple[str, Counter[str]]) -> None:
    """The name is looked up once per hop and the connection uses that answer: ".invalid" never
    resolves in real DNS, so a second lookup by the HTTP library would fail."""
    port = urlsplit(server[0]).port
    calls: list[str] = []
    lookup = _lookup({"pinned.invalid": ["127.0.0.1"]}, calls)
    results, _ = check_links([LinkClaim(f"http://pinned.invalid:{port}/echo-host")],
                             config=ResolverConfig(wayback_base=None, timeout=2),
                             policy=SafetyPolicy(allow_private=True), lookup=lookup)
    assert results[0].status is LinkStatus.OK, results[0]
    assert results[0].title == f"host=pinned.invalid:{port}"  # the Host header keeps the name
    assert calls == ["pinned.invalid"]


def test_the_pinned_transport_tries_each_checked_address(server: tuple[str, Counter[str]]) -> None:
    port = urlsplit(server[0]).port

    async def fetch() -> httpx.Response:
        async with httpx.AsyncClient(transport=PerHostTransport(2)) as client:
            return await client.get(f"http://rebind.invalid:{port}/echo-host",
                                    extensions={PINNED: ["127.0.0.2", "127.0.0.1"]})  # nothing on .2

    response = asyncio.run(fetch())
    assert response.status_code == 200 and f"host=rebind.invalid:{port}" in response.text


def test_a_page_that_is_costly_to_parse_is_still_read_in_time(server: tuple[str, Counter[str]]) -> None:
    base = server[0]
    started = time.perf_counter()
    results, _ = check_links([LinkClaim(f"{base}/style-bomb")],
                             config=ResolverConfig(wayback_base=None, timeout=5, deadline=10),
                             policy=SafetyPolicy(trusted=frozenset({urlsplit(base).netloc})))
    assert results[0].status is LinkStatus.OK and results[0].title == "bomb"
    assert time.perf_counter() - started < 5


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_a_pinned_https_connection_verifies_the_certificate_for_the_host_name(tmp_path: Path) -> None:
    """Connected to the checked address, TLS still sends and verifies the host name (SNI)."""
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=pinned.test", "-addext", "subjectAltName=DNS:pinned.test"],
                   check=True, capture_output=True)
    server_context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    server_context.load_cert_chain(cert, key)
    names: list[str | None] = []
    server_context.sni_callback = lambda sock, name, ctx: names.append(name)  # type: ignore[assignment,func-returns-value]

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            with contextlib.suppress(OSError, ssl.SSLError), \
                    server_context.wrap_socket(self.request, server_side=True) as tls:
                tls.recv(4096)
                tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 30\r\n\r\n"
                            b"<html><title>tls</title></html>")

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        trust = ssl.create_default_context(cafile=str(cert))
        client = httpx.AsyncClient(transport=PerHostTransport(2, verify=trust), follow_redirects=False)
        cfg = ResolverConfig(timeout=2.0, deadline=4.0, retries=0, wayback_base=None)
        lookup = _lookup({"pinned.test": ["127.0.0.1"], "other.test": ["127.0.0.1"]})
        results, _ = check_links([LinkClaim(f"https://pinned.test:{port}/a"), LinkClaim(f"https://other.test:{port}/a")],
                                 config=cfg, policy=SafetyPolicy(allow_private=True), lookup=lookup, client=client)
        assert results[0].status is LinkStatus.OK and results[0].title == "tls", results[0]
        assert results[1].status is LinkStatus.TLS_ERROR  # the certificate is not for other.test
        assert "pinned.test" in names and "other.test" in names
    finally:
        server.shutdown()
        server.server_close()
