"""Files for the import tests, made on the fly: Kobo-shaped XLSX and CSV, ODK Central CSVs and
zips, XLSForms, DOCX and TXT transcripts."""

import csv
import io
import zipfile
from pathlib import Path

import pytest

from wpsnap.conftest import KOBO_SAMPLES as SAMPLES  # noqa: F401 - used by the sample tests
from wpsnap.consultations.models import Consultation

KOBO_META = ["_id", "_uuid", "_submission_time", "_validation_status", "_notes", "_status",
             "_submitted_by", "__version__", "_tags", "meta/rootUuid", "_index"]


def uuid(n: int) -> str:
    return f"00000000-0000-4000-8000-{n:012d}"


def kobo_row(n: int, answers: dict, *, version: str = "v1") -> dict:
    row = dict(answers)
    row.update({"_id": 1000 + n, "_uuid": uuid(n), "_submission_time": "2026-03-04T08:57:50",
                "_validation_status": "", "_notes": "", "_status": "submitted_via_web",
                "_submitted_by": "", "__version__": version, "_tags": "",
                "meta/rootUuid": f"uuid:{uuid(n)}", "_index": n})
    return row


def write_xlsx(path: Path, sheets: dict[str, tuple[list[str], list[dict | list]]]) -> Path:
    """sheets: {sheet name: (headers, rows as dicts by header or lists)}; first = main."""
    from openpyxl import Workbook

    workbook = Workbook()
    workbook.remove(workbook.active)
    for name, (headers, rows) in sheets.items():
        sheet = workbook.create_sheet(name[:31])
        sheet.append(headers)
        for row in rows:
            sheet.append([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    workbook.save(path)
    return path


def write_csv(path: Path, headers: list[str], rows: list[dict | list], *, delimiter=",",
              encoding="utf-8", lineterminator="\r\n") -> Path:
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator=lineterminator)
    writer.writerow(headers)
    for row in rows:
        writer.writerow([row.get(h, "") for h in headers] if isinstance(row, dict) else row)
    path.write_bytes(buffer.getvalue().encode(encoding))
    return path


def kobo_workbook(path: Path, answers: list[dict], *, questions: list[str],
                  repeat: tuple[str, list[str], list[list[dict]]] | None = None,
                  versions=None) -> Path:
    """A Kobo XML export: `answers[i]` for submission i+1; `repeat` = (name, columns, rows per
    submission)."""
    headers = ["start", "end", *questions, *KOBO_META]
    rows = [kobo_row(i + 1, a, version=(versions or {}).get(i + 1, "v1"))
            for i, a in enumerate(answers)]
    sheets = {"Survey of women's safety in th...": (headers, rows)}
    if repeat:
        name, columns, per_parent = repeat
        repeat_headers = [*columns, "_index", "_parent_table_name", "_parent_index",
                          "_submission__id", "_submission__uuid"]
        repeat_rows, index = [], 0
        for parent, children in enumerate(per_parent, start=1):
            for child in children:
                index += 1
                repeat_rows.append({**child, "_index": index, "_parent_table_name": "Survey",
                                    "_parent_index": parent, "_submission__id": 1000 + parent,
                                    "_submission__uuid": uuid(parent)})
        sheets[name] = (repeat_headers, repeat_rows)
    return write_xlsx(path, sheets)


def write_xlsform(path: Path, survey: list[list[str]], choices: list[list[str]],
                  languages=("English (en)", "Khmer (km)")) -> Path:
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "survey"
    sheet.append(["type", "name", *[f"label::{lang}" for lang in languages]])
    for row in survey:
        sheet.append(row)
    sheet = workbook.create_sheet("choices")
    sheet.append(["list_name", "name", *[f"label::{lang}" for lang in languages]])
    for row in choices:
        sheet.append(row)
    sheet = workbook.create_sheet("settings")
    sheet.append(["form_title", "form_id", "default_language"])
    sheet.append(["Survey", "survey", languages[0]])
    workbook.save(path)
    return path


SURVEY_FORM = [
    ["begin_group", "respondent", "Respondent", "អ្នកឆ្លើយ"],
    ["select_one sex", "sex", "Sex", "ភេទ"],
    ["integer", "age", "Age", "អាយុ"],
    ["select_one province", "province", "Province", "ខេត្ត"],
    ["select_one yn", "consent", "Do you agree to take part?", "តើអ្នកយល់ព្រមចូលរួមទេ?"],
    ["end_group", "", "", ""],
    ["select_multiple topics", "topics", "Topics", "ប្រធានបទ"],
    ["text", "story", "Tell us what happened", "សូមប្រាប់ពីអ្វីដែលបានកើតឡើង"],
    ["text", "respondent_name", "Your name", "ឈ្មោះ"],
    ["begin_repeat", "incident", "Incident", "ឧប្បត្តិហេតុ"],
    ["text", "incident_text", "Describe the incident", "រៀបរាប់ពីឧប្បត្តិហេតុ"],
    ["end_repeat", "", "", ""],
]
SURVEY_CHOICES = [
    ["sex", "f", "Woman", "ស្រី"], ["sex", "m", "Man", "ប្រុស"],
    ["province", "pp", "Phnom Penh", "ភ្នំពេញ"], ["province", "kd", "Kandal", "កណ្តាល"],
    ["province", "zz", "Atlantis", "អាត្លង់ទិស"],
    ["yn", "yes", "Yes", "បាទ/ចាស"], ["yn", "no", "No", "ទេ"],
    ["topics", "light", "Street lighting", "ភ្លើងបំភ្លឺផ្លូវ"],
    ["topics", "police", "Police response", "ការឆ្លើយតបរបស់ប៉ូលិស"],
]


def odk_zip(path: Path, main: tuple[list[str], list[list]], repeats: dict) -> Path:
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, (headers, rows) in {"survey": main, **{f"survey-{k}": v
                                                         for k, v in repeats.items()}}.items():
            buffer = io.StringIO()
            writer = csv.writer(buffer, lineterminator="\n")
            writer.writerow(headers)
            writer.writerows(rows)
            archive.writestr(f"{name}.csv", buffer.getvalue())
    return path


@pytest.fixture
def areas(db):
    from wpsnap.frameworks.services import load_reference

    load_reference()


@pytest.fixture
def consultation(plan):
    return Consultation.objects.create(plan=plan, slug="fgd", kind="focus_group",
                                       title_en="Focus groups")
