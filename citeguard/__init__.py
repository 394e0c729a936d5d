"""citeguard: a bilingual (Chinese/English) citation and footnote verifier.

Library use::

    from citeguard import load_document
    doc = load_document("paper.txt")
    for citation in doc.citations: ...
    doc, findings = audit_file("paper.txt")
"""

__version__ = "0.1.0"

from citeguard.api import audit_file, document_from_text, load_document

__all__ = ["__version__", "audit_file", "document_from_text", "load_document"]
