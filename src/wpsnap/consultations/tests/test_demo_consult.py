"""The demo Consult: what `wpsnap.consultations.demo.load` puts into the demo Plan, that it is
idempotent, that part of it arrives through the real importer, and that the shipped files are
the ones the generator makes."""

import io
import json
import re
from collections import Counter

import pytest
from django.core.management import call_command

from wpsnap.consultations.demo import load
from wpsnap.consultations.demo.loader import (
    KOBO_FILE,
    KOBO_FORM,
    KOBO_MAPPING,
    TRANSCRIPT_FILE,
)
from wpsnap.consultations.demo.make_files import make
from wpsnap.consultations.demo.sentences import SENTENCES
from wpsnap.consultations.importing import inspect_file
from wpsnap.consultations.models import (
    Consent,
    Consultation,
    ContactDetails,
    Dataset,
    Participant,
    Statement,
)
from wpsnap.consultations.queries import visible_statements
from wpsnap.core.text import KHMER_RE, detect_language
from wpsnap.plans.models import Plan

FOUR_AREAS = {"12", "02", "17", "22"}  # Phnom Penh, Battambang, Siem Reap, Oddar Meanchey


@pytest.fixture
def demo(db):
    call_command("load_demo", stdout=io.StringIO())
    plan = Plan.objects.get(slug="cambodia-demo")
    out = io.StringIO()
    counts = load(plan, stdout=out)
    return plan, counts, out.getvalue()


def _snapshot(plan):
    through = Participant.consultations.through
    return {
        "consultations": Consultation.objects.filter(plan=plan).count(),
        "participants": sorted(Participant.objects.filter(plan=plan).values_list(
            "code", "source_key", "sex", "age_band", "area_id")),
        "consents": Consent.objects.filter(participant__plan=plan).count(),
        "statements": Statement.objects.filter(plan=plan).count(),
        "datasets": Dataset.objects.filter(plan=plan).count(),
        "attendance": through.objects.filter(participant__plan=plan).count(),
        "organisations": Consultation.organisations.through.objects.filter(
            consultation__plan=plan).count(),
    }


def test_counts_and_mix(demo):
    plan, counts, out = demo
    assert plan.is_demo  # the Plan says the data are synthetic
    participants = Participant.objects.filter(plan=plan)
    statements = Statement.objects.filter(plan=plan)
    consultations = Consultation.objects.filter(plan=plan)
    assert counts["participants"] == participants.count() >= 250
    assert counts["statements"] == statements.count() >= 1000
    assert counts["consultations"] == consultations.count()
    assert 15 <= consultations.count() <= 20
    assert set(consultations.values_list("kind", flat=True)) == set(Consultation.Kind.values)
    assert "Demo Consult:" in out and out.count("\n") == 1

    languages = Counter(statements.values_list("language", flat=True))
    assert languages["km"] / sum(languages.values()) >= 0.4
    assert languages["en"] / sum(languages.values()) >= 0.4

    assert FOUR_AREAS <= set(participants.values_list("area__code", flat=True))
    assert FOUR_AREAS <= set(consultations.values_list("area__code", flat=True))
    sexes = Counter(participants.values_list("sex", flat=True))
    assert sexes["female"] > participants.count() / 2 and sexes["male"] > 0
    bands = set(participants.values_list("age_band", flat=True))
    assert set(Participant.YOUTH_BANDS) <= bands
    assert participants.filter(disability="yes").exists()
    groups = set(participants.values_list("stakeholder_group", flat=True))
    assert {"women", "youth", "marginalised", "government", "subnational", "civil_society",
            "un_partner", "academic", "community_leader", "security_sector"} <= groups
    assert participants.filter(is_group=True, group_size__gt=1).exists()
    assert len(set(participants.exclude(organisation_type="").values_list(
        "organisation_type", flat=True))) >= 5
    assert all(re.fullmatch(r"P-\d{4}", code) for code in participants.values_list(
        "code", flat=True))
    assert not ContactDetails.objects.filter(participant__plan=plan).exists()

    consents = Consent.objects.filter(participant__plan=plan)
    assert consents.filter(withdrawn_at__isnull=False).count() == 2
    assert consents.filter(scope=Consent.Scope.DO_NOT_QUOTE).count() >= 10
    assert consents.filter(scope=Consent.Scope.QUOTE_ANONYMOUSLY).count() > \
        consents.count() / 2

    for consultation in consultations:
        assert consultation.date and consultation.date.year in (2025, 2026)
        assert consultation.title_en and consultation.title_km and consultation.facilitator
    planned = consultations.get(kind=Consultation.Kind.VALIDATION_WORKSHOP)
    assert not planned.statements.exists() and planned.organisations.exists()
    assert consultations.filter(organisations__isnull=False).distinct().count() == \
        consultations.count()


def test_statements_are_written_text_in_their_language(demo):
    plan, _counts, _out = demo
    direct = Statement.objects.filter(plan=plan, dataset__isnull=True)
    assert direct.count() >= 1000
    for text, language, search in direct.values_list("text", "language", "search_text"):
        assert detect_language(text) == language
        assert search.strip()
        assert "lorem" not in text.lower()
    # built from many hand-written sentences, not a handful repeated
    assert len(SENTENCES) >= 60
    assert direct.values("text").distinct().count() > 0.9 * direct.count()
    khmer = direct.filter(language="km")
    assert all(KHMER_RE.search(t) for t in khmer.values_list("text", flat=True)[:50])
    translated = khmer.exclude(translation="")
    assert translated.exists()
    assert all(detect_language(t) == "en" for t in translated.values_list(
        "translation", flat=True))


def test_withdrawn_consent_hides_statements(demo):
    plan, _counts, _out = demo
    withdrawn = Participant.objects.filter(plan=plan, consent__withdrawn_at__isnull=False)
    assert withdrawn.count() == 2
    hidden = Statement.objects.filter(participant__in=withdrawn)
    assert hidden.exists()
    assert not visible_statements(plan).filter(pk__in=hidden.values("pk")).exists()


def test_second_run_adds_nothing(demo):
    plan, _counts, _out = demo
    before = _snapshot(plan)
    counts = load(plan, stdout=io.StringIO())
    assert counts["participants_new"] == counts["statements_new"] == 0
    assert counts["consultations_new"] == 0
    assert {r["status"] for r in counts["imported"].values()} == {"already_imported"}
    assert _snapshot(plan) == before


def test_part_arrives_through_the_importer(demo):
    plan, _counts, _out = demo
    kobo = Dataset.objects.get(plan=plan, filename=KOBO_FILE.name)
    transcript = Dataset.objects.get(plan=plan, filename=TRANSCRIPT_FILE.name)
    assert (kobo.format, kobo.status, kobo.rows) == ("kobo", "imported", 60)
    assert (transcript.format, transcript.status) == ("transcript", "imported")
    assert kobo.consultation.slug == "survey-provincial-kobo"
    assert transcript.consultation.slug == "fgd-transcript-anlong-veng"
    survey = kobo.statements.all()
    assert survey.count() == kobo.statements_new > 100
    assert {q.rsplit("/", 1)[-1] for q in survey.values_list("question", flat=True)} == {
        "biggest_concern", "what_helps", "one_change"}
    assert survey.exclude(question_label_km="").exists()
    assert set(survey.values_list("language", flat=True)) == {"km", "en"}
    assert set(kobo.consultation.participants.values_list("area__code", flat=True)) >= \
        FOUR_AREAS
    # the two people who said no are recorded without Statements
    refused = kobo.consultation.participants.filter(consent__given=False)
    assert refused.count() == 2 and not Statement.objects.filter(participant__in=refused)
    turns = transcript.statements.all()
    assert turns.count() == 16
    assert set(turns.values_list("language", flat=True)) == {"km", "en"}
    speakers = transcript.consultation.participants.all()
    assert speakers.count() == 7
    assert all(p.consent.active and p.sex == "female" and p.area.code == "22"
               for p in speakers)


def test_shipped_kobo_export_passes_inspection(db):
    mapping = json.loads(KOBO_MAPPING.read_text(encoding="utf-8"))
    inspection = inspect_file(KOBO_FILE, filename=KOBO_FILE.name, form_path=KOBO_FORM,
                              mapping=mapping)
    assert inspection.errors == []
    assert inspection.format == "kobo"
    assert inspection.rows == 60
    assert inspection.repeats == {"household_member": 160}
    columns = {c["header"]: c for c in inspection.columns}
    assert {"_uuid", "meta/rootUuid", "_index", "_parent_index", "biggest_concern"} <= set(columns)
    assert columns["biggest_concern"]["type"] == "text"
    assert columns["concerns/landmines"]["option_of"].endswith("concerns")


def test_shipped_files_are_what_the_generator_makes(tmp_path):
    make(tmp_path)
    for shipped in (KOBO_FILE, KOBO_FORM, KOBO_MAPPING, TRANSCRIPT_FILE):
        assert (tmp_path / shipped.name).read_bytes() == shipped.read_bytes(), shipped.name


def test_kobo_export_follows_kobo_conventions():
    import openpyxl

    book = openpyxl.load_workbook(KOBO_FILE, read_only=True)
    main, repeat = book.worksheets
    assert main.title == "Provincial survey on women, ..." and repeat.title == "household_member"
    rows = list(main.iter_rows(values_only=True))
    header = rows[0]
    assert header[-11:] == ("_id", "_uuid", "_submission_time", "_validation_status", "_notes",
                            "_status", "_submitted_by", "__version__", "_tags", "meta/rootUuid",
                            "_index")
    assert "concerns" in header and "concerns/landmines" in header
    for row in rows[1:]:
        record = dict(zip(header, row, strict=True))
        assert record["meta/rootUuid"] == "uuid:" + record["_uuid"]
        if record["concerns"]:
            chosen = set(record["concerns"].split())
            assert {k.split("/")[1] for k, v in record.items()
                    if k.startswith("concerns/") and v == "1"} == chosen
    assert [r[header.index("_index")] for r in rows[1:]] == list(range(1, 61))
    assert any("_x000D_" in (v or "") for r in rows[1:] for v in r if isinstance(v, str))
    repeat_rows = list(repeat.iter_rows(values_only=True))
    rheader = repeat_rows[0]
    ids = {r[header.index("_index")]: r[header.index("_id")] for r in rows[1:]}
    for row in repeat_rows[1:]:
        record = dict(zip(rheader, row, strict=True))
        assert record["_submission__id"] == ids[record["_parent_index"]]
        assert record["_parent_table_name"] == "Provincial survey on women, peace and security 2026"
    book.close()
