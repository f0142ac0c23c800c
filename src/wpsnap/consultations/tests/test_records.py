"""Consultations, Participants and Contact details: who may do what, and what is shown."""

import json

import pytest
from django.urls import reverse

from wpsnap.consultations.models import (
    Consent,
    Consultation,
    ContactDetails,
    Participant,
)
from wpsnap.plans.models import Organisation, Role


def url(name, plan, *args):
    return reverse(f"consult:{name}", args=[plan.slug, *args])


# --- Access -----------------------------------------------------------------------------------

@pytest.fixture
def contact(participants):
    return ContactDetails.objects.create(participant=participants[0], name="Sok Dara",
                                         phone="012 999 888", email="dara@example.org")


@pytest.mark.parametrize("name,args,allowed", [
    ("overview", (), set(Role.values)),
    ("consultation_list", (), set(Role.values)),
    ("consultation_create", (), {"coordinator", "analyst"}),
    ("participant_list", (), {"coordinator", "analyst"}),
    ("statements", (), set(Role.values)),
    ("coverage", (), set(Role.values)),
    ("coverage_targets", (), {"coordinator"}),
])
def test_plan_level_pages_by_role(client, members, plan, participants, name, args, allowed):
    target = url(name, plan, *args)
    response = client.get(target)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(members["outsider"])
    assert client.get(target).status_code == 404
    for role in Role.values:
        client.force_login(members[role])
        assert client.get(target).status_code == (200 if role in allowed else 403), role


def test_object_pages_by_role(client, members, plan, participants, consultation, contact):
    p = participants[0]
    pages = {
        url("consultation_detail", plan, consultation.slug): set(Role.values),
        url("consultation_edit", plan, consultation.slug): {"coordinator", "analyst"},
        url("participant_detail", plan, p.pk): {"coordinator", "analyst"},
        url("participant_edit", plan, p.pk): {"coordinator", "analyst"},
        url("consent_edit", plan, p.pk): {"coordinator", "analyst"},
        url("consent_withdraw", plan, p.pk): {"coordinator", "analyst"},
        url("participant_erase", plan, p.pk): {"coordinator"},
        url("contact_details", plan, p.pk): {"coordinator"},
    }
    for target, allowed in pages.items():
        client.logout()
        assert client.get(target).status_code == 302
        client.force_login(members["outsider"])
        assert client.get(target).status_code == 404
        for role in Role.values:
            client.force_login(members[role])
            assert client.get(target).status_code == (200 if role in allowed else 403), \
                (target, role)


def test_objects_of_another_plan_are_not_found(client_as, plan, other_plan, participants):
    foreign = Participant.objects.create(plan=other_plan, code="P-0001")
    foreign_c = Consultation.objects.create(plan=other_plan, slug="theirs", kind="survey",
                                            title_en="Theirs")
    client = client_as(Role.COORDINATOR)
    assert client.get(url("participant_detail", plan, foreign.pk)).status_code == 404
    assert client.get(url("contact_details", plan, foreign.pk)).status_code == 404
    assert client.get(url("consultation_detail", plan, foreign_c.slug)).status_code == 404


# --- Overview and Consultations -------------------------------------------------------------------

def test_overview_counts_and_links(client_as, plan, participants, consultation):
    response = client_as(Role.ANALYST).get(url("overview", plan))
    html = response.content.decode()
    assert response.context["counts"]["participants"] == 12
    assert response.context["counts"]["statements"] == 24
    assert response.context["counts"]["consultations"] == 2
    assert dict(response.context["counts"]["consultations_by_kind"])["Focus group"] == 1
    assert reverse("plans:organisations", args=[plan.slug]) in html
    assert url("participant_list", plan) in html
    assert url("coverage", plan) in html
    # The process navigation now links Consult.
    assert f'href="{url("overview", plan)}"' in html


def test_overview_hides_the_participant_register_from_viewers(client_as, plan, participants):
    html = client_as(Role.VIEWER).get(url("overview", plan)).content.decode()
    assert url("participant_list", plan) not in html


def test_create_and_edit_a_consultation(client_as, plan, areas, organisation):
    client = client_as(Role.ANALYST)
    other_org = Organisation.objects.create(plan=plan, name_en="UN Women", type="un_agency")
    response = client.post(url("consultation_create", plan), {
        "slug": "kii-pp", "kind": "interview", "title_en": "Interview in Phnom Penh",
        "title_km": "សម្ភាសន៍", "date": "2026-03-02", "area": areas["12"].pk,
        "language": "km", "facilitator": "Team A",
        "organisations": [organisation.pk, other_org.pk], "notes": ""})
    assert response.status_code == 302
    c = Consultation.objects.get(plan=plan, slug="kii-pp")
    assert c.area.code == "12" and c.organisations.count() == 2
    response = client.post(url("consultation_edit", plan, c.slug), {
        "slug": "kii-pp", "kind": "interview", "title_en": "Renamed", "language": "en",
        "organisations": [organisation.pk]})
    assert response.status_code == 302
    c.refresh_from_db()
    assert c.title_en == "Renamed" and list(c.organisations.all()) == [organisation]


def test_consultation_bad_input_changes_nothing(client_as, plan, consultation, other_plan):
    client = client_as(Role.COORDINATOR)
    foreign_org = Organisation.objects.create(plan=other_plan, name_en="Elsewhere",
                                              type="ngo_cso")
    response = client.post(url("consultation_create", plan), {
        "slug": consultation.slug, "kind": "survey", "title_en": "Duplicate", "language": "km"})
    assert response.status_code == 200
    assert "already has a Consultation with that short name" in response.content.decode()
    response = client.post(url("consultation_create", plan), {
        "slug": "x", "kind": "survey", "title_en": "X", "language": "km",
        "organisations": [foreign_org.pk]})
    assert response.status_code == 200 and response.context["form"].errors["organisations"]
    response = client.post(url("consultation_edit", plan, consultation.slug), {
        "slug": "not a slug!", "kind": "nope", "title_en": "", "language": "km"})
    assert response.status_code == 200
    assert Consultation.objects.filter(plan=plan).count() == 1
    consultation.refresh_from_db()
    assert consultation.title_en == "Focus group in Battambang"


def test_consultation_detail_shows_counts_datasets_and_mapping(client_as, plan, participants,
                                                               consultation):
    from wpsnap.consultations.models import Dataset

    Dataset.objects.create(plan=plan, consultation=consultation, filename="kobo.xlsx",
                           status="imported", rows=12, statements_new=24)
    client = client_as(Role.ANALYST)
    response = client.get(url("consultation_detail", plan, consultation.slug))
    assert response.context["counts"] == {"participants": 12, "statements": 24}
    html = response.content.decode()
    assert "kobo.xlsx" in html and "Imported" in html
    assert url("mapping_download", plan, consultation.slug) not in html
    assert client.get(url("mapping_download", plan, consultation.slug)).status_code == 404

    consultation.mapping = {"columns": {"q1": "text"}, "label": "ស្ត្រី"}
    consultation.save()
    html = client.get(url("consultation_detail", plan, consultation.slug)).content.decode()
    assert url("mapping_download", plan, consultation.slug) in html
    response = client.get(url("mapping_download", plan, consultation.slug))
    assert response["Content-Type"] == "application/json"
    assert "attachment" in response["Content-Disposition"]
    assert json.loads(response.content) == consultation.mapping


# --- Participants -------------------------------------------------------------------------------

def test_create_participant_assigns_the_next_code_and_consent(client_as, plan, participants,
                                                             consultation, areas):
    client = client_as(Role.ANALYST)
    response = client.post(url("participant_create", plan), {
        "sex": "female", "age_band": "18_24", "disability": "no",
        "stakeholder_group": "youth", "organisation_type": "", "area": areas["17"].pk,
        "consultations": [consultation.pk],
        "consent-given": "on", "consent-scope": "do_not_quote", "consent-given_on": "2026-02-01"})
    assert response.status_code == 302
    p = Participant.objects.get(plan=plan, code="P-0013")
    assert p.consent.given and p.consent.scope == "do_not_quote"
    assert list(p.consultations.all()) == [consultation]


def test_participant_bad_input_changes_nothing(client_as, plan, participants, other_plan):
    foreign = Consultation.objects.create(plan=other_plan, slug="theirs", kind="survey",
                                          title_en="Theirs")
    client = client_as(Role.COORDINATOR)
    response = client.post(url("participant_create", plan), {
        "sex": "robot", "age_band": "18_24", "disability": "no",
        "consultations": [foreign.pk], "consent-scope": "quote_anonymously"})
    assert response.status_code == 200
    errors = response.context["form"].errors
    assert "sex" in errors and "consultations" in errors
    response = client.post(url("participant_create", plan), {
        "sex": "male", "age_band": "18_24", "disability": "no", "group_size": "5",
        "consent-scope": "quote_anonymously"})
    assert "A group size is only for a group." in response.content.decode()
    assert Participant.objects.filter(plan=plan).count() == 12


def test_edit_participant_and_consent(client_as, plan, participants):
    p = participants[3]
    client = client_as(Role.ANALYST)
    response = client.post(url("participant_edit", plan, p.pk), {
        "sex": "male", "age_band": "60_plus", "disability": "yes",
        "stakeholder_group": "government"})
    assert response.status_code == 302
    p.refresh_from_db()
    assert p.age_band == "60_plus" and p.code == "P-0004"
    response = client.post(url("consent_edit", plan, p.pk), {
        "given": "on", "scope": "do_not_quote", "given_on": "2026-01-15"})
    assert response.status_code == 302
    p.consent.refresh_from_db()
    assert p.consent.scope == "do_not_quote" and str(p.consent.given_on) == "2026-01-15"


def test_participant_list_filters_and_never_shows_contact_details(client_as, plan,
                                                                  participants, contact):
    client = client_as(Role.COORDINATOR)
    response = client.get(url("participant_list", plan))
    html = response.content.decode()
    assert "P-0001" in html and "P-0012" in html
    for secret in ("Sok Dara", "012 999 888", "dara@example.org"):
        assert secret not in html
    assert url("contact_details", plan, participants[0].pk) not in html
    response = client.get(url("participant_list", plan), {"sex": "male"})
    codes = [p.code for p in response.context["page"].object_list]
    assert codes == ["P-0004", "P-0006", "P-0009"]
    response = client.get(url("participant_list", plan),
                          {"area": "02", "stakeholder_group": "women"})
    assert [p.code for p in response.context["page"].object_list] == ["P-0003"]
    response = client.get(url("participant_list", plan), {"sex": "nonsense"})
    assert response.status_code == 200 and "were not applied" in response.content.decode()


def test_participant_page_links_contact_details_for_coordinators_only(client_as, plan,
                                                                      participants, contact):
    p = participants[0]
    link = url("contact_details", plan, p.pk)
    html = client_as(Role.COORDINATOR).get(url("participant_detail", plan, p.pk)).content.decode()
    assert link in html and "Sok Dara" not in html
    html = client_as(Role.ANALYST).get(url("participant_detail", plan, p.pk)).content.decode()
    assert link not in html and "Sok Dara" not in html


def test_contact_details_page(client_as, plan, participants, contact):
    p = participants[0]
    client = client_as(Role.COORDINATOR)
    response = client.get(url("contact_details", plan, p.pk))
    assert "Sok Dara" in response.content.decode()
    assert response["Cache-Control"] == "no-store"
    response = client.post(url("contact_details", plan, p.pk), {
        "name": "Sok Dara", "phone": "011 222 333", "email": "", "notes": ""})
    assert response.status_code == 302
    contact.refresh_from_db()
    assert contact.phone == "011 222 333"
    response = client.post(url("contact_details", plan, p.pk), {"email": "not an address"})
    assert response.status_code == 200
    contact.refresh_from_db()
    assert contact.email == ""
    # Nothing personal in the statements browser either.
    html = client.get(url("statements", plan)).content.decode()
    assert "Sok Dara" not in html and "011 222 333" not in html


def test_contact_details_never_in_the_audit_trail(client_as, plan, participants, contact):
    from auditlog.models import LogEntry

    client_as(Role.COORDINATOR).post(url("contact_details", plan, participants[0].pk), {
        "name": "Chan Sophea", "phone": "097 000 111", "email": "", "notes": "lives near pagoda"})
    text = json.dumps(list(LogEntry.objects.values("changes", "object_repr",
                                                   "changes_text")), ensure_ascii=False)
    for secret in ("Chan Sophea", "097 000 111", "pagoda", "Sok Dara"):
        assert secret not in text


def test_consent_without_record_is_shown(client_as, plan, participants):
    p = participants[1]
    Consent.objects.filter(participant=p).delete()
    html = client_as(Role.ANALYST).get(url("participant_detail", plan, p.pk)).content.decode()
    assert "No consent recorded" in html
