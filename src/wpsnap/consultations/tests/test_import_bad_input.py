"""Bad input never loses or corrupts anything: rejected, with row/column, and nothing added."""

import zipfile

import pytest

from wpsnap.consultations.importing import import_file, inspect_file, readers
from wpsnap.consultations.models import Dataset, Participant, Statement

from . import importing_fixtures as fx

consultation = fx.consultation
MAPPING = {"statements": ["story"]}


def run(plan, consultation, path, **kwargs):
    kwargs.setdefault("mapping", MAPPING)
    return import_file(plan, consultation, path, filename=path.name, **kwargs)


def assert_rejected(report, code, *, row="any", column="any"):
    assert report.status == "rejected"
    assert report.to_json()["status"] == "rejected"
    error = next((e for e in report.errors if e["code"] == code), None)
    assert error is not None, report.errors
    assert error["message"]
    if row != "any":
        assert error["row"] == row
    if column != "any":
        assert error["column"] == column
    assert (report.participants_new, report.statements_new) == (0, 0)
    assert not Participant.objects.exists() and not Statement.objects.exists()
    assert not Dataset.objects.exists()
    return error


def kobo(tmp_path, rows=None, name="export.xlsx"):
    rows = rows or [{"story": "A story about the market at night."}]
    return fx.kobo_workbook(tmp_path / name, rows, questions=["story"])


def test_empty_file(plan, consultation, tmp_path):
    for name in ("empty.csv", "empty.xlsx", "empty.txt"):
        path = tmp_path / name
        path.write_bytes(b"")
        assert_rejected(run(plan, consultation, path), "empty_file")
        assert inspect_file(path, filename=name).errors[0]["code"] == "empty_file"


def test_header_only(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "header.csv", ["_uuid", "story"], [])
    assert_rejected(run(plan, consultation, path), "no_rows", row=2)


def test_truncated_xlsx(plan, consultation, tmp_path):
    good = kobo(tmp_path).read_bytes()
    path = tmp_path / "cut.xlsx"
    path.write_bytes(good[: len(good) // 2])
    assert_rejected(run(plan, consultation, path), "corrupt_file")


def test_not_a_spreadsheet(plan, consultation, tmp_path):
    path = tmp_path / "fake.xlsx"
    path.write_bytes(b"this is not a workbook at all")
    assert_rejected(run(plan, consultation, path), "corrupt_file")


def test_zip_bomb_is_not_decompressed(plan, consultation, tmp_path, monkeypatch):
    path = kobo(tmp_path)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/padding.xml", b"<a>" + b" " * (8 * 1024 * 1024) + b"</a>")
    # a ratio of ~1000:1 on an 8 MB member is a bomb by itself
    assert_rejected(run(plan, consultation, path), "too_large")
    monkeypatch.setattr(readers, "MAX_RATIO", 10**9)
    monkeypatch.setattr(readers, "MAX_UNCOMPRESSED", 4 * 1024 * 1024)
    error = assert_rejected(run(plan, consultation, path), "too_large")
    assert "MB" in error["message"]


def test_row_cap(plan, consultation, tmp_path, monkeypatch):
    monkeypatch.setattr(readers, "MAX_ROWS", 2)
    rows = [{"story": f"Story number {i} about the road."} for i in range(3)]
    assert_rejected(run(plan, consultation, kobo(tmp_path, rows)), "too_many_rows")
    csv_path = fx.write_csv(tmp_path / "big.csv", ["key", "story"],
                            [[i, "text of the row"] for i in range(3)])
    assert_rejected(run(plan, consultation, csv_path), "too_many_rows")


def test_wrong_encoding_is_rejected_not_guessed(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "latin1.csv", ["key", "story"],
                        [[1, "ok"], [2, "Café près du marché, très sûr."]], encoding="latin-1")
    error = assert_rejected(run(plan, consultation, path), "not_utf8", row=3)
    assert "UTF-8" in error["message"]


def test_utf16_without_bom_is_rejected(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "u16.csv", ["key", "story"], [[1, "text"]],
                        encoding="utf-16-le")
    assert_rejected(run(plan, consultation, path), "not_utf8")


@pytest.mark.parametrize("encoding", ["utf-8-sig", "utf-16"])
def test_bom_encodings_are_read(plan, consultation, tmp_path, encoding):
    path = fx.write_csv(tmp_path / "bom.csv", ["key", "story"],
                        [[1, "ស្ត្រីត្រូវការភ្លើងបំភ្លឺផ្លូវ។"]], encoding=encoding)
    report = run(plan, consultation, path, mapping={"key": "key", "statements": ["story"]})
    assert report.ok, report.errors
    assert Statement.objects.get().language == "km"


def test_missing_key_column(plan, consultation, tmp_path):
    headers = ["story", "_id", "_submission_time", "__version__"]
    path = fx.write_xlsx(tmp_path / "nokey.xlsx", {"Survey": (headers, [["text", 1, "", "v1"]])})
    assert_rejected(run(plan, consultation, path), "missing_key_column", row=1, column="_uuid")
    odk = fx.write_csv(tmp_path / "odk.csv", ["SubmissionDate", "story"], [["2026", "x"]])
    assert_rejected(run(plan, consultation, odk), "missing_key_column", row=1, column="KEY")


def test_missing_mapped_key_column(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "t.csv", ["id", "story"], [[1, "text"]])
    assert_rejected(run(plan, consultation, path, mapping={"key": "respondent_id",
                                                           "statements": ["story"]}),
                    "unknown_column", row=1, column="respondent_id")


def test_duplicated_headers(plan, consultation, tmp_path):
    path = fx.write_csv(tmp_path / "dupes.csv", ["_uuid", "story", "story", "age"],
                        [["u1", "a", "b", "3"]])
    error = assert_rejected(run(plan, consultation, path), "duplicate_header", row=1,
                            column="story")
    assert "story" in error["message"]
    assert inspect_file(path, filename="dupes.csv").errors[0]["code"] == "duplicate_header"


def test_unknown_mapped_columns(plan, consultation, tmp_path):
    path = kobo(tmp_path)
    assert_rejected(run(plan, consultation, path, mapping={"participant": {"sex": "gender"},
                                                           "statements": ["story"]}),
                    "unknown_column", column="gender")
    assert_rejected(run(plan, consultation, path, mapping={"statements": ["nothing"]}),
                    "unknown_column", column="nothing")
    assert_rejected(run(plan, consultation, path, mapping={"participant": {"height": "story"}}),
                    "bad_mapping")


def test_row_without_key_rejects_the_whole_import(plan, consultation, tmp_path):
    headers = ["_uuid", "story"]
    rows = [["u1", "first answer text"], ["", "second answer text"], ["u3", "third"]]
    path = fx.write_xlsx(tmp_path / "holes.xlsx", {"Survey": (headers, rows)})
    assert_rejected(run(plan, consultation, path), "missing_key", row=3, column="_uuid")


def test_rejected_import_marks_a_given_dataset(plan, consultation, tmp_path):
    dataset = Dataset.objects.create(plan=plan, consultation=consultation, filename="x.csv")
    path = tmp_path / "x.csv"
    path.write_bytes(b"")
    report = run(plan, consultation, path, dataset=dataset)
    assert report.status == "rejected"
    dataset.refresh_from_db()
    assert dataset.status == Dataset.Status.REJECTED
    assert dataset.report["errors"][0]["code"] == "empty_file"


def test_database_failure_rolls_everything_back(plan, consultation, tmp_path, monkeypatch):
    from django.db import IntegrityError

    from wpsnap.consultations.importing import engine

    rows = [{"story": f"Answer number {i} about safety."} for i in range(3)]
    original = engine._TableImport._save_statements

    def explode(self, candidates):
        original(self, candidates)
        raise IntegrityError("simulated")

    monkeypatch.setattr(engine._TableImport, "_save_statements", explode)
    assert_rejected(run(plan, consultation, kobo(tmp_path, rows)), "database_error")


def test_bad_form(plan, consultation, tmp_path):
    form = tmp_path / "form.xlsx"
    form.write_bytes(b"nope")
    assert_rejected(run(plan, consultation, kobo(tmp_path), form_path=form), "bad_form")
