"""The mapping: which columns fill which Participant fields, consent, and Statements.

Shape (also the CLI's `--mapping FILE` and `Consultation.mapping`)::

    {"participant": {"sex": COL, "age_band": COL, "area": COL, "stakeholder_group": COL,
                     "disability": COL},
     "consent": {"column": COL, "yes": VALUE},
     "statements": [COL, ...],
     "values": {"area": {"kh12": "12"}, "sex": {"f": "female"}},
     "key": COL,              # optional: the submission key of a generic table
     "attributes": [COL, ...]}  # optional: else the XLSForm's select questions

COL is a question name or group path with any separator, a header, or a label.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from .headers import Column, find_column
from .report import entry
from .values import YES, fold

PARTICIPANT_FIELDS = ("sex", "age_band", "area", "stakeholder_group", "disability")

SENSITIVE = re.compile(
    r"(^|[_\s])(name|names|full_?name|first_?name|last_?name|surname|nickname|phone|tel|"
    r"telephone|mobile|email|e_?mail|contact|address|signature|photo|ឈ្មោះ|ទូរស័ព្ទ|អាសយដ្ឋាន)"
    r"($|[_\s\d])", re.IGNORECASE)

HINTS = {
    "sex": ["sex", "gender", "ភេទ"],
    "age_band": ["age_band", "age_group", "ageband", "agegroup", "age", "age_years", "អាយុ"],
    "area": ["province", "area", "province_code", "location", "ខេត្ត", "ខេត្តរាជធានី"],
    "stakeholder_group": ["stakeholder_group", "stakeholder", "respondent_group",
                          "participant_group", "group"],
    "disability": ["disability", "has_disability", "disabled", "pwd", "ពិការភាព"],
}
KEY_HINTS = ["key", "id", "respondent_id", "submission_id", "uuid", "instance_id", "row_id"]


def is_sensitive(column: Column) -> bool:
    return bool(SENSITIVE.search(column.name) or SENSITIVE.search(column.header))


@dataclass
class Resolved:
    participant: dict = field(default_factory=dict)  # field -> Column (main table)
    consent: Column | None = None
    consent_yes: str | None = None
    statements: list = field(default_factory=list)  # Columns, main or repeat
    values: dict = field(default_factory=dict)  # field -> {fold(raw): value}
    key: Column | None = None
    attributes: list = field(default_factory=list)  # Columns (select questions) of the main table
    options: dict = field(default_factory=dict)  # select_multiple key -> [option Columns]


def _lookup(columns, ref, errors, role):
    if not isinstance(ref, str) or not ref.strip():
        errors.append(entry("bad_mapping", _(
            "The mapping names no column for %(role)s.") % {"role": role}, column=None))
        return None
    hits = find_column(columns, ref)
    if not hits:
        errors.append(entry("unknown_column", _(
            "The mapping names the column \"%(column)s\" for %(role)s, but the file has no such "
            "column.") % {"column": ref, "role": role}, column=ref, row=1))
        return None
    if len(hits) > 1:
        errors.append(entry("ambiguous_column", _(
            "The mapping names the column \"%(column)s\" for %(role)s, but several columns match "
            "it (%(matches)s). Give its full group path.") % {
            "column": ref, "role": role, "matches": ", ".join(c.key for c in hits)},
            column=ref, row=1))
        return None
    return hits[0]


def resolve_mapping(mapping: dict, main: list[Column], repeats: list[list[Column]],
                    *, form=None) -> tuple[Resolved, list[dict], list[dict]]:
    """Columns for every reference of `mapping`; returns (resolved, errors, warnings)."""
    errors: list[dict] = []
    warnings: list[dict] = []
    out = Resolved()
    if not isinstance(mapping, dict):
        return out, [entry("bad_mapping", _("The mapping must be a JSON object."))], []
    every = main + [c for cols in repeats for c in cols]
    participant = mapping.get("participant") or {}
    if not isinstance(participant, dict):
        errors.append(entry("bad_mapping", _("\"participant\" in the mapping must be an object.")))
        participant = {}
    for name, ref in participant.items():
        if name not in PARTICIPANT_FIELDS:
            errors.append(entry("bad_mapping", _(
                "The mapping names an unknown Participant field \"%(field)s\"; use sex, age_band, "
                "area, stakeholder_group or disability.") % {"field": name}))
            continue
        if ref in (None, ""):
            continue
        column = _lookup(every, ref, errors, name)
        if column is None:
            continue
        if column.repeat:
            warnings.append(entry("participant_column_in_repeat", _(
                "The column \"%(column)s\" is inside the repeat group \"%(repeat)s\"; Participant "
                "fields are read from the main table only, so it was not used for %(field)s.") % {
                "column": column.key, "repeat": column.repeat, "field": name},
                column=column.key))
            continue
        out.participant[name] = column
    consent = mapping.get("consent") or {}
    if isinstance(consent, str):
        consent = {"column": consent}
    if not isinstance(consent, dict):
        errors.append(entry("bad_mapping", _("\"consent\" in the mapping must be an object.")))
        consent = {}
    if consent.get("column"):
        column = _lookup(main, consent["column"], errors, _("consent"))
        if column is not None:
            out.consent = column
            yes = consent.get("yes")
            out.consent_yes = None if yes in (None, "") else str(yes)
    statements = mapping.get("statements") or []
    if isinstance(statements, str):
        statements = [statements]
    if not isinstance(statements, list):
        errors.append(entry("bad_mapping", _("\"statements\" in the mapping must be a list.")))
        statements = []
    # A statement column missing from this file (a CSV export has no repeat sheets; an older
    # form version lacks a question) is a warning, unless none of them is there.
    missing = []
    for ref in statements:
        column = _lookup(every, ref, missing, _("statements"))
        if column is not None and column not in out.statements:
            out.statements.append(column)
    for item in missing:
        if item["code"] == "unknown_column" and out.statements:
            item["message"] = _(
                "The mapping names the column \"%(column)s\" for statements, but the file has no "
                "such column; it was left out.") % {"column": item["column"]}
            warnings.append(item)
        else:
            errors.append(item)
    values = mapping.get("values") or {}
    if not isinstance(values, dict) or not all(isinstance(v, dict) for v in values.values()):
        errors.append(entry("bad_mapping", _(
            "\"values\" in the mapping must map a field to an object of replacements.")))
        values = {}
    out.values = {name: {fold(k): str(v) for k, v in table.items()}
                  for name, table in values.items()}
    if mapping.get("key"):
        out.key = _lookup(main, mapping["key"], errors, _("the submission key"))
    used = {id(c) for c in [*out.participant.values(), out.consent, *out.statements] if c}
    for column in main:
        if column.option_of:
            out.options.setdefault(column.option_of, []).append(column)
    if "attributes" in mapping:
        refs = mapping.get("attributes") or []
        for ref in refs if isinstance(refs, list) else [refs]:
            column = _lookup(main, ref, errors, _("attributes"))
            if column is not None and not column.option_of:
                out.attributes.append(column)
    else:
        seen = set()
        for column in main:
            if id(column) in used or column.option_of or is_sensitive(column):
                continue
            if column.type in ("select_one", "select_multiple") and column.key not in seen:
                seen.add(column.key)
                out.attributes.append(column)
        # a select_multiple exported only as 0/1 columns has no summary column
        for key, options in out.options.items():
            if key not in seen and not any(c.key == key for c in main) and (
                    form is not None or len(options) > 1):
                summary = Column(index=-1, header=key, key=key, type="select_multiple",
                                 question=form.questions.get(key) if form else None)
                seen.add(key)
                out.attributes.append(summary)
    return out, errors, warnings


def propose(main: list[Column], repeats: list[list[Column]], *, fmt: str,
            samples: dict | None = None) -> dict:
    """A mapping guessed from the XLSForm's question types and common column names."""
    samples = samples or {}
    usable = [c for c in main if c.type not in ("meta", "select_multiple_option", "note")
              and not c.option_of]
    taken: set[int] = set()
    participant = {}
    for name, hints in HINTS.items():
        for hint in hints:
            folded = fold(hint)
            found = [c for c in usable if id(c) not in taken and (
                fold(c.name) == folded or fold(c.label) == folded
                or c.name.casefold().endswith(f"_{hint}") and hint not in ("group", "area"))]
            if found:
                participant[name] = found[0].key
                taken.add(id(found[0]))
                break
    mapping: dict = {"participant": participant}
    consent = [c for c in usable if id(c) not in taken and (
        "consent" in c.name.casefold() or "agree" in c.name.casefold()
        or ("យល់ព្រម" in c.header and len(c.header) <= 30))
        and c.type not in ("note", "text")]
    if consent:
        column = consent[0]
        taken.add(id(column))
        yes = "yes"
        if column.question and column.question.choices:
            for name, labels in column.question.choices.items():
                if fold(name) in YES or any(fold(t) in YES for t in labels.values()):
                    yes = name
                    break
        mapping["consent"] = {"column": column.key, "yes": yes}
    statements = []
    for column in [*usable, *[c for cols in repeats for c in cols]]:
        if id(column) in taken or column.type in ("meta", "select_multiple_option", "note") \
                or column.option_of or is_sensitive(column):
            continue
        if column.question is not None:
            if column.type == "text":
                statements.append(column.key)
        elif column.type == "unknown" and looks_like_free_text(samples.get(id(column), [])):
            statements.append(column.key)
    mapping["statements"] = statements
    mapping["values"] = {}
    if fmt == "table":
        for hint in KEY_HINTS:
            found = [c for c in usable if fold(c.name) == fold(hint)]
            if found:
                mapping["key"] = found[0].key
                break
    return mapping


def looks_like_free_text(values: list[str]) -> bool:
    """Answers (the first few dozen non-empty ones) that read like sentences: long, with spaces,
    mostly different from each other, not numbers or dates."""
    values = [v for v in values if v]
    if len(values) < 1:
        return False
    long = sum(1 for v in values if len(v) >= 25 and " " in v.strip())
    khmer = sum(1 for v in values if len(v) >= 15 and any("\u1780" <= ch <= "\u17ff" for ch in v))
    distinct = len(set(values)) / len(values)
    return (long + khmer) / len(values) >= 0.5 and distinct >= 0.5
