"""Set-up pages per role: the list, create/edit (the rule is the coordinator's), the agenda,
breakout groups, the state buttons, the QR code and the join card."""

from decimal import Decimal

import pytest
from django.urls import reverse

from wpsnap.consultations.tests.conftest import areas  # noqa: F401 - fixture
from wpsnap.validation.models import AgendaItem, Attendee, Vote, Workshop
from wpsnap.validation.queries.setup import qr_svg
from wpsnap.validation.services import setup as services

from .fixtures_setup import (  # noqa: F401 - fixtures
    findings_fixture,
    vconsultation_fixture,
    workshop_fixture,
)

pytestmark = pytest.mark.django_db


def url(name, plan, *args):
    return reverse(f"validate:{name}", args=[plan.slug, *args])


def create_data(consultation=None, **extra):
    data = {"title_en": "Validation day 2", "title_km": "ថ្ងៃទី ២", "navigation": "follow",
            "priority_points": "0", "priority_target": "findings",
            "validation_threshold": "0.667", "minimum_votes": "5", "results_hidden": "on",
            "moderate_comments": "on"}
    if consultation is not None:
        data["consultation"] = consultation.pk
    data.update(extra)
    return data


# --- List and access ----------------------------------------------------------------------------

def test_every_member_reads_the_list_with_counts(plan, client_as, workshop, findings):
    (item,) = services.add_findings(workshop, [findings[0]])
    attendee = Attendee.objects.create(workshop=workshop, token_hash="1" * 64)
    Vote.objects.create(attendee=attendee, item=item, choice="agree")
    services.create_breakout(workshop, theme_en="Lessons learned", by=None)
    for role in ("viewer", "focal_point", "analyst"):
        r = client_as(role).get(url("workshop_list", plan))
        assert r.status_code == 200
        html = r.content.decode()
        assert workshop.join_code in html and "Validation day 1" in html
        assert "Lessons learned" in html  # the breakout group under its Workshop
        row = html.split(workshop.join_code)[1].split("</tr>")[0]
        assert "<td>1</td><td>1</td><td>1</td>" in row  # items, attendees, votes
        assert "New workshop" not in html  # readers get no create button


def test_viewer_cannot_create_outsider_sees_nothing(plan, client_as, workshop):
    assert client_as("viewer").get(url("workshop_create", plan)).status_code == 403
    assert client_as("analyst").post(url("workshop_create", plan), {}).status_code == 403
    outsider = client_as("outsider")
    assert outsider.get(url("workshop_list", plan)).status_code == 404
    assert outsider.get(url("workshop_detail", plan, workshop.pk)).status_code == 404
    assert outsider.get(url("workshop_qr", plan, workshop.pk)).status_code == 404


def test_workshop_of_another_plan_is_404(plan, other_plan, client_as, members):
    from wpsnap.consultations.models import Consultation

    theirs = Consultation.objects.create(plan=other_plan, slug="v", title_en="V",
                                         kind=Consultation.Kind.VALIDATION_WORKSHOP)
    w = services.create_workshop(other_plan, consultation=theirs, title_en="Theirs", by=None)
    client = client_as("coordinator")
    assert client.get(url("workshop_detail", plan, w.pk)).status_code == 404
    assert client.post(url("workshop_state", plan, w.pk), {"action": "open"}).status_code == 404


# --- Create and edit ----------------------------------------------------------------------------

def test_facilitator_creates_with_a_new_consultation(plan, client_as, areas):  # noqa: F811
    client = client_as("facilitator")
    r = client.post(url("workshop_create", plan), create_data(
        new_consultation_title_en="Validation in Battambang", new_consultation_date="2026-03-10",
        new_consultation_area=areas["02"].pk))
    w = Workshop.objects.get()
    assert r.status_code == 302 and r["Location"] == url("agenda_add", plan, w.pk)
    assert w.consultation.kind == "validation_workshop"
    assert w.consultation.area == areas["02"] and str(w.consultation.date) == "2026-03-10"
    assert len(w.join_code) == 8


def test_create_without_consultation_shows_an_error(plan, client_as):
    r = client_as("coordinator").post(url("workshop_create", plan), create_data())
    assert r.status_code == 200 and b"Choose the validation workshop" in r.content
    assert not Workshop.objects.exists()


def test_facilitator_cannot_change_the_rule(plan, client_as, workshop, vconsultation):
    client = client_as("facilitator")
    page = client.get(url("workshop_edit", plan, workshop.pk)).content.decode()
    assert "a facilitator cannot change the threshold" in page
    assert 'name="validation_threshold"' in page and "disabled" in page.split(
        'name="validation_threshold"')[1].split(">")[0]
    r = client.post(url("workshop_edit", plan, workshop.pk), create_data(
        vconsultation, validation_threshold="0.5", minimum_votes="1", priority_points="7"))
    assert r.status_code == 302
    workshop.refresh_from_db()
    assert workshop.validation_threshold == Decimal("0.667") and workshop.minimum_votes == 5
    assert workshop.priority_points == 7 and workshop.title_en == "Validation day 2"
    # nor on creation
    client.post(url("workshop_create", plan), create_data(vconsultation,
                                                          validation_threshold="0.51"))
    assert Workshop.objects.latest("pk").validation_threshold == Decimal("0.667")


def test_coordinator_sets_the_rule(plan, client_as, workshop, vconsultation):
    r = client_as("coordinator").post(url("workshop_edit", plan, workshop.pk), create_data(
        vconsultation, validation_threshold="0.75", minimum_votes="12"))
    assert r.status_code == 302
    workshop.refresh_from_db()
    assert workshop.validation_threshold == Decimal("0.750") and workshop.minimum_votes == 12


def test_threshold_out_of_range_is_refused(plan, client_as, workshop, vconsultation):
    r = client_as("coordinator").post(url("workshop_edit", plan, workshop.pk), create_data(
        vconsultation, validation_threshold="0.3"))
    assert r.status_code == 200 and b"has-error" in r.content
    workshop.refresh_from_db()
    assert workshop.validation_threshold == Decimal("0.667")


# --- Agenda -------------------------------------------------------------------------------------

def test_agenda_add_page_lists_addable_findings_with_strength(plan, client_as, workshop,
                                                              findings):
    services.add_findings(workshop, [findings[1]])
    page = client_as("facilitator").get(url("agenda_add", plan, workshop.pk)).content.decode()
    assert 'value="F-01"' in page and 'value="F-04"' in page
    assert 'value="F-02"' not in page  # on the agenda already
    assert 'value="F-03"' not in page  # rejected
    assert "Weak" in page  # Strength shown


def test_add_findings_and_a_question_by_post(plan, client_as, workshop, findings):
    client = client_as("facilitator")
    r = client.post(url("agenda_add", plan, workshop.pk),
                    {"kind": "findings", "findings": ["F-04", "F-01"]})
    assert r.status_code == 302
    assert [i.finding.key for i in workshop.items.all()] == ["F-01", "F-04"]  # Plan's order
    r = client.post(url("agenda_add", plan, workshop.pk), {
        "kind": "question", "question_en": "Which coordination option?",
        "question_km": "ជម្រើសណា?", "choice_1_en": "A steering committee",
        "choice_1_km": "គណៈកម្មាធិការ", "choice_2_en": "A working group"})
    assert r.status_code == 302
    q = workshop.items.get(finding__isnull=True)
    assert q.order == 3 and [c["key"] for c in q.choices] == ["a", "b"]


def test_empty_or_bad_agenda_posts_change_nothing(plan, client_as, workshop, findings):
    client = client_as("coordinator")
    r = client.post(url("agenda_add", plan, workshop.pk), {})
    assert r.status_code == 200 and b"Choose at least one Finding" in r.content
    r = client.post(url("agenda_add", plan, workshop.pk),
                    {"kind": "question", "question_en": "Q?", "choice_1_en": "Only"})
    assert r.status_code == 200 and b"at least two choices" in r.content
    r = client.post(url("agenda_add", plan, workshop.pk), {"kind": "findings",
                                                           "findings": ["F-03"]})
    assert r.status_code == 200  # rejected: not a valid choice
    assert not workshop.items.exists()


def test_move_and_delete_buttons(plan, client_as, workshop, findings):
    a, b = services.add_findings(workshop, [findings[0], findings[1]])
    client = client_as("facilitator")
    r = client.post(url("agenda_move", plan, workshop.pk, b.pk), {"direction": "up"})
    assert r.status_code == 302 and r["Location"].endswith(f"#item-{b.pk}")
    assert [i.pk for i in workshop.items.order_by("order")] == [b.pk, a.pk]
    attendee = Attendee.objects.create(workshop=workshop, token_hash="2" * 64)
    Vote.objects.create(attendee=attendee, item=a, choice="agree")
    r = client.post(url("agenda_item_delete", plan, workshop.pk, a.pk), follow=True)
    assert b"it cannot be deleted" in r.content
    assert AgendaItem.objects.filter(pk=a.pk).exists()
    client.post(url("agenda_item_delete", plan, workshop.pk, b.pk))
    assert not AgendaItem.objects.filter(pk=b.pk).exists()
    assert client_as("viewer").post(url("agenda_move", plan, workshop.pk, a.pk),
                                    {"direction": "down"}).status_code == 403


def test_edit_a_question(plan, client_as, workshop):
    item = services.add_question(workshop, "Q?", "", [("A", ""), ("B", "")])
    client = client_as("facilitator")
    page = client.get(url("agenda_item_edit", plan, workshop.pk, item.pk)).content.decode()
    assert 'value="Q?"' in page
    r = client.post(url("agenda_item_edit", plan, workshop.pk, item.pk), {
        "question_en": "Which?", "choice_1_en": "A", "choice_2_en": "B", "choice_3_en": "C"})
    assert r.status_code == 302
    item.refresh_from_db()
    assert item.question_en == "Which?" and len(item.choices) == 3


# --- Breakouts and state ------------------------------------------------------------------------

def test_breakout_create(plan, client_as, workshop):
    client = client_as("facilitator")
    assert client.post(url("breakout_create", plan, workshop.pk), {}).status_code == 200
    r = client.post(url("breakout_create", plan, workshop.pk), {
        "theme_en": "Conflict prevention and resolution", "theme_km": "ការបង្ការជម្លោះ"})
    group = workshop.breakouts.get()
    assert r["Location"] == url("agenda_add", plan, group.pk)
    page = client.get(url("workshop_detail", plan, workshop.pk)).content.decode()
    assert group.join_code in page and "Conflict prevention and resolution" in page


def test_state_buttons(plan, client_as, workshop, findings):
    (item,) = services.add_findings(workshop, [findings[0]])
    fac = client_as("facilitator")
    r = fac.post(url("workshop_state", plan, workshop.pk), {})
    assert r.status_code == 302
    fac.post(url("workshop_state", plan, workshop.pk), {"action": "open"})
    workshop.refresh_from_db()
    assert workshop.state == "open" and workshop.opened_at
    AgendaItem.objects.filter(pk=item.pk).update(state="open")
    fac.post(url("workshop_state", plan, workshop.pk), {"action": "close"})
    assert AgendaItem.objects.get(pk=item.pk).state == "closed"
    r = fac.post(url("workshop_state", plan, workshop.pk), {"action": "reopen"}, follow=True)
    assert b"Only a coordinator can reopen" in r.content
    assert Workshop.objects.get(pk=workshop.pk).state == "closed"
    client_as("coordinator").post(url("workshop_state", plan, workshop.pk), {"action": "reopen"})
    assert Workshop.objects.get(pk=workshop.pk).state == "open"
    assert client_as("analyst").post(url("workshop_state", plan, workshop.pk),
                                     {"action": "close"}).status_code == 403


def test_detail_in_khmer(plan, client_as, workshop, findings):
    services.add_findings(workshop, [findings[0]])
    services.add_question(workshop, "Q?", "សំណួរ?", [("A", "ក"), ("B", "ខ")])
    client = client_as("viewer")
    client.cookies["django_language"] = "km"
    page = client.get(url("workshop_detail", plan, workshop.pk),
                      HTTP_ACCEPT_LANGUAGE="km").content.decode()
    assert "លទ្ធផល 1" in page and "សំណួរ?" in page and workshop.join_code in page
    assert 'action="' + url("workshop_state", plan, workshop.pk) not in page  # viewer


# --- Joining ------------------------------------------------------------------------------------

def test_qr_is_the_svg_of_the_exact_join_url(plan, client_as, workshop, settings):
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    r = client_as("viewer").get(url("workshop_qr", plan, workshop.pk),
                                HTTP_HOST="192.168.1.20:8000")
    assert r.status_code == 200
    assert r["Content-Type"] == "image/svg+xml; charset=utf-8"
    assert r["Content-Security-Policy"].startswith("default-src 'none'")
    assert r["X-Content-Type-Options"] == "nosniff"
    body = r.content.decode()
    assert body.startswith("<?xml") and "<svg" in body and "<script" not in body
    join = f"http://192.168.1.20:8000/w/{workshop.join_code}/"
    assert body == qr_svg(join, title=f"Join code {workshop.join_code}")
    assert body != qr_svg(join.replace("8000", "8001"), title=f"Join code {workshop.join_code}")


def test_join_card_in_both_languages(plan, client_as, workshop, settings):
    settings.ALLOWED_HOSTS = ["192.168.1.20", "testserver", "127.0.0.1"]
    page = client_as("facilitator").get(url("workshop_card", plan, workshop.pk),
                                        HTTP_HOST="192.168.1.20:8000").content.decode()
    assert workshop.join_code in page
    assert f"http://192.168.1.20:8000/w/{workshop.join_code}/" in page
    assert "http://192.168.1.20:8000/join/" in page
    assert "Scan the QR code" in page and 'lang="km"' in page and "ថ្ងៃទី ១" in page
    assert url("workshop_qr", plan, workshop.pk) in page
    assert "works only on this computer" not in page
    local = client_as("facilitator").get(url("workshop_card", plan, workshop.pk)).content
    assert b"works only on this computer" not in local  # "testserver" is not loopback
    local = client_as("facilitator").get(url("workshop_card", plan, workshop.pk),
                                         HTTP_HOST="127.0.0.1:8000").content
    assert b"works only on this computer" in local
