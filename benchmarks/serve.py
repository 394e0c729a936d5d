"""The review desk's speed and memory (issue 26), in-process through httpx's ASGI transport:

1. a warm desk audits a typical paper (the bundled one) and answers its report: server time of the
   audit job (read, audit, render, store) plus the GET that returns the findings — target ≤ 300 ms;
2. the desk page with N manuscripts (30 findings each) rendered — target ≤ 200 ms for 1,000;
3. the process's resident memory over U uploads audited one after another — target: flat.

    .venv/bin/python benchmarks/serve.py [--desk 1000] [--uploads 1000]
"""

from __future__ import annotations

import argparse
import asyncio
import gc
import statistics
import sys
import tempfile
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from citeguard.serve import Desk, DeskConfig, create_app, create_token  # noqa: E402
from citeguard.serve.jobs import run_one  # noqa: E402
from tests.servekit import V1  # noqa: E402

PAPER = ROOT / "corpus" / "wang2026-new-quality-productive-forces-open-economy.txt"


def rss_mb() -> float:
    """The process's resident memory now (not its peak)."""
    pages = int(Path("/proc/self/statm").read_text().split()[1])
    return pages * 4096 / 2**20


def drain(desk: Desk) -> None:
    while run_one(desk.db, desk.files, desk.config.data / "work", desk.config.setup):
        pass


async def warm_report(client: httpx.AsyncClient, desk: Desk, auth: dict[str, str], rounds: int = 7) -> None:
    data = PAPER.read_bytes()
    jobs, gets = [], []
    for i in range(rounds + 1):
        r = await client.post("/api/manuscripts", headers=auth, files={"file": (f"paper{i}.txt", data)})
        mid = r.json()["id"]
        t = time.perf_counter()
        drain(desk)
        job = time.perf_counter() - t
        t = time.perf_counter()
        body = (await client.get(f"/api/manuscripts/{mid}", headers=auth)).json()
        get = time.perf_counter() - t
        assert body["status"] == "done" and body["findings"], body.get("error")
        if i:  # the first is the cold start (imports, templates)
            jobs.append(job)
            gets.append(get)
    job, get = statistics.median(jobs), statistics.median(gets)
    print(f"warm report: audit job {job * 1000:.0f} ms + GET findings {get * 1000:.1f} ms = "
          f"{(job + get) * 1000:.0f} ms (median of {rounds}; {len(body['findings'])} findings; target ≤ 300 ms)")


def fill_desk(desk: Desk, office_id: int, n: int) -> None:
    """N manuscripts with 30 findings each, written straight to the database."""
    now = time.time()
    with desk.db.write() as conn:
        for i in range(n):
            mid = f"bench{i:06d}"
            conn.execute("INSERT INTO manuscripts(id, office_id, filename, file_hash, kind, issue, root, version, status, "
                         "uploaded_by, created, title, errors, warnings, infos) VALUES (?, ?, ?, ?, '.txt', ?, ?, 1, 'done', "
                         "'bench', ?, ?, 2, 20, 8)", (mid, office_id, f"paper-{i}.txt", "0" * 64, f"2026-{i % 12 + 1:02d}",
                                                      mid, now - i, f"第 {i} 篇稿件的题目"))
            conn.executemany("INSERT INTO findings(manuscript_id, seq, code, rule, severity, confidence, line, col, location, "
                             "refs, cites, notes, message, message_zh, suggestion, suggestion_zh, fingerprint, state) VALUES "
                             "(?, ?, 'CG102', 'r', 'warning', 'high', 1, 1, '1:1', '[]', '[]', '[]', 'm', 'm', '', '', ?, ?)",
                             [(mid, k, f"fp{k}", ("open", "accepted", "dismissed")[k % 3]) for k in range(30)])


async def desk_page(client: httpx.AsyncClient, cookie: str, n: int) -> None:
    client.cookies.set("citeguard_session", cookie)
    times = []
    for _ in range(7):
        t = time.perf_counter()
        r = await client.get("/?sort=open")
        times.append(time.perf_counter() - t)
        assert r.status_code == 200, r.status_code
    shown = r.text.count('class="ms ')
    print(f"desk page of an office with {n} more manuscripts ({shown} on its first page): "
          f"{statistics.median(times) * 1000:.0f} ms (median of 7; {len(r.content) // 1024} KB; target ≤ 200 ms for 1,000)")


async def memory(client: httpx.AsyncClient, desk: Desk, auth: dict[str, str], uploads: int) -> None:
    marks = {uploads // 10, uploads // 2, uploads}
    seen = []
    for i in range(1, uploads + 1):
        text = V1.replace("数字经济与区域创新", f"数字经济与区域创新（{i}）")
        r = await client.post("/api/manuscripts", headers=auth, files={"file": (f"m{i}.txt", text.encode())})
        assert r.status_code == 201
        drain(desk)
        if i in marks:
            gc.collect()
            seen.append((i, rss_mb()))
    print("memory over uploads: " + ", ".join(f"{i}: {mb:.0f} MB" for i, mb in seen)
          + f" (growth from {seen[0][0]} to {seen[-1][0]}: {seen[-1][1] - seen[0][1]:+.0f} MB)")


async def main(desk_n: int, uploads: int) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        desk = Desk(DeskConfig(Path(tmp) / "data", workers=1))
        from citeguard.serve.auth import create_user, start_session
        user = create_user(desk.db, "bench", "bench-password")
        auth = {"authorization": f"Bearer {create_token(desk.db, 'bench')}"}
        app = create_app(desk, start_workers=False)
        desk.pool.start = lambda: None  # type: ignore[method-assign]  # jobs run here, timed, not in the pool's threads
        async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://desk.bench") as client:
            await warm_report(client, desk, auth)
            await memory(client, desk, auth, uploads)
            fill_desk(desk, user.office_id, desk_n)
            cookie, _ = start_session(desk.db, user)
            await desk_page(client, cookie, desk_n)


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--desk", type=int, default=1000, help="manuscripts on the desk page")
    parser.add_argument("--uploads", type=int, default=1000, help="uploads audited for the memory figure")
    args = parser.parse_args()
    asyncio.run(main(args.desk, args.uploads))
