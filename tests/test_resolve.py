"""The resolver against a real local HTTP server: every status from the matching behaviour."""

from __future__ import annotations

import asyncio
import socket
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import httpx
import pytest

from citeguard.model import LinkStatus
from citeguard.resolve import LinkCache, LinkClaim, Resolver, ResolverConfig, SafetyPolicy, check_links

from .localserver import serve


@pytest.fixture(scope="module")
def server() -> Iterator[tuple[str, Counter[str]]]:
    with serve() as running:
        yield running


def _config(base: str, **kw: object) -> ResolverConfig:
    options = dict(timeout=0.8, deadline=5.0, retries=2, backoff=0.01, max_bytes=64 * 1024, wayback_base=base)
    options.update(kw)
    return ResolverConfig(**options)  # type: ignore[arg-type]


def _policy(base: str) -> SafetyPolicy:
    return SafetyPolicy(trusted=frozenset({urlsplit(base).netloc}))


def _resolve(base: str, paths: list[str], **kw: object) -> list:  # type: ignore[type-arg]
    claims = [LinkClaim(base + p, access_date="2026-03-29") for p in paths]
    results, _ = check_links(claims, config=_config(base, **kw), policy=_policy(base))
    return results


@pytest.mark.parametrize(("path", "status"), [
    ("/gbk-article", LinkStatus.OK),
    ("/utf8-article", LinkStatus.OK),
    ("/missing", LinkStatus.NOT_FOUND),
    ("/soft404", LinkStatus.SOFT_404),
    ("/deep/2024/art_1.html", LinkStatus.SOFT_404),  # a deep link redirected to the home page
    ("/moved/art_9.html", LinkStatus.REDIRECTED),
    ("/loop-a", LinkStatus.SERVER_ERROR),
    ("/challenge", LinkStatus.BLOCKED),
    ("/forbidden", LinkStatus.BLOCKED),
    ("/slow", LinkStatus.TIMEOUT),
    ("/endless", LinkStatus.TOO_LARGE),
    ("/ratelimited", LinkStatus.OK),  # 429 with Retry-After, then 200
    ("/unavailable", LinkStatus.OK),  # 503, then 200
    ("/error", LinkStatus.SERVER_ERROR),
    ("/to-private", LinkStatus.PRIVATE_ADDRESS),  # the redirect hop is checked, never connected
    ("/to-localhost", LinkStatus.PRIVATE_ADDRESS),
])
def test_status_from_server_behaviour(server: tuple[str, Counter[str]], path: str, status: LinkStatus) -> None:
    (result,) = _resolve(server[0], [path])
    assert result.status is status, result.detail


def test_metadata_from_gbk_and_utf8_pages(server: tuple[str, Counter[str]]) -> None:
    gbk, utf8, big5 = _resolve(server[0], ["/gbk-article", "/utf8-article", "/big5-article"])
    assert gbk.title == "国务院新闻办就2025年前三季度进出口情况举行发布会" and gbk.published == "2025-10-13"
    assert utf8.title == "2023年中国专利调查报告" and utf8.published == "2024-04-15"
    assert big5.title and big5.title.startswith("國務院") and big5.published == "2025-10-13"


def test_dead_links_get_an_archive_copy(server: tuple[str, Counter[str]]) -> None:
    missing, ok = _resolve(server[0], ["/missing", "/utf8-article"])
    assert missing.archive_url and "20260329" in missing.archive_url
    assert ok.archive_url is None


def test_connection_refused_and_invalid(server: tuple[str, Counter[str]]) -> None:
    closed = "http://127.0.0.1:9/x"  # the discard port: nothing listens
    claims = [LinkClaim(closed), LinkClaim("ftp://example.org/a"), LinkClaim("http://user:pw@example.org/")]
    results, _ = check_links(claims, config=_config(server[0]), policy=SafetyPolicy(trusted=frozenset({"127.0.0.1:9"})))
    assert [r.status for r in results] == [LinkStatus.CONNECTION_ERROR, LinkStatus.INVALID_URL, LinkStatus.INVALID_URL]


def test_private_addresses_refused_without_allow_private() -> None:
    claims = [LinkClaim("http://localhost:1/a"), LinkClaim("http://10.1.2.3/a"), LinkClaim("http://[::1]:1/a"),
              LinkClaim("http://169.254.169.254/latest/meta-data/")]
    results, requests = check_links(claims, config=ResolverConfig(wayback_base=None), policy=SafetyPolicy())
    assert {r.status for r in results} == {LinkStatus.PRIVATE_ADDRESS}
    assert requests == 0


async def _no_dns(host: str, port: int) -> list[str]:
    raise socket.gaierror(-2, "Name or service not known")


def test_dns_failure_of_one_host_is_a_dns_error() -> None:
    (result,) = check_links([LinkClaim("https://dead.example.gov.cn/a.htm")],
                            config=ResolverConfig(wayback_base=None), lookup=_no_dns)[0]
    assert result.status is LinkStatus.DNS_ERROR


def test_dns_failure_of_every_host_means_no_network() -> None:
    claims = [LinkClaim("https://www.gov.cn/a.htm"), LinkClaim("https://www.customs.gov.cn/b.html")]
    results, requests = check_links(claims, config=ResolverConfig(wayback_base=None), lookup=_no_dns)
    assert {r.status for r in results} == {LinkStatus.NOT_CHECKED} and requests == 0
    assert all("network unavailable" in r.detail for r in results)


def test_cache_makes_the_second_run_silent(server: tuple[str, Counter[str]], tmp_path: Path) -> None:
    base = server[0]
    cache = LinkCache(tmp_path / "links.sqlite3")
    claims = [LinkClaim(base + "/utf8-article"), LinkClaim(base + "/missing")]
    first, sent = check_links(claims, config=_config(base), policy=_policy(base), cache=cache)
    again, sent_again = check_links(claims, config=_config(base), policy=_policy(base), cache=cache)
    assert sent > 0 and sent_again == 0
    assert [r.status for r in again] == [r.status for r in first] and all(r.from_cache for r in again)


def test_per_host_limit_is_respected(server: tuple[str, Counter[str]]) -> None:
    base = server[0]
    active = peak = 0

    class Counting(httpx.AsyncHTTPTransport):
        async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
            nonlocal active, peak
            active += 1
            peak = max(peak, active)
            try:
                return await super().handle_async_request(request)
            finally:
                active -= 1

    async def run() -> None:
        async with httpx.AsyncClient(transport=Counting()) as client:
            resolver = Resolver(client, _config(base, per_host=2, wayback_base=None), _policy(base))
            await resolver.resolve([LinkClaim(f"{base}/utf8-article?n={i}") for i in range(12)])

    asyncio.run(run())
    assert 1 <= peak <= 2
