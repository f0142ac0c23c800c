"""The import engine: `inspect_file()` and `import_file()`, used by `wpsnap import_data` and the
web upload.

One submission (row of the main table) becomes one Participant, keyed by its source key
(Kobo `meta/rootUuid`, else `_uuid`; ODK `KEY`, else `meta-instanceID`; a generic table's mapped
`key` column, else a hash of the row); every non-empty answer of a mapped statement column
becomes a Statement keyed by (Consultation, `{submission key}/{question path}[repeat index]`).
Re-importing adds only what is new. Everything runs in one transaction: a rejected import, or a
dry run, changes nothing.
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import itertools
import os
from collections import Counter, defaultdict

from django.db import DatabaseError, transaction
from django.utils import timezone
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from wpsnap.core.text import detect_language, search_text

from ..models import Consent, Dataset, Participant, Statement
from ..services import next_participant_numbers, participant_code
from .headers import Column, detect_format, duplicated_headers, resolve_columns
from .mapping import is_sensitive, propose, resolve_mapping
from .readers import Source, open_source
from .report import ImportRejected, ImportReport, Inspection, entry
from .transcripts import import_transcript, split_turns
from .values import (
    AreaMatcher,
    age_band,
    disability,
    fold,
    is_yes,
    looks_like_legacy_khmer,
    sex,
    stakeholder_group,
    statement_language,
)
from .xlsform import label_key, load_form, pick_label

BATCH = 2000
SAMPLE_ROWS = 200
KOBO_KEYS = ("meta/rootUuid", "_uuid")
ODK_KEYS = ("KEY", "meta-instanceID", "meta/instanceID", "instanceID")
DATE_COLUMNS = ("_submission_time", "SubmissionDate", "end", "start")
NORMALISERS = {"sex": sex, "age_band": age_band, "disability": disability,
               "stakeholder_group": stakeholder_group}
EMPTY = {"sex": Participant.Sex.UNKNOWN, "age_band": Participant.AgeBand.UNKNOWN,
         "disability": Participant.Disability.UNKNOWN, "stakeholder_group": "", "area": None}


def _lang() -> str:
    return "km" if (get_language() or "en").startswith("km") else "en"


def _strip_uuid(value: str) -> str:
    return value[5:] if value.startswith("uuid:") else value


class _Prepared:
    """A file opened and understood: format, columns of every table, the form."""

    def __init__(self, path, filename, form_path, repeat_paths, *, count_rows: bool = True):
        self.filename = filename
        self.form = load_form(form_path) if form_path else None
        self.source: Source = open_source(path, filename, repeat_paths or (),
                                          count_rows=count_rows)
        if self.source.kind == "transcript":
            self.format = "transcript"
            return
        main = self.source.main
        self.format = "odk" if self.source.kind == "zip" else detect_format(main.headers)
        errors = []
        for table in [main, *self.source.repeats]:
            dupes = duplicated_headers(table.headers)
            if dupes:
                errors.append(entry("duplicate_header", _(
                    "The header row has the same column name more than once: %(names)s. Rename "
                    "or remove the duplicates and retry.") % {"names": ", ".join(dupes)},
                    row=1, column=dupes[0], columns=dupes,
                    **({"sheet": table.name} if table.name else {})))
        if errors:
            raise ImportRejected(errors)
        lang = _lang()
        self.columns = resolve_columns(main.headers, self.form, lang=lang)
        self.repeat_columns = [resolve_columns(t.headers, self.form, table_name=t.name, lang=lang)
                               for t in self.source.repeats]
        if main.known_count == 0:  # (uncounted: the sheet has a row after its header)
            raise ImportRejected(entry("no_rows", _(
                "The file %(name)s has a header row but no data rows.") % {"name": filename},
                row=2))

    def sample(self) -> dict:
        """Up to 50 non-empty values per column from the first rows of each table (by id)."""
        out: dict[int, list[str]] = defaultdict(list)
        tables = [(self.source.main, self.columns)] + list(
            zip(self.source.repeats, self.repeat_columns, strict=True))
        for table, columns in tables:
            for n, (_number, cells) in enumerate(table.rows()):
                if n >= SAMPLE_ROWS:
                    break
                for column in columns:
                    if column.index < len(cells) and cells[column.index]:
                        bucket = out[id(column)]
                        if len(bucket) < 50:
                            bucket.append(cells[column.index])
        for _table, columns in tables:
            for column in columns:
                values = out.get(id(column), [])
                column.samples = ["•••"] * min(len(values), 3) if is_sensitive(column) \
                    else values[:3]
        return out


def inspect_file(path, *, filename: str, form_path=None, mapping: dict | None = None,
                 repeat_paths=None) -> Inspection:
    """A fast look at a file, writing nothing. Bad files give an Inspection with `errors`."""
    inspection = Inspection()
    try:
        prepared = _Prepared(path, filename, form_path, repeat_paths)
    except ImportRejected as exc:
        for item in exc.errors:
            inspection.error(item)
        return inspection
    inspection.format = prepared.format
    if prepared.form:
        inspection.languages = prepared.form.languages
    if prepared.format == "transcript":
        turns = split_turns(prepared.source.paragraphs)
        inspection.rows = len(turns.turns)
        inspection.columns = []
        inspection.proposed_mapping = {}
        return inspection
    samples = prepared.sample()
    inspection.rows = prepared.source.main.count
    inspection.repeats = {t.name: t.count for t in prepared.source.repeats}
    inspection.columns = [c.to_json() for c in prepared.columns] + [
        c.to_json() for cols in prepared.repeat_columns for c in cols]
    inspection.proposed_mapping = propose(prepared.columns, prepared.repeat_columns,
                                          fmt=prepared.format, samples=samples)
    if mapping is not None:
        _resolved, errors, warnings = resolve_mapping(mapping, prepared.columns,
                                                      prepared.repeat_columns, form=prepared.form)
        for item in errors:
            inspection.error(item)
        for item in warnings:
            inspection.warn(item)
    return inspection


def _file_facts(path) -> tuple[str, int]:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1024 * 1024), b""):
            digest.update(chunk)
    return digest.hexdigest(), os.path.getsize(path)


def import_file(plan, consultation, path, *, filename: str, form_path=None,
                mapping: dict | None = None, dry_run: bool = False, user=None, dataset=None,
                progress=None, repeat_paths=None) -> ImportReport:
    """Import one file into `consultation`. Never raises for bad input: a file that cannot be
    imported gives a report with status "rejected" and changes nothing. `repeat_paths`: repeat
    tables given as separate CSV files (ODK Central)."""
    report = ImportReport(dry_run=dry_run)
    given_dataset = dataset
    if given_dataset is not None and not dry_run:
        Dataset.objects.filter(pk=given_dataset.pk).update(status=Dataset.Status.RUNNING)
    used_mapping: dict = {}
    try:
        # rows are counted only where needed: the main sheet's count comes with its rows
        prepared = _Prepared(path, filename, form_path, repeat_paths, count_rows=False)
        report.format = prepared.format
        if mapping is None and prepared.format != "transcript":
            mapping = consultation.mapping or None
            if mapping is None:
                mapping = propose(prepared.columns, prepared.repeat_columns,
                                  fmt=prepared.format, samples=prepared.sample())
                report.warn(entry("proposed_mapping", _(
                    "No mapping was given and none was saved for this consultation: the importer "
                    "used the mapping it proposes. Check the result.")))
        used_mapping = mapping or {}
        sha256, size = _file_facts(path)
        with _roomier_sqlite_cache(), transaction.atomic():
            if dataset is None and not dry_run:
                dataset = Dataset.objects.create(
                    plan=plan, consultation=consultation, format=prepared.format,
                    filename=filename[:255], sha256=sha256, size=size, mapping=used_mapping,
                    status=Dataset.Status.RUNNING, uploaded_by=user)
            if prepared.format == "transcript":
                import_transcript(plan, consultation, prepared.source.paragraphs, report,
                                  dataset=dataset, progress=progress,
                                  khmer=_khmer_context(consultation, None, []))
            else:
                _TableImport(plan, consultation, prepared, used_mapping, report, dataset,
                             progress).run()
            if report.errors:
                report.status = "rejected"
            if dry_run or report.errors:
                transaction.set_rollback(True)
            else:
                if prepared.format != "transcript":
                    consultation.mapping = used_mapping
                    consultation.save(update_fields=["mapping", "updated_at"])
                report.dataset_id = dataset.pk
                _finish_dataset(dataset, report, used_mapping, sha256, size)
    except ImportRejected as exc:
        report.reject(exc.errors)
    except DatabaseError as exc:
        report.reject([entry("database_error", _(
            "The database refused the import, so nothing was imported: %(reason)s. If another "
            "import of this plan is running, wait for it to finish and retry.") % {
            "reason": exc})])
    if report.status == "rejected":
        report.participants_new = report.statements_new = report.rows_imported = 0
        report.dataset_id = None
        if given_dataset is not None and not dry_run:
            report.dataset_id = given_dataset.pk
            _finish_dataset(given_dataset, report, used_mapping)
    return report


SQLITE_IMPORT_CACHE_KIB = 32 * 1024


@contextlib.contextmanager
def _roomier_sqlite_cache():
    """On SQLite, a 32 MB page cache (instead of the default 2 MB) while the import runs: the
    unique index of Statement source keys is written in random order, and a small cache spills
    its pages to the WAL again and again. 32 MB stays under the peak memory of reading the
    main sheet, so the import's peak RSS does not move."""
    from django.db import connection

    if connection.vendor != "sqlite":
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("PRAGMA cache_size")
        previous = int(cursor.fetchone()[0])
        cursor.execute(f"PRAGMA cache_size = -{SQLITE_IMPORT_CACHE_KIB}")
    try:
        yield
    finally:
        try:
            with connection.cursor() as cursor:
                cursor.execute(f"PRAGMA cache_size = {previous}")
        except DatabaseError:  # the connection is gone: its cache went with it
            pass


def _finish_dataset(dataset, report: ImportReport, mapping: dict, sha256: str = "",
                    size: int = 0) -> None:
    changes = {
        "status": Dataset.Status.IMPORTED if report.ok else Dataset.Status.REJECTED,
        "format": report.format or dataset.format, "rows": report.rows,
        "participants_new": report.participants_new, "statements_new": report.statements_new,
        "report": report.to_json(), "mapping": mapping, "progress": 100 if report.ok else 0,
        "finished_at": timezone.now()}
    if sha256 and not dataset.sha256:
        changes.update(sha256=sha256, size=size)
    Dataset.objects.filter(pk=dataset.pk).update(**changes)
    for name, value in changes.items():
        setattr(dataset, name, value)


def _khmer_context(consultation, form, headers) -> bool:
    from wpsnap.core.text import KHMER_RE

    return (consultation.language in ("km", "km_en") or bool(form and form.has_khmer)
            or any(KHMER_RE.search(h) for h in headers))


class _TableImport:
    """Kobo, ODK and generic tables."""

    def __init__(self, plan, consultation, prepared: _Prepared, mapping, report: ImportReport,
                 dataset, progress):
        self.plan, self.consultation, self.prepared = plan, consultation, prepared
        self.report, self.dataset, self.progress = report, dataset, progress
        self.format = prepared.format
        self.form = prepared.form
        resolved, errors, warnings = resolve_mapping(mapping, prepared.columns,
                                                     prepared.repeat_columns, form=prepared.form)
        if errors:
            raise ImportRejected(errors)
        for item in warnings:
            report.warn(item)
        self.map = resolved
        self.columns = prepared.columns
        self.by_header = {c.header: c for c in self.columns}
        self.key_columns = self._key_columns()
        self.date_column = next((self.by_header[h] for h in DATE_COLUMNS if h in self.by_header),
                                None)
        self.areas = AreaMatcher() if "area" in self.map.participant else None
        self.choice_lookups = {}
        self.khmer = _khmer_context(consultation, self.form,
                                    prepared.source.main.headers)
        self.unknown: dict[tuple[str, str], Counter] = {}
        self.field_values: dict[str, dict[str, tuple]] = {}  # field -> answer -> result
        self.consent_known: dict[str, bool] = {}
        self.labels_known: dict[int, tuple[str, str]] = {}  # id(Column) -> (en, km)
        self.legacy_known: dict[str, bool] = {}
        self.legacy = 0
        # submission key -> (participant id, statements blocked?)
        self.participants: dict[str, tuple[int, bool]] = {}
        self.index_to_key: dict[str, str] = {}
        self.uuid_to_key: dict[str, str] = {}
        self.seen: set[str] = set()
        self.repeat_index: dict[str, dict[str, str]] = {}
        self.next_number = None
        self.total = 0  # rows to read, known once the main table's rows are open: see run()
        self.done = 0
        self.tick = self.next_tick = 1
        self.index_column = self.by_header.get("_index")
        self.uuid_column = self.by_header.get("_uuid")
        self.inserts = _Inserts()
        self.text_facts = _TextFacts()
        if not self.map.consent:
            report.warn(entry("no_consent_column", _(
                "No consent column is mapped: consent was not recorded. Set it for each "
                "Participant before quoting them.")))

    # --- keys ---------------------------------------------------------------------------------

    def _key_columns(self) -> list[Column]:
        if self.map.key:
            return [self.map.key]
        names = KOBO_KEYS if self.format == "kobo" else ODK_KEYS if self.format == "odk" else ()
        found = [self.by_header[n] for n in names if n in self.by_header]
        if names and not found:
            raise ImportRejected(entry("missing_key_column", _(
                "The file has no submission key column: %(column)s is missing. Export again with "
                "the metadata columns included.") % {"column": names[-1] if self.format == "kobo"
                                                     else names[0]},
                row=1, column=names[-1] if self.format == "kobo" else names[0]))
        return found

    def row_key(self, cells: list[str]) -> str | None:
        if self.key_columns:
            for column in self.key_columns:
                value = cells[column.index].strip() if column.index < len(cells) else ""
                if value:
                    if self.format in ("kobo", "odk") and not self.map.key:
                        return _strip_uuid(value)[:200]
                    return self._namespaced(value)
            return None
        digest = hashlib.sha256("\x1f".join(c.strip() for c in cells).rstrip("\x1f")
                                .encode()).hexdigest()
        return f"c{self.consultation.pk}:row:{digest[:40]}"

    def _namespaced(self, value: str) -> str:
        key = f"c{self.consultation.pk}:{value}"
        if len(key) > 200:
            key = f"c{self.consultation.pk}:h:{hashlib.sha256(value.encode()).hexdigest()}"
        return key

    # --- values -------------------------------------------------------------------------------

    def _choices(self, column: Column) -> dict:
        if column.key not in self.choice_lookups:
            question = column.question
            self.choice_lookups[column.key] = question.choice_lookup() if question else {}
        return self.choice_lookups[column.key]

    def _choice_name(self, column: Column, value: str) -> str:
        lookup = self._choices(column)
        return lookup.get(label_key(value), value) if lookup else value

    def field_value(self, name: str, column: Column, raw: str, number: int):
        """(value, matched) for a Participant field; answers repeat, so each distinct answer of
        a column is worked out once (a value that matches nothing is counted every time)."""
        known = self.field_values.get(name)
        if known is None:
            known = self.field_values[name] = {}
        result = known.get(raw)
        if result is None:
            result = self._field_value(name, column, raw)
            if len(known) < 5000:
                known[raw] = result
        if not result[1]:
            counter = self.unknown.setdefault((name, column.key), Counter())
            counter[raw] += 1
        return result

    def _consent(self, raw: str) -> bool:
        choice = self._choice_name(self.map.consent, raw) if raw else raw
        return bool(raw) and (is_yes(raw, self.map.consent_yes)
                              or is_yes(choice, self.map.consent_yes))

    def _field_value(self, name: str, column: Column, raw: str):
        if not raw:
            return EMPTY[name], True
        value = self.map.values.get(name, {}).get(fold(raw), raw)
        candidates = [value]
        question = column.question
        if question and question.choices:
            choice = self._choice_name(column, value)
            candidates.append(choice)
            candidates.extend(t for t in (question.choices.get(choice) or {}).values() if t)
        for candidate in candidates:
            if name == "area":
                area = self.areas.match(candidate)
                if area is not None:
                    return area.pk, True
            else:
                result = NORMALISERS[name](candidate)
                if result is not None:
                    return result, True
        return EMPTY[name], False

    def select_value(self, column: Column, cells: list[str]):
        """A select question's answer as choice name(s), for Participant.attributes."""
        options = self.map.options.get(column.key)
        if column.type == "select_multiple":
            raw = cells[column.index] if 0 <= column.index < len(cells) else ""
            if options and (not raw or column.question is None or
                            not all(t in self._choices(column) for t in raw.split())):
                n = len(cells)
                chosen = [c.option for c in options if c.index < n and (
                    (value := cells[c.index]) == "1" or value not in ("", "0") and _ticked(value))]
                return chosen or None
            if not raw:
                return None
            return self._split_multiple(column, raw)
        raw = cells[column.index] if column.index < len(cells) else ""
        return self._choice_name(column, raw) if raw else None

    def _split_multiple(self, column: Column, raw: str) -> list[str]:
        lookup = self._choices(column)
        tokens = raw.split()
        if not lookup or all(t in lookup.values() for t in tokens):
            return tokens
        # label exports join labels (which contain spaces) with spaces: match greedily
        out, i = [], 0
        while i < len(tokens):
            for j in range(len(tokens), i, -1):
                name = lookup.get(label_key(" ".join(tokens[i:j])))
                if name:
                    out.append(name)
                    i = j
                    break
            else:
                out.append(tokens[i])
                i += 1
        return out

    # --- statements ---------------------------------------------------------------------------

    def _labels(self, column: Column) -> tuple[str, str]:
        labels = self.labels_known.get(id(column))  # (Columns live as long as the import)
        if labels is None:
            labels = self.labels_known[id(column)] = self._question_labels(column)
        return labels

    def _question_labels(self, column: Column) -> tuple[str, str]:
        if column.question:
            return (pick_label(column.question.labels, "en")[:500],
                    pick_label(column.question.labels, "km")[:500])
        if column.header != column.key:
            return ("", column.header[:500]) if detect_language(column.header) == "km" \
                else (column.header[:500], "")
        return "", ""

    def statement(self, key: str, column: Column, text: str, ordinal: int | None,
                  participant_id: int) -> tuple:
        """A Statement to be: (source_key, participant id, column, text)."""
        source_key = f"{key}/{column.key}" + (f"[{ordinal}]" if ordinal is not None else "")
        if len(source_key) > 300:
            source_key = f"{key}/{hashlib.sha256(column.key.encode()).hexdigest()[:32]}" + (
                f"[{ordinal}]" if ordinal is not None else "")
        return source_key, participant_id, column, text

    def _legacy(self, text: str) -> bool:
        if not self.khmer:
            return False
        known = self.legacy_known
        legacy = known.get(text)
        if legacy is None:
            if len(known) >= _TextFacts.LIMIT:
                known.clear()
            legacy = known[text] = looks_like_legacy_khmer(text)
        return legacy

    # --- progress -----------------------------------------------------------------------------

    def _start_progress(self):
        """The rows to read: the main table's and those of the repeat tables that hold
        statement columns (the others are not read)."""
        source = self.prepared.source
        self.total = source.main.count + sum(
            table.count for table, columns in zip(source.repeats, self.prepared.repeat_columns,
                                                  strict=True)
            if any(c is d for c in self.map.statements for d in columns))
        self.tick = self.next_tick = max(self.total // 100, 1)

    def step(self):
        self.done += 1
        if self.progress and self.done >= self.next_tick:
            self.next_tick += self.tick
            self.progress(min(self.done, self.total), self.total)

    # --- main table ---------------------------------------------------------------------------

    def run(self):
        from wpsnap.plans.models import Plan

        # serialise imports into one Plan (codes are numbered from the highest in use)
        Plan.objects.select_for_update().filter(pk=self.plan.pk).first()
        self.next_number = next_participant_numbers(self.plan, 1)[0]
        self.plan_had_keys = Participant.objects.filter(plan=self.plan).exclude(
            source_key="").exists()
        main_statements = [c for c in self.map.statements if not c.repeat]
        batch = []
        rows = self.prepared.source.main.rows()
        first = next(rows, None)  # opens the table: a sheet's row count is known from here
        self._start_progress()
        for number, cells in itertools.chain([first] if first else [], rows):
            self.step()
            if not any(cells):
                continue
            self.report.rows += 1
            record = self.main_row(number, cells, main_statements)
            if record is not None:
                batch.append(record)
            if len(batch) >= BATCH:
                self.flush(batch)
                batch = []
        if batch:
            self.flush(batch)
        for table, columns in zip(self.prepared.source.repeats, self.prepared.repeat_columns,
                                  strict=True):
            self.repeat_table(table, columns)
        self.finish()

    def main_row(self, number: int, cells: list[str], statement_columns: list[Column]):
        key = self.row_key(cells)
        if not key:
            column = self.key_columns[0].key if self.key_columns else None
            self.report.error(entry("missing_key", _(
                "Row %(row)d has no submission key (%(column)s is empty).") % {
                "row": number, "column": column}, row=number, column=column))
            return None
        if key in self.seen:
            self.report.skip(entry("duplicate_key", _(
                "Row %(row)d repeats a submission already read from this file; it was skipped.")
                % {"row": number}, row=number,
                column=self.key_columns[0].key if self.key_columns else None))
            return None
        self.seen.add(key)
        if self.index_column is not None and self.index_column.index < len(cells):
            self.index_to_key[cells[self.index_column.index]] = key
        if self.uuid_column is not None and self.uuid_column.index < len(cells):
            self.uuid_to_key[_strip_uuid(cells[self.uuid_column.index])] = key
        texts = []
        for column in statement_columns:
            text = cells[column.index] if column.index < len(cells) else ""
            if text:
                if self._legacy(text):
                    self.legacy += 1
                    self.report.skip(entry("legacy_khmer_font", _(
                        "Row %(row)d was skipped: the answer in %(column)s looks like Khmer typed "
                        "with a legacy (non-Unicode) font such as Limon. Convert it to Unicode "
                        "and import again.") % {"row": number, "column": column.key},
                        row=number, column=column.key))
                    return None
                texts.append((column, text))
        fields, attributes = {}, {}
        for name, column in self.map.participant.items():
            raw = cells[column.index] if column.index < len(cells) else ""
            value, matched = self.field_value(name, column, raw, number)
            fields[name] = value
            if not matched:
                attributes[column.key] = raw
        for column in self.map.attributes:
            value = self.select_value(column, cells)
            if value not in (None, "", []):
                attributes[column.key] = value
        consent = None
        if self.map.consent is not None:
            raw = cells[self.map.consent.index] if self.map.consent.index < len(cells) else ""
            consent = self.consent_known.get(raw)
            if consent is None:
                consent = self._consent(raw)
                if len(self.consent_known) < 1000:
                    self.consent_known[raw] = consent
        given_on = None
        if self.date_column is not None and self.date_column.index < len(cells):
            given_on = _date(cells[self.date_column.index])
        return {"row": number, "key": key, "fields": fields, "attributes": attributes,
                "consent": consent, "given_on": given_on, "texts": texts}

    def flush(self, batch: list[dict]):
        """Write one batch of submissions: the new Participants (with their Consent), every
        submission's link to the Consultation, and the Statements of those allowed. Rows go in
        with one parameterised INSERT per table and batch (see `_Inserter`)."""
        keys = [r["key"] for r in batch]
        existing = {}
        # (a Plan without keyed Participants before this import has none but this import's,
        # and those are new: `seen` skips a key met twice). `source_key != ""` repeats the
        # condition of the unique index on (plan, source_key), so that SQLite uses it rather
        # than scan every Participant of the Plan for each batch.
        known = Participant.objects.filter(plan=self.plan, source_key__in=keys).exclude(
            source_key="").order_by().values_list(
            "source_key", "id", "consent__given", "consent__withdrawn_at",
        ) if self.plan_had_keys else ()
        for source_key, pk, given, withdrawn in known:
            blocked = withdrawn is not None or given is False
            existing[source_key] = (pk, blocked, "consent_withdrawn" if withdrawn else
                                    "consent_not_given" if given is False else None)
        new_rows = [r for r in batch if r["key"] not in existing]
        old = len(existing)
        if new_rows:
            insert = self.inserts.participants
            now = insert.db_value("created_at", timezone.now())
            plan_id = self.plan.pk
            number = self.next_number
            rows = []
            for record in new_rows:
                fields = record["fields"]
                rows.append((plan_id, participant_code(number),
                             fields.get("sex", Participant.Sex.UNKNOWN),
                             fields.get("age_band", Participant.AgeBand.UNKNOWN),
                             fields.get("disability", Participant.Disability.UNKNOWN),
                             fields.get("stakeholder_group", ""), "", fields.get("area"),
                             insert.db_value("attributes", record["attributes"]), False, None,
                             record["key"], now))
                number += 1
            self.next_number = number
            insert(rows)
            ids = self._participant_ids([r["key"] for r in new_rows])
            insert = self.inserts.consents
            consents = []
            for record in new_rows:
                pk = ids[record["key"]]
                given = record["consent"]
                blocked = given is False
                existing[record["key"]] = (pk, blocked, "consent_not_given" if blocked else None)
                if given is not None:
                    consents.append((pk, given, Consent.Scope.QUOTE_ANONYMOUSLY,
                                     insert.db_value("given_on", record["given_on"])
                                     if given else None, None, None))
            insert(consents)
        self.report.participants_new += len(new_rows)
        self.report.participants_existing += len(batch) - len(new_rows)
        consultation_id = self.consultation.pk
        links = [(existing[k][0], consultation_id) for k in keys]
        if old:  # a Participant seen before may be linked already
            self.inserts.links_ignoring_conflicts(links)
        else:
            self.inserts.links(links)
        candidates = []
        for record in batch:
            pk, blocked, reason = existing[record["key"]]
            self.participants[record["key"]] = (pk, blocked, reason)
            if blocked:
                self._skip_consent(record["row"], reason, None)
                continue
            self.report.rows_imported += 1
            for column, text in record["texts"]:
                candidates.append(self.statement(record["key"], column, text, None, pk))
        self._save_statements(candidates)

    def _participant_ids(self, keys: list[str]) -> dict[str, int]:
        """{source key: id} of this Plan's Participants with these keys (one query per 500).
        The query repeats the condition of the partial unique index on (plan, source_key):
        without it SQLite cannot use that index and reads every Participant of the Plan."""
        from django.db import connection

        table = connection.ops.quote_name(Participant._meta.db_table)
        ids = {}
        with connection.cursor() as cursor:
            for start in range(0, len(keys), 500):
                chunk = keys[start:start + 500]
                marks = ", ".join(["%s"] * len(chunk))
                cursor.execute(f"SELECT source_key, id FROM {table} "  # noqa: S608
                               f"WHERE plan_id = %s AND source_key IN ({marks}) "
                               "AND NOT (source_key = '')",
                               [self.plan.pk, *chunk])
                ids.update(cursor.fetchall())
        return ids

    def _skip_consent(self, row: int, reason: str, sheet: str | None):
        column = self.map.consent.key if self.map.consent else None
        if reason == "consent_withdrawn":
            message = _("Row %(row)d: the Participant has withdrawn consent; no Statements were "
                        "imported.") % {"row": row}
        else:
            message = _("Row %(row)d: consent was not given; the Participant was recorded "
                        "without Statements.") % {"row": row}
        self.report.skip(entry(reason, message, row=row, column=column,
                               **({"sheet": sheet} if sheet else {})))

    def _save_statements(self, candidates: list[tuple]):
        """Insert the candidates whose source key is new in this Consultation: the INSERT
        skips the keys the Consultation has already (ON CONFLICT DO NOTHING / INSERT OR
        IGNORE on its unique (consultation, source_key)), and the database's count of the rows
        it wrote tells new from existing. Like bulk_create, this sends no signals (auditlog
        logs the Dataset, not each Statement); `search_text` is computed here as
        `Statement.save()` would."""
        if not candidates:
            return
        now = self.inserts.statements.db_value("created_at", timezone.now())
        plan_id, consultation_id = self.plan.pk, self.consultation.pk
        dataset_id = self.dataset.pk if self.dataset is not None else None
        facts, known = self.text_facts, self.text_facts.known
        questions = {}  # id(Column) -> (question, label en, label km)
        have = set()
        rows = []
        for source_key, participant_id, column, text in candidates:
            if source_key in have:
                continue
            have.add(source_key)
            question = questions.get(id(column))
            if question is None:
                question = questions[id(column)] = (column.key[:255], *self._labels(column))
            language, words = known.get(text) or facts(text)
            rows.append((plan_id, consultation_id, participant_id, dataset_id, *question, text,
                         language, "", words, source_key, now))
        written = self.inserts.statements(rows)
        self.report.statements_new += written
        self.report.statements_existing += len(candidates) - written

    # --- repeats ------------------------------------------------------------------------------

    def repeat_table(self, table, columns: list[Column]):
        statement_columns = [c for c in self.map.statements if any(c is d for d in columns)]
        by_header = {c.header: c for c in columns}
        parent_index = by_header.get("_parent_index")
        parent_table = by_header.get("_parent_table_name")
        parent_uuid = by_header.get("_submission__uuid")
        parent_key = by_header.get("PARENT_KEY")
        own_index = by_header.get("_index")
        own: dict[str, str] = {}
        self.repeat_index[table.name] = own
        if not statement_columns:  # not read (and not counted in the progress)
            return
        if not (parent_index or parent_uuid or parent_key):
            self.report.warn(entry("repeat_without_parent", _(
                "The sheet %(sheet)s has no column linking its rows to the submissions "
                "(_parent_index, _submission__uuid or PARENT_KEY); it was not imported.") % {
                "sheet": table.name}, row=1, sheet=table.name))
            return
        ordinals: Counter = Counter()
        candidates = []
        for number, cells in table.rows():
            self.step()
            if not any(cells):
                continue
            key = None

            def cell(column, cells=cells):
                return cells[column.index] if column and column.index < len(cells) else ""

            if parent_key is not None and cell(parent_key):
                key = _strip_uuid(cell(parent_key).split("/")[0])
            elif parent_index is not None and cell(parent_index):
                name = cell(parent_table)
                mapping = self.repeat_index.get(name) if name and name in self.repeat_index \
                    else self.index_to_key
                key = mapping.get(cell(parent_index))
            if key is None and parent_uuid is not None and cell(parent_uuid):
                key = self.uuid_to_key.get(_strip_uuid(cell(parent_uuid)))
            if own_index is not None and key:
                own[cell(own_index)] = key
            if key is None or key not in self.participants:
                if key is None or key not in self.seen:
                    self.report.skip(entry("orphan_repeat_row", _(
                        "Row %(row)d of %(sheet)s belongs to no submission of the main table; "
                        "it was skipped.") % {"row": number, "sheet": table.name},
                        row=number, sheet=table.name))
                continue
            ordinals[key] += 1
            pk, blocked, reason = self.participants[key]
            texts = [(c, cell(c)) for c in statement_columns if cell(c)]
            if not texts:
                continue
            if blocked:
                self._skip_consent(number, reason, table.name)
                continue
            legacy = next((c for c, t in texts if self._legacy(t)), None)
            if legacy is not None:
                self.legacy += 1
                self.report.skip(entry("legacy_khmer_font", _(
                    "Row %(row)d was skipped: the answer in %(column)s looks like Khmer typed "
                    "with a legacy (non-Unicode) font such as Limon. Convert it to Unicode "
                    "and import again.") % {"row": number, "column": legacy.key},
                    row=number, column=legacy.key, sheet=table.name))
                continue
            for column, text in texts:
                candidates.append(self.statement(key, column, text, ordinals[key], pk))
            if len(candidates) >= BATCH:
                self._save_statements(candidates)
                candidates = []
        self._save_statements(candidates)

    # --- summary ------------------------------------------------------------------------------

    def finish(self):
        for (name, column), counter in self.unknown.items():
            values = [v for v, _n in counter.most_common(20)]
            self.report.warn(entry("unknown_value", _(
                "%(count)d rows have a value in %(column)s that matches no %(field)s: "
                "%(values)s. The values were kept as attributes of the Participants; add them "
                "to \"values\" in the mapping to use them.") % {
                "count": sum(counter.values()), "column": column,
                "field": Participant._meta.get_field(name).verbose_name,
                "values": ", ".join(values)},
                column=column, field=name, values=values, count=sum(counter.values())))
        if self.legacy:
            self.report.warn(entry("legacy_khmer_font", _(
                "%(count)d rows were skipped because their text looks like Khmer typed with a "
                "legacy font (such as Limon) rather than Unicode.") % {"count": self.legacy},
                count=self.legacy))
        if self.progress:
            self.progress(self.total, self.total)


class _Inserter:
    """One parameterised INSERT of `model`'s `columns`, run with executemany over the rows
    (tuples in the order of `columns`, holding database values: see `db_value`). Django's
    bulk_create spends most of a 100,000-row import building model instances and compiling
    SQL; this sends the values as they are and, like bulk_create, sends no signals."""

    CHUNK = 1000

    def __init__(self, model, columns: tuple[str, ...], ignore_conflicts: bool = False):
        from django.db import connection
        from django.db.models.constants import OnConflict

        meta = model._meta
        fields = [meta.get_field(name) for name in columns]
        self.fields = dict(zip(columns, fields, strict=True))
        quote = connection.ops.quote_name
        on_conflict = OnConflict.IGNORE if ignore_conflicts else None
        names = ", ".join(quote(f.column) for f in fields)
        marks = ", ".join(["%s"] * len(fields))
        suffix = connection.ops.on_conflict_suffix_sql(fields, on_conflict, None, None) \
            if ignore_conflicts else ""
        self.sql = (f"{connection.ops.insert_statement(on_conflict=on_conflict)} "
                    f"{quote(meta.db_table)} ({names}) VALUES ({marks}) {suffix}").strip()
        self.connection = connection
        self.cache: dict[tuple, object] = {}

    def db_value(self, column: str, value):
        """`value` as the database takes it for `column` (JSON, dates and times need this;
        text, numbers and booleans do not). Dates and times repeat: each is prepared once."""
        if value is None:
            return None
        field = self.fields[column]
        if isinstance(value, (dict, list)):  # JSONField.get_db_prep_save, minus its checks
            return self.connection.ops.adapt_json_value(value, field.encoder)
        key = (column, value)
        prepared = self.cache.get(key)
        if prepared is None:
            if len(self.cache) > 10_000:
                self.cache.clear()
            prepared = self.cache[key] = field.get_db_prep_save(value, self.connection)
        return prepared

    def __call__(self, rows: list[tuple]) -> int:
        """Runs the INSERT for every row; returns the number of rows written."""
        if not rows:
            return 0
        written = 0
        with self.connection.cursor() as cursor:
            for start in range(0, len(rows), self.CHUNK):
                cursor.executemany(self.sql, rows[start:start + self.CHUNK])
                written += cursor.rowcount
        return written


class _Inserts:
    """The INSERTs of a table import, compiled once."""

    def __init__(self):
        through = Participant.consultations.through
        self.participants = _Inserter(Participant, (
            "plan", "code", "sex", "age_band", "disability", "stakeholder_group",
            "organisation_type", "area", "attributes", "is_group", "group_size", "source_key",
            "created_at"))
        self.consents = _Inserter(Consent, ("participant", "given", "scope", "given_on",
                                            "withdrawn_at", "withdrawn_by"))
        self.links = _Inserter(through, ("participant", "consultation"))
        self.links_ignoring_conflicts = _Inserter(through, ("participant", "consultation"),
                                                  ignore_conflicts=True)
        self.statements = _Inserter(Statement, ignore_conflicts=True, columns=(
            "plan", "consultation", "participant", "dataset", "question", "question_label_en",
            "question_label_km", "text", "language", "translation", "search_text",
            "source_key", "created_at"))


class _TextFacts:
    """(language, search_text) of a Statement's text, remembered for texts seen before in this
    import: survey answers repeat ("No", "Nothing", the same sentence typed by many), and
    segmenting Khmer is the costliest step per Statement. Bounded: forgets everything when
    full."""

    LIMIT = 20_000

    def __init__(self):
        self.known: dict[str, tuple[str, str]] = {}

    def __call__(self, text: str) -> tuple[str, str]:
        facts = self.known.get(text)
        if facts is None:
            if len(self.known) >= self.LIMIT:
                self.known.clear()
            facts = self.known[text] = (statement_language(text), search_text(text))
        return facts


def _ticked(value: str) -> bool:
    """A 0/1 option column of a select_multiple says the option was chosen (the caller tells
    the common "1", "0" and "" apart first)."""
    return value.strip().casefold() in ("1", "true", "yes")


def _date(value: str):
    try:
        return dt.date.fromisoformat(value[:10])
    except (ValueError, TypeError):
        return None

