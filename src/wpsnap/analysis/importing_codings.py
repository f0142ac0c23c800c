"""Import codings done elsewhere (often in Excel): a CSV with one Statement per row and the keys
of the Codes applied to it.

Columns (the first row names them; order does not matter, `,` or `;` between cells, UTF-8 with
or without byte-order mark):
- `text` (required): what was said, in its original language;
- `language`: km, en or other; detected from the text when empty;
- `codes`: Code keys separated by `;` (a key of a merged Code counts for the Code it was merged
  into; a Code's exact English or Khmer label is accepted too, and `,` when what it separates are
  keys); unknown keys are reported with their rows, never dropped silently, and the rest of the
  row is still imported;
- `stakeholder_group`, `area` (official code, English or Khmer name): when given, the row gets a
  pseudonymous Participant (P-0001 style) with those attributes, whose consent is recorded as
  "use for analysis, do not quote" (the file does not say more, so nobody is quoted by mistake);
- `consultation`: the short name of an existing Consultation. Rows without one go to a
  Consultation of their own for the file, "codings-import-<first 8 characters of the file's
  SHA-256>", of kind workshop, created at the first import.

The Statements land in a Dataset of their own (format "table", the file's SHA-256), the Codings
in the Plan's final layer with the given coder and source "import". Each row is keyed by the
file's SHA-256 and its row number, so importing the same file again adds nothing.
"""

from __future__ import annotations

import hashlib
import io
import re
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from wpsnap.consultations.models import Consent, Consultation, Dataset, Participant, Statement
from wpsnap.plans.models import Member, Role

from .models import Coding

COLUMNS = ["text", "language", "codes", "stakeholder_group", "area", "consultation"]
KIND = "codings_import"
MAX_BYTES = 50 * 1024 * 1024
LANGUAGES = {"km": "km", "khm": "km", "khmer": "km", "ខ្មែរ": "km", "ភាសាខ្មែរ": "km",
             "en": "en", "eng": "en", "english": "en", "អង់គ្លេស": "en", "other": "other"}


class CodingsImportError(Exception):
    """Nothing was imported; `errors` lists {"row", "column", "message"}."""

    def __init__(self, errors: list[dict]):
        self.errors = errors
        super().__init__("; ".join(e["message"] for e in errors))


def error(row, column, message) -> dict:
    return {"row": row, "column": column, "message": str(message)}


@dataclass
class CodingsImportResult:
    dataset: int | None = None
    rows: int = 0
    statements_new: int = 0
    codings_new: int = 0
    participants_new: int = 0
    unknown_codes: dict[str, list[int]] = field(default_factory=dict)
    errors: list[dict] = field(default_factory=list)

    def to_json(self) -> dict:
        return {"dataset": self.dataset, "rows": self.rows,
                "statements_new": self.statements_new, "codings_new": self.codings_new,
                "unknown_codes": self.unknown_codes, "errors": self.errors}


def check_coder(plan, user):
    """The coder must be a coordinator or analyst of the Plan."""
    if user is None or not Member.objects.filter(
            plan=plan, user=user, role__in=[Role.COORDINATOR, Role.ANALYST]).exists():
        raise CodingsImportError([error(None, None, _(
            "The coder must be a coordinator or analyst of this Plan."))])


def _table(data: bytes, filename: str):
    from wpsnap.consultations.importing.readers import csv_table
    from wpsnap.consultations.importing.report import ImportRejected

    try:
        return csv_table(lambda: io.BytesIO(data), filename or "codings.csv")
    except ImportRejected as exc:
        raise CodingsImportError([error(e.get("row"), e.get("column"), e["message"])
                                  for e in exc.errors]) from None


ALIASES = {"statement": "text", "code": "codes", "code_keys": "codes", "lang": "language",
           "group": "stakeholder_group", "province": "area"}


def _headers(raw: list[str]) -> list[str]:
    """Column names folded ("Stakeholder group" = "stakeholder_group"); a few usual other names
    stand for a missing contract column ("statement" for text, "code" for codes, …)."""
    names = ["_".join(h.strip().lstrip("\ufeff").casefold().replace("-", " ").split())
             for h in raw]
    return [ALIASES[n] if n in ALIASES and ALIASES[n] not in names else n for n in names]


def _split_codes(value: str) -> list[str]:
    return list(dict.fromkeys(k.strip() for k in re.split(r"[;|\n]", value) if k.strip()))


class _Codes:
    """Code keys (merged keys resolve to their target), then unambiguous labels, of a Plan."""

    def __init__(self, plan):
        from .queries.codebook import key_index

        self.keys = key_index(plan)
        self.folded = {k.casefold(): c for k, c in self.keys.items()}
        labels: dict[str, set] = {}
        for code in self.keys.values():
            for label in (code.label_en, code.label_km):
                if label.strip():
                    labels.setdefault(" ".join(label.casefold().split()), set()).add(code)
        self.labels = {k: next(iter(v)) for k, v in labels.items() if len(v) == 1}

    def get(self, name: str):
        code = (self.keys.get(name) or self.folded.get(name.casefold())
                or self.labels.get(" ".join(name.casefold().split())))
        return None if code is None or code.archived_at is not None else code

    def resolve(self, cell: str) -> tuple[list, list[str]]:
        """(Codes found, names not found) of a `codes` cell: `;`-separated keys; a piece that
        names no Code but holds commas is tried as comma-separated keys."""
        found, unknown = [], []
        for piece in _split_codes(cell):
            code = self.get(piece)
            if code is not None:
                found.append(code)
            elif "," in piece:
                for part in (p.strip() for p in piece.split(",") if p.strip()):
                    code = self.get(part)
                    if code is not None:
                        found.append(code)
                    else:
                        unknown.append(part)
            else:
                unknown.append(piece)
        return list(dict.fromkeys(found)), list(dict.fromkeys(unknown))


def import_codings(plan, *, data: bytes, filename: str, coder) -> CodingsImportResult:
    """Import the CSV `data` (see the module's docstring). Raises CodingsImportError (nothing
    changed) when the file cannot be read, lacks the `text` column or the coder may not code."""
    from wpsnap.consultations.importing.values import AreaMatcher, stakeholder_group
    from wpsnap.core.text import detect_language
    from wpsnap.frameworks.models import Area

    check_coder(plan, coder)
    if len(data) > MAX_BYTES:
        raise CodingsImportError([error(None, None, _("The file is too large (at most 50 MB)."))])
    table = _table(data, filename)
    headers = _headers(table.headers)
    if "text" not in headers:
        raise CodingsImportError([error(1, "text", _(
            "The column “text” is missing: the first row must name the columns (text, "
            "language, codes, stakeholder_group, area, consultation)."))])
    position = {}
    for index, name in enumerate(headers):
        if name in COLUMNS and name not in position:
            position[name] = index
    sha = hashlib.sha256(data).hexdigest()
    codes = _Codes(plan)
    areas = AreaMatcher(Area.objects.filter(country=plan.country))
    consultations = {c.slug: c for c in Consultation.objects.filter(plan=plan)}
    result = CodingsImportResult()

    # First pass: read and check every row, touching nothing.
    records = []
    for number, cells in table.rows():
        if not any(c.strip() for c in cells):
            continue
        result.rows += 1
        cell = {name: (cells[i].strip() if i < len(cells) else "")
                for name, i in position.items()}
        text = cell.get("text", "")
        if not text:
            result.errors.append(error(number, "text", _("The text is empty: row skipped.")))
            continue
        language = cell.get("language", "")
        if language:
            value = LANGUAGES.get(language.casefold())
            if value is None:
                result.errors.append(error(number, "language", _(
                    "“%(value)s” is not km, en or other; the language was detected from the "
                    "text instead.") % {"value": language[:40]}))
            language = value
        language = language or detect_language(text) or "other"
        consultation = None
        slug = cell.get("consultation", "")
        if slug:
            consultation = consultations.get(slug)
            if consultation is None:
                result.errors.append(error(number, "consultation", _(
                    "The Plan has no Consultation with the short name “%(slug)s”: row skipped.")
                    % {"slug": slug[:80]}))
                continue
        attributes, raw = {}, {}
        group = cell.get("stakeholder_group", "")
        if group:
            value = stakeholder_group(group)
            if value:
                attributes["stakeholder_group"] = value
            else:
                raw["stakeholder_group"] = group[:100]
                result.errors.append(error(number, "stakeholder_group", _(
                    "“%(value)s” is not a stakeholder group wpsnap knows; kept as an attribute "
                    "of the Participant.") % {"value": group[:40]}))
        place = cell.get("area", "")
        if place:
            area = areas.match(place)
            if area is not None:
                attributes["area"] = area
            else:
                raw["area"] = place[:100]
                result.errors.append(error(number, "area", _(
                    "“%(value)s” is not an area of the Plan's country (give its official code, "
                    "English or Khmer name); kept as an attribute of the Participant.")
                    % {"value": place[:40]}))
        found, unknown = codes.resolve(cell.get("codes", ""))
        for key in unknown:
            result.unknown_codes.setdefault(key[:80], []).append(number)
        records.append((number, text, language, consultation, attributes, raw, found))

    with transaction.atomic():
        _write(plan, sha, filename, len(data), coder, records, result)
    return result


def _default_consultation(plan, sha: str, filename: str) -> Consultation:
    consultation, _created = Consultation.objects.get_or_create(
        plan=plan, slug=f"codings-import-{sha[:8]}",
        defaults={"kind": Consultation.Kind.WORKSHOP,
                  "language": Consultation.Language.BOTH,
                  "title_en": f"Imported codings ({filename[:200]})",
                  "title_km": f"ការសរសេរកូដដែលបាននាំចូល ({filename[:200]})"})
    return consultation


def _write(plan, sha, filename, size, coder, records, result) -> None:
    from wpsnap.consultations.services import next_participant_numbers, participant_code

    from .services.coding import add_coding

    dataset = Dataset.objects.filter(plan=plan, sha256=sha, mapping__kind=KIND).first()
    default = None
    if any(r[3] is None for r in records) or not records:
        default = _default_consultation(plan, sha, filename)
    if dataset is None:
        dataset = Dataset.objects.create(
            plan=plan, consultation=default or records[0][3], format=Dataset.Format.TABLE,
            filename=(filename or "codings.csv")[:255], sha256=sha, size=size,
            mapping={"kind": KIND}, status=Dataset.Status.RUNNING, uploaded_by=coder)
    result.dataset = dataset.pk
    prefix = f"codings:{sha[:32]}:"
    keys = [f"{prefix}{r[0]}" for r in records]
    statements = {s.source_key: s for s in Statement.objects.filter(
        plan=plan, source_key__in=keys).select_related("participant__consent")}
    people = {p.source_key: p for p in Participant.objects.filter(
        plan=plan, source_key__in=keys).select_related("consent")}
    wanted = sum(1 for r, key in zip(records, keys, strict=True)
                 if (r[4] or r[5]) and key not in people)
    numbers = iter(next_participant_numbers(plan, wanted)) if wanted else iter(())
    before = Coding.objects.filter(plan=plan, statement__dataset=dataset).count()
    for (number, text, language, consultation, attributes, raw, found), key in zip(
            records, keys, strict=True):
        consultation = consultation or default
        person = people.get(key)
        if person is not None and hasattr(person, "consent") and person.consent.withdrawn_at:
            result.errors.append(error(number, None, _(
                "This row's Participant withdrew consent: nothing of it is imported again.")))
            continue
        if person is None and (attributes or raw):
            person = Participant.objects.create(
                plan=plan, code=participant_code(next(numbers)), source_key=key,
                stakeholder_group=attributes.get("stakeholder_group", ""),
                area=attributes.get("area"), attributes=raw)
            Consent.objects.create(participant=person, given=True,
                                   scope=Consent.Scope.DO_NOT_QUOTE)
            result.participants_new += 1
        if person is not None:
            person.consultations.add(consultation)
        statement = statements.get(key)
        if statement is None:
            statement = Statement.objects.create(
                plan=plan, consultation=consultation, participant=person, dataset=dataset,
                text=text, language=language, source_key=key)
            result.statements_new += 1
        for code in found:
            add_coding(plan, statement, code, by=coder, source=Coding.Source.IMPORT)
    result.codings_new = (Coding.objects.filter(plan=plan, statement__dataset=dataset).count()
                          - before)
    result.unknown_codes = dict(sorted(result.unknown_codes.items()))
    Dataset.objects.filter(pk=dataset.pk).update(
        status=Dataset.Status.IMPORTED, progress=100, finished_at=timezone.now(),
        rows=result.rows, statements_new=result.statements_new,
        participants_new=result.participants_new, report=result.to_json())

