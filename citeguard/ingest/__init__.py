"""Files → text with a map back to the original line and column of every character."""

from citeguard.ingest.project import Project, read_project
from citeguard.ingest.source import decode, read_source
from citeguard.ingest.sourcetext import IngestError, SourceText

__all__ = ["IngestError", "Project", "SourceText", "decode", "read_project", "read_source"]
