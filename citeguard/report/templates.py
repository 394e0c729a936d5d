"""The HTML templates, compiled once per machine rather than once per run.

Compiling report.html.j2 costs ~0.13 s, more than rendering it; a command-line run is a fresh
process, so the compiled code is kept in Jinja's bytecode cache in the user's cache folder
(platformdirs), keyed by the template's name and checked against its source's hash and the
Python and Jinja versions. A cache folder that cannot be made or written costs only the time.
"""

from __future__ import annotations

from functools import lru_cache
from importlib.resources import files

from jinja2 import Environment, FileSystemBytecodeCache, FunctionLoader, StrictUndefined, Template, select_autoescape


def _source(name: str) -> tuple[str, None, object]:
    """A template's text from the package (no file name: nothing is re-read from disk later)."""
    text = files("citeguard.report").joinpath(name).read_text(encoding="utf-8")
    return text, None, lambda: True


def _environment(cached: bool) -> Environment:
    bytecode_cache = None
    if cached:
        from platformdirs import user_cache_path
        folder = user_cache_path("citeguard") / "templates"
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        bytecode_cache = FileSystemBytecodeCache(str(folder))
    return Environment(loader=FunctionLoader(_source), bytecode_cache=bytecode_cache,  # type: ignore[arg-type]
                       autoescape=select_autoescape(default=True, default_for_string=True), undefined=StrictUndefined,
                       trim_blocks=True, lstrip_blocks=True)


@lru_cache(maxsize=4)
def template(name: str) -> Template:
    """``name`` (a .j2 file of citeguard.report), autoescaped, compiled once per process and
    loaded from the bytecode cache when another run compiled it already."""
    try:
        return _environment(cached=True).get_template(name)
    except OSError:  # no cache folder (read-only home, full disk): compile in memory
        return _environment(cached=False).get_template(name)
