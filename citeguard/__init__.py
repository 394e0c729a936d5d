"""citeguard: a bilingual (Chinese/English) citation and footnote verifier.

Library use::

    from citeguard import load_document
    doc = load_document("paper.txt")
    for citation in doc.citations: ...
    doc, findings = audit_file("paper.txt")
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from citeguard.api import audit_file, document_from_text, load_document

__all__ = ["__version__", "audit_file", "document_from_text", "load_document"]

# The library's face, loaded on first use: importing the package (as `python -m citeguard` does
# before anything else) stays cheap, so the command line can install its signal handler at once.
_API = frozenset({"audit_file", "document_from_text", "load_document"})


def __getattr__(name: str) -> Any:
    if name in _API:
        from citeguard import api
        return getattr(api, name)
    raise AttributeError(f"module 'citeguard' has no attribute {name!r}")
