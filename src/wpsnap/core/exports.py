"""Spreadsheet-safe exports shared by the apps: formula-injection-safe cells and CSV files
that Excel opens with Khmer intact."""

import csv
import io

# A cell starting with one of these is a formula to Excel / LibreOffice.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: str) -> str:
    value = value or ""
    return f"'{value}" if value.startswith(FORMULA_START) else value


def unsafe_cell(value: str) -> str:
    """Undo `safe_cell` (a leading apostrophe before a formula character)."""
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r":
        return value[1:]
    return value


def csv_bytes(header: list[str], rows) -> bytes:
    """UTF-8 with a byte-order mark (Excel then shows Khmer); formula-safe cells."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(header)
    for row in rows:
        writer.writerow([safe_cell(str(v)) for v in row])
    return ("\ufeff" + out.getvalue()).encode("utf-8")
