"""Is the quotation really there? Quoted, page-cited passages against the office's library of
editions and against the cited web pages (issue 24): the library and its index
(quotes.library, quotes.index), matching (quotes.match) and the verdicts (quotes.check)."""

from citeguard.quotes.check import check_quotations, check_row, quoted_urls
from citeguard.quotes.fold import fold
from citeguard.quotes.index import EditionIndex, default_index_path
from citeguard.quotes.library import LibraryError, Source, html_text, load_library, unpaged, web_source
from citeguard.quotes.match import source_of
from citeguard.records import QuoteStatus, QuoteVerdict

__all__ = ["EditionIndex", "LibraryError", "QuoteStatus", "QuoteVerdict", "Source", "check_quotations", "check_row",
           "default_index_path", "fold", "html_text", "load_library", "quoted_urls", "source_of",
           "unpaged", "web_source"]
