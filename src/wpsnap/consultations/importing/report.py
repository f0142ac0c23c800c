"""What an import or an inspection tells the user: ImportReport, Inspection, ImportRejected.

Every entry of `skipped`, `warnings` and `errors` is a dict with at least
`{"row": int | None, "column": str | None, "code": str, "message": str}`; `message` is
translated into the active language when the entry is made. `row` is the row number as a
spreadsheet shows it (the header is row 1) or, for transcripts, the paragraph number; entries
about a repeat sheet also carry `"sheet"`.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Lists longer than this are cut (the totals stay exact): a 100,000-row file must not produce a
# report of 100,000 entries.
MAX_ENTRIES = 2000


def entry(code: str, message: str, *, row: int | None = None, column: str | None = None,
          **extra) -> dict:
    out = {"row": row, "column": column, "code": code, "message": str(message)}
    out.update(extra)
    return out


class ImportRejected(Exception):
    """The file cannot be imported at all. Raised inside the engine and turned into a report
    with status "rejected" by `import_file` / `inspect_file`, which never raise it for bad input.
    """

    def __init__(self, errors: list[dict] | dict):
        self.errors = [errors] if isinstance(errors, dict) else list(errors)
        super().__init__("; ".join(e["message"] for e in self.errors))

    def to_json(self) -> dict:
        return {"status": "rejected", "errors": self.errors}


@dataclass
class _Entries:
    skipped: list[dict] = field(default_factory=list)
    warnings: list[dict] = field(default_factory=list)
    errors: list[dict] = field(default_factory=list)
    totals: dict = field(default_factory=lambda: {"skipped": 0, "warnings": 0, "errors": 0})

    def _add(self, kind: str, item: dict) -> None:
        self.totals[kind] += 1
        bucket = getattr(self, kind)
        if len(bucket) < MAX_ENTRIES:
            bucket.append(item)

    def skip(self, item: dict) -> None:
        self._add("skipped", item)

    def warn(self, item: dict) -> None:
        self._add("warnings", item)

    def error(self, item: dict) -> None:
        self._add("errors", item)


@dataclass
class ImportReport(_Entries):
    format: str = ""
    rows: int = 0
    participants_new: int = 0
    statements_new: int = 0
    participants_existing: int = 0
    statements_existing: int = 0
    rows_imported: int = 0
    dry_run: bool = False
    dataset_id: int | None = None
    status: str = "ok"

    @property
    def ok(self) -> bool:
        return self.status == "ok"

    def reject(self, errors: list[dict]) -> None:
        for item in errors:
            self.error(item)
        self.status = "rejected"

    def to_json(self) -> dict:
        return {
            "status": self.status,
            "rows": self.rows,
            "participants_new": self.participants_new,
            "statements_new": self.statements_new,
            "skipped": self.skipped,
            "warnings": self.warnings,
            "errors": self.errors,
            # additional keys
            "format": self.format,
            "dry_run": self.dry_run,
            "dataset": self.dataset_id,
            "rows_imported": self.rows_imported,
            "participants_existing": self.participants_existing,
            "statements_existing": self.statements_existing,
            "totals": dict(self.totals),
        }


@dataclass
class Inspection(_Entries):
    format: str = ""
    columns: list[dict] = field(default_factory=list)
    proposed_mapping: dict = field(default_factory=dict)
    rows: int = 0
    repeats: dict = field(default_factory=dict)  # repeat name -> row count
    languages: list[str] = field(default_factory=list)  # the XLSForm's label languages

    @property
    def ok(self) -> bool:
        return not self.errors

    def to_json(self) -> dict:
        return {
            "status": "ok" if self.ok else "rejected",
            "format": self.format,
            "columns": self.columns,
            "proposed_mapping": self.proposed_mapping,
            "rows": self.rows,
            "repeats": self.repeats,
            "languages": self.languages,
            "warnings": self.warnings,
            "errors": self.errors,
        }
