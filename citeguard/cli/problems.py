"""One paper's failure as one line: the run goes on with the other papers."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from citeguard.ingest import IngestError
from citeguard.report.files import ReportWriteError

T = TypeVar("T")


def paper_problem(path: Path, action: Callable[[], T]) -> T | str:
    """``action``'s result, or the one-line reason it failed (never a traceback)."""
    try:
        return action()
    except (IngestError, ReportWriteError) as exc:
        return str(exc) if str(path) in str(exc) else f"{path}: {exc}"
    except RecursionError:
        return f"{path}: input is nested too deeply to process"
    except MemoryError:
        return f"{path}: out of memory reading this input"
    except Exception as exc:  # a bug must not print a traceback, pass for findings, or stop the run
        return f"{path}: internal error ({type(exc).__name__}: {str(exc)[:200]}); please report this with the input file"
