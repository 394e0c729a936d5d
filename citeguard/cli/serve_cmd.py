"""``citeguard serve``: the editorial office's review desk (citeguard.serve) on uvicorn, and the
accounts and tokens it needs, made from the command line. Registered in cli/app.py."""

from __future__ import annotations

import getpass
import ipaddress
import os
import sys
from pathlib import Path
from typing import Annotated

import typer

from citeguard.cli.errors import fail as _fail

PASSWORD_ENV = "CITEGUARD_PASSWORD"  # the new admin's password without a prompt (scripts, containers)


def _loopback(host: str) -> bool:
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return host == "localhost"


def serve(
    host: Annotated[str, typer.Option("--host", help="Address to listen on (127.0.0.1: this machine only; "
                                      "behind a reverse proxy, see docs/serve.md).")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    data: Annotated[Path, typer.Option("--data", help="The desk's folder: its database, uploads and "
                                       "reports (made if missing).")] = Path("citeguard-data"),
    workers: Annotated[int, typer.Option("--workers", min=1, max=64, help="Manuscripts audited at once.")] = 2,
    check_links: Annotated[bool, typer.Option("--check-links/--no-check-links", help="Fetch the cited web pages "
                                              "(the office's network policy; off by default).")] = False,
    verify: Annotated[bool, typer.Option("--verify/--no-verify", help="Ask Crossref, OpenAlex and DataCite "
                                         "whether each cited work exists and matches (off by default).")] = False,
    mailto: Annotated[str | None, typer.Option("--mailto", help="The office's e-mail address, sent to the "
                                               "scholarly indexes with --verify.")] = None,
    trusted_header: Annotated[str | None, typer.Option("--trusted-header", help="A header naming the user, set "
                                                       "by a reverse proxy that authenticates (e.g. X-Remote-User)."
                                                       )] = None,
    insecure_cookies: Annotated[bool, typer.Option("--insecure-cookies", metavar="", help="Send the session "
                                                   "cookie over plain HTTP (only for a desk on 127.0.0.1).")] = False,
    create_admin: Annotated[str | None, typer.Option("--create-admin", metavar="NAME", help=f"Create an admin "
                                                     f"account (password from ${PASSWORD_ENV} or a prompt) and exit."
                                                     )] = None,
    create_token: Annotated[str | None, typer.Option("--create-token", metavar="NAME", help="Print a new API "
                                                     "token acting as user NAME (made if missing) and exit.")] = None,
    office: Annotated[str | None, typer.Option("--office", help="The office of an account made here (default: "
                                               "office); with --create-token, the office its user must be of."
                                               )] = None,
) -> None:
    """The editorial office's review desk: upload, review, decisions kept across revisions (docs/serve.md)."""
    try:
        from citeguard.serve import AuditSetup, Desk, DeskConfig, WebConfig, create_app
        from citeguard.serve import create_token as new_token
        from citeguard.serve import create_user as new_user
        from citeguard.serve.db import SchemaError
    except ImportError as exc:
        _fail(f"serve needs its packages ({exc.name}): pip install -e . installs them")
    try:
        desk = Desk(DeskConfig(data, AuditSetup(check_links=check_links, verify=verify, mailto=mailto), workers))
    except (OSError, SchemaError) as exc:
        _fail(f"--data {data}: {exc}")
    except Exception as exc:  # sqlite3.DatabaseError: a file that is not a desk's database
        _fail(f"--data {data}: not a citeguard desk ({exc})")
    if create_admin is not None:
        password = os.environ.get(PASSWORD_ENV) or (getpass.getpass(f"password for {create_admin}: ")
                                                    if sys.stdin.isatty() else "")
        try:
            new_user(desk.db, create_admin, password, role="admin", office=office or "office")
        except ValueError as exc:
            _fail(f"--create-admin: {exc}")
        typer.echo(f"admin {create_admin} created in office {office or 'office'!r}")
        return
    if create_token is not None:
        if not create_token.strip():
            _fail("--create-token: give the token's user name")
        try:
            typer.echo(new_token(desk.db, create_token, office=office))
        except ValueError as exc:
            _fail(f"--create-token: {exc}")
        return
    import uvicorn

    secure = not (insecure_cookies or _loopback(host))
    app = create_app(desk, WebConfig(trusted_header=trusted_header, secure_cookies=secure))
    typer.echo(f"citeguard desk on http://{host}:{port}/ (data in {data})", err=True)
    uvicorn.run(app, host=host, port=port, log_level="warning", proxy_headers=trusted_header is not None)
