"""The roles-and-responsibilities matrix: the grid's rows and columns, one cell posted with htmx
(a new lead demotes the old one, answered out of band), the plain form without JavaScript, who
may post, and a query count that does not grow with the number of Actions."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from wpsnap.plans.models import Role

from ..models import Responsibility
from ..services.responsibilities import set_role
from .fixtures_coordination import *  # noqa: F403 - fixtures
from .fixtures_coordination import make_framework

pytestmark = pytest.mark.django_db
HTMX = {"HTTP_HX_REQUEST": "true"}


def matrix_url(plan, query=""):
    return reverse("planning:matrix", args=[plan.slug]) + (f"?{query}" if query else "")


def cell_url(plan):
    return reverse("planning:matrix_cell", args=[plan.slug])


def role(org, target):
    where = {"action": target} if target.__class__.__name__ == "Action" else {"output": target}
    return Responsibility.objects.filter(organisation=org, **where).values_list(
        "role", flat=True).first()


# --- The grid -----------------------------------------------------------------------------------

def test_columns_are_outputs_then_their_actions_grouped_by_outcome(client_as, plan, orgs,
                                                                   framework):
    html = client_as(Role.VIEWER).get(matrix_url(plan)).content.decode()
    heads = ("1.1", "A-1.1.1", "A-1.1.2", "2.1", "A-2.1.1", "A-2.1.2")
    positions = [html.index(f">{h}</abbr>") for h in heads]
    assert positions == sorted(positions)
    assert 'title="Action A-1.1.2: Action 1.1.2 title"' in html
    assert 'colspan="3"' in html and "Outcome 2" in html


def test_organisations_with_a_role_come_first_then_the_filter(client_as, plan, orgs,
                                                              framework):
    set_role(framework["actions"][0], orgs[3], "lead")  # UN Women, last by name
    client = client_as(Role.VIEWER)
    html = client.get(matrix_url(plan)).content.decode()
    body = html[html.index("<tbody>"):]
    assert body.index("UNW") < body.index("Cambodian") < body.index("MoI") < body.index("MoWA")
    only = client.get(matrix_url(plan, "show=responsible")).content.decode()
    only = only[only.index("<tbody>"):]
    assert "UNW" in only and "MoWA" not in only
    typed = client.get(matrix_url(plan, "type=ngo_cso")).content.decode()
    assert "Cambodian Women" in typed and ">MoI<" not in typed
    one = client.get(matrix_url(plan, "outcome=2")).content.decode()
    assert ">2.1</abbr>" in one and ">1.1</abbr>" not in one


def test_read_only_for_non_coordinators(client_as, plan, orgs, framework):
    set_role(framework["actions"][0], orgs[0], "lead")
    for who in (Role.VIEWER, Role.FOCAL_POINT, Role.ANALYST, Role.FACILITATOR):
        html = client_as(who).get(matrix_url(plan)).content.decode()
        assert "<select name=\"r:" not in html and "matrix.js" not in html, who
        assert ">Lead</td>" in html
    html = client_as(Role.COORDINATOR).get(matrix_url(plan)).content.decode()
    assert html.count('<select name="r:') == 4 * 6
    assert "matrix.js" in html
    assert f'name="r:{orgs[0].pk}:action:A-1.1.1:lead"' in html
    assert reverse("planning:organisation_plan", args=[plan.slug, orgs[0].pk]) in html


def test_empty_framework(client_as, plan, orgs):
    html = client_as(Role.COORDINATOR).get(matrix_url(plan)).content.decode()
    assert "The results framework has no Output yet" in html


# --- One cell -----------------------------------------------------------------------------------

def test_htmx_sets_a_role_and_answers_the_cell(client_as, plan, orgs, framework):
    action = framework["actions"][1]
    response = client_as(Role.COORDINATOR).post(cell_url(plan), {
        "organisation_id": orgs[1].pk, "target": f"action:{action.key}", "role": "support"},
        **HTMX)
    assert response.status_code == 200
    html = response.content.decode()
    assert html.lstrip().startswith(f'<td id="cell-{orgs[1].pk}-a{action.pk}"')
    assert 'class="cell role-support' in html and 'value="support" selected' in html
    assert 'id="matrix-status"' in html and "hx-swap-oob" in html
    assert role(orgs[1], action) == "support"


def test_a_new_lead_demotes_the_old_one_and_updates_its_cell(client_as, plan, orgs, framework):
    output = framework["outputs"][0]
    set_role(output, orgs[0], "lead")
    response = client_as(Role.COORDINATOR).post(cell_url(plan), {
        "organisation_id": orgs[2].pk, "target": f"output:{output.key}", "role": "lead"},
        **HTMX)
    html = response.content.decode()
    assert role(orgs[2], output) == "lead" and role(orgs[0], output) == "support"
    old = html[html.index(f'id="cell-{orgs[0].pk}-o{output.pk}"'):]
    old = old[:old.index("</td>")]
    assert 'hx-swap-oob="true"' in old and 'value="support" selected' in old
    assert "now leads 1.1" in html


def test_an_empty_role_removes_it(client_as, plan, orgs, framework):
    action = framework["actions"][0]
    set_role(action, orgs[0], "informed")
    response = client_as(Role.COORDINATOR).post(cell_url(plan), {
        "organisation_id": orgs[0].pk, "target": f"action:{action.key}", "role": ""}, **HTMX)
    assert "role-none" in response.content.decode()
    assert role(orgs[0], action) is None


def test_unknown_role_changes_nothing(client_as, plan, orgs, framework):
    action = framework["actions"][0]
    set_role(action, orgs[0], "informed")
    client = client_as(Role.COORDINATOR)
    response = client.post(cell_url(plan), {
        "organisation_id": orgs[0].pk, "target": f"action:{action.key}", "role": "boss"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200 and "Unknown role." in html
    assert 'value="informed" selected' in html
    assert role(orgs[0], action) == "informed"


def test_without_htmx_it_redirects_to_the_matrix_with_its_filter(client_as, plan, orgs,
                                                                 framework):
    action = framework["actions"][0]
    response = client_as(Role.COORDINATOR).post(cell_url(plan), {
        "organisation_id": orgs[0].pk, "target": f"action:{action.key}", "role": "lead",
        "show": "responsible", "outcome": "1", "next": "https://evil.example/"})
    assert response.status_code == 302
    assert response["Location"] == matrix_url(plan, "show=responsible&outcome=1")
    assert role(orgs[0], action) == "lead"


def test_organisation_or_target_of_another_plan_is_404(client_as, plan, other_plan, orgs,
                                                      foreign_org, framework):
    foreign = make_framework(other_plan, actions=1)
    client = client_as(Role.COORDINATOR)
    action = framework["actions"][0]
    assert client.post(cell_url(plan), {"organisation_id": foreign_org.pk,
                                        "target": f"action:{action.key}", "role": "lead"},
                       **HTMX).status_code == 404
    Responsibility.objects.all().delete()
    foreign["actions"][0].key = "A-9.9.9"
    foreign["actions"][0].save()
    assert client.post(cell_url(plan), {"organisation_id": orgs[0].pk,
                                        "target": "action:A-9.9.9", "role": "lead"},
                       **HTMX).status_code == 404
    for bad in ("", "action:", "goal:1", "output:9.9"):
        assert client.post(cell_url(plan), {"organisation_id": orgs[0].pk, "target": bad,
                                            "role": "lead"}).status_code == 404, bad
    assert client.post(cell_url(plan), {"organisation_id": "x", "target": "action:A-1.1.1",
                                        "role": "lead"}).status_code == 404
    assert not Responsibility.objects.exists()


def test_who_may_post_a_cell(client, client_as, plan, orgs, framework):
    data = {"organisation_id": orgs[0].pk, "target": "action:A-1.1.1", "role": "lead"}
    for who in (Role.VIEWER, Role.FOCAL_POINT, Role.ANALYST, Role.FACILITATOR):
        assert client_as(who).post(cell_url(plan), data, **HTMX).status_code == 403, who
    assert client_as("outsider").post(cell_url(plan), data).status_code == 404
    client.logout()
    response = client.post(cell_url(plan), data)
    assert response.status_code == 302 and "/accounts/login/" in response["Location"]
    assert client_as(Role.COORDINATOR).get(cell_url(plan)).status_code == 405
    assert not Responsibility.objects.exists()


# --- The plain form (no JavaScript) -------------------------------------------------------------

def test_plain_form_saves_the_changed_cells_only(client_as, plan, orgs, framework):
    a1, a2 = framework["actions"][:2]
    set_role(a1, orgs[0], "lead")
    set_role(a2, orgs[2], "consulted")
    # Someone else changes a2 after the page was drawn (with MoI as "consulted" there).
    set_role(a2, orgs[2], "informed")
    response = client_as(Role.COORDINATOR).post(cell_url(plan), {
        f"r:{orgs[0].pk}:action:{a1.key}:lead": "lead",  # unchanged
        f"r:{orgs[1].pk}:action:{a1.key}:": "lead",  # new lead: MoWA becomes support
        f"r:{orgs[2].pk}:action:{a2.key}:consulted": "consulted",  # unchanged on the page
        f"r:{orgs[3].pk}:output:1.1:": "informed",
        "show": "all",
    }, follow=True)
    assert response.redirect_chain[-1][0] == matrix_url(plan, "show=all")
    assert "2 cells saved." in response.content.decode()
    assert role(orgs[1], a1) == "lead" and role(orgs[0], a1) == "support"
    assert role(orgs[2], a2) == "informed"  # the other person's change stands
    assert role(orgs[3], framework["outputs"][0]) == "informed"


def test_plain_form_with_nothing_changed_or_empty(client_as, plan, orgs, framework):
    client = client_as(Role.COORDINATOR)
    response = client.post(cell_url(plan), {})
    assert response.status_code == 302 and response["Location"] == matrix_url(plan)
    response = client.post(cell_url(plan), {f"r:{orgs[0].pk}:action:A-1.1.1:": ""}, follow=True)
    assert "Nothing changed." in response.content.decode()
    assert not Responsibility.objects.exists()


def test_plain_form_refuses_another_plans_organisation_and_is_all_or_nothing(
        client_as, plan, orgs, foreign_org, framework):
    client = client_as(Role.COORDINATOR)
    response = client.post(cell_url(plan), {
        f"r:{orgs[0].pk}:action:A-1.1.1:": "lead",
        f"r:{foreign_org.pk}:action:A-1.1.1:": "support"})
    assert response.status_code == 404
    response = client.post(cell_url(plan), {
        f"r:{orgs[0].pk}:action:A-1.1.1:": "lead",
        f"r:{orgs[1].pk}:action:A-1.1.2:": "boss"}, follow=True)
    assert "Unknown role." in response.content.decode()
    assert not Responsibility.objects.exists()


# --- Speed --------------------------------------------------------------------------------------

def _queries(client, plan) -> int:
    with CaptureQueriesContext(connection) as ctx:
        response = client.get(matrix_url(plan))
    assert response.status_code == 200
    return len(ctx)


def test_query_count_does_not_grow_with_the_number_of_actions(client_as, plan, other_plan,
                                                              orgs):
    from wpsnap.plans.models import Member

    small = make_framework(plan, outcomes=1, outputs=1, actions=3)
    for n, action in enumerate(small["actions"]):
        set_role(action, orgs[n % 4], "lead")
    client = client_as(Role.COORDINATOR)
    few = _queries(client, plan)
    # The same coordinator in a second Plan with ten times the Actions.
    big_plan = other_plan
    Member.objects.create(plan=big_plan, user=Member.objects.get(
        plan=plan, role=Role.COORDINATOR).user, role=Role.COORDINATOR)
    from wpsnap.plans.models import Organisation

    big_orgs = [Organisation.objects.create(plan=big_plan, name_en=f"Org {n}",
                                            type="ngo_cso") for n in range(8)]
    big = make_framework(big_plan, outcomes=3, outputs=2, actions=5)
    for n, action in enumerate(big["actions"]):
        set_role(action, big_orgs[n % 8], "lead")
        set_role(action, big_orgs[(n + 1) % 8], "support")
    assert len(big["actions"]) == 30
    many = _queries(client, big_plan)
    assert many == few


def test_cells_escape_what_they_show(client_as, plan, framework):
    from wpsnap.plans.models import Organisation

    Organisation.objects.create(plan=plan, name_en='<img src=x onerror="alert(1)">',
                                type="ngo_cso")
    html = client_as(Role.COORDINATOR).get(matrix_url(plan)).content.decode()
    assert "<img src=x" not in html
    assert 'aria-label="&lt;img src=x onerror=&quot;alert(1)&quot;&gt; · A-1.1.1"' in html
