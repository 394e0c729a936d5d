"""``citeguard serve`` from the command line: accounts and tokens made and printed, bad data
folders refused in one line, and the real server (uvicorn) started on 127.0.0.1 and used with the
printed token."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx

from tests.servekit import V1

CLI = [sys.executable, "-m", "citeguard", "serve"]


def _run(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *args], capture_output=True, text=True, timeout=60, stdin=subprocess.DEVNULL,
                          env={**os.environ, **(env or {})})


def test_create_admin_and_token_then_serve(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    short = _run("--data", str(data), "--create-admin", "chief", env={"CITEGUARD_PASSWORD": "short"})
    assert short.returncode == 2 and short.stderr.count("\n") == 1 and "8 characters" in short.stderr
    made = _run("--data", str(data), "--create-admin", "chief", env={"CITEGUARD_PASSWORD": "long enough password"})
    assert made.returncode == 0 and "admin chief created" in made.stdout
    again = _run("--data", str(data), "--create-admin", "chief", env={"CITEGUARD_PASSWORD": "long enough password"})
    assert again.returncode == 2 and "exists" in again.stderr
    token = _run("--data", str(data), "--create-token", "ci-bot").stdout.strip()
    assert token.startswith("cg_") and len(token) > 30
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = subprocess.Popen([*CLI, "--data", str(data), "--port", str(port), "--workers", "1"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)
    try:
        base = f"http://127.0.0.1:{port}"
        end = time.monotonic() + 30
        while True:
            try:
                if httpx.get(base + "/healthz", timeout=1).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            assert time.monotonic() < end and server.poll() is None, "the server did not start"
            time.sleep(0.1)
        auth = {"authorization": f"Bearer {token}"}
        assert httpx.get(base + "/api/manuscripts").status_code == 401
        r = httpx.post(base + "/api/manuscripts", headers=auth, files={"file": ("p.txt", V1.encode())})
        assert r.status_code == 201
        end = time.monotonic() + 60
        while (body := httpx.get(f"{base}/api/manuscripts/{r.json()['id']}", headers=auth).json())["status"] != "done":
            assert time.monotonic() < end and body["status"] != "failed", body
            time.sleep(0.1)
        assert sorted(f["code"] for f in body["findings"]) == ["CG102", "CG109", "CG203"]
    finally:
        server.terminate()
        server.wait(30)


def test_a_data_folder_that_is_not_a_desk_is_one_line(tmp_path: Path) -> None:
    (tmp_path / "desk").mkdir()
    (tmp_path / "desk" / "citeguard.sqlite3").write_bytes(b"this is not a database" * 100)
    out = _run("--data", str(tmp_path / "desk"), "--create-token", "x")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "not a citeguard desk" in out.stderr
    (tmp_path / "file").write_text("x")
    out = _run("--data", str(tmp_path / "file"), "--create-token", "x")
    assert out.returncode == 2 and out.stderr.count("\n") == 1 and "Traceback" not in out.stderr


def test_a_token_is_made_in_the_office_named(tmp_path: Path) -> None:
    data = tmp_path / "desk"
    assert _run("--data", str(data), "--create-token", "bot", "--office", "other journal").returncode == 0
    from citeguard.serve import Desk, DeskConfig
    desk = Desk(DeskConfig(data))
    row = desk.db.one("SELECT o.name FROM users u JOIN offices o ON o.id = u.office_id WHERE u.name = 'bot'")
    assert row[0] == "other journal"
    wrong = _run("--data", str(data), "--create-token", "bot", "--office", "journal")
    assert wrong.returncode == 2 and "of office 'other journal'" in wrong.stderr and wrong.stderr.count("\n") == 1
    assert _run("--data", str(data), "--create-token", "bot").stdout.startswith("cg_")  # its own office
    empty = _run("--data", str(data), "--create-token", " ")
    assert empty.returncode == 2 and "Traceback" not in empty.stderr
