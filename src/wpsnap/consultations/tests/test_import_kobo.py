"""Kobo-shaped exports made in the tests: mapping, vocabularies, consent, repeats, versions."""

import pytest

from wpsnap.consultations.importing import import_file, inspect_file
from wpsnap.consultations.models import Consent, Participant, Statement

from . import importing_fixtures as fx

areas = fx.areas
consultation = fx.consultation

QUESTIONS = ["respondent/sex", "respondent/age", "respondent/province", "respondent/consent",
             "topics", "topics/light", "topics/police", "story", "respondent_name"]
MAPPING = {"participant": {"sex": "sex", "age_band": "age", "area": "province"},
           "consent": {"column": "consent", "yes": "yes"},
           "statements": ["story", "incident_text"]}


def answers(sex="f", age="30", province="pp", consent="yes", story="The market is unsafe at "
            "night because there is no light.", topics="light police", name="Sokha Chan"):
    return {"respondent/sex": sex, "respondent/age": age, "respondent/province": province,
            "respondent/consent": consent, "topics": topics,
            "topics/light": int("light" in topics), "topics/police": int("police" in topics),
            "story": story, "respondent_name": name}


@pytest.fixture
def form(tmp_path):
    return fx.write_xlsform(tmp_path / "form.xlsx", fx.SURVEY_FORM, fx.SURVEY_CHOICES)


def workbook(tmp_path, rows, name="export.xlsx", repeat=None, questions=QUESTIONS):
    return fx.kobo_workbook(tmp_path / name, rows, questions=questions, repeat=repeat)


def run(plan, consultation, path, form=None, mapping=MAPPING, **kwargs):
    return import_file(plan, consultation, path, filename=path.name, form_path=form,
                       mapping=mapping, **kwargs)


def test_fields_consent_and_repeats(plan, consultation, areas, tmp_path, form):
    rows = [answers(), answers(sex="m", age="17", province="kd", consent="no"),
            answers(sex="ស្រី", age="64", story="ផ្សារគ្មានភ្លើងនៅពេលយប់។")]
    repeat = ("incident", ["incident/incident_text"],
              [[{"incident/incident_text": "A man followed me home from the market."}],
               [{"incident/incident_text": "Someone took my phone at the bus stop."}],
               [{"incident/incident_text": ""}, {"incident/incident_text": "ចោរលួចកាបូប។"}]])
    path = workbook(tmp_path, rows, repeat=repeat)
    report = run(plan, consultation, path, form)
    assert report.ok, report.errors
    assert (report.participants_new, report.statements_new) == (3, 4)
    p1, p2, p3 = Participant.objects.order_by("code")
    assert (p1.sex, p1.age_band, p1.area.code) == ("female", "25_34", "12")
    assert (p2.sex, p2.age_band, p2.area.code) == ("male", "under_18", "08")  # កណ្តាល / Kandal
    assert (p3.sex, p3.age_band) == ("female", "60_plus")
    assert p1.consent.given and p1.consent.scope == Consent.Scope.QUOTE_ANONYMOUSLY
    assert p1.consent.given_on.isoformat() == "2026-03-04"
    assert p2.consent.given is False and p2.statements.count() == 0
    assert p1.attributes["topics"] == ["light", "police"]
    # never the name: free text that is not mapped goes nowhere
    assert "Sokha" not in str(Participant.objects.values_list("attributes", flat=True))
    assert not Statement.objects.filter(text__contains="Sokha").exists()
    skipped = [s for s in report.skipped if s["code"] == "consent_not_given"]
    assert skipped[0]["row"] == 3 and skipped[0]["column"] == "respondent/consent"
    assert any(s.get("sheet") == "incident" for s in skipped)
    story = Statement.objects.get(participant=p1, question="story")
    assert story.question_label_en == "Tell us what happened"
    assert story.question_label_km == "សូមប្រាប់ពីអ្វីដែលបានកើតឡើង"
    assert story.source_key == f"{fx.uuid(1)}/story"
    assert story.language == "en"
    incident = Statement.objects.get(participant=p3, question="incident/incident_text")
    assert incident.source_key == f"{fx.uuid(3)}/incident/incident_text[2]"
    assert incident.language == "km"
    assert not Statement.objects.filter(participant=p2).exists()


def test_values_map_and_unknown_values_warn_once(plan, consultation, areas, tmp_path):
    rows = [answers(sex="W", province="kh12"), answers(sex="W", province="Mars"),
            answers(sex="Xy", province="Mars"), answers(sex="femme", province="Siemreap")]
    mapping = {**MAPPING, "values": {"sex": {"w": "female"}, "area": {"KH12": "12"}}}
    report = run(plan, consultation, workbook(tmp_path, rows), mapping=mapping)
    assert report.ok
    p1, p2, p3, p4 = Participant.objects.order_by("code")
    assert (p1.sex, p1.area.code) == ("female", "12")
    assert (p2.sex, p2.area, p2.attributes["respondent/province"]) == ("female", None, "Mars")
    assert (p3.sex, p3.attributes["respondent/sex"]) == ("unknown", "Xy")
    assert p4.area.code == "17"
    unknown = [w for w in report.warnings if w["code"] == "unknown_value"]
    assert len(unknown) == 2
    area = next(w for w in unknown if w["field"] == "area")
    assert (area["values"], area["count"], area["column"]) == (["Mars"], 2,
                                                               "respondent/province")


def test_group_paths_with_other_separators(plan, consultation, areas, tmp_path, form):
    for sep in "-.:":
        questions = [q.replace("/", sep) for q in QUESTIONS]
        rows = [{k.replace("/", sep): v for k, v in answers().items()}]
        path = workbook(tmp_path, rows, name=f"export{ord(sep)}.xlsx", questions=questions)
        inspection = inspect_file(path, filename=path.name, form_path=form)
        keys = {c["key"] for c in inspection.columns}
        assert {"respondent/sex", "topics/light"} <= keys, sep
        mapping = {**MAPPING, "participant": {"sex": "respondent/sex", "area": "province"}}
        report = run(plan, consultation, path, form, mapping=mapping)
        assert report.ok, (sep, report.errors)
    assert Participant.objects.count() == 1  # same rootUuid each time
    assert Participant.objects.get().sex == "female"


def test_metadata_by_name_not_position_and_merged_versions(plan, consultation, areas,
                                                          tmp_path):
    headers = ["_uuid", "story", "__version__", "meta/rootUuid", "respondent/sex", "_index",
               "respondent/extra_v2"]
    rows = [[fx.uuid(1), "First story about the road.", "v1", "", "f", 1],
            [fx.uuid(2), "Second story about the bus.", "v2", f"uuid:{fx.uuid(2)}", "m", 2,
             "only in v2"]]
    path = fx.write_xlsx(tmp_path / "merged.xlsx", {"Survey": (headers, rows)})
    report = run(plan, consultation, path, mapping={"participant": {"sex": "sex"},
                                                    "statements": ["story"]})
    assert report.ok and report.participants_new == 2
    assert set(Participant.objects.values_list("source_key", flat=True)) == {fx.uuid(1),
                                                                              fx.uuid(2)}


def test_select_multiple_only_as_option_columns(plan, consultation, areas, tmp_path, form):
    questions = [q for q in QUESTIONS if q != "topics"]
    path = workbook(tmp_path, [answers(topics="police")], questions=questions)
    report = run(plan, consultation, path, form)
    assert report.ok
    assert Participant.objects.get().attributes["topics"] == ["police"]


def test_labels_exported_in_khmer_map_back_through_the_form(plan, consultation, areas, tmp_path,
                                                            form):
    questions = ["ភេទ", "អាយុ", "ខេត្ត", "តើអ្នកយល់ព្រមចូលរួមទេ?", "ប្រធានបទ",
                 "សូមប្រាប់ពីអ្វីដែលបានកើតឡើង"]
    row = dict(zip(questions, ["ស្រី", "22", "កណ្ដាល", "បាទ/ចាស",
                               "ភ្លើងបំភ្លឺផ្លូវ ការឆ្លើយតបរបស់ប៉ូលិស", "រឿងរបស់ខ្ញុំ។"],
                   strict=True))
    path = fx.kobo_workbook(tmp_path / "labels.xlsx", [row], questions=questions)
    report = run(plan, consultation, path, form)
    assert report.ok, report.errors
    participant = Participant.objects.get()
    assert (participant.sex, participant.age_band, participant.area.code) == (
        "female", "18_24", "08")
    assert participant.consent.given
    assert participant.attributes["topics"] == ["light", "police"]
    assert Statement.objects.get().question == "story"


def test_consent_no_is_recorded_without_statements(plan, consultation, areas, tmp_path):
    path = workbook(tmp_path, [answers(consent="no"), answers(consent="")])
    report = run(plan, consultation, path)
    assert report.ok and report.participants_new == 2 and report.statements_new == 0
    assert list(Consent.objects.values_list("given", flat=True)) == [False, False]
    assert [s["code"] for s in report.skipped] == ["consent_not_given"] * 2
    assert [s["row"] for s in report.skipped] == [2, 3]


def test_withdrawn_consent_blocks_new_statements_on_reimport(plan, consultation, areas,
                                                            tmp_path):
    from django.utils import timezone

    path = workbook(tmp_path, [answers()])
    run(plan, consultation, path, mapping={**MAPPING, "statements": []})
    Consent.objects.update(withdrawn_at=timezone.now())
    report = run(plan, consultation, path)
    assert report.ok and report.statements_new == 0
    assert report.skipped[0]["code"] == "consent_withdrawn"
    assert Consent.objects.get().withdrawn_at is not None  # never overwritten


def test_legacy_khmer_font_rows_are_skipped(plan, consultation, areas, tmp_path):
    limon = "RksYgkic©karnaCn )anpþl;esvaCUnsRmab; RsþI rgeRKaH ehIy"
    path = workbook(tmp_path, [answers(), answers(story=limon)])
    report = run(plan, consultation, path)
    assert report.ok
    assert report.participants_new == 1 and report.statements_new == 1
    legacy = [s for s in report.skipped if s["code"] == "legacy_khmer_font"]
    assert [(s["row"], s["column"]) for s in legacy] == [(3, "story")]
    assert any(w["code"] == "legacy_khmer_font" for w in report.warnings)
    assert not Statement.objects.filter(text=limon).exists()


def test_legacy_check_only_in_khmer_context(plan, consultation, areas, tmp_path):
    consultation.language = "en"
    consultation.save()
    limon = "RksYgkic©karnaCn )anpþl;esvaCUnsRmab; RsþI rgeRKaH ehIy"
    report = run(plan, consultation, workbook(tmp_path, [answers(story=limon)]))
    assert report.ok and report.statements_new == 1


def test_no_consent_column_warns_once(plan, consultation, areas, tmp_path):
    report = run(plan, consultation, workbook(tmp_path, [answers(), answers()]),
                 mapping={"statements": ["story"]})
    assert [w["code"] for w in report.warnings].count("no_consent_column") == 1
    assert not Consent.objects.exists()
    assert report.statements_new == 2


def test_codes_continue_after_existing(plan, consultation, areas, tmp_path):
    Participant.objects.create(plan=plan, code="P-0041")
    run(plan, consultation, workbook(tmp_path, [answers(), answers()]))
    assert set(Participant.objects.values_list("code", flat=True)) == {"P-0041", "P-0042",
                                                                       "P-0043"}


def test_progress_is_called(plan, consultation, areas, tmp_path):
    calls = []
    run(plan, consultation, workbook(tmp_path, [answers()] * 5),
        progress=lambda done, total: calls.append((done, total)))
    assert calls and calls[-1] == (5, 5)
    assert all(done <= total for done, total in calls)


def test_other_plan_is_untouched(plan, other_plan, consultation, areas, tmp_path):
    run(plan, consultation, workbook(tmp_path, [answers()]))
    assert not Participant.objects.filter(plan=other_plan).exists()
    assert Statement.objects.get().plan == plan
