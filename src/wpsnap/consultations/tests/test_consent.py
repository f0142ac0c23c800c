"""Withdrawal of consent hides a Participant's Statements at once; erasure deletes them."""

import json

import pytest
from auditlog.models import LogEntry
from django.core.exceptions import ValidationError
from django.urls import reverse

from wpsnap.consultations import queries, services
from wpsnap.consultations.models import (
    Consent,
    ContactDetails,
    CoverageTarget,
    Participant,
    Statement,
)
from wpsnap.plans.models import Role


def url(name, plan, *args):
    return reverse(f"consult:{name}", args=[plan.slug, *args])


def test_visible_statements_drops_withdrawn_participants_only(plan, participants, members):
    assert queries.visible_statements(plan).count() == 24
    services.withdraw_consent(participants[0], by=members["analyst"])
    visible = queries.visible_statements(plan)
    assert visible.count() == 22
    assert not visible.filter(participant=participants[0]).exists()
    # A Statement without a Participant (a group voice) and one without a Consent row stay.
    Consent.objects.filter(participant=participants[1]).delete()
    Statement.objects.create(plan=plan, consultation=participants[2].statements.first()
                             .consultation, text="Group voice", language="en")
    assert queries.visible_statements(plan).count() == 23


def test_withdrawal_hides_statements_from_browser_search_and_coverage(client_as, plan,
                                                                      participants):
    p = participants[0]  # female, 18–24, youth, Phnom Penh; says KHMER_SENTENCES[0]
    client = client_as(Role.ANALYST)
    before = client.get(url("statements", plan), {"q": "សុវត្ថិភាព"}).context["page"]
    assert any(s.participant_id == p.pk for s in before.items)
    cov = client.get(url("coverage", plan)).context["cov"]
    assert cov.participants == 12 and cov.statements == 24
    assert cov.by["stakeholder_group"]["youth"] == 2

    response = client.get(url("consent_withdraw", plan, p.pk))
    assert "will at once stop being shown" in response.content.decode()
    response = client.post(url("consent_withdraw", plan, p.pk), {})  # not confirmed
    assert response.status_code == 200 and response.context["form"].errors
    assert Consent.objects.get(participant=p).withdrawn_at is None

    response = client.post(url("consent_withdraw", plan, p.pk), {"confirm": "on"})
    assert response.status_code == 302
    consent = Consent.objects.get(participant=p)
    assert consent.withdrawn_at is not None and consent.withdrawn_by.username == "analyst-user"

    page = client.get(url("statements", plan), {"q": "សុវត្ថិភាព"}).context["page"]
    assert all(s.participant_id != p.pk for s in page.items)
    page = client.get(url("statements", plan)).context["page"]
    assert page.count == 22 and all(s.participant_id != p.pk for s in page.items)
    own = p.statements.first()
    assert client.get(url("statement_detail", plan, own.pk)).status_code == 404
    cov = client.get(url("coverage", plan)).context["cov"]
    assert cov.participants == 11 and cov.statements == 22
    assert cov.by["stakeholder_group"]["youth"] == 1
    overview = client.get(url("overview", plan)).context["counts"]
    assert overview["statements"] == 22 and overview["withdrawn"] == 1
    html = client.get(url("participant_detail", plan, p.pk)).content.decode()
    assert "Statements are hidden everywhere" in html
    assert "ស្ត្រីត្រូវការ" not in html


def test_withdrawal_changes_coverage_targets(plan, participants, members):
    target = CoverageTarget.objects.create(plan=plan, kind="min_group", value=2,
                                           stakeholder_group="youth")
    assert queries.evaluate_target(target, queries.visible_participants(plan)).met
    services.withdraw_consent(participants[0], by=members["analyst"])
    assert not queries.evaluate_target(target, queries.visible_participants(plan)).met


def test_withdrawing_twice_is_refused(plan, participants, members):
    services.withdraw_consent(participants[0], by=members["analyst"])
    with pytest.raises(ValidationError):
        services.withdraw_consent(participants[0], by=members["analyst"])
    with pytest.raises(ValidationError):
        services.save_consent(participants[0], given=True, scope="quote_anonymously")


def test_withdraw_is_refused_to_viewers_and_facilitators(client_as, plan, participants):
    p = participants[0]
    for role in (Role.VIEWER, Role.FACILITATOR, Role.FOCAL_POINT):
        response = client_as(role).post(url("consent_withdraw", plan, p.pk), {"confirm": "on"})
        assert response.status_code == 403
    assert Consent.objects.get(participant=p).withdrawn_at is None


def test_erase_needs_the_code_typed(client_as, plan, participants):
    p = participants[4]
    client = client_as(Role.COORDINATOR)
    response = client.post(url("participant_erase", plan, p.pk), {"confirmation": "P-0001"})
    assert response.status_code == 200
    assert "code exactly as shown to confirm the erasure" in response.content.decode()
    assert Participant.objects.filter(pk=p.pk).exists()
    assert client_as(Role.ANALYST).post(url("participant_erase", plan, p.pk),
                                        {"confirmation": p.code}).status_code == 403
    assert Participant.objects.filter(pk=p.pk).exists()


def test_erase_deletes_everything_and_audits_without_personal_data(client_as, plan,
                                                                   participants):
    p = participants[4]
    ContactDetails.objects.create(participant=p, name="Srey Mom", phone="088 777 666",
                                  notes="her village head")
    statement_ids = list(p.statements.values_list("pk", flat=True))
    texts = list(p.statements.values_list("text", flat=True))
    client = client_as(Role.COORDINATOR)
    before = LogEntry.objects.count()

    response = client.post(url("participant_erase", plan, p.pk), {"confirmation": "p-0005 "})
    assert response.status_code == 302
    assert not Participant.objects.filter(pk=p.pk).exists()
    assert not Statement.objects.filter(pk__in=statement_ids).exists()
    assert not Consent.objects.filter(participant_id=p.pk).exists()
    assert not ContactDetails.objects.filter(participant_id=p.pk).exists()
    assert queries.visible_statements(plan).count() == 22

    new = list(LogEntry.objects.order_by("pk")[before:])
    assert len(new) == 1
    entry = new[0]
    assert entry.action == LogEntry.Action.DELETE and entry.object_repr == "P-0005"
    assert entry.additional_data["plan_id"] == plan.pk and entry.actor.username == \
        "coordinator-user"
    dump = json.dumps([entry.changes, entry.changes_text, entry.additional_data,
                       entry.serialized_data], ensure_ascii=False)
    for secret in ("Srey Mom", "088 777 666", "village", "female", "under_18", "youth",
                   *texts):
        assert secret not in dump
    # The audit trail page shows the erasure to the coordinator.
    html = client.get(reverse("plans:audit", args=[plan.slug])).content.decode()
    assert "P-0005" in html and "Srey Mom" not in html
