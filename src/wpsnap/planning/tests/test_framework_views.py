"""Results framework pages: who may read and write what, the forms end to end, delete refusals,
ordering, and query counts that do not grow with the plan."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsnap.planning.models import Action, BudgetLine, Indicator, Outcome, Output, Responsibility
from wpsnap.planning.services import framework as services
from wpsnap.plans.models import Role

from .fixtures_framework import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def url(name, plan, *args):
    return reverse(f"planning:{name}", args=[plan.slug, *args])


def test_every_member_reads_the_framework_and_the_action(client, plan, members, framework,
                                                         organisation):
    services.add_budget_line(framework["a1"], amount="2500", currency="USD")
    for role in Role.values:
        client.force_login(members[role])
        page = client.get(url("framework", plan))
        assert page.status_code == 200
        html = page.content.decode()
        assert "A-1.1.1" in html and "Train candidates" in html and "2,500 USD" in html
        assert organisation.name_en.replace("'", "&#x27;") in html
        detail = client.get(url("action_detail", plan, "A-1.1.1"))
        assert detail.status_code == 200
        assert "2,500 USD" in detail.content.decode()
        # Only the coordinator sees the framework's edit controls.
        assert ("Add an Outcome" in html) == (role == Role.COORDINATOR)


def test_anonymous_outsider_and_other_plans_objects(client, plan, other_plan, members,
                                                    framework):
    for name, args in (("framework", ()), ("action_detail", ("A-1.1.1",)),
                       ("action_edit", ("A-1.1.1",)), ("outcome_create", ())):
        response = client.get(url(name, plan, *args))
        assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    client.force_login(members["outsider"])
    assert client.get(url("framework", plan)).status_code == 404
    assert client.get(url("action_detail", plan, "A-1.1.1")).status_code == 404
    # The outsider coordinates other_plan: the key does not exist there → 404, not the Action.
    assert client.get(url("action_detail", other_plan, "A-1.1.1")).status_code == 404
    assert client.get(url("action_edit", other_plan, "A-1.1.1")).status_code == 404
    line = services.add_budget_line(framework["a1"], amount="1", currency="USD")
    assert client.get(url("budget_line_edit", other_plan, line.pk)).status_code == 404


@pytest.mark.parametrize("role", [Role.ANALYST, Role.FACILITATOR, Role.VIEWER, Role.FOCAL_POINT])
def test_only_the_coordinator_changes_the_framework(client_as, plan, framework, role):
    client = client_as(role)
    for name, args in (("goal_edit", ()), ("outcome_create", ()), ("outcome_edit", ("1",)),
                       ("outcome_delete", ("1",)), ("output_create", ("1",)),
                       ("output_edit", ("1.1",)), ("output_delete", ("1.2",)),
                       ("action_create", ("1.1",)), ("action_delete", ("A-1.1.1",))):
        assert client.get(url(name, plan, *args)).status_code == 403, name
        assert client.post(url(name, plan, *args), {"title_en": "x"}).status_code == 403, name
    for name, key in (("outcome_move", "2"), ("output_move", "1.2"), ("action_move", "A-1.1.2")):
        assert client.post(url(name, plan, key), {"direction": "up"}).status_code == 403
    assert Outcome.objects.filter(plan=plan).count() == 2
    assert not Outcome.objects.filter(title_en="x").exists()


@pytest.mark.parametrize("role", [Role.ANALYST, Role.FACILITATOR, Role.VIEWER])
def test_other_roles_cannot_edit_actions_or_budget(client_as, plan, framework, role):
    client = client_as(role)
    line = services.add_budget_line(framework["a1"], amount="1", currency="USD")
    assert client.get(url("action_edit", plan, "A-1.1.1")).status_code == 403
    assert client.post(url("budget_line_create", plan, "A-1.1.1"),
                       {"amount": "5", "currency": "USD"}).status_code == 403
    assert client.post(url("budget_line_delete", plan, line.pk)).status_code == 403
    assert BudgetLine.objects.filter(action=framework["a1"]).count() == 1


def test_coordinator_builds_the_framework_through_the_forms(client_as, plan, framework,
                                                           findings, organisation, other_org,
                                                           third_org, reference):
    from wpsnap.frameworks.models import Area, FrameworkItem, Pillar

    client = client_as(Role.COORDINATOR)
    response = client.post(url("goal_edit", plan), {"title_en": "Peace for all",
                                                    "title_km": "សន្តិភាព"})
    assert response.status_code == 302
    pillar = Pillar.objects.filter(cross_cutting=True).first() or Pillar.objects.first()
    response = client.post(url("outcome_create", plan), {
        "title_en": "Coordination works", "pillars": [pillar.pk]})
    assert response.status_code == 302 and response["Location"].endswith("#outcome-3")
    outcome = Outcome.objects.get(plan=plan, key="3")
    assert list(outcome.pillars.all()) == [pillar]
    item = FrameworkItem.objects.filter(framework__plan__isnull=True).first()
    response = client.post(url("output_create", plan, "3"), {
        "title_en": "Secretariat runs", "alignments": [item.pk]})
    assert response.status_code == 302
    output = Output.objects.get(plan=plan, key="3.1")
    province = Area.objects.filter(level="province").first()
    response = client.get(url("action_create", plan, "3.1"))
    assert response.status_code == 200 and "F-02" in response.content.decode()
    response = client.post(url("action_create", plan, "3.1"), {
        "title_en": "Hold quarterly meetings", "title_km": "ប្រជុំប្រចាំត្រីមាស",
        "lead": organisation.pk, "supporting": [other_org.pk, third_org.pk],
        "start_year": "2026", "start_quarter": "1", "end_year": "2030", "end_quarter": "4",
        "areas": [province.pk], "findings": [findings[0].pk, findings[1].pk],
        "alignments": [item.pk]})
    assert response.status_code == 302
    action = Action.objects.get(plan=plan, output=output)
    assert response["Location"] == url("action_detail", plan, action.key)
    assert action.key == "A-3.1.1" and action.end_quarter == 4
    assert set(action.findings.values_list("key", flat=True)) == {"F-01", "F-02"}
    roles = dict(Responsibility.objects.filter(action=action).values_list("organisation_id",
                                                                           "role"))
    assert roles == {organisation.pk: "lead", other_org.pk: "support", third_org.pk: "support"}
    response = client.post(url("budget_line_create", plan, action.key), {
        "amount": "15000", "currency": "USD", "source_en": "UN Women", "secured": "on",
        "year": "2027"})
    assert response.status_code == 302
    line = action.budget_lines.get()
    assert line.amount == Decimal("15000") and line.secured and line.year == 2027
    page = client.get(url("framework", plan)).content.decode()
    assert "A-3.1.1" in page and "15,000 USD" in page and "Peace for all" in page
    # Errors re-render the form (and change nothing).
    response = client.post(url("action_create", plan, "3.1"), {
        "title_en": "Backwards", "start_year": "2028", "end_year": "2027"})
    assert response.status_code == 200 and "The end comes before the start." in (
        response.content.decode())
    response = client.post(url("action_create", plan, "3.1"), {
        "title_en": "Both", "lead": organisation.pk, "supporting": [organisation.pk]})
    assert response.status_code == 200
    assert Action.objects.filter(output=output).count() == 1
    # Move the Action to another Output: its key stays.
    response = client.post(url("action_edit", plan, action.key), {
        "title_en": "Hold quarterly meetings", "output": framework["p12"].pk,
        "lead": other_org.pk})
    assert response.status_code == 302
    action.refresh_from_db()
    assert action.key == "A-3.1.1" and action.output_id == framework["p12"].pk
    assert Responsibility.objects.get(action=action, role="lead").organisation == other_org
    assert not Responsibility.objects.filter(action=action, role="support").exists()


def test_empty_posts_rerender_or_redirect(client_as, plan, framework):
    client = client_as(Role.COORDINATOR)
    line = services.add_budget_line(framework["a1"], amount="1", currency="USD")
    for name, args in (("goal_edit", ()), ("outcome_create", ()), ("outcome_edit", ("1",)),
                       ("output_create", ("1",)), ("output_edit", ("1.1",)),
                       ("action_create", ("1.1",)), ("action_edit", ("A-1.1.1",)),
                       ("budget_line_create", ("A-1.1.1",)), ("budget_line_edit", (line.pk,))):
        assert client.post(url(name, plan, *args)).status_code == 200, name
    for name, key in (("outcome_move", "1"), ("output_move", "1.1"), ("action_move", "A-1.1.1")):
        assert client.post(url(name, plan, key)).status_code == 302
    assert Output.objects.get(key="1.1").title_en == "Candidates trained"


def test_focal_point_edits_only_actions_their_organisation_leads(client_as, plan, framework,
                                                                 findings, organisation,
                                                                 other_org, third_org):
    client = client_as(Role.FOCAL_POINT)  # acts for `organisation`, the lead of
    response = client.get(url("action_edit", plan, "A-1.1.1"))
    assert response.status_code == 200
    html = response.content.decode()
    assert 'name="lead"' not in html and 'name="supporting"' not in html
    assert 'name="output"' not in html
    # Lead / supporting / output in the POST are ignored; wording, timeframe, Findings saved.
    response = client.post(url("action_edit", plan, "A-1.1.1"), {
        "title_en": "Train 200 women candidates", "lead": other_org.pk,
        "supporting": [third_org.pk], "output": framework["p12"].pk,
        "start_year": "2026", "end_year": "2028", "findings": [findings[1].pk]})
    assert response.status_code == 302
    action = Action.objects.get(key="A-1.1.1")
    assert action.title_en == "Train 200 women candidates" and action.end_year == 2028
    assert action.output_id == framework["p11"].pk
    assert list(action.findings.values_list("key", flat=True)) == ["F-02"]
    assert list(Responsibility.objects.filter(action=action).values_list(
        "organisation_id", "role")) == [(organisation.pk, "lead")]
    # Budget lines of the Action it leads.
    response = client.post(url("budget_line_create", plan, "A-1.1.1"),
                           {"amount": "700", "currency": "KHR"})
    assert response.status_code == 302
    line = action.budget_lines.get()
    assert client.post(url("budget_line_edit", plan, line.pk),
                       {"amount": "800", "currency": "KHR"}).status_code == 302
    line.refresh_from_db()
    assert line.amount == Decimal("800")
    # Not the Action another Organisation leads, nor its budget lines.
    other_line = services.add_budget_line(framework["a2"], amount="5", currency="USD")
    assert client.get(url("action_edit", plan, "A-1.1.2")).status_code == 403
    assert client.post(url("action_edit", plan, "A-1.1.2"),
                       {"title_en": "Hijacked"}).status_code == 403
    assert client.post(url("budget_line_create", plan, "A-1.1.2"),
                       {"amount": "5", "currency": "USD"}).status_code == 403
    assert client.post(url("budget_line_edit", plan, other_line.pk),
                       {"amount": "0", "currency": "USD"}).status_code == 403
    assert client.post(url("budget_line_delete", plan, other_line.pk)).status_code == 403
    assert Action.objects.get(key="A-1.1.2").title_en == "Mentor councillors"
    assert BudgetLine.objects.filter(action=framework["a2"]).count() == 1
    # The framework page offers the edit link on its own Action only.
    page = client.get(url("framework", plan)).content.decode()
    assert url("action_edit", plan, "A-1.1.1") in page
    assert url("action_edit", plan, "A-1.1.2") not in page
    assert page.count("Your Organisation leads") == 1


def test_focal_point_of_another_organisation_is_refused(client, plan, framework,
                                                        other_focal_point):
    client.force_login(other_focal_point)  # acts for other_org: leads, not
    line = services.add_budget_line(framework["a1"], amount="1", currency="USD")
    assert client.get(url("action_edit", plan, "A-1.1.1")).status_code == 403
    assert client.get(url("budget_line_edit", plan, line.pk)).status_code == 403
    assert client.get(url("action_edit", plan, "A-1.1.2")).status_code == 200


def test_delete_refuses_with_children_and_deletes_without(client_as, plan, framework):
    client = client_as(Role.COORDINATOR)
    page = client.get(url("outcome_delete", plan, "1")).content.decode()
    assert "still has Outputs" in page and "<form method=\"post\">" not in page
    response = client.post(url("outcome_delete", plan, "1"), follow=True)
    assert "still has Outputs or Indicators" in response.content.decode()
    assert Outcome.objects.filter(plan=plan, key="1").exists()
    assert client.post(url("output_delete", plan, "1.1")).status_code == 302
    assert Output.objects.filter(plan=plan, key="1.1").exists()
    assert client.post(url("output_delete", plan, "1.2")).status_code == 302
    assert not Output.objects.filter(plan=plan, key="1.2").exists()
    assert client.post(url("action_delete", plan, "A-1.1.2")).status_code == 302
    assert not Action.objects.filter(plan=plan, key="A-1.1.2").exists()
    line = services.add_budget_line(framework["a1"], amount="1", currency="USD")
    assert client.post(url("budget_line_delete", plan, line.pk)).status_code == 302
    assert not BudgetLine.objects.filter(pk=line.pk).exists()


def test_move_buttons_reorder(client_as, plan, framework):
    client = client_as(Role.COORDINATOR)
    assert client.post(url("action_move", plan, "A-1.1.2"), {"direction": "up"}).status_code == 302
    assert list(Action.objects.filter(output=framework["p11"]).order_by("order").values_list(
        "key", flat=True)) == ["A-1.1.2", "A-1.1.1"]
    client.post(url("outcome_move", plan, "1"), {"direction": "down"})
    page = client.get(url("framework", plan)).content.decode()
    assert page.index('id="outcome-2"') < page.index('id="outcome-1"')
    assert page.index('id="action-A-1.1.2"') < page.index('id="action-A-1.1.1"')


def test_revision_pages(client_as, plan, framework, coordinator):
    services.update_action(framework["a1"], by=coordinator, title_en="Train more candidates")
    services.set_goal(plan, by=coordinator, title_en="Peace")
    client = client_as(Role.VIEWER)
    page = client.get(url("action_revisions", plan, "A-1.1.1")).content.decode()
    assert "Version 2" in page and "Train candidates" in page
    assert client.get(url("outcome_revisions", plan, "1")).status_code == 200
    assert client.get(url("output_revisions", plan, "1.1")).status_code == 200
    assert "Peace" in client.get(url("goal_revisions", plan)).content.decode()
    detail = client.get(url("action_detail", plan, "A-1.1.1")).content.decode()
    assert "Version 2" in detail


# --- Query counts -------------------------------------------------------------------------------

def _grow(plan, organisations, findings, n):
    """A framework with n Actions over 3 Outcomes, each with a lead, a supporter, a budget line,
    a Finding, a province; and n Indicators with a Target, on Outputs and Outcomes."""
    from wpsnap.planning.models import Target

    outcomes = [services.create_outcome(plan, title_en=f"Outcome {i}") for i in range(3)]
    outputs = [services.create_output(outcomes[i % 3], title_en=f"Output {i}") for i in range(3)]
    for i in range(n):
        action = services.create_action(outputs[i % 3], title_en=f"Action {i}",
                                        lead=organisations[i % 2],
                                        supporting=[organisations[(i + 1) % 2]],
                                        findings=[findings[i % len(findings)]],
                                        start_year=2026)
        services.add_budget_line(action, amount="10", currency="USD")
        on = {"output": outputs[i % 3]} if i % 2 == 0 else {"outcome": outcomes[i % 3]}
        indicator = Indicator.objects.create(plan=plan, number=i + 1, key=f"I-{i + 1}",
                                             title_en=f"Indicator {i}", baseline_value=1,
                                             responsible=organisations[0], **on)
        Target.objects.create(indicator=indicator, year=2030, value=5)
    first = Action.objects.filter(plan=plan).order_by("pk").first()
    first.findings.set(findings)
    for _ in range(n):
        services.add_budget_line(first, amount="1", currency="KHR")
    return first


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.FOCAL_POINT])
def test_query_counts_do_not_grow_with_the_plan(client_as, plan, other_plan, organisation,
                                                other_org, make_user, role):
    from wpsnap.analysis.models import Finding
    from wpsnap.plans.models import Member, Organisation, Plan

    client = client_as(role)
    counts = {}
    for n in (3, 30):
        target = plan if n == 3 else Plan.objects.create(slug="plan-big", title_en="Big",
                                                         country="KH")
        if n == 30:
            orgs = [Organisation.objects.create(plan=target, name_en=f"Org {i}", type="ngo_cso")
                    for i in range(2)]
            user = make_user(f"big-{role}")
            Member.objects.create(plan=target, user=user, role=role,
                                  organisation=orgs[0] if role == Role.FOCAL_POINT else None)
            client.force_login(user)
        else:
            orgs = [organisation, other_org]
        found = [Finding.objects.create(plan=target, number=i + 1, key=f"F-{i + 1:02d}",
                                        title_en=f"Finding {i}", status="validated")
                 for i in range(n)]
        first = _grow(target, orgs, found, n)
        with CaptureQueriesContext(connection) as framework_page:
            assert client.get(url("framework", target)).status_code == 200
        with CaptureQueriesContext(connection) as detail_page:
            assert client.get(url("action_detail", target, first.key)).status_code == 200
        counts[n] = (len(framework_page), len(detail_page))
    assert counts[3] == counts[30], counts
    assert counts[3][0] <= 30, counts


def test_indicators_and_smart_hints_on_the_pages(client_as, plan, framework, organisation):
    from wpsnap.planning.models import Target

    indicator = Indicator.objects.create(plan=plan, number=1, key="I-1", output=framework["p11"],
                                         title_en="Women candidates trained", baseline_value=12,
                                         baseline_year=2025, unit_en="women")
    Target.objects.create(indicator=indicator, year=2027, value=150)
    Target.objects.create(indicator=indicator, year=2028, value=200)
    Indicator.objects.create(plan=plan, number=2, key="I-2", outcome=framework["o1"],
                             title_en="Share of women councillors")
    client = client_as(Role.VIEWER)
    page = client.get(url("framework", plan)).content.decode()
    assert 'id="indicator-I-1"' in page and 'id="indicator-I-2"' in page
    line = page[page.index('id="indicator-I-1"'):]
    line = line[:line.index("</details>")]
    assert "baseline 12 (2025)" in " ".join(line.split())
    assert "target 200 (2028) women" in " ".join(line.split())
    assert 'data-code="missing_data_source"' in line
    # has no budget, no Finding, no timeframe: its hints say so.
    row = page[page.index('id="action-A-1.1.2"'):]
    row = row[:row.index("</tr>")]
    for code in ("missing_budget", "missing_finding", "missing_timeframe"):
        assert f'data-code="{code}"' in row
    assert 'data-code="missing_lead"' not in row and 'data-code="missing_indicator"' not in row
    detail = client.get(url("action_detail", plan, "A-1.1.2")).content.decode()
    assert 'id="indicator-I-1"' in detail and 'data-code="missing_budget"' in detail
