"""The editorial office's review desk (``citeguard serve``): an ASGI application over the same
stages as ``citeguard audit``, its data in SQLite, its uploads stored by content hash. The only
package with sessions and a database."""

from citeguard.serve.app import create_app
from citeguard.serve.auth import create_token, create_user
from citeguard.serve.desk import Desk, DeskConfig
from citeguard.serve.jobs import AuditSetup
from citeguard.serve.web import WebConfig

__all__ = ["AuditSetup", "Desk", "DeskConfig", "WebConfig", "create_app", "create_token", "create_user"]
