"""The only place citeguard writes files."""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ReportWriteError(Exception):
    """A report file could not be written; the message is one line for the user."""


def write_report(path: str | Path, content: str | bytes) -> Path:
    """Write ``content`` to ``path`` atomically (temp file + rename), creating folders.

    Atomic so that a crash or a full disk never leaves half a report behind in CI.
    """
    target = Path(path)
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", dir=target.parent)
        try:
            if isinstance(content, bytes):  # an annotated .docx
                with os.fdopen(fd, "wb") as binary:
                    binary.write(content)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
            os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; a report is as readable as any file
            os.replace(tmp, target)
        except BaseException:  # a crash or Ctrl-C leaves neither half a report nor a stray temp file
            with contextlib.suppress(OSError):
                os.unlink(tmp)
            raise
    except OSError as exc:
        raise ReportWriteError(f"{target}: cannot write report ({exc.strerror or exc})") from None
    return target
