"""ODK Central CSV and zip exports, and generic tables."""

from wpsnap.consultations.importing import import_file, inspect_file
from wpsnap.consultations.models import Participant, Statement

from . import importing_fixtures as fx

areas = fx.areas
consultation = fx.consultation

ODK_MAIN = ["SubmissionDate", "respondent-sex", "respondent-age", "respondent-province",
            "respondent-consent", "topics", "topics/light", "topics/police", "story",
            "meta-instanceID", "KEY", "SubmitterID", "ReviewState"]
ODK_REPEAT = ["incident_text", "PARENT_KEY", "KEY"]
MAPPING = {"participant": {"sex": "sex", "age_band": "respondent/age", "area": "province"},
           "consent": {"column": "consent", "yes": "yes"},
           "statements": ["story", "incident_text"]}


def odk_rows():
    main = [["2026-03-01T10:00:00Z", "f", "41", "kd", "yes", "light", 1, 0,
             "The bus stop is dark.", "uuid:a1", "uuid:a1", "5", ""],
            ["2026-03-02T10:00:00Z", "m", "19", "pp", "yes", "light police", 1, 1,
             "", "uuid:b2", "uuid:b2", "5", "approved"]]
    repeat = [["Robbed at the market.", "uuid:a1", "uuid:a1/incident[1]"],
              ["Followed home.", "uuid:a1", "uuid:a1/incident[2]"],
              ["ការគំរាមកំហែងតាមទូរស័ព្ទ។", "uuid:b2", "uuid:b2/incident[1]"]]
    return main, repeat


def test_odk_zip(plan, consultation, areas, tmp_path):
    main, repeat = odk_rows()
    path = fx.odk_zip(tmp_path / "survey.zip", (ODK_MAIN, main), {"incident": (ODK_REPEAT,
                                                                                repeat)})
    form = fx.write_xlsform(tmp_path / "form.xlsx", fx.SURVEY_FORM, fx.SURVEY_CHOICES)
    inspection = inspect_file(path, filename="survey.zip", form_path=form)
    assert inspection.format == "odk" and inspection.rows == 2
    assert inspection.repeats == {"incident": 3}
    keys = {c["key"]: c for c in inspection.columns}
    assert keys["respondent/sex"]["type"] == "select_one"
    assert keys["incident/incident_text"]["repeat"] == "incident"
    assert keys["KEY"]["type"] == "meta"
    report = import_file(plan, consultation, path, filename="survey.zip", form_path=form,
                         mapping=MAPPING)
    assert report.ok, report.errors
    assert (report.participants_new, report.statements_new) == (2, 4)
    a1 = Participant.objects.get(source_key="a1")
    assert (a1.sex, a1.age_band, a1.area.code) == ("female", "35_44", "08")
    assert a1.consent.given_on.isoformat() == "2026-03-01"
    assert a1.statements.count() == 3
    assert set(a1.statements.values_list("source_key", flat=True)) == {
        "a1/story", "a1/incident/incident_text[1]", "a1/incident/incident_text[2]"}
    b2 = Participant.objects.get(source_key="b2")
    assert b2.attributes["topics"] == ["light", "police"]
    assert b2.statements.get().language == "km"
    again = import_file(plan, consultation, path, filename="survey.zip", form_path=form,
                        mapping=MAPPING)
    assert (again.participants_new, again.statements_new) == (0, 0)


def test_odk_csv_without_form_and_repeat_as_second_file(plan, consultation, areas, tmp_path):
    main, repeat = odk_rows()
    path = fx.write_csv(tmp_path / "survey.csv", ODK_MAIN, main)
    repeat_path = fx.write_csv(tmp_path / "survey-incident.csv", ODK_REPEAT, repeat)
    inspection = inspect_file(path, filename="survey.csv", repeat_paths=[repeat_path])
    keys = {c["key"] for c in inspection.columns}
    assert {"respondent/sex", "topics/light", "meta-instanceID"} <= keys
    assert inspection.repeats == {"incident": 3}
    report = import_file(plan, consultation, path, filename="survey.csv", mapping=MAPPING,
                         repeat_paths=[repeat_path])
    assert report.ok, report.errors
    assert report.statements_new == 4
    assert Participant.objects.get(source_key="b2").sex == "male"


def test_generic_table_with_key_column(plan, consultation, areas, tmp_path):
    headers = ["Respondent ID", "Gender", "Age group", "Province", "Answer"]
    rows = [["R1", "Female", "18-24", "Kampot", "We need more women police officers."],
            ["R2", "Male", "60+", "ខេត្តកំពត", "Roads are unsafe after dark."]]
    path = fx.write_xlsx(tmp_path / "table.xlsx", {"Sheet1": (headers, rows)})
    inspection = inspect_file(path, filename="table.xlsx")
    assert inspection.format == "table"
    proposed = inspection.proposed_mapping
    assert proposed["participant"]["sex"] == "Gender"
    assert proposed["statements"] == ["Answer"]
    mapping = {"key": "Respondent ID",
               "participant": {"sex": "Gender", "age_band": "Age group", "area": "Province"},
               "statements": ["Answer"]}
    report = import_file(plan, consultation, path, filename="table.xlsx", mapping=mapping)
    assert report.ok, report.errors
    r1, r2 = Participant.objects.order_by("code")
    assert (r1.sex, r1.age_band, r1.area.code) == ("female", "18_24", "07")
    assert (r2.sex, r2.age_band, r2.area.code) == ("male", "60_plus", "07")
    assert r1.source_key == f"c{consultation.pk}:R1"
    assert Statement.objects.get(participant=r1).source_key == f"c{consultation.pk}:R1/Answer"


def test_generic_csv_without_key_uses_a_row_hash(plan, consultation, areas, tmp_path):
    rows = [["Female", "Women need safe transport."], ["Male", "More light in the market."]]
    path = fx.write_csv(tmp_path / "t.csv", ["sex", "comment"], rows)
    mapping = {"participant": {"sex": "sex"}, "statements": ["comment"]}
    first = import_file(plan, consultation, path, filename="t.csv", mapping=mapping)
    assert first.ok and first.participants_new == 2
    bigger = fx.write_csv(tmp_path / "t2.csv", ["sex", "comment"],
                          [*rows, ["Female", "A third answer."]])
    second = import_file(plan, consultation, bigger, filename="t2.csv", mapping=mapping)
    assert (second.participants_new, second.statements_new) == (1, 1)
    assert all(k.startswith(f"c{consultation.pk}:row:")
               for k in Participant.objects.values_list("source_key", flat=True))


def test_semicolon_and_tab_tables(plan, consultation, tmp_path):
    for delimiter, name in ((";", "s.csv"), ("\t", "t.tsv")):
        path = fx.write_csv(tmp_path / name, ["id", "text"], [[1, "a; b, c"]],
                            delimiter=delimiter)
        inspection = inspect_file(path, filename=name)
        assert [c["key"] for c in inspection.columns] == ["id", "text"]
        assert inspection.columns[1]["samples"] == ["a; b, c"]


def test_sensitive_columns_are_masked_and_never_proposed(db, tmp_path):
    path = fx.write_csv(tmp_path / "t.csv", ["respondent_name", "phone", "comment"],
                        [["Sokha Chan", "012345678", "The road to school is not safe."]])
    inspection = inspect_file(path, filename="t.csv")
    columns = {c["key"]: c for c in inspection.columns}
    assert columns["respondent_name"]["samples"] == ["•••"]
    assert columns["phone"]["samples"] == ["•••"]
    assert "Sokha" not in str(inspection.to_json())
    assert inspection.proposed_mapping["statements"] == ["comment"]
