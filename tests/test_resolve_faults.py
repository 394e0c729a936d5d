"""Fault injection for the resolver: misbehaving servers on 127.0.0.1. Every link must end with a
status, within the per-URL deadline, and none may be lost."""

from __future__ import annotations

import shutil
import socket
import socketserver
import ssl
import subprocess
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from citeguard.model import LinkStatus
from citeguard.resolve import LinkClaim, ResolverConfig, SafetyPolicy, check_links


class _Raw(socketserver.BaseRequestHandler):
    """Speaks just enough HTTP/1.1 to misbehave on purpose."""

    def handle(self) -> None:
        try:
            request = self.request.recv(65536).decode("latin-1")
            path = request.split(" ", 2)[1] if " " in request else "/"
            send = self.request.sendall
            if path == "/reset":  # promises 1000 bytes, sends 10, hangs up
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 1000\r\n\r\n<html>1234")
                self.request.shutdown(socket.SHUT_RDWR)
            elif path == "/drip":  # one byte a second, forever
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n")
                for _ in range(30):
                    send(b"1\r\nx\r\n")
                    time.sleep(1)
            elif path.startswith("/hop/"):  # an endless chain of redirects
                n = int(path.rsplit("/", 1)[1])
                send(f"HTTP/1.1 302 Found\r\nLocation: /hop/{n + 1}\r\nContent-Length: 0\r\n\r\n".encode())
            elif path == "/huge":  # claims ten gigabytes
                send(b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nContent-Length: 10737418240\r\n\r\n<html>")
            elif path.startswith("/silent"):  # accepts, then never answers
                time.sleep(8)
        except (OSError, ValueError, IndexError):
            pass


@pytest.fixture(scope="module")
def raw_server() -> Iterator[str]:
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), _Raw)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def _check(base: str, paths: list[str], **config: float) -> list[LinkStatus]:
    cfg = ResolverConfig(timeout=config.get("timeout", 1.0), deadline=config.get("deadline", 3.0), retries=1,
                         backoff=0.01, wayback_base=None, concurrency=128, per_host=int(config.get("per_host", 2)))
    policy = SafetyPolicy(trusted=frozenset({base.removeprefix("http://")}))
    results, _ = check_links([LinkClaim(base + p) for p in paths], config=cfg, policy=policy)
    return [r.status for r in results]


def test_reset_mid_body(raw_server: str) -> None:
    assert _check(raw_server, ["/reset"]) == [LinkStatus.CONNECTION_ERROR]


def test_dripping_server_hits_the_deadline(raw_server: str) -> None:
    assert _check(raw_server, ["/drip"], timeout=2.0, deadline=2.5) == [LinkStatus.TIMEOUT]


def test_ten_thousand_redirects_are_cut_at_ten(raw_server: str) -> None:
    assert _check(raw_server, ["/hop/0"]) == [LinkStatus.SERVER_ERROR]


def test_ten_gigabyte_content_length_is_not_downloaded(raw_server: str) -> None:
    assert _check(raw_server, ["/huge"]) == [LinkStatus.TOO_LARGE]


def test_server_that_stops_answering_with_a_hundred_in_flight(raw_server: str) -> None:
    statuses = _check(raw_server, [f"/silent/{i}" for i in range(100)], timeout=0.5, deadline=1.0, per_host=100)
    assert len(statuses) == 100 and set(statuses) == {LinkStatus.TIMEOUT}


@pytest.mark.skipif(shutil.which("openssl") is None, reason="openssl is needed to make a test certificate")
def test_certificate_error_is_reported_not_bypassed(tmp_path: Path) -> None:
    key, cert = tmp_path / "key.pem", tmp_path / "cert.pem"
    subprocess.run(["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key), "-out", str(cert),
                    "-days", "1", "-subj", "/CN=127.0.0.1"], check=True, capture_output=True)
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            try:
                with context.wrap_socket(self.request, server_side=True) as tls:
                    tls.recv(1024)
                    tls.sendall(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\n\r\nok")
            except (OSError, ssl.SSLError):
                pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    try:
        port = server.server_address[1]
        cfg = ResolverConfig(timeout=2.0, deadline=4.0, retries=1, backoff=0.01, wayback_base=None)
        results, _ = check_links([LinkClaim(f"https://127.0.0.1:{port}/a")], config=cfg,
                                 policy=SafetyPolicy(trusted=frozenset({f"127.0.0.1:{port}"})))
        assert results[0].status is LinkStatus.TLS_ERROR, results[0].detail
    finally:
        server.shutdown()
        server.server_close()
