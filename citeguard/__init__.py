"""citeguard: a bilingual (Chinese/English) citation and footnote verifier.

Library use::

    from citeguard import load_document
    doc = load_document("paper.txt")
    for citation in doc.citations: ...
"""

from citeguard.api import document_from_text, load_document

__version__ = "0.1.0"
__all__ = ["__version__", "document_from_text", "load_document"]
