"""A real HTTP server on 127.0.0.1 (random port) that behaves like the sites citeguard meets."""

from __future__ import annotations

import contextlib
import json
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlsplit

GBK_PAGE = ("<html><head><meta http-equiv='Content-Type' content='text/html; charset=gb2312'>"
            "<meta name='ArticleTitle' content='国务院新闻办就2025年前三季度进出口情况举行发布会'>"
            "<meta name='PubDate' content='2025-10-13 10:00'><title>发布会_中国政府网</title></head>"
            "<body><div id='UCAP-CONTENT'>海关总署介绍前三季度进出口情况。" + "正文。" * 200 + "</div></body></html>")
UTF8_PAGE = ("<html><head><meta charset='utf-8'><meta name='firstpublishedtime' content='2024-04-15-09:30:00'>"
             "<title>2023年中国专利调查报告_政府信息公开_国家知识产权局</title></head>"
             "<body><p>发布时间：2024-04-15 09:30</p>" + "<p>报告正文。</p>" * 100 + "</body></html>")
BIG5_PAGE = ("<html><head><meta charset='big5'><title>國務院新聞辦就2025年前三季度進出口情況舉行發佈會</title></head>"
             "<body>發佈時間：2025-10-13</body></html>")
SOFT_404 = "<html><head><title>提示</title></head><body>非常抱歉，您访问的页面不存在，或者已经被移除。</body></html>"
CHALLENGE = "<html><head><meta r='m'><script r='m'>$_ts=window['$_ts'];$_ts.nsd=1;</script></head><body></body></html>"
INDEX = "<html><head><title>首页_某某部门户网站</title></head><body>" + "栏目。" * 300 + "</body></html>"


# Redirect targets that are not requestable URLs (the path names the case).
BAD_LOCATIONS = {
    "javascript": "javascript:alert(1)",
    "data": "data:text/html,<title>x</title>",
    "backslash": "http:\\\\x/",
    "bad-idna": "http://xn--a.example/",
    "bracket": "http://[::1/",
    "control": "http://exa\x01mple.org/",
    "file": "file:///etc/passwd",
}


class _Handler(BaseHTTPRequestHandler):
    hits: Counter[str]  # one counter per server (set by serve())

    def log_message(self, *args: object) -> None:  # keep pytest output clean
        pass

    def handle(self) -> None:
        with contextlib.suppress(BrokenPipeError, ConnectionResetError):  # the client stopped reading: the cap worked
            super().handle()

    def _send(self, code: int, body: bytes = b"", content_type: str = "text/html", **headers: str) -> None:
        self.send_response(code)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        for key, value in headers.items():
            self.send_header(key.replace("_", "-"), value)
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self) -> None:
        parts = urlsplit(self.path)
        path = parts.path
        self.hits[path] += 1
        port = self.server.server_address[1]
        if path == "/gbk-article":
            self._send(200, GBK_PAGE.encode("gbk"), "text/html")
        elif path == "/utf8-article":
            self._send(200, UTF8_PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/big5-article":
            self._send(200, BIG5_PAGE.encode("big5"), "text/html")
        elif path == "/other-title":  # a real page, but not the one the footnote names
            self._send(200, UTF8_PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/other-date":  # the cited page, published on another day than the footnote says
            self._send(200, GBK_PAGE.replace("2025-10-13 10:00", "2025-10-20 10:00").encode("gbk"), "text/html")
        elif path == "/missing":
            self._send(404, b"<html><body>Not Found</body></html>")
        elif path == "/soft404":
            self._send(200, SOFT_404.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/deep/2024/art_1.html":
            self._send(302, Location="/")
        elif path == "/":
            self._send(200, INDEX.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/moved/art_9.html":
            self._send(301, Location="/utf8-article")
        elif path == "/loop-a":
            self._send(302, Location="/loop-b")
        elif path == "/loop-b":
            self._send(302, Location="/loop-a")
        elif path == "/challenge":
            self._send(412, CHALLENGE.encode("utf-8"), "text/html", Set_Cookie="FSSBBIl1UgzbN7N80S=abc; path=/")
        elif path == "/forbidden":
            self._send(405, b"<html><body>405</body></html>")
        elif path == "/slow":
            time.sleep(2.0)
            self._send(200, b"<html><title>late</title></html>")
        elif path == "/endless":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.end_headers()
            try:
                for _ in range(10_000):
                    self.wfile.write(b"<p>" + b"x" * 4096 + b"</p>")
            except (BrokenPipeError, ConnectionResetError):
                pass
        elif path == "/ratelimited":
            if self.hits[path] % 2 == 1:
                self._send(429, b"slow down", Retry_After="0")
            else:
                self._send(200, UTF8_PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/unavailable":
            if self.hits[path] % 2 == 1:
                self._send(503, b"busy")
            else:
                self._send(200, UTF8_PAGE.encode("utf-8"), "text/html; charset=utf-8")
        elif path == "/error":
            self._send(500, b"boom")
        elif path == "/to-private":
            self._send(302, Location="http://10.0.0.1/article.html")
        elif path == "/to-localhost":
            self._send(302, Location=f"http://localhost:{port}/utf8-article")
        elif path == "/to-cgnat":  # carrier-grade NAT: where a cloud's metadata service lives
            self._send(302, Location="http://100.100.100.200/latest/meta-data/")
        elif path.startswith("/to-bad/"):  # a Location httpx cannot request: javascript:, data:, http:\\x/ …
            self._send(302, Location=BAD_LOCATIONS[path.removeprefix("/to-bad/")])
        elif path == "/echo-host":  # which Host header and address reached the server
            title = f"host={self.headers.get('Host')}"
            self._send(200, f"<html><head><title>{title}</title></head><body>ok</body></html>".encode())
        elif path == "/style-bomb":  # quadratic for a naive <style.*?</style> scan; healthy otherwise
            body = "<html><head><title>bomb</title></head><body>" + "<style " * 200_000
            self._send(200, body.encode(), "text/html; charset=utf-8")
        elif path == "/wayback/available":
            url = parse_qs(parts.query).get("url", [""])[0]
            stamp = parse_qs(parts.query).get("timestamp", [""])[0]
            if "missing" in url or "soft404" in url:
                snap = {"available": True, "status": "200", "timestamp": stamp or "20250101000000",
                        "url": f"http://web.archive.org/web/{stamp or '2025'}/{url}"}
                body = {"archived_snapshots": {"closest": snap}}
            else:
                body = {"archived_snapshots": {}}
            self._send(200, json.dumps(body).encode(), "application/json")
        else:
            self._send(404, b"no such route")


@contextmanager
def serve() -> Iterator[tuple[str, Counter[str]]]:
    """Run the server in a thread; yields its base URL and the hit counter."""
    with run_server(type("Handler", (_Handler,), {"hits": Counter()})) as running:
        yield running


@contextmanager
def run_server(handler: type[BaseHTTPRequestHandler]) -> Iterator[tuple[str, Counter[str]]]:
    """Serve ``handler`` (its class attribute ``hits`` counts requests) on 127.0.0.1, in a thread."""
    server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", handler.hits  # type: ignore[attr-defined]
    finally:
        server.shutdown()
        server.server_close()
