"""Files → text with a map back to the original line and column of every character."""

from citeguard.ingest.project import Project, read_project
from citeguard.ingest.source import IngestError, SourceText, decode, read_source

__all__ = ["IngestError", "Project", "SourceText", "decode", "read_project", "read_source"]
