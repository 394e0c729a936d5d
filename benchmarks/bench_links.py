"""Resolver throughput: N URLs over H loopback hosts (127.0.0.1 … 127.0.0.H), every response
delayed by a fixed latency, served by an asyncio server in a separate process.

    .venv/bin/python benchmarks/bench_links.py [--urls 500] [--hosts 50] [--latency 0.1] [--per-host 2]
        [--concurrency 128] [--repeat 3]

Prints the wall time and its ratio to the floor the per-host limit makes unavoidable:
ceil(urls per host / per-host) × latency. Asserts nothing.
"""

from __future__ import annotations

import argparse
import asyncio
import math
import multiprocessing
import statistics
import time

from citeguard.resolve import LinkClaim, ResolverConfig, SafetyPolicy, check_links

PAGE = ("<html><head><meta charset='utf-8'><meta name='PubDate' content='2025-10-13'>"
        "<title>测试页面_中国政府网</title></head><body>" + "正文" * 200 + "</body></html>").encode()


def _serve(hosts: int, port: int, latency: float, ready: multiprocessing.synchronize.Event, index: bytes = b"") -> None:
    async def handle(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        try:
            while True:
                head = await reader.readuntil(b"\r\n\r\n")
                if not head:
                    break
                is_index = head.startswith(b"GET /index.html ")
                body = index if is_index else PAGE
                if not is_index:
                    await asyncio.sleep(latency)
                writer.write(b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: "
                             + str(len(body)).encode() + b"\r\n\r\n" + body)
                await writer.drain()
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()

    async def main() -> None:
        servers = [await asyncio.start_server(handle, f"127.0.0.{i}", port, backlog=512) for i in range(1, hosts + 1)]
        ready.set()
        await asyncio.gather(*(s.serve_forever() for s in servers))

    asyncio.run(main())


def _linkchecker(index_url: str, citeguard_seconds: float) -> None:
    """LinkChecker (its defaults: 10 threads) on a page listing the same URLs, in the same run."""
    import shutil
    import subprocess

    exe = shutil.which("linkchecker")
    if exe is None:
        print("linkchecker: not installed (pip install linkchecker)")
        return
    started = time.perf_counter()
    proc = subprocess.run([exe, "--check-extern", "-r", "1", "--no-status", "-o", "none", index_url],
                          capture_output=True, text=True, check=False)
    elapsed = time.perf_counter() - started
    print(f"LinkChecker ({exe}, exit {proc.returncode}): {elapsed:.2f} s; citeguard median {citeguard_seconds:.2f} s: "
          f"citeguard {elapsed / citeguard_seconds:.1f}x faster")


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--urls", type=int, default=500)
    parser.add_argument("--hosts", type=int, default=50)
    parser.add_argument("--latency", type=float, default=0.1)
    parser.add_argument("--per-host", type=int, default=2)
    parser.add_argument("--concurrency", type=int, default=128)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--port", type=int, default=18765)
    parser.add_argument("--linkchecker", action="store_true", help="also time LinkChecker on the same URLs")
    args = parser.parse_args()
    urls = [f"http://127.0.0.{i % args.hosts + 1}:{args.port}/article_{i}.html" for i in range(args.urls)]
    index = ("<html><body>" + "".join(f'<a href="{u}">{i}</a>' for i, u in enumerate(urls)) + "</body></html>").encode()
    ready = multiprocessing.Event()
    server = multiprocessing.Process(target=_serve, args=(args.hosts, args.port, args.latency, ready, index),
                                     daemon=True)
    server.start()
    ready.wait(10)
    try:
        claims = [LinkClaim(u) for u in urls]
        config = ResolverConfig(per_host=args.per_host, concurrency=args.concurrency, timeout=10, wayback_base=None)
        policy = SafetyPolicy(allow_private=True)
        per_host_urls = math.ceil(args.urls / args.hosts)
        floor = math.ceil(per_host_urls / args.per_host) * args.latency
        times = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            results, requests = check_links(claims, config=config, policy=policy)
            times.append(time.perf_counter() - started)
            ok = sum(1 for r in results if r.status.value == "ok")
        best, median = min(times), statistics.median(times)
        print(f"{args.urls} URLs over {args.hosts} hosts, {args.latency * 1000:.0f} ms latency, per-host "
              f"{args.per_host}, global {args.concurrency}: {ok} ok, {requests} requests")
        print(f"wall time: median {median:.2f} s, best {best:.2f} s over {args.repeat} runs; floor {floor:.2f} s; "
              f"median/floor = {median / floor:.2f}")
        if args.linkchecker:
            _linkchecker(f"http://127.0.0.1:{args.port}/index.html", median)
    finally:
        server.terminate()


if __name__ == "__main__":
    main()
