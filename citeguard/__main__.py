"""``python -m citeguard``, and the ``citeguard`` console script."""

from __future__ import annotations

import contextlib
import os
import signal
import sys
from types import FrameType


def _terminated_early(signum: int, frame: FrameType | None) -> None:
    """SIGTERM while citeguard is still starting: nothing is written yet, so leave at once, as the
    handler the command line installs would (exit code 128 + 15).  os._exit, not sys.exit: the
    signal may land inside an import's weak-reference callback, where a SystemExit is printed as an
    ignored exception with its traceback and the start-up goes on."""
    with contextlib.suppress(OSError, ValueError):
        sys.stderr.write("citeguard: terminated\n")
        sys.stderr.flush()
    os._exit(143)


def run() -> None:
    with contextlib.suppress(ValueError, OSError):  # ValueError: not the main thread (embedded use)
        signal.signal(signal.SIGTERM, _terminated_early)
    if sys.argv[1:] == ["--version"]:  # asked by scripts and CI logs: answered without loading the CLI (0.3 s)
        from citeguard import __version__
        sys.stdout.write(f"citeguard {__version__}\n")
        return
    from citeguard.cli import main  # (cli.main installs its own handler before the run)

    main()


if __name__ == "__main__":
    run()
