"""The import engine (Kobo / ODK exports, generic tables, transcripts), shared by
`wpsnap import_data` and the web upload. See `engine.py`."""

from .engine import import_file, inspect_file
from .report import ImportRejected, ImportReport, Inspection

__all__ = ["ImportRejected", "ImportReport", "Inspection", "import_file", "inspect_file"]
