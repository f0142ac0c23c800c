"""Reading files without trusting them: XLSX (python-calamine), CSV (csv module, UTF-8 / UTF-8
with BOM / UTF-16 with BOM only), ODK Central zips, DOCX and TXT transcripts.

Rows are streamed: `Table.rows()` yields `(row_number, cells)` with every cell as a clean string
(Excel's `_x000D_` turned back into a line break, line ends normalised to `\\n`). Zip containers
(XLSX, DOCX, ODK zips) are checked before anything is decompressed: the declared uncompressed
sizes are capped (MAX_UNCOMPRESSED in total) and so is the compression ratio, and every table is
capped at MAX_ROWS rows.
"""

from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import os
import re
import zipfile
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from pathlib import Path

from django.utils.translation import gettext as _

from .report import ImportRejected, entry
from .values import clean_text

MAX_UNCOMPRESSED = 2 * 1024 * 1024 * 1024  # bytes, all members of a zip together
MAX_RATIO = 1000  # uncompressed / compressed, per member larger than 1 MB
MAX_ROWS = 1_000_000  # per table
CHUNK = 1024 * 1024

csv.field_size_limit(16 * 1024 * 1024)

TABLE_EXTENSIONS = {".xlsx", ".xlsm", ".xls", ".xlsb", ".ods"}
CSV_EXTENSIONS = {".csv", ".tsv"}
TRANSCRIPT_EXTENSIONS = {".docx", ".txt", ".text", ".md"}


def reject(code: str, message: str, **extra) -> ImportRejected:
    return ImportRejected(entry(code, message, **extra))


@dataclass
class Table:
    name: str | None  # None: the main table; else the repeat's sheet or file name
    headers: list[str]
    known_count: int | None  # data rows (blank rows included); None: not counted yet
    rows: Callable[[], Iterator[tuple[int, list[str]]]] = field(repr=False)
    counter: Callable[[], int] | None = field(default=None, repr=False)

    @property
    def count(self) -> int:
        """The number of data rows, counted when first asked (an XLSX read without
        `count_rows` counts a sheet only if someone asks before its rows are read)."""
        if self.known_count is None:
            self.known_count = self.counter()
        return self.known_count


@dataclass
class Source:
    kind: str  # "xlsx", "csv", "zip", "transcript"
    main: Table | None = None
    repeats: list[Table] = field(default_factory=list)
    paragraphs: list[str] | None = None  # transcripts


def cell_text(value) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        return clean_text(value)
    if isinstance(value, bool):
        return "1" if value else "0"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    if isinstance(value, dt.datetime):
        return value.isoformat(sep="T")
    if isinstance(value, (dt.date, dt.time)):
        return value.isoformat()
    if isinstance(value, dt.timedelta):
        return str(value)
    return clean_text(str(value))


# --- zip containers ---------------------------------------------------------------------------

def check_zip(path_or_file, filename: str) -> zipfile.ZipFile:
    try:
        archive = zipfile.ZipFile(path_or_file)
        infos = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, EOFError, ValueError) as exc:
        raise reject("corrupt_file", _(
            "The file %(name)s is damaged or incomplete (it is not a valid zip container). "
            "Download it again and retry.") % {"name": filename}) from exc
    total = 0
    for info in infos:
        total += info.file_size
        if info.file_size > CHUNK and info.file_size > MAX_RATIO * max(info.compress_size, 1):
            raise reject("too_large", _(
                "The file %(name)s expands to far more data than it holds (a \"zip bomb\"); "
                "it was not read.") % {"name": filename})
    if total > MAX_UNCOMPRESSED:
        raise reject("too_large", _(
            "The file %(name)s would take %(size)d MB once uncompressed; the limit is "
            "%(limit)d MB. Export fewer rows or split the export.") % {
            "name": filename, "size": total // (1024 * 1024),
            "limit": MAX_UNCOMPRESSED // (1024 * 1024)})
    return archive


def _too_many_rows(filename: str, sheet: str | None) -> ImportRejected:
    return reject("too_many_rows", _(
        "The file %(name)s has more than %(limit)d rows; split the export.") % {
        "name": filename, "limit": MAX_ROWS}, sheet=sheet)


# --- XLSX -------------------------------------------------------------------------------------

_REL_NS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id"
_CELL_REF_RE = re.compile(r"([A-Z]+)")


def _column_number(ref: str) -> int:
    letters = _CELL_REF_RE.match(ref or "")
    number = 0
    for ch in letters.group(1) if letters else "":
        number = number * 26 + ord(ch) - 64
    return number


def _local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def _shared_strings(archive: zipfile.ZipFile, wanted: set[int]) -> dict[int, str]:
    """The shared strings with these indexes, read by streaming until the last one is found."""
    from xml.etree import ElementTree

    found: dict[int, str] = {}
    if not wanted or "xl/sharedStrings.xml" not in archive.namelist():
        return found
    last = max(wanted)
    index = -1
    with archive.open("xl/sharedStrings.xml") as stream:
        for _event, element in ElementTree.iterparse(stream, events=("end",)):  # noqa: S314
            if _local(element.tag) != "si":
                continue
            index += 1
            if index in wanted:
                found[index] = "".join(t.text or "" for t in element.iter()
                                       if _local(t.tag) == "t")
            element.clear()
            if index >= last:
                break
    return found


def _sheet_outline(path: str) -> list[tuple[str, str, list, bool]]:
    """(name, zip member, header cells, has data rows?) of each sheet, without loading any
    sheet: the header is the first <row> of the sheet's XML, streamed, and the next element
    tells whether a data row follows. (Both openpyxl, which scans every sheet for its
    dimensions when it opens a workbook, and calamine, which loads a sheet whole, cost the
    whole file here.)"""
    import posixpath
    from xml.etree import ElementTree

    outline = []
    with zipfile.ZipFile(path) as archive:
        names = set(archive.namelist())
        workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))  # noqa: S314
        rels = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))  # noqa: S314
        targets = {rel.get("Id"): rel.get("Target", "") for rel in rels}
        for sheet in workbook.iter():
            if _local(sheet.tag) != "sheet":
                continue
            target = targets.get(sheet.get(_REL_NS), "")
            member = target.lstrip("/") if target.startswith("/") else posixpath.normpath(
                posixpath.join("xl", target))
            if member not in names:
                continue
            cells: list[tuple[int, str, str]] = []  # (column, type, raw value)
            header_done = more = False
            with archive.open(member) as stream:
                for _event, element in ElementTree.iterparse(stream, events=("end",)):  # noqa: S314
                    tag = _local(element.tag)
                    if header_done:  # the element after the header row: a row, or the end
                        more = tag not in ("sheetData", "worksheet")
                        break
                    if tag == "c":
                        kind = element.get("t", "n")
                        if kind == "inlineStr":
                            value = "".join(t.text or "" for t in element.iter()
                                            if _local(t.tag) == "t")
                        else:
                            v = next((x for x in element if _local(x.tag) == "v"), None)
                            value = v.text if v is not None and v.text else ""
                        cells.append((_column_number(element.get("r", "")), kind, value))
                    elif tag == "row":
                        header_done = True
            shared = _shared_strings(archive, {int(v) for _c, k, v in cells
                                               if k == "s" and v.isdigit()})
            header: list = []
            for position, (column, kind, value) in enumerate(cells, start=1):
                column = column or position
                while len(header) < column - 1:
                    header.append(None)
                header.append(shared.get(int(value), "") if kind == "s" and value.isdigit()
                              else value)
            outline.append((sheet.get("name"), member, header, more))
    return outline


def _count_rows(path: str, member: str) -> int:
    """The number of `<row` elements of a sheet, counted on the decompressed stream without
    parsing (the header row included)."""
    rows, tail = 0, b""
    with zipfile.ZipFile(path) as archive, archive.open(member) as stream:
        while chunk := stream.read(CHUNK):
            data = tail + chunk
            rows += data.count(b"<row ") + data.count(b"<row>")
            tail = data[-5:]
            rows -= tail.count(b"<row ") + tail.count(b"<row>")
        rows += tail.count(b"<row ") + tail.count(b"<row>")
    return rows


def read_workbook(path: str, filename: str, *, count_rows: bool = True) -> Source:
    """XLSX: headers (and row counts) first, streamed from the sheet XML, then each sheet's
    rows with python-calamine — by measurement ~20× faster than openpyxl — loading ONE sheet
    at a time and letting it go when its rows are read, so the peak memory is that of the
    largest sheet, not of the workbook (a 100,000-submission Kobo export has a main and a
    repeat sheet).

    Counting a sheet's rows costs a quarter of reading it with calamine, so without
    `count_rows` (the import) a sheet is counted only if its count is asked before its rows
    are read; reading the rows takes the count from calamine's loaded sheet, and checks the
    row cap there."""
    from python_calamine import CalamineWorkbook

    if zipfile.is_zipfile(path):
        check_zip(path, filename).close()
    elif Path(filename).suffix.lower() in {".xlsx", ".xlsm", ".ods"}:
        raise reject("corrupt_file", _(
            "The file %(name)s is damaged or incomplete (it is not a valid zip container). "
            "Download it again and retry.") % {"name": filename})
    try:
        outline = _sheet_outline(path)
        workbook = CalamineWorkbook.from_path(path)
    except Exception as exc:  # zip, XML or format errors from either reader
        raise reject("corrupt_file", _(
            "The spreadsheet %(name)s could not be read: %(reason)s") % {
            "name": filename, "reason": type(exc).__name__}) from exc
    tables = []
    for index, (name, member, header, more) in enumerate(outline):
        headers = [cell_text(c) for c in header]
        if not any(headers):
            continue

        def counter(name=name, member=member):
            try:
                height = _count_rows(path, member)
            except Exception as exc:  # a damaged member: zlib or zip errors
                raise reject("corrupt_file", _(
                    "The spreadsheet %(name)s could not be read: %(reason)s") % {
                    "name": filename, "reason": type(exc).__name__}, sheet=name) from exc
            if height > MAX_ROWS + 1:
                raise _too_many_rows(filename, name)
            return max(height - 1, 0)

        table = Table(None if index == 0 else name, headers, None if more else 0, None,
                      counter)

        def iterate(name=name, table=table):
            try:
                sheet = workbook.get_sheet_by_name(name)
            except Exception as exc:
                raise reject("corrupt_file", _(
                    "The spreadsheet %(name)s could not be read: %(reason)s") % {
                    "name": filename, "reason": type(exc).__name__}, sheet=name) from exc
            if sheet.height > MAX_ROWS + 1:
                raise _too_many_rows(filename, name)
            if table.known_count is None:
                table.known_count = max(sheet.height - 1, 0)
            it = sheet.iter_rows()
            del sheet
            next(it, None)
            for number, row in enumerate(it, start=2):
                # cell_text() inlined for the common case, a string without escapes or CRs
                yield number, [(c.strip() if "_x" not in c and "\r" not in c
                                else clean_text(c)) if c.__class__ is str else cell_text(c)
                               for c in row]

        table.rows = iterate
        if count_rows:
            table.count  # noqa: B018 -- counts now, and rejects a sheet over the cap
        tables.append(table)
    if not tables or tables[0].name is not None:
        raise reject("empty_file", _("The file %(name)s is empty: it has no header row.")
                     % {"name": filename}, row=1)
    return Source("xlsx", tables[0], tables[1:])


# --- CSV --------------------------------------------------------------------------------------

def sniff_encoding(head: bytes) -> str:
    if head.startswith(codecs.BOM_UTF8):
        return "utf-8-sig"
    if head.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return "utf-16"
    return "utf-8"


def _not_utf8(filename: str, row: int | None) -> ImportRejected:
    return reject("not_utf8", _(
        "The file %(name)s is not UTF-8 text. Save it again as \"CSV UTF-8\" (or UTF-16 with "
        "a byte-order mark) and retry; other encodings are not guessed.") % {"name": filename},
        row=row)


def check_encoding(opener: Callable[[], io.BufferedIOBase], filename: str) -> str:
    """The encoding of a text file, after decoding all of it once; rejects what is not UTF-8 /
    UTF-8-SIG / UTF-16 with BOM."""
    with opener() as raw:
        head = raw.read(4)
        encoding = sniff_encoding(head)
        decoder = codecs.getincrementaldecoder(encoding)(errors="strict")
        lines = 1
        chunk = head
        while True:
            if encoding == "utf-8" and b"\x00" in chunk:
                raise _not_utf8(filename, lines)
            try:
                text = decoder.decode(chunk, final=not chunk)
            except UnicodeDecodeError as exc:
                lines += chunk[:exc.start].count(b"\n")
                raise _not_utf8(filename, lines) from exc
            lines += text.count("\n")
            if not chunk:
                break
            chunk = raw.read(CHUNK)
    return encoding


def _delimiter(header_line: str) -> str:
    counts = {}
    for delimiter in (",", ";", "\t", "|"):
        inside, n = False, 0
        for ch in header_line:
            if ch == '"':
                inside = not inside
            elif ch == delimiter and not inside:
                n += 1
        counts[delimiter] = n
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def csv_table(opener: Callable[[], io.BufferedIOBase], filename: str,
              name: str | None = None) -> Table:
    encoding = check_encoding(opener, filename)
    with opener() as raw:
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        first = text.readline()
    if not first.strip():
        raise reject("empty_file", _("The file %(name)s is empty: it has no header row.")
                     % {"name": filename}, row=1)
    delimiter = "\t" if filename.lower().endswith(".tsv") else _delimiter(first)

    def reader():
        raw = opener()
        text = io.TextIOWrapper(raw, encoding=encoding, newline="")
        return raw, csv.reader(text, delimiter=delimiter)

    raw, rows = reader()
    try:
        try:
            headers = [clean_text(h) for h in next(rows)]
            count = 0
            for _row in rows:
                count += 1
                if count > MAX_ROWS:
                    raise _too_many_rows(filename, name)
        except csv.Error as exc:
            raise reject("bad_csv", _("The CSV file %(name)s could not be read near row "
                                      "%(row)d: %(reason)s") % {
                "name": filename, "row": rows.line_num, "reason": exc},
                row=rows.line_num) from exc
    finally:
        raw.close()

    def iterate():
        raw, rows = reader()
        try:
            next(rows, None)
            for number, row in enumerate(rows, start=2):
                yield number, [clean_text(c) for c in row]
        finally:
            raw.close()

    return Table(name, headers, count, iterate)


def repeat_name(stem: str, main_stem: str) -> str:
    if main_stem and stem.startswith(main_stem + "-"):
        return stem[len(main_stem) + 1:]
    return stem


def read_zip(path: str, filename: str) -> Source:
    archive = check_zip(path, filename)
    members = [i.filename for i in archive.infolist()
               if i.filename.lower().endswith(".csv") and not i.is_dir()]
    archive.close()
    if not members:
        raise reject("empty_file", _("The zip file %(name)s holds no CSV file.")
                     % {"name": filename})

    def opener_for(member):
        def opener():
            # one ZipFile per open stream, closed with it
            zf = zipfile.ZipFile(path)
            stream = zf.open(member)
            original_close = stream.close

            def close():
                original_close()
                zf.close()

            stream.close = close
            return stream
        return opener

    tables = [csv_table(opener_for(m), f"{filename}:{m}", Path(m).stem) for m in members]
    main = [t for t in tables if "PARENT_KEY" not in t.headers]
    if len(main) != 1:
        main = sorted(tables, key=lambda t: len(t.name or ""))[:1]
    main_table = main[0]
    main_stem = main_table.name or ""
    repeats = [t for t in tables if t is not main_table]
    for table in repeats:
        table.name = repeat_name(table.name or "", main_stem)
    main_table.name = None
    return Source("zip", main_table, repeats)


# --- transcripts ------------------------------------------------------------------------------

def read_transcript(path: str, filename: str) -> Source:
    suffix = Path(filename).suffix.lower()
    if suffix == ".docx":
        check_zip(path, filename).close()
        try:
            import docx

            document = docx.Document(path)
            paragraphs = [clean_text(p.text) for p in document.paragraphs]
        except Exception as exc:  # python-docx raises KeyError, ValueError, lxml errors…
            raise reject("corrupt_file", _(
                "The document %(name)s could not be read: %(reason)s") % {
                "name": filename, "reason": exc}) from exc
    else:
        encoding = check_encoding(lambda: open(path, "rb"), filename)
        with open(path, encoding=encoding, newline="") as handle:
            paragraphs = [clean_text(line) for line in handle.read().splitlines()]
    if not any(paragraphs):
        raise reject("empty_file", _("The file %(name)s is empty.") % {"name": filename})
    return Source("transcript", paragraphs=paragraphs)


# --- dispatch ---------------------------------------------------------------------------------

def open_source(path: str | os.PathLike, filename: str, extra_paths=(), *,
                count_rows: bool = True) -> Source:
    path = str(path)
    try:
        size = os.path.getsize(path)
    except OSError as exc:
        raise reject("missing_file", _("The file %(name)s cannot be opened.")
                     % {"name": filename}) from exc
    if size == 0:
        raise reject("empty_file", _("The file %(name)s is empty.") % {"name": filename},
                     row=1)
    suffix = Path(filename).suffix.lower()
    if suffix not in TABLE_EXTENSIONS | CSV_EXTENSIONS | TRANSCRIPT_EXTENSIONS | {".zip"}:
        suffix = _sniff_suffix(path)
    if suffix in TRANSCRIPT_EXTENSIONS:
        return read_transcript(path, filename)
    if suffix == ".zip":
        source = read_zip(path, filename)
    elif suffix in CSV_EXTENSIONS:
        source = Source("csv", csv_table(lambda: open(path, "rb"), filename))
    elif suffix in TABLE_EXTENSIONS:
        source = read_workbook(path, filename, count_rows=count_rows)
    else:
        raise reject("unsupported_format", _(
            "The file %(name)s is not a format the importer reads (XLSX, CSV, ODK Central zip, "
            "DOCX or TXT).") % {"name": filename})
    main_stem = Path(filename).stem
    for extra in extra_paths or ():
        extra = str(extra)
        name = Path(extra).name
        if name.lower().endswith(".zip"):
            source.repeats.extend(read_zip(extra, name).repeats)
            continue
        table = csv_table(lambda extra=extra: open(extra, "rb"), name,
                          repeat_name(Path(extra).stem, main_stem))
        source.repeats.append(table)
    return source


def _sniff_suffix(path: str) -> str:
    with open(path, "rb") as handle:
        head = handle.read(8)
    if head.startswith(b"PK"):
        try:
            with zipfile.ZipFile(path) as archive:
                names = set(archive.namelist())
        except zipfile.BadZipFile:
            return ".xlsx"  # reported as damaged by the workbook reader
        if "word/document.xml" in names:
            return ".docx"
        if "xl/workbook.xml" in names:
            return ".xlsx"
        return ".zip"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return ".xls"
    return ""
