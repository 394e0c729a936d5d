"""Helpers for the review desk's tests: a desk in a temporary folder, an httpx client on its ASGI
application (no socket, no network), small manuscripts whose findings are known from their text,
and a wait for audit jobs."""

from __future__ import annotations

import asyncio
import io
import time
import zipfile
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

import httpx

from citeguard.serve import Desk, DeskConfig, create_app, create_token, create_user

# A numbered Chinese paper with three slips an editor sees by reading: [5] is cited but the list
# ends at [4] (CG109), [4] is never cited (CG102), [2] prints its pages twice (CG203).
V1 = """数字经济与区域创新

摘要：本文讨论数字经济对区域创新的影响。

一、引言

数字经济改变了创新的组织方式[1]。已有研究从产业结构角度做了讨论[2]，也有学者关注人才流动[3]。本文进一步考察制度环境的作用[5]。

参考文献：
[1] 张伟, 李明. 数字经济与创新效率[J]. 经济研究, 2021, 56(3): 45-60.
[2] 王芳. 产业结构升级的动力机制[J]. 管理世界, 2020, 36(5): 12-25, 12-25.
[3] 刘洋, 陈静. 人才流动与区域创新[J]. 中国工业经济, 2019(8): 80-97.
[4] 赵磊. 制度环境与企业创新[M]. 北京: 人民出版社, 2018.
"""
# The revision: [5] corrected to [4] (both CG109 and CG102 gone), the doubled pages left, and a new
# slip: a citation of [6].
V2 = V1.replace("制度环境的作用[5]", "制度环境的作用[4]，并讨论其边界[6]")
CLEAN = V1.replace("制度环境的作用[5]", "制度环境的作用[4]").replace(": 12-25, 12-25.", ": 12-25.")


class Office:
    """A desk with an admin, an editor and a token of the first office, and an editor of a second."""

    def __init__(self, root: Path, workers: int = 2) -> None:
        self.desk = Desk(DeskConfig(root / "data", workers=workers))
        self.admin = create_user(self.desk.db, "admin", "admin-password", role="admin", office="journal")
        self.editor = create_user(self.desk.db, "editor", "editor-password", office="journal")
        self.other = create_user(self.desk.db, "stranger", "stranger-password", office="another journal")
        self.token = create_token(self.desk.db, "editor")
        self.app = create_app(self.desk, start_workers=False)

    @property
    def auth(self) -> dict[str, str]:
        return {"authorization": f"Bearer {self.token}"}

    def run(self, body: Callable[[httpx.AsyncClient], Awaitable[Any]]) -> Any:
        async def go() -> Any:
            transport = httpx.ASGITransport(app=self.app)
            async with httpx.AsyncClient(transport=transport, base_url="http://desk.test") as client:
                return await body(client)
        try:
            return asyncio.run(go())
        finally:
            self.desk.pool.stop()


async def upload(client: httpx.AsyncClient, office: Office, name: str, data: bytes, **fields: str) -> httpx.Response:
    return await client.post("/api/manuscripts", headers=office.auth, files={"file": (name, data)}, data=fields)


async def done(client: httpx.AsyncClient, office: Office, mid: str, timeout: float = 120.0) -> dict[str, Any]:
    """The manuscript once its audit has finished (done or failed)."""
    end = time.monotonic() + timeout
    while time.monotonic() < end:
        body: dict[str, Any] = (await client.get(f"/api/manuscripts/{mid}", headers=office.auth)).json()
        if body["status"] in ("done", "failed"):
            return body
        await asyncio.sleep(0.05)
    raise AssertionError(f"manuscript {mid} not audited in {timeout} s")


def by_code(body: dict[str, Any]) -> dict[str, dict[str, Any]]:
    return {f["code"]: f for f in body["findings"]}


def zipped(members: dict[str, bytes]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return out.getvalue()
