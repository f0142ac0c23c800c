"""Codebook exchange: the CSV export and the import (CSV or REFI-QDA .qdc, see `qdc.py`).

CSV columns: key, parent, label_en, label_km, definition_en, definition_km, examples_en,
examples_km, keywords, archived, merged_into. The file is UTF-8 with a byte-order mark (so Excel
shows Khmer), and a cell starting with = + - @ (or a tab / carriage return) is written with a
leading apostrophe so a spreadsheet does not run it as a formula; the import takes it off again.

The import upserts: a row whose key (for a .qdc: a guid this Plan issued, else the key noted in
the description, else the name) matches a Code updates it, any other row adds a Code. Codes the
file does not mention stay as they are. It is all or nothing: one bad row and nothing changes,
and every problem is reported with its row (line) and column. Archiving and merging are never
done by an import (use the merge page); a difference is reported as a warning.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from wpsnap.core.exports import csv_bytes, unsafe_cell

from .models import Code

CSV_COLUMNS = ["key", "parent", "label_en", "label_km", "definition_en", "definition_km",
               "examples_en", "examples_km", "keywords", "archived", "merged_into"]
TEXT_FIELDS = ["label_en", "label_km", "definition_en", "definition_km", "examples_en",
               "examples_km", "keywords"]
LIMITS = {"label_en": 200, "label_km": 200}
KEY_RE = re.compile(r"^[-a-zA-Z0-9_]+$")
KEY_MAX = 80
YES = {"yes", "y", "true", "1", "x", "archived", "បាទ", "ចាស"}
NO = {"", "no", "n", "false", "0"}
MAX_BYTES = 10 * 1024 * 1024


class ImportProblems(Exception):
    """The file cannot be imported; `problems` lists {"row", "column", "message"}."""

    def __init__(self, problems: list[dict]):
        self.problems = problems
        super().__init__("; ".join(p["message"] for p in problems))


def problem(row, column, message) -> dict:
    return {"row": row, "column": column, "message": str(message)}


# --- CSV export ---------------------------------------------------------------------------------

def ordered_codes(plan) -> list[Code]:
    """Every Code of the Plan (archived ones too), parents before their children."""
    from .queries.codebook import walk

    codes = list(Code.objects.filter(plan=plan).select_related("parent", "merged_into"))
    return [code for code, _depth in walk(codes)]


def export_csv(plan) -> bytes:
    return csv_bytes(CSV_COLUMNS, (
        [code.key, code.parent.key if code.parent_id else "",
         code.label_en, code.label_km, code.definition_en, code.definition_km,
         code.examples_en, code.examples_km, code.keywords,
         "yes" if code.archived_at else "",
         code.merged_into.key if code.merged_into_id else ""]
        for code in ordered_codes(plan)))


# --- rows to import -----------------------------------------------------------------------------

@dataclass
class Row:
    """One Code as a file describes it. `fields` holds only what the file gives."""

    line: int
    key: str = ""
    fields: dict[str, str] = field(default_factory=dict)
    parent: str | None = None  # a key; "" = at the top; None = not given
    parent_row: int | None = None  # .qdc: index of the enclosing Code's row
    archived: bool | None = None
    merged_into: str = ""
    guid: str = ""
    name: str = ""
    columns: dict[str, str] = field(default_factory=dict)  # field -> column name in the file
    code: Code | None = None  # the matched existing Code

    def column(self, name: str) -> str:
        return self.columns.get(name, name)


def read_csv(data: bytes, filename: str = "codebook.csv") -> list[Row]:
    from wpsnap.consultations.importing.readers import csv_table
    from wpsnap.consultations.importing.report import ImportRejected

    try:
        table = csv_table(lambda: io.BytesIO(data), filename)
    except ImportRejected as exc:
        raise ImportProblems([problem(e.get("row"), e.get("column"), e["message"])
                              for e in exc.errors]) from None
    headers = [h.strip().casefold().lstrip("\ufeff") for h in table.headers]
    missing = [c for c in ("key", "label_en") if c not in headers]
    if missing:
        raise ImportProblems([problem(1, c, _("The column “%(column)s” is missing; the first "
                                              "row must name the columns (key, parent, "
                                              "label_en, …).") % {"column": c})
                              for c in missing])
    position = {}
    for index, name in enumerate(headers):
        if name in CSV_COLUMNS and name not in position:
            position[name] = index
    rows = []
    for number, cells in table.rows():
        if not any(c.strip() for c in cells):
            continue
        values = {name: unsafe_cell(cells[i]) if i < len(cells) else ""
                  for name, i in position.items()}
        row = Row(line=number, key=values["key"].strip())
        for name in TEXT_FIELDS:
            if name in values:
                row.fields[name] = values[name].strip()
        if "parent" in values:
            row.parent = values["parent"].strip()
        if "archived" in values:
            flag = values["archived"].strip().casefold()
            if flag in YES:
                row.archived = True
            elif flag in NO:
                row.archived = False
            else:
                raise ImportProblems([problem(number, "archived", _(
                    "Write “yes” or leave the cell empty (found “%(value)s”).")
                    % {"value": values["archived"][:40]})])
        row.merged_into = values.get("merged_into", "").strip()
        rows.append(row)
    if not rows:
        raise ImportProblems([problem(2, None, _("The file has no Codes below its header "
                                                 "row."))])
    return rows


# --- the upsert ---------------------------------------------------------------------------------

@dataclass
class ImportResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    warnings: list[dict] = field(default_factory=list)


def _unique_key(base: str, taken: set[str]) -> str:
    base = (slugify(base) or "code")[:KEY_MAX - 4]
    key, n = base, 2
    while key in taken:
        key = f"{base}-{n}"
        n += 1
    return key


def _reference_links(key: str) -> dict:
    from wpsnap.frameworks.models import Pillar, SecurityIssue

    pillar = Pillar.objects.filter(key=key, cross_cutting=False).first()
    if pillar:
        return {"pillar": pillar}
    issue = SecurityIssue.objects.filter(key=key).first()
    return {"security_issue": issue} if issue else {}


def _match(plan, rows: list[Row], codes: dict[str, Code], problems: list[dict]) -> None:
    """Find each row's existing Code and settle the keys of new ones."""
    from .qdc import code_guid

    guids = {code_guid(plan, key): code for key, code in codes.items()}
    labels: dict[str, list[Code]] = {}
    for code in codes.values():
        for label in {code.label_en.strip().casefold(), code.label_km.strip().casefold()} - {""}:
            labels.setdefault(label, []).append(code)
    claimed: dict[int, int] = {}
    for row in rows:
        code = guids.get(row.guid.strip().upper()) if row.guid else None
        if code is None and row.key:
            code = codes.get(row.key)
        if code is None and row.name and not row.key:
            found = labels.get(row.name.strip().casefold(), [])
            code = found[0] if len(found) == 1 else None
        if code is not None:
            if code.pk in claimed:
                problems.append(problem(row.line, row.column("key"), _(
                    "This row describes the same Code (%(key)s) as row %(other)s.")
                    % {"key": code.key, "other": claimed[code.pk]}))
            claimed[code.pk] = row.line
            row.code = code
            row.key = code.key
    taken = set(codes) | {row.key for row in rows if row.key}
    seen: dict[str, int] = {}
    for row in rows:
        if row.code is None:
            if not row.key:
                row.key = _unique_key(row.name or row.fields.get("label_en", ""), taken)
                taken.add(row.key)
            elif not KEY_RE.match(row.key) or len(row.key) > KEY_MAX:
                problems.append(problem(row.line, row.column("key"), _(
                    "“%(key)s” is not a valid key: use letters, digits, hyphens and "
                    "underscores only, at most %(max)s characters.")
                    % {"key": row.key[:100], "max": KEY_MAX}))
        if row.key in seen and row.code is None:
            problems.append(problem(row.line, row.column("key"), _(
                "The key “%(key)s” is already used on row %(other)s.")
                % {"key": row.key, "other": seen[row.key]}))
        seen.setdefault(row.key, row.line)


def _resolver(rows: list[Row], codes: dict[str, Code], live: dict[str, Code]):
    file_rows = {row.key: row for row in rows}

    def resolve(key: str) -> str | None:
        """The key that stands for `key` after merges, or None when nobody has it."""
        if key in file_rows:
            return key
        if key in live:
            return live[key].key
        return None

    return resolve


def _check(rows: list[Row], codes: dict[str, Code], live: dict[str, Code],
           problems: list[dict], warnings: list[dict]) -> dict[str, str | None]:
    """Validate fields and references; return the parent of every key after the import."""
    resolve = _resolver(rows, codes, live)
    for row in rows:
        for name, value in row.fields.items():
            if name in LIMITS and len(value) > LIMITS[name]:
                problems.append(problem(row.line, row.column(name), _(
                    "Too long: at most %(max)s characters.") % {"max": LIMITS[name]}))
        label = row.fields.get("label_en")
        if (row.code is None and not label) or (label is not None and not label):
            problems.append(problem(row.line, row.column("label_en"), _(
                "Every Code needs an English label.")))
        if row.parent_row is not None:
            row.parent = rows[row.parent_row].key
        elif row.parent:
            resolved = resolve(row.parent)
            if resolved is None:
                problems.append(problem(row.line, row.column("parent"), _(
                    "There is no Code “%(key)s”, neither in the file nor in the Codebook.")
                    % {"key": row.parent[:100]}))
            else:
                row.parent = resolved
        if row.merged_into:
            resolved = resolve(row.merged_into)
            if resolved is None:
                problems.append(problem(row.line, row.column("merged_into"), _(
                    "There is no Code “%(key)s”, neither in the file nor in the Codebook.")
                    % {"key": row.merged_into[:100]}))
            row.merged_into = resolved or ""
        if row.code is not None:
            was = row.code.archived_at is not None
            if row.archived is not None and row.archived != was:
                warnings.append(problem(row.line, row.column("archived"), _(
                    "The file says this Code is %(file)s but in the Codebook it is %(db)s; the "
                    "import does not archive or merge Codes (use the merge page), so it stays "
                    "as it is.") % {"file": _("archived") if row.archived else _("active"),
                                    "db": _("archived") if was else _("active")}))
        elif row.archived and not row.merged_into:
            problems.append(problem(row.line, row.column("merged_into"), _(
                "A new archived Code must name the Code it was merged into.")))
    parents: dict[str, str | None] = {
        key: (code.parent.key if code.parent_id else None) for key, code in codes.items()}
    for row in rows:
        if row.parent is not None:
            parents[row.key] = row.parent or None
        elif row.code is None:
            parents[row.key] = None
    archived = {key for key, code in codes.items() if code.archived_at is not None}
    archived |= {row.key for row in rows if row.code is None and row.archived}
    for row in rows:
        parent = parents.get(row.key)
        if parent and parent in archived and row.key not in archived:
            problems.append(problem(row.line, row.column("parent"), _(
                "“%(key)s” was merged into another Code and is archived; it cannot hold other "
                "Codes.") % {"key": parent}))
        seen, key = {row.key}, parent
        while key is not None:
            if key in seen:
                problems.append(problem(row.line, row.column("parent"), _(
                    "This parent would put the Code under itself (a loop in the tree).")))
                break
            seen.add(key)
            key = parents.get(key)
    return parents


@transaction.atomic
def apply_rows(plan, rows: list[Row], *, by=None) -> ImportResult:
    from .queries.codebook import key_index
    from .services.codebook import _next_order

    codes = {c.key: c for c in Code.objects.select_for_update(of=("self",)).filter(plan=plan)
             .select_related("parent")}
    live = key_index(plan)
    problems: list[dict] = []
    result = ImportResult()
    _match(plan, rows, codes, problems)
    parents = _check(rows, codes, live, problems, result.warnings)
    if problems:
        raise ImportProblems(sorted(problems, key=lambda p: (p["row"] or 0, p["column"] or "")))

    now = timezone.now()
    by_key = dict(codes)
    new_rows = [row for row in rows if row.code is None]
    for row in new_rows:
        by_key[row.key] = Code.objects.create(
            plan=plan, key=row.key, created_by=by,
            label_en=row.fields.get("label_en", ""),
            **{name: row.fields.get(name, "") for name in TEXT_FIELDS if name != "label_en"},
            archived_at=now if row.archived else None,
            **_reference_links(row.key))
        result.created += 1
    for row in rows:
        code = by_key[row.key]
        changed = []
        if row.code is not None:
            for name, value in row.fields.items():
                if getattr(code, name) != value:
                    setattr(code, name, value)
                    changed.append(name)
        parent_key = parents.get(row.key)
        parent = by_key[parent_key] if parent_key else None
        if row.code is None:
            code.parent = parent
            code.order = _next_order(plan, parent)
            changed += ["parent", "order"]
        elif (parent.pk if parent else None) != code.parent_id:
            code.parent = parent
            changed.append("parent")
        if row.code is None and row.merged_into:
            code.merged_into = by_key[row.merged_into]
            changed.append("merged_into")
        if changed:
            code.save()
            if row.code is not None:
                result.updated += 1
        elif row.code is not None:
            result.unchanged += 1
    return result
