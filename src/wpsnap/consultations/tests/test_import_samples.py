"""The real KoboToolbox samples in shared/samples/kobo (formpack exports, 40 submissions)."""

import pytest
from django.utils import translation

from wpsnap.consultations.importing import import_file, inspect_file
from wpsnap.consultations.models import Dataset, Participant, Statement

from . import importing_fixtures as fx

pytestmark = pytest.mark.skipif(not fx.SAMPLES.is_dir(), reason="samples not available")
areas = fx.areas
consultation = fx.consultation

FORM = str(fx.SAMPLES / "fgd_form.xlsx")
MAPPING = {"participant": {"area": "province"},
           "statements": ["what_works", "what_must_change"]}
EXPORTS = ["fgd_xml.xlsx", "fgd_xml_groups.xlsx", "fgd_labels_km.xlsx", "fgd_xml.csv"]
CRLF_ID = 73518411


def run(plan, consultation, name, *, form=True, mapping=MAPPING, **kwargs):
    return import_file(plan, consultation, fx.SAMPLES / name, filename=name,
                       form_path=FORM if form else None, mapping=mapping, **kwargs)


@pytest.mark.parametrize("name", EXPORTS)
def test_inspect_counts_and_columns(db, name):
    with translation.override("en"):
        inspection = inspect_file(fx.SAMPLES / name, filename=name, form_path=FORM)
    assert inspection.errors == []
    assert inspection.format == "kobo"
    assert inspection.rows == 40
    assert inspection.repeats == ({} if name.endswith(".csv") else {"attendee": 203})
    columns = {c["key"]: c for c in inspection.columns}
    # group paths come from the XLSForm whether or not the headers have them
    assert columns["session/province"]["type"] == "select_one"
    assert columns["what_works"]["type"] == "text"
    assert columns["what_works"]["label"] == "What already works to keep women safe here?"
    assert columns["_uuid"]["type"] == "meta" and columns["meta/rootUuid"]["type"] == "meta"
    assert columns["safety_topics/street_lighting"]["type"] == "select_multiple_option"
    if not name.endswith(".csv"):
        assert columns["attendee/att_age"]["repeat"] == "attendee"
        assert columns["attendee/att_age"]["type"] == "integer"
    with translation.override("km"):
        khmer = inspect_file(fx.SAMPLES / name, filename=name, form_path=FORM)
    label = next(c["label"] for c in khmer.columns if c["key"] == "what_works")
    assert label == "តើអ្វីខ្លះដែលកំពុងដំណើរការល្អ ដើម្បីរក្សាសុវត្ថិភាពស្ត្រីនៅទីនេះ?"
    proposed = inspection.proposed_mapping
    assert proposed["participant"] == {"area": "session/province"}
    assert proposed["statements"] == ["what_works", "what_must_change"]
    assert inspection.to_json()["columns"][0].keys() >= {"key", "header", "label", "type",
                                                         "repeat", "samples"}


def test_inspect_without_form_guesses_free_text(db):
    inspection = inspect_file(fx.SAMPLES / "fgd_xml.xlsx", filename="fgd_xml.xlsx")
    assert inspection.proposed_mapping["statements"] == ["what_works", "what_must_change"]
    assert inspection.proposed_mapping["participant"] == {"area": "province"}
    columns = {c["key"]: c for c in inspection.columns}
    assert columns["safety_topics"]["type"] == "select_multiple"
    assert len(columns["what_works"]["samples"]) == 3


@pytest.mark.parametrize("name", EXPORTS)
def test_import_every_export(plan, consultation, areas, name):
    report = run(plan, consultation, name)
    assert report.status == "ok", report.errors
    assert (report.rows, report.participants_new, report.statements_new) == (40, 40, 74)
    works = Statement.objects.filter(consultation=consultation, question="what_works")
    assert works.count() == 37
    assert works.filter(language="km").count() == 17
    assert works.filter(language="en").count() == 20
    must = Statement.objects.filter(question="what_must_change")
    assert (must.filter(language="km").count(), must.filter(language="en").count()) == (19, 18)
    assert not Statement.objects.filter(text__contains="\r").exists()
    assert not Statement.objects.filter(text__contains="_x000D_").exists()
    statement = works.get(source_key__startswith=_uuid_of(CRLF_ID))
    assert "។\nប៉ុន្តែ" in statement.text
    assert statement.question_label_km == (
        "តើអ្វីខ្លះដែលកំពុងដំណើរការល្អ ដើម្បីរក្សាសុវត្ថិភាពស្ត្រីនៅទីនេះ?")
    assert statement.search_text.strip()
    participant = Participant.objects.get(source_key="6415479c-65dc-4f50-bf63-af83bd0561e6")
    assert participant.area.code == "16"  # ratanakiri / រតនគិរី by alias or Khmer name
    assert participant.attributes["safety_topics"] == ["domestic_violence", "police_response"]
    assert participant.attributes["feel_safe_night"] == "somewhat"
    assert participant.consultations.filter(pk=consultation.pk).exists()
    assert not hasattr(participant, "consent") or participant.consent is None
    assert Participant.objects.filter(plan=plan, area__isnull=True).count() == 0
    codes = sorted(Participant.objects.values_list("code", flat=True))
    assert codes[0] == "P-0001" and codes[-1] == "P-0040"
    assert [w["code"] for w in report.warnings] == ["no_consent_column"]
    dataset = Dataset.objects.get()
    assert dataset.status == Dataset.Status.IMPORTED and dataset.statements_new == 74
    assert consultation.mapping == MAPPING


def _uuid_of(kobo_id: int) -> str:
    """The `_uuid` of the sample submission with `_id` kobo_id."""
    from python_calamine import CalamineWorkbook

    rows = CalamineWorkbook.from_path(fx.SAMPLES / "fgd_xml.xlsx").get_sheet_by_index(0) \
        .to_python()
    header = rows[0]
    for row in rows[1:]:
        if int(row[header.index("_id")]) == kobo_id:
            return row[header.index("_uuid")]
    raise AssertionError(kobo_id)


def test_csv_keeps_semicolons_and_line_breaks(plan, consultation, areas):
    report = run(plan, consultation, "fgd_xml.csv", form=False)
    assert report.ok and report.statements_new == 74
    statement = Statement.objects.get(question="what_works",
                                      source_key__startswith=_uuid_of(CRLF_ID))
    assert "\n" in statement.text and "\r" not in statement.text
    assert Statement.objects.filter(question="what_must_change", text__contains=";").count() == 1


def test_repeat_rows_become_statements(plan, consultation, areas):
    mapping = {**MAPPING, "statements": ["what_works", "att_age", "attendee/att_group"]}
    report = run(plan, consultation, "fgd_xml_groups.xlsx", mapping=mapping)
    assert report.ok, report.errors
    assert Statement.objects.filter(question="attendee/att_group").count() == 203
    assert Statement.objects.filter(question="attendee/att_age").count() == 203 - 9
    keys = set(Statement.objects.filter(question="attendee/att_group")
               .values_list("source_key", flat=True))
    assert "6415479c-65dc-4f50-bf63-af83bd0561e6/attendee/att_group[1]" in keys
    assert "6415479c-65dc-4f50-bf63-af83bd0561e6/attendee/att_group[2]" in keys
    first = Participant.objects.get(source_key="6415479c-65dc-4f50-bf63-af83bd0561e6")
    assert first.statements.filter(question="attendee/att_group").count() >= 2


def test_same_data_in_every_export_is_imported_once(plan, consultation, areas):
    assert run(plan, consultation, "fgd_xml.xlsx").statements_new == 74
    for name in EXPORTS[1:]:
        report = run(plan, consultation, name)
        assert report.ok, report.errors
        assert (report.participants_new, report.statements_new) == (0, 0), name
        assert report.statements_existing == 74
    assert Statement.objects.count() == 74 and Participant.objects.count() == 40


def test_a_bigger_export_adds_only_the_new_submissions(plan, consultation, areas, tmp_path):
    import csv

    with open(fx.SAMPLES / "fgd_xml.csv", encoding="utf-8", newline="") as handle:
        records = list(csv.reader(handle, delimiter=";"))
    small = fx.write_csv(tmp_path / "fgd_small.csv", records[0], records[1:11], delimiter=";")
    first = import_file(plan, consultation, small, filename="fgd_small.csv", form_path=FORM,
                        mapping=MAPPING)
    assert first.ok and first.rows == 10 and first.participants_new == 10
    report = run(plan, consultation, "fgd_xml.csv")
    assert (report.participants_new, report.participants_existing) == (30, 10)
    assert Participant.objects.count() == 40 and Statement.objects.count() == 74
    assert sorted(Participant.objects.values_list("code", flat=True))[-1] == "P-0040"


def test_dry_run_reports_and_changes_nothing(plan, consultation, areas):
    report = run(plan, consultation, "fgd_labels_km.xlsx", dry_run=True)
    assert report.ok and (report.participants_new, report.statements_new) == (40, 74)
    assert report.to_json()["dry_run"] is True
    assert not Participant.objects.exists() and not Statement.objects.exists()
    assert not Dataset.objects.exists()
    consultation.refresh_from_db()
    assert consultation.mapping == {}


def test_saved_mapping_is_reused(plan, consultation, areas):
    run(plan, consultation, "fgd_xml.xlsx")
    consultation.refresh_from_db()
    report = import_file(plan, consultation, fx.SAMPLES / "fgd_xml_groups.xlsx",
                         filename="fgd_xml_groups.xlsx")
    assert report.ok and report.statements_existing == 74 and report.statements_new == 0


def test_label_export_without_form_maps_by_khmer_area_names(plan, consultation, areas):
    mapping = {"participant": {"area": "ខេត្ត/រាជធានី"},
               "statements": ["តើអ្វីខ្លះដែលកំពុងដំណើរការល្អ ដើម្បីរក្សាសុវត្ថិភាពស្ត្រីនៅទីនេះ?"]}
    report = run(plan, consultation, "fgd_labels_km.xlsx", form=False, mapping=mapping)
    assert report.ok and report.statements_new == 37
    assert not Participant.objects.filter(area__isnull=True).exists()
    assert not [w for w in report.warnings if w["code"] == "unknown_value"]
