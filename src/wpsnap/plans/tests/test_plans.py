import pytest
from auditlog.models import LogEntry
from django.core import mail
from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.base import CommandError
from django.urls import reverse

from wpsnap.plans import services
from wpsnap.plans.models import Member, Plan, Role


def test_coordinator_creates_a_plan_and_becomes_its_coordinator(client_as, members):
    client = client_as(Role.COORDINATOR)
    response = client.post(reverse("plans:create"), {
        "slug": "second-plan", "country": "kh", "title_en": "Second plan",
        "title_km": "ផែនការទីពីរ", "period_start": 2027, "period_end": 2031})
    assert response.status_code == 302
    plan = Plan.objects.get(slug="second-plan")
    assert plan.country == "KH"
    assert Member.objects.get(plan=plan).user == members[Role.COORDINATOR]


def test_plan_creation_rejects_a_taken_slug_and_reversed_period(client_as, plan):
    client = client_as(Role.COORDINATOR)
    response = client.post(reverse("plans:create"), {
        "slug": plan.slug, "country": "KH", "title_en": "Again",
        "period_start": 2030, "period_end": 2026})
    assert response.status_code == 200
    assert Plan.objects.count() == 2  # plan-a and plan-b only
    form = response.context["form"]
    assert "slug" in form.errors
    assert "period_end" in form.errors


def test_analyst_cannot_start_a_plan(client_as):
    client = client_as(Role.ANALYST)
    assert client.get(reverse("plans:create")).status_code == 403


def test_invite_new_person_creates_account_and_sends_password_link(
        client_as, plan, django_capture_on_commit_callbacks):
    client = client_as(Role.COORDINATOR)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("plans:invite", args=[plan.slug]), {
            "email": "sokha@example.org", "role": Role.ANALYST})
    assert response.status_code == 302
    member = Member.objects.get(plan=plan, user__email="sokha@example.org")
    assert member.role == Role.ANALYST
    assert member.user.username == "sokha"
    assert not member.user.has_usable_password()
    assert len(mail.outbox) == 1
    assert "/accounts/reset/" in mail.outbox[0].body
    # The link lets the person choose a password and log in.
    link = next(line for line in mail.outbox[0].body.splitlines() if "/accounts/reset/" in line)
    path = link[link.index("/accounts/"):]
    client.logout()
    response = client.get(path, follow=True)
    assert response.context["validlink"]
    form_url = response.redirect_chain[-1][0]
    response = client.post(form_url, {"new_password1": "a-Long-pass-2026",
                                      "new_password2": "a-Long-pass-2026"})
    assert response.status_code == 302
    response = client.post(reverse("accounts:login"),
                           {"username": "sokha", "password": "a-Long-pass-2026"})
    assert response.status_code == 302 and response["Location"] == reverse("plans:home")


def test_invited_user_cannot_open_another_plan(client, plan, other_plan, members):
    services.invite_member(other_plan, email="dara@example.org", role=Role.ANALYST)
    dara = Member.objects.get(plan=other_plan, user__email="dara@example.org").user
    client.force_login(dara)
    assert client.get(reverse("plans:detail", args=[other_plan.slug])).status_code == 200
    assert client.get(reverse("plans:detail", args=[plan.slug])).status_code == 404
    assert client.get(reverse("plans:organisations", args=[plan.slug])).status_code == 404


def test_inviting_an_existing_member_twice_records_once(client_as, plan, members):
    client = client_as(Role.COORDINATOR)
    data = {"email": members[Role.VIEWER].email, "role": Role.ANALYST}
    response = client.post(reverse("plans:invite", args=[plan.slug]), data)
    assert response.status_code == 200
    assert "already a member" in response.content.decode()
    assert Member.objects.filter(plan=plan, user=members[Role.VIEWER]).count() == 1


def test_focal_point_needs_an_organisation(client_as, plan):
    client = client_as(Role.COORDINATOR)
    response = client.post(reverse("plans:invite", args=[plan.slug]), {
        "email": "fp@example.org", "role": Role.FOCAL_POINT})
    assert response.status_code == 200
    assert "organisation" in response.context["form"].errors
    assert not Member.objects.filter(user__email="fp@example.org").exists()


def test_last_coordinator_cannot_be_demoted_or_removed(plan, members):
    coordinator = Member.objects.get(plan=plan, role=Role.COORDINATOR)
    with pytest.raises(ValidationError):
        services.change_member(coordinator, role=Role.VIEWER)
    with pytest.raises(ValidationError):
        services.remove_member(coordinator)
    coordinator.refresh_from_db()
    assert coordinator.role == Role.COORDINATOR


def test_coordinator_changes_a_role_and_it_is_audited(client_as, plan, members):
    client = client_as(Role.COORDINATOR)
    viewer = Member.objects.get(plan=plan, user=members[Role.VIEWER])
    response = client.post(reverse("plans:member_edit", args=[plan.slug, viewer.pk]),
                           {"role": Role.FACILITATOR})
    assert response.status_code == 302
    viewer.refresh_from_db()
    assert viewer.role == Role.FACILITATOR
    entry = LogEntry.objects.get_for_object(viewer).filter(action=LogEntry.Action.UPDATE).first()
    assert entry.actor == members[Role.COORDINATOR]
    assert entry.changes_dict["role"] == [Role.VIEWER, Role.FACILITATOR]
    page = client.get(reverse("plans:audit", args=[plan.slug]))
    assert "facilitator" in page.content.decode()


def test_audit_trail_shows_only_this_plans_changes(client_as, plan, other_plan, members):
    other_plan.title_en = "Renamed secret plan"
    other_plan.save()
    page = client_as(Role.COORDINATOR).get(reverse("plans:audit", args=[plan.slug]))
    assert "Renamed secret plan" not in page.content.decode()


def test_organisation_names_are_unique_per_plan(client_as, plan, organisation):
    client = client_as(Role.COORDINATOR)
    response = client.post(reverse("plans:organisation_create", args=[plan.slug]), {
        "name_en": "ministry of women's affairs", "type": "national_government",
        "level": "national"})
    assert response.status_code == 200
    assert "name_en" in response.context["form"].errors


def test_create_plan_command(make_user, db):
    make_user("lead")
    call_command("create_plan", "--slug", "kh-nap", "--country", "KH", "--title", "NAP",
                 "--coordinator", "lead", "--period", "2026-2030")
    plan = Plan.objects.get(slug="kh-nap")
    assert plan.period == "2026–2030"
    assert plan.members.get().role == Role.COORDINATOR
    with pytest.raises(CommandError):
        call_command("create_plan", "--slug", "kh-nap", "--country", "KH", "--title", "Again")
    with pytest.raises(CommandError):
        call_command("create_plan", "--slug", "x", "--country", "KH", "--title", "X",
                     "--coordinator", "nobody")
