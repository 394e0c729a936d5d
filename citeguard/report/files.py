"""The only place citeguard writes files."""

from __future__ import annotations

import contextlib
import os
import signal
import tempfile
from collections.abc import Iterator, Sequence
from pathlib import Path


def _umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


class ReportWriteError(Exception):
    """A report file could not be written; the message is one line for the user."""


@contextlib.contextmanager
def _signals_held() -> Iterator[None]:
    """Hold SIGINT and SIGTERM for the few renames that publish a set of reports, so that an
    interruption comes before or after them, never between (pthread_sigmask: POSIX only)."""
    held = {signal.SIGINT, signal.SIGTERM}
    try:
        previous = signal.pthread_sigmask(signal.SIG_BLOCK, held)
    except (AttributeError, ValueError, OSError):  # Windows, or not the main thread
        yield
        return
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, previous)


def write_reports(files: Sequence[tuple[str | Path, str | bytes]], *, mode: int | None = None,
                  owner: tuple[int, int] | None = None) -> list[Path]:
    """Write every ``(path, content)`` together: all to temporary files first, then each renamed
    over its target. A crash, a full disk or Ctrl-C/SIGTERM while writing leaves the previous set
    of reports untouched and no temporary file behind — never a new JSON beside an old HTML.
    ``mode`` and ``owner`` (uid, gid): those of the manuscript ``fix`` rewrites or copies, so that a
    0600 manuscript's fixed text is 0600 too (the owner is given where the user may: as root)."""
    staged: list[tuple[str, Path]] = []
    current = Path(".")
    try:
        for path, content in files:
            current = Path(path)
            current.parent.mkdir(parents=True, exist_ok=True)
            fd, tmp = tempfile.mkstemp(prefix=f".{current.name[:200]}.", dir=current.parent)
            staged.append((tmp, current))
            if isinstance(content, bytes):  # an annotated .docx
                with os.fdopen(fd, "wb") as binary:
                    binary.write(content)
            else:
                with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as handle:
                    handle.write(content)
            # mkstemp makes 0600; a report is as readable as any file the user makes
            os.chmod(tmp, 0o666 & ~_umask() if mode is None else mode & 0o777)
            if owner is not None and hasattr(os, "chown") and owner != (os.getuid(), os.getgid()):
                with contextlib.suppress(OSError):  # only root may give a file away; others keep their own
                    os.chown(tmp, *owner)
        with _signals_held():
            for tmp, target in staged:
                current = target
                os.replace(tmp, target)
    except BaseException as exc:
        for tmp, _ in staged:
            with contextlib.suppress(OSError):
                os.unlink(tmp)
        if isinstance(exc, OSError):
            raise ReportWriteError(f"{current}: cannot write report ({exc.strerror or exc})") from None
        raise
    return [target for _, target in staged]


def write_report(path: str | Path, content: str | bytes) -> Path:
    """Write one file atomically (temp file + rename), creating folders."""
    return write_reports([(path, content)])[0]
