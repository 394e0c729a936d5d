"""The verifier's network path against hostile or broken services (issue 21): bodies that never
end or inflate without bound, servers that drip, 429s asking for long waits, records with values
that break naive code, escapes meant for the terminal, DOIs that try to leave the base path.
Every case must end with verdicts (never an exception), in bounded time and memory."""

from __future__ import annotations

import gzip
import json
import socket
import socketserver
import subprocess
import sys
import threading
import time
import tracemalloc
import zlib
from collections.abc import Iterator
from dataclasses import replace
from datetime import date
from pathlib import Path

import httpx
import pytest

from citeguard.model import LinkStatus, Span
from citeguard.parse.entries import parse_entry
from citeguard.records import Notice, NoticeKind, Verdict, Verification
from citeguard.report.verify_report import render_verify_json, render_verify_table
from citeguard.resolve import LinkClaim, ResolverConfig, SafetyPolicy, check_links
from citeguard.resolve.body import BodyTooLarge, read_capped
from citeguard.resolve.verify import verify_references
from citeguard.resolve.works import WorksConfig
from tests.worksserver import crossref_record

TODAY = date(2026, 11, 29)
ENTRY = ("SMITH J, JONES K. Deep learning for citation analysis[J]. Journal of Informetrics, 2020, 14(2): "
         "100-110. DOI: 10.1000/alpha.")
RECORD = crossref_record("10.1000/alpha", "Deep learning for citation analysis", [("Smith", "John"), ("Jones", "Kate")],
                         2020, "Journal of Informetrics", "14", "2", "100-110")
MIB = 1024 * 1024


def _bomb(size: int, layers: int = 1) -> bytes:
    """``size`` zero bytes, gzipped ``layers`` times (1 GiB of zeros: ~1 MB; twice: ~2 KB)."""
    data = zlib.compressobj(9, zlib.DEFLATED, zlib.MAX_WBITS | 16)
    chunk = bytes(MIB)
    body = b"".join(data.compress(chunk) for _ in range(size // MIB)) + data.flush()
    for _ in range(layers - 1):
        body = gzip.compress(body, 9)
    return body


BOMB = _bomb(512 * MIB)  # ~500 KB on the wire, half a gigabyte decoded
BOMB2 = _bomb(512 * MIB, layers=2)  # "Content-Encoding: gzip, gzip": a few KB on the wire


class _Service(socketserver.BaseRequestHandler):
    """One misbehaviour per path prefix; every other request gets a 404 (no such record)."""

    seen: list[str]

    def handle(self) -> None:
        try:
            request = self.request.recv(65536).decode("latin-1")
            target = request.split(" ", 2)[1] if " " in request else "/"
            self.seen.append(target)
            send = self.request.sendall
            head = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
            if "/bomb2/" in target:
                send(f"{head}Content-Encoding: gzip, gzip\r\nContent-Length: {len(BOMB2)}\r\n\r\n".encode() + BOMB2)
            elif "/bomb/" in target:
                send(f"{head}Content-Encoding: gzip\r\nContent-Length: {len(BOMB)}\r\n\r\n".encode() + BOMB)
            elif "/endless/" in target:  # chunked JSON that never ends
                send(f"{head}Transfer-Encoding: chunked\r\n\r\n".encode() + b"4\r\n[1, \r\n")
                piece = b"1, " * 20000
                for _ in range(2000):
                    send(f"{len(piece):x}\r\n".encode() + piece + b"\r\n")
            elif "/drip-head/" in target:  # the status line, a byte at a time
                for byte in head.encode():
                    send(bytes([byte]))
                    time.sleep(0.2)
            elif "/drip-body/" in target:  # headers at once, then a byte of body every 0.2 s
                send(f"{head}Content-Length: 100000\r\n\r\n".encode())
                for _ in range(300):
                    send(b" ")
                    time.sleep(0.2)
            elif "/busy/" in target:  # always rate limited, asking for an hour
                send(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 3600\r\nContent-Length: 0\r\n\r\n")
            elif "/empty/" in target:  # a 200 whose body is no record
                send(b"HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
            elif "/busy-short/" in target:  # always rate limited, asking for 4 s each time
                send(b"HTTP/1.1 429 Too Many Requests\r\nRetry-After: 4\r\nContent-Length: 0\r\n\r\n")
            else:
                send(b"HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        except OSError:
            pass  # the client gave up: the point of most cases


@pytest.fixture(scope="module")
def service() -> Iterator[tuple[str, list[str]]]:
    seen: list[str] = []
    handler = type("Service", (_Service,), {"seen": seen})
    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}", seen
    server.shutdown()
    server.server_close()


def _config(base: str, fault: str, **kw: object) -> WorksConfig:
    """Every source behind ``base/fault/``: each request meets the same misbehaviour."""
    root = f"{base}/{fault}"
    return WorksConfig(crossref_url=root, openalex_url=f"{root}/openalex", datacite_url=f"{root}/datacite",
                       doi_url=f"{root}/doi", backoff=0.0, **kw)  # type: ignore[arg-type]


def _run(base: str, fault: str, entries: int = 3, **kw: object) -> tuple[list[Verification], set[str], float]:
    refs = [parse_entry(ENTRY.replace("alpha", f"alpha{i}"), Span(i + 1, 1, i + 1, 1), index=i + 1)
            for i in range(entries)]
    problems: set[str] = set()
    policy = SafetyPolicy(trusted=frozenset({base.removeprefix("http://")}))
    started = time.perf_counter()
    results, _ = verify_references(refs, config=_config(base, fault, **kw), policy=policy, problems=problems,
                                   today=TODAY)
    return results, problems, time.perf_counter() - started


@pytest.mark.parametrize("fault", ["bomb", "bomb2", "endless"])
def test_a_body_is_capped_on_what_it_decodes_to(service: tuple[str, list[str]], fault: str) -> None:
    tracemalloc.start()
    try:
        results, problems, _ = _run(service[0], fault, entries=1, timeout=20.0)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert [r.verdict for r in results] == [Verdict.NOT_CHECKED]
    assert any("answer too large" in p for p in problems), problems
    assert peak < 40 * MIB, f"{peak / MIB:.0f} MiB held for one answer"


@pytest.mark.parametrize("fault", ["drip-head", "drip-body"])
def test_a_dripping_service_meets_the_request_deadline_and_is_given_up(service: tuple[str, list[str]],
                                                                      fault: str) -> None:
    results, problems, took = _run(service[0], fault, entries=6, timeout=1.0)
    assert all(r.verdict is Verdict.NOT_CHECKED for r in results)
    assert any("given up" in p and "timeout" in p for p in problems), problems
    # 6 entries × (3 DOI sources + 2 searches) would be 30 timeouts in sequence without giving up
    assert took < 20, f"{took:.1f} s"


def test_a_long_retry_after_gives_the_source_up_at_once(service: tuple[str, list[str]]) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    refs = [parse_entry(ENTRY, Span(1, 1, 1, 1), index=1)]
    problems: set[str] = set()
    base, seen = service
    before = len(seen)
    results, _ = verify_references(refs, config=_config(base, "busy"), problems=problems, sleep=sleep, today=TODAY,
                                   policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
    assert results[0].verdict is Verdict.NOT_CHECKED
    assert sum(waits) == 0  # an hour asked for is not waited, not even in part
    assert any("given up" in p and "3600" in p for p in problems), problems
    assert len(seen) - before <= 5  # one request per source (crossref twice: DOI, then search — given up)


def test_short_waits_are_honoured_within_a_budget_per_source(service: tuple[str, list[str]]) -> None:
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    refs = [parse_entry(ENTRY.replace("alpha", f"alpha{i}"), Span(1, 1, 1, 1), index=i + 1) for i in range(10)]
    problems: set[str] = set()
    base = service[0]
    config = _config(base, "busy-short")
    results, _ = verify_references(refs, config=config, problems=problems, sleep=sleep, today=TODAY,
                                   policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
    assert all(r.verdict is Verdict.NOT_CHECKED for r in results)
    sources = 4  # crossref, datacite, doi.org, openalex
    assert 0 < sum(waits) <= sources * config.wait_budget
    assert any("given up" in p for p in problems), problems


def _records_server(records: list[dict[str, object]]) -> tuple[socketserver.ThreadingTCPServer, str]:
    """Serves each record as Crossref's answer to /works/{its DOI}."""
    by_doi = {str(r["DOI"]): r for r in records}

    class Handler(socketserver.BaseRequestHandler):
        def handle(self) -> None:
            from urllib.parse import unquote
            request = self.request.recv(65536).decode("latin-1")
            path = unquote(request.split(" ", 2)[1].split("?")[0])
            record = by_doi.get(path.removeprefix("/works/"))
            # json.dumps writes a lone surrogate as the JSON escape "\ud800", as a real service may
            body = json.dumps({"status": "ok", "message": record}).encode() if record else b"{}"
            status = "200 OK" if record else "404 Not Found"
            self.request.sendall(f"HTTP/1.1 {status}\r\nContent-Type: application/json\r\n"
                                 f"Content-Length: {len(body)}\r\n\r\n".encode() + body)

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


POISONED = [
    # a year that passes str.isdigit() but int() cannot read, in every place a year can be
    {**RECORD, "DOI": "10.1000/sup", "issued": {"date-parts": [["²⁰²⁰"]]}, "volume": "¹⁴", "page": "¹⁰⁰-¹¹⁰"},
    # lone surrogates in the title and the authors' names
    {**RECORD, "DOI": "10.1000/sur", "title": ["Deep learning \ud800 for citation analysis"],
     "author": [{"family": "Smith\udfff", "given": "J"}]},
    # a retraction notice whose DOI carries terminal escapes (erase the line, recolour, retitle the window)
    {**RECORD, "DOI": "10.1000/esc", "updated-by": [{"type": "retraction", "DOI": "10.1000/x\x1b[2K\x1b[31mOK\x1b]0;pwned\x07",
                                                     "updated": {"date-parts": [[2021, 3, 4]]}}]},
]


@pytest.mark.parametrize("doi", ["sup", "sur", "esc"])
def test_a_poisoned_record_costs_nothing_but_its_own_verdict(doi: str, tmp_path: Path) -> None:
    server, base = _records_server(POISONED)
    try:
        refs = [parse_entry(ENTRY.replace("alpha", doi), Span(1, 1, 1, 1), index=1),
                parse_entry(ENTRY.replace("Deep learning", "Shallow learning"), Span(2, 1, 2, 1), index=2)]
        config = WorksConfig(crossref_url=base, openalex_url=f"{base}/openalex", datacite_url=f"{base}/datacite",
                             doi_url=f"{base}/doi", timeout=2.0)
        results, _ = verify_references(refs, config=config, policy=SafetyPolicy(trusted=frozenset({base[7:]})),
                                       today=TODAY)
    finally:
        server.shutdown()
        server.server_close()
    assert len(results) == 2 and results[0].record is not None, results
    pairs = list(zip(refs, results, strict=True))
    # every report of the verdicts can be written out (no surrogate reaches an encoder)
    (tmp_path / "v.json").write_text(render_verify_json("p", pairs, 1), encoding="utf-8")
    table = render_verify_table(pairs, 1, color=True)
    table.encode("utf-8")
    assert "\x1b]" not in table and "\x1b[2K" not in table and "\x07" not in table
    if doi == "esc":
        assert results[0].notices and "\\x1b" in table  # shown, written out, not obeyed


def test_the_renderer_writes_a_notice_s_control_characters_out() -> None:
    ref = parse_entry(ENTRY, Span(1, 1, 1, 1), index=1)
    result = Verification(1, Verdict.VERIFIED, "ok", notices=(Notice(NoticeKind.RETRACTED, "10.1/\x1b[2Kx", None, "p"),))
    for color in (False, True):
        table = render_verify_table([(ref, result)], 0, color=color)
        assert "\x1b[2K" not in table and "\\x1b[2K" in table


def test_a_doi_cannot_leave_the_configured_base_path(service: tuple[str, list[str]]) -> None:
    base, seen = service
    entry = ENTRY.replace("10.1000/alpha", "10.1000/../../../admin/x?token=1#frag")
    refs = [replace(parse_entry(entry, Span(1, 1, 1, 1), index=1), doi="10.1000/../../../admin/x?token=1#frag")]
    before = len(seen)
    verify_references(refs, config=_config(base, "api"), today=TODAY,
                      policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
    asked = seen[before:]
    assert asked, "nothing was requested"
    for target in asked:
        path = target.split("?", 1)[0]
        assert path.startswith("/api/") and "/../" not in path and "admin/x" not in path, target
        assert "token=1" not in target and "#" not in target, target


def test_links_cap_a_compression_bomb_on_its_decoded_size(service: tuple[str, list[str]]) -> None:
    base = service[0]
    tracemalloc.start()
    try:
        [result], _ = check_links([LinkClaim(f"{base}/bomb2/page")], config=ResolverConfig(wayback_base=None, timeout=20),
                                  policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert result.status is LinkStatus.TOO_LARGE
    assert peak < 40 * MIB, f"{peak / MIB:.0f} MiB"


@pytest.mark.parametrize(("encoding", "body", "cap", "expected"), [
    ("", b"x" * 10, 10, b"x" * 10),
    ("gzip", gzip.compress(b"y" * 1000), 1000, b"y" * 1000),
    ("gzip", gzip.compress(b"y" * 1001), 1000, None),
    ("gzip, gzip", gzip.compress(gzip.compress(b"z" * 5000)), 5000, b"z" * 5000),
    ("deflate", zlib.compress(b"d" * 100), 100, b"d" * 100),
    ("deflate", zlib.compress(b"d" * 100)[2:-4], 100, b"d" * 100),  # raw deflate, as some servers send
    ("br", b"....", 100, None),  # never asked for: not decoded without a bound
    ("gzip, gzip, gzip", b"", 100, None),
])
def test_read_capped(encoding: str, body: bytes, cap: int, expected: bytes | None) -> None:
    import asyncio

    async def chunks() -> Iterator[bytes]:  # type: ignore[misc]
        for i in range(0, len(body), 7):
            yield body[i:i + 7]

    async def read() -> bytes:
        return await read_capped(chunks(), encoding, cap)  # type: ignore[arg-type]

    if expected is None:
        with pytest.raises(BodyTooLarge):
            asyncio.run(read())
    else:
        assert asyncio.run(read()) == expected


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "citeguard", *args], capture_output=True, text=True, timeout=120)


def test_verify_without_a_network_says_so_plainly_and_exits_3(tmp_path: Path) -> None:
    # .invalid never resolves (RFC 6761): what a machine without DNS sees for every service
    paper = tmp_path / "paper.md"
    paper.write_text("# T\n\n正文[1]。\n\n## 参考文献\n\n[1] " + ENTRY + "\n", encoding="utf-8")
    done = _cli("--no-config", "verify", str(paper), "--no-cache", "--crossref-url", "http://crossref.invalid",
                "--openalex-url", "http://openalex.invalid", "--datacite-url", "http://datacite.invalid",
                "--doi-url", "http://doi.invalid")
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert "no network" in done.stderr and "nothing could be checked" in done.stderr
    assert "gaierror" not in done.stderr and "Errno" not in done.stderr and "Traceback" not in done.stderr
    never = _cli("--no-config", "verify", str(paper), "--no-cache", "--fail-on", "never", "--crossref-url",
                 "http://crossref.invalid", "--openalex-url", "http://openalex.invalid", "--datacite-url",
                 "http://datacite.invalid", "--doi-url", "http://doi.invalid")
    assert never.returncode == 0, never.stderr


def test_links_without_a_network_say_so_plainly_and_exit_3() -> None:
    done = _cli("--no-config", "links", "--no-cache", "--archive-base", "none", "http://www.gov.invalid/a.html",
                "http://news.invalid/b.html")
    assert done.returncode == 3, (done.returncode, done.stderr)
    assert "nothing could be checked: no network" in done.stderr
    assert "Traceback" not in done.stderr


def test_links_with_one_answer_are_not_unchecked(service: tuple[str, list[str]]) -> None:
    base = service[0]
    done = _cli("--no-config", "links", "--no-cache", "--allow-private", "--archive-base", "none", f"{base}/x",
                "http://news.invalid/b.html")
    assert done.returncode == 1, done.stderr  # the 404 is a dead link: a finding, not "nothing checked"
    assert "nothing could be checked" not in done.stderr


def test_a_socket_error_is_never_the_message() -> None:
    from citeguard.resolve.works import classify
    error = httpx.ConnectError("boom")
    error.__cause__ = socket.gaierror(-3, "Temporary failure in name resolution")
    assert classify(None, error)[1].startswith("no network")


def test_links_cut_a_dripping_page_at_the_request_time(service: tuple[str, list[str]]) -> None:
    base = service[0]
    started = time.perf_counter()
    [result], _ = check_links([LinkClaim(f"{base}/drip-body/page")],
                              config=ResolverConfig(wayback_base=None, timeout=1.0, deadline=60.0),
                              policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
    took = time.perf_counter() - started
    assert result.status is LinkStatus.TIMEOUT
    assert took < 10, f"{took:.1f} s for a 1 s request limit"  # (a byte every 0.2 s: httpx's read timeout never fires)


def test_links_answer_a_long_retry_after_as_rate_limited_without_waiting(service: tuple[str, list[str]]) -> None:
    base = service[0]
    waits: list[float] = []

    async def sleep(seconds: float) -> None:
        waits.append(seconds)

    import asyncio

    from citeguard.resolve import Resolver, make_client

    async def run() -> LinkStatus:
        config = ResolverConfig(wayback_base=None, timeout=5.0)
        async with make_client(config) as client:
            resolver = Resolver(client, config, SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})),
                                sleep=sleep)
            [result] = await resolver.resolve([LinkClaim(f"{base}/busy/page")])
            return result.status
    assert asyncio.run(run()) is LinkStatus.BLOCKED  # 429: rate limited, checked by hand — not a timeout
    assert sum(waits) == 0


@pytest.mark.parametrize(("header", "seconds"), [
    (None, 1.0), ("", 1.0), ("7", 7.0), ("-3", 0.0), ("99999", 30.0), ("nan", 1.0), ("inf", 1.0),
    ("soon-ish", 1.0),  # unreadable: the default, never an exception
    ("Wed, 21 Oct 2015 07:28:00 GMT", 0.0),  # a date gone by
    ("Wed, 21 Oct 2015 07:28:00", 0.0),  # a date without its zone
])
def test_retry_after(header: str | None, seconds: float) -> None:
    from citeguard.resolve.resolver import _retry_after
    assert _retry_after(header, 1.0, 30.0) == seconds


def test_a_record_that_is_no_record_is_said_so(service: tuple[str, list[str]]) -> None:
    results, problems, _ = _run(service[0], "empty", entries=1, timeout=2.0)
    assert results[0].verdict is Verdict.NOT_CHECKED
    assert "a source answered with something that is not a record" in problems


def test_compatibility_digits_in_a_record_are_read_and_unreadable_ones_ignored() -> None:
    from citeguard.checks.works_match import other_differences
    from citeguard.records import WorkRecord
    ref = parse_entry(ENTRY, Span(1, 1, 1, 1), index=1)
    for volume, issue in (("１４", "２"), ("14", "\ufffd"), ("¹⁴", "")):
        record = WorkRecord(source="crossref", id="x", title="Deep learning for citation analysis",
                            authors=("Smith", "Jones"), year="2020", container="Journal of Informetrics",
                            volume=volume, issue=issue, pages="100-110")
        assert [d.field for d in other_differences(ref, record)] == [], (volume, issue)


def test_a_doi_longer_than_any_registered_is_not_looked_up(service: tuple[str, list[str]]) -> None:
    base, seen = service
    long_doi = "10.1000/" + "x" * 20_000
    refs = [replace(parse_entry(ENTRY, Span(1, 1, 1, 1), index=1), doi=long_doi)]
    before = len(seen)
    verify_references(refs, config=_config(base, "api", timeout=2.0), today=TODAY,
                      policy=SafetyPolicy(trusted=frozenset({base.removeprefix("http://")})))
    assert all(len(target) < 2000 for target in seen[before:])  # searched by title, the DOI never sent


def test_a_nan_timeout_on_the_command_line_is_one_line() -> None:
    for command in ("links", "verify"):
        done = _cli("--no-config", command, "--timeout", "nan", "http://x.invalid/")
        assert done.returncode == 2 and "not a number of seconds" in done.stderr, done.stderr
        assert len(done.stderr.strip().splitlines()) == 1


def test_links_from_a_file_without_urls_says_so(tmp_path: Path) -> None:
    (tmp_path / "notes.txt").write_text("no addresses here\n", encoding="utf-8")
    done = _cli("--no-config", "links", "--from", str(tmp_path / "notes.txt"), "--offline")
    assert done.returncode == 2 and f"no URLs in {tmp_path / 'notes.txt'}" in done.stderr, done.stderr
