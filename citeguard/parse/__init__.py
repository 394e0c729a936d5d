"""Pure parsing: source text → :class:`~citeguard.model.Document` (citations not yet linked);
the passes are in ``parse.document``."""

from citeguard.parse.document import parse_source, parse_text
from citeguard.parse.entries import parse_entry

__all__ = ["parse_entry", "parse_source", "parse_text"]
