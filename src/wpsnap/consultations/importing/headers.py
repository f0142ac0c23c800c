"""Column headers -> question keys.

A Kobo or ODK export names a column by the question's name (`province`), by its group path with
one of several separators (`session/province`, `session-province`, `session.province`,
`session:province`), by its label in some language (label exports), or, for one choice of a
select_multiple, by the question followed by the choice (`safety_topics/street_lighting`,
`<question label>/<choice label>`). Metadata columns are recognised by name, never by position.

`resolve_columns()` gives every header a Column with a canonical `key`: the question's path in
the XLSForm when it is known, else the header's segments joined by "/".
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .xlsform import Form, Question, label_key

SEPARATORS = ("/", "-", ".", ":")

KOBO_META = {
    "_id", "_uuid", "_submission_time", "_index", "_validation_status", "__version__",
    "_notes", "_status", "_submitted_by", "_tags", "_parent_index", "_parent_table_name",
    "_version_", "_xform_id_string", "_attachments", "_geolocation", "_duration",
    "meta/rootUuid", "meta/instanceID", "meta/deprecatedID", "meta/instanceName", "formhub/uuid",
}
ODK_META = {
    "KEY", "PARENT_KEY", "SubmissionDate", "SubmitterID", "SubmitterName", "AttachmentsPresent",
    "AttachmentsExpected", "Status", "ReviewState", "DeviceID", "Edits", "FormVersion",
    "instanceID", "meta-instanceID", "meta-instanceName", "meta-audit", "meta-deprecatedID",
}
QUESTION_META = {"start", "end", "today", "deviceid", "username", "simserial", "subscriberid",
                 "phonenumber", "audit", "start-geopoint", "background-audio", "email"}
KOBO_MARKERS = {"_uuid", "_id", "_submission_time", "__version__", "meta/rootUuid",
                "_validation_status", "_index", "_parent_index", "_submission__uuid"}
ODK_MARKERS = {"KEY", "meta-instanceID", "SubmissionDate", "PARENT_KEY"}


def is_meta(header: str) -> bool:
    h = header.strip()
    return (h in KOBO_META or h in ODK_META or h in QUESTION_META or h.startswith("_")
            or h.startswith(("meta/", "meta-", "meta.", "meta:", "formhub/")))


def detect_format(headers: list[str]) -> str:
    names = {h.strip() for h in headers}
    if names & ODK_MARKERS:
        return "odk"
    if names & KOBO_MARKERS:
        return "kobo"
    return "table"


def split_header(header: str, sep: str | None) -> list[str]:
    """The segments of a header; empty segments (leading, trailing or doubled separators) are
    dropped, so the result never contains "" unless the header itself is blank."""
    header = header.strip()
    if not sep or sep not in header:
        return [header]
    parts = [p.strip() for p in header.split(sep) if p.strip()]
    return parts or [header]


def canonical_key(header: str, sep: str | None) -> str:
    return "/".join(split_header(header, sep))


def file_separator(headers: list[str]) -> str | None:
    """The group separator an export without XLSForm uses: that of an ODK `meta-…` / `meta.…` /
    `meta:…` column, else "/" when any question header has one, else none."""
    for h in headers:
        for sep in SEPARATORS[1:]:
            if h.startswith(f"meta{sep}"):
                return sep
    questions = [h for h in headers if not is_meta(h)]
    if any("/" in h for h in questions):
        return "/"
    return None


@dataclass
class Column:
    index: int
    header: str
    key: str
    type: str = "unknown"
    label: str = ""
    repeat: str | None = None
    question: Question | None = None
    option_of: str | None = None  # key of the select_multiple this 0/1 column belongs to
    option: str | None = None  # the choice name (or label) of that column
    samples: list = field(default_factory=list)

    @property
    def name(self) -> str:
        return self.key.rsplit("/", 1)[-1]

    def to_json(self, lang: str = "en") -> dict:
        return {"key": self.key, "header": self.header, "label": self.label,
                "type": self.type, "repeat": self.repeat, "samples": self.samples[:3],
                **({"option_of": self.option_of, "option": self.option}
                   if self.option_of else {})}


def _suffix_match(parts: list[str], candidates: list[Question], repeat: str | None):
    """The question whose path ends with `parts`; prefer one in the sheet's repeat."""
    found = [q for q in candidates if q.path.split("/")[-len(parts):] == parts]
    if len(found) > 1:
        same = [q for q in found if (q.repeat or None) == repeat]
        found = same or found
    return found[0] if len(found) == 1 else None


def _question_for(header: str, form: Form, repeat: str | None) -> Question | None:
    if header in form.questions:
        return form.questions[header]
    by_label = form.by_label(header)
    if len(by_label) == 1:
        return by_label[0]
    if len(by_label) > 1:
        same = [q for q in by_label if (q.repeat or None) == repeat]
        if len(same) == 1:
            return same[0]
    for sep in (None, *SEPARATORS):
        parts = split_header(header, sep)
        if sep and len(parts) == 1:
            continue
        question = _suffix_match(parts, form.by_name(parts[-1]), repeat)
        if question:
            return question
    return None


def _option_for(header: str, form: Form, repeat: str | None) -> tuple[Question, str] | None:
    """`<select_multiple>/<choice>` by names or labels, with any separator."""
    for sep in SEPARATORS:
        if sep not in header:
            continue
        pieces = header.split(sep)
        for cut in range(len(pieces) - 1, 0, -1):
            left, right = sep.join(pieces[:cut]), sep.join(pieces[cut:])
            question = _question_for(left, form, repeat)
            if question and question.type == "select_multiple":
                lookup = question.choice_lookup()
                choice = lookup.get(label_key(right))
                if choice:
                    return question, choice
    return None


def _repeat_for(table_name: str | None, form: Form | None) -> str | None:
    """The form's repeat path for a sheet name (cut to 31 characters by Kobo) or an ODK file
    name suffix."""
    if not table_name:
        return None
    if form:
        for path in form.repeats:
            name = path.rsplit("/", 1)[-1]
            if table_name in (path, name) or (len(table_name) >= 28 and name.startswith(
                    table_name.rstrip(".")[:28])) or table_name.endswith(f"-{name}"):
                return path
    return table_name


def resolve_columns(headers: list[str], form: Form | None = None, *,
                    table_name: str | None = None, lang: str = "en") -> list[Column]:
    """A Column for every header (blank headers are left out)."""
    repeat = _repeat_for(table_name, form)
    sep = file_separator(headers)
    out: list[Column] = []
    present = {h.strip() for h in headers}
    for index, raw in enumerate(headers):
        header = raw.strip()
        if not header:
            continue
        column = Column(index=index, header=header, key=canonical_key(header, sep),
                        repeat=repeat)
        question = form and _question_for(header, form, repeat)
        if header in KOBO_META or header in ODK_META or header.startswith("_") or (
                is_meta(header) and not (question and question.type != "meta")):
            column.type, column.key = "meta", header
        elif question:
            column.question, column.key, column.type = question, question.path, question.type
            column.label = question.label_in(lang) or question.label_in("en")
            column.repeat = question.repeat or repeat
        elif form and (option := _option_for(header, form, repeat)):
            question, choice = option
            column.key = f"{question.path}/{choice}"
            column.type, column.option_of, column.option = "select_multiple_option", \
                question.path, choice
            column.repeat = question.repeat or repeat
            column.label = (question.choices.get(choice) or {}).get(lang, "")
        else:
            # without the form: `X<sep>Y` where X is also a header is a choice column of X
            for s in SEPARATORS:
                if s in header:
                    left, _, right = header.rpartition(s)
                    if left in present and right:
                        column.type = "select_multiple_option"
                        column.option_of, column.option = canonical_key(left, sep), right
                        column.key = f"{column.option_of}/{right}"
                        break
        out.append(column)
    if form is None:
        summaries = {c.option_of for c in out if c.option_of}
        for column in out:
            if column.key in summaries and column.type == "unknown":
                column.type = "select_multiple"
    return out


def duplicated_headers(headers: list[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for header in headers:
        h = header.strip()
        if h and h in seen and h not in dupes:
            dupes.append(h)
        seen.add(h)
    return dupes


def find_column(columns: list[Column], ref: str, sep: str | None = None) -> list[Column]:
    """The columns a mapping reference (question name, group path with any separator, header or
    label) points to. One item when it resolves, none when unknown, several when ambiguous."""
    ref = str(ref).strip()
    if not ref:
        return []
    candidates = [c for c in columns if c.type != "select_multiple_option"]
    for test in (lambda c: c.key == ref, lambda c: c.header == ref):
        hits = [c for c in candidates if test(c)]
        if hits:
            return hits[:1] if len(hits) == 1 else hits
    for s in (sep, *SEPARATORS):
        parts = split_header(ref, s)
        key = "/".join(parts)
        hits = [c for c in candidates if c.key == key]
        if len(hits) == 1:
            return hits

        def matches(column, parts=parts):
            splits = [column.key.split("/")]
            if len(splits[0]) == 1:  # no group path known: try the header's separators
                splits += [split_header(column.header, t) for t in SEPARATORS]
            return any(segs[-len(parts):] == parts or parts[-len(segs):] == segs
                       for segs in splits)

        # by the last segments: "respondent/sex" -> "sex" when groups are not in the headers,
        # "sex" -> "respondent/sex" when they are
        hits = [c for c in candidates if matches(c)]
        if hits:
            return hits
    hits = [c for c in candidates if c.label and label_key(c.label) == label_key(ref)]
    if hits:
        return hits
    return [c for c in candidates if c.question and any(
        label_key(t) == label_key(ref) for t in c.question.labels.values())]
