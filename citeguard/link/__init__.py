"""Link stage: in-text citations ↔ reference entries (``citations``), and the items reference
managers' fields cite ↔ the entries printed for them (``fields``)."""

from citeguard.link.citations import (
    KEY_CASE_REASON,
    MAX_CHOICE,
    OCR_NAME_REASON,
    co_author_fits,
    could_be_scanner_slip,
    entry_keys,
    link_citations,
    pages_cover,
)
from citeguard.link.fields import field_title, link_fields

__all__ = ["KEY_CASE_REASON", "MAX_CHOICE", "OCR_NAME_REASON", "co_author_fits", "could_be_scanner_slip",
           "entry_keys", "field_title", "link_citations", "link_fields", "pages_cover"]
