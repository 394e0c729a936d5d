"""Files → text with a map back to the original line and column of every character."""

from citeguard.ingest.source import IngestError, SourceText, decode, read_source

__all__ = ["IngestError", "SourceText", "decode", "read_source"]
