"""The coordination pages: who may see and change what, the Body and Membership forms with the
services' errors, the diagram, an Organisation's share of the Plan, and putting mechanism designs
to a Workshop as an extra question."""

import re

import pytest
from django.urls import reverse

from wpsnap.consultations.models import Consultation
from wpsnap.plans.models import Role

from ..models import Body, BudgetLine, Indicator, Membership, Target
from ..services.responsibilities import set_role
from .fixtures_coordination import *  # noqa: F403 - fixtures
from .fixtures_coordination import make_framework

pytestmark = pytest.mark.django_db


def url(plan, name, *args):
    return reverse(f"planning:{name}", args=[plan.slug, *args])


@pytest.fixture(name="chaired")
def chaired_fixture(mechanism, orgs):
    Membership.objects.create(body=mechanism["nsc"], organisation=orgs[0],
                              role=Membership.Role.CHAIR)
    Membership.objects.create(body=mechanism["nsc"], organisation=orgs[3],
                              role=Membership.Role.SECRETARIAT)
    return mechanism


# --- Access -------------------------------------------------------------------------------------

def _routes(plan, mechanism, membership, organisation):
    body = mechanism["sub"].pk
    return [
        ("get", url(plan, "coordination"), Role.VIEWER),
        ("get", url(plan, "body_detail", body), Role.VIEWER),
        ("get", url(plan, "matrix"), Role.VIEWER),
        ("get", url(plan, "organisation_plan", organisation.pk), Role.VIEWER),
        ("get", url(plan, "body_create"), Role.COORDINATOR),
        ("get", url(plan, "body_edit", body), Role.COORDINATOR),
        ("post", url(plan, "body_delete", body), Role.COORDINATOR),
        ("get", url(plan, "membership_create", body), Role.COORDINATOR),
        ("get", url(plan, "membership_edit", membership.pk), Role.COORDINATOR),
        ("post", url(plan, "membership_delete", membership.pk), Role.COORDINATOR),
        ("post", url(plan, "matrix_cell"), Role.COORDINATOR),
        ("post", url(plan, "coordination_question"), Role.FACILITATOR),
    ]


def test_anonymous_visitors_are_sent_to_log_in(client, plan, chaired, orgs):
    membership = Membership.objects.filter(body=chaired["nsc"]).first()
    for method, u, _who in _routes(plan, chaired, membership, orgs[0]):
        response = getattr(client, method)(u)
        assert response.status_code == 302 and "/accounts/login/" in response["Location"], u


def test_outsiders_get_404(client_as, plan, chaired, orgs):
    membership = Membership.objects.filter(body=chaired["nsc"]).first()
    client = client_as("outsider")
    for method, u, _who in _routes(plan, chaired, membership, orgs[0]):
        assert getattr(client, method)(u).status_code == 404, u


def test_wrong_roles_get_403(client_as, plan, chaired, orgs):
    membership = Membership.objects.filter(body=chaired["nsc"]).first()
    routes = _routes(plan, chaired, membership, orgs[0])
    for who in (Role.VIEWER, Role.ANALYST, Role.FOCAL_POINT, Role.FACILITATOR):
        client = client_as(who)
        for method, u, allowed in routes:
            if allowed == Role.COORDINATOR or (allowed == Role.FACILITATOR
                                               and who != Role.FACILITATOR):
                assert getattr(client, method)(u).status_code == 403, (who, u)
    assert Body.objects.filter(pk=chaired["sub"].pk).exists()


def test_objects_of_another_plan_are_404(client_as, plan, other_plan, foreign_org):
    foreign = Body.objects.create(plan=other_plan, name_en="Foreign committee")
    m = Membership.objects.create(body=foreign, organisation=foreign_org)
    client = client_as(Role.COORDINATOR)
    assert client.get(url(plan, "body_detail", foreign.pk)).status_code == 404
    assert client.get(url(plan, "body_edit", foreign.pk)).status_code == 404
    assert client.post(url(plan, "body_delete", foreign.pk)).status_code == 404
    assert client.get(url(plan, "membership_create", foreign.pk)).status_code == 404
    assert client.get(url(plan, "membership_edit", m.pk)).status_code == 404
    assert client.post(url(plan, "membership_delete", m.pk)).status_code == 404
    assert client.get(url(plan, "organisation_plan", foreign_org.pk)).status_code == 404
    assert Membership.objects.filter(pk=m.pk).exists() and Body.objects.filter(pk=foreign.pk)


# --- The coordination page ----------------------------------------------------------------------

def test_coordination_page_lists_bodies_by_level_with_a_diagram(client_as, plan, chaired, orgs):
    html = client_as(Role.VIEWER).get(url(plan, "coordination")).content.decode()
    assert html.index('id="level-national"') < html.index('id="level-provincial"')
    assert "Ministry of Women&#x27;s Affairs" in html  # the chair, from its Membership
    assert "UN Women" in html  # the secretariat
    assert "Every six months" in html
    svg = re.search(r"<svg class=\"body-diagram\".*?</svg>", html, re.S).group(0)
    assert 'role="img"' in svg and "<title id=\"diagram-title\">" in svg and "<desc" in svg
    assert "Technical Working Group on WPS reports to National Steering Committee." in svg
    assert svg.count('<g class="node') == 4 and svg.count('class="edge"') == 3
    assert "Chair: MoWA" in svg
    assert 'class="reporting-tree"' in html  # the list fallback
    assert "Add a Body" not in html and "Put mechanism designs" not in html


def test_khmer_names_render_in_the_diagram(client_as, plan, chaired):
    client = client_as(Role.VIEWER)
    client.cookies["django_language"] = "km"
    html = client.get(url(plan, "coordination"), HTTP_ACCEPT_LANGUAGE="km").content.decode()
    svg = re.search(r"<svg class=\"body-diagram\".*?</svg>", html, re.S).group(0)
    assert '<text class="name" lang="km"' in svg
    assert "គណៈកម្មាធិការ" in svg
    # Coordinates are never localised (a decimal comma would break the SVG).
    assert not re.search(r'\b(x|y|cx|width)="\d+,\d', svg)


def test_empty_mechanism(client_as, plan):
    html = client_as(Role.COORDINATOR).get(url(plan, "coordination")).content.decode()
    assert "No Body yet" in html and "<svg" not in html and "Add a Body" in html


# --- Bodies -------------------------------------------------------------------------------------

def test_coordinator_adds_a_body_reporting_to_another(client_as, plan, chaired):
    client = client_as(Role.COORDINATOR)
    form = client.get(url(plan, "body_create") + f"?reports_to={chaired['twg'].pk}")
    assert f'<option value="{chaired["twg"].pk}" selected>' in form.content.decode()
    response = client.post(url(plan, "body_create"), {
        "name_en": "Protection sub-group", "name_km": "ក្រុមរងការពារ", "kind": "pillar_subgroup",
        "level": "national", "meeting_frequency": "quarterly",
        "reports_to": chaired["twg"].pk, "mandate_en": "Follows the protection Actions."})
    body = Body.objects.get(plan=plan, name_en="Protection sub-group")
    assert response.status_code == 302
    assert response["Location"] == url(plan, "body_detail", body.pk)
    assert body.reports_to == chaired["twg"] and body.meeting_frequency == "quarterly"


def test_body_form_shows_the_cycle_error(client_as, plan, chaired):
    client = client_as(Role.COORDINATOR)
    nsc = chaired["nsc"]
    response = client.post(url(plan, "body_edit", nsc.pk), {
        "name_en": nsc.name_en, "kind": nsc.kind, "level": nsc.level,
        "reports_to": chaired["sub"].pk})
    assert response.status_code == 200
    assert "would make a circle" in response.content.decode()
    nsc.refresh_from_db()
    assert nsc.reports_to is None


def test_empty_body_form_is_rerendered_with_errors(client_as, plan):
    response = client_as(Role.COORDINATOR).post(url(plan, "body_create"), {})
    assert response.status_code == 200
    assert "Give the Body a name in English" in response.content.decode()
    assert not Body.objects.exists()


def test_body_detail_lists_members_and_edit_links_for_coordinators(client_as, plan, chaired):
    nsc = chaired["nsc"]
    html = client_as(Role.COORDINATOR).get(url(plan, "body_detail", nsc.pk)).content.decode()
    assert html.index("Chair") < html.index("Secretariat")
    assert url(plan, "membership_create", nsc.pk) in html
    assert "Other Bodies report to this one" in html
    viewer = client_as(Role.VIEWER).get(url(plan, "body_detail", nsc.pk)).content.decode()
    assert url(plan, "membership_create", nsc.pk) not in viewer


def test_delete_refused_then_allowed(client_as, plan, chaired):
    client = client_as(Role.COORDINATOR)
    twg, sub = chaired["twg"], chaired["sub"]
    response = client.post(url(plan, "body_delete", twg.pk), follow=True)
    assert "Other Bodies report to" in response.content.decode()
    assert Body.objects.filter(pk=twg.pk).exists()
    response = client.post(url(plan, "body_delete", sub.pk))
    assert response.status_code == 302
    assert response["Location"] == url(plan, "coordination")
    assert not Body.objects.filter(pk=sub.pk).exists()


# --- Memberships --------------------------------------------------------------------------------

def test_second_chair_is_a_form_error(client_as, plan, chaired, orgs):
    client = client_as(Role.COORDINATOR)
    response = client.post(url(plan, "membership_create", chaired["nsc"].pk),
                           {"organisation": orgs[1].pk, "role": "chair"})
    assert response.status_code == 200
    assert "already chairs this Body" in response.content.decode()
    response = client.post(url(plan, "membership_create", chaired["nsc"].pk),
                           {"organisation": orgs[1].pk, "role": "co_chair"})
    assert response.status_code == 302
    assert Membership.objects.get(body=chaired["nsc"], organisation=orgs[1]).role == "co_chair"


def test_membership_of_another_plans_organisation_is_not_a_choice(client_as, plan, chaired,
                                                                  foreign_org):
    response = client_as(Role.COORDINATOR).post(
        url(plan, "membership_create", chaired["nsc"].pk),
        {"organisation": foreign_org.pk, "role": "member"})
    assert response.status_code == 200
    assert not Membership.objects.filter(organisation=foreign_org).exists()


def test_change_and_remove_a_membership(client_as, plan, chaired, orgs):
    client = client_as(Role.COORDINATOR)
    m = Membership.objects.get(body=chaired["nsc"], organisation=orgs[3])
    assert client.get(url(plan, "membership_edit", m.pk)).status_code == 200
    response = client.post(url(plan, "membership_edit", m.pk),
                           {"organisation": orgs[3].pk, "role": "observer"})
    assert response.status_code == 302
    m.refresh_from_db()
    assert m.role == "observer"
    response = client.post(url(plan, "membership_delete", m.pk))
    assert response["Location"] == url(plan, "body_detail", chaired["nsc"].pk)
    assert not Membership.objects.filter(pk=m.pk).exists()


# --- An Organisation's share --------------------------------------------------------------------

def _share(plan, orgs, actions=1):
    fw = make_framework(plan, outputs=1, actions=actions)
    for n, action in enumerate(fw["actions"]):
        set_role(action, orgs[0], "lead")
        set_role(action, orgs[1], "support")
        BudgetLine.objects.create(action=action, amount=1000 + n, currency="USD", secured=True,
                                  source_en="National budget")
        BudgetLine.objects.create(action=action, amount=500, currency="USD", secured=False)
    set_role(fw["outputs"][0], orgs[0], "consulted")
    indicator = Indicator.objects.create(plan=plan, number=1, key="I-1", output=fw["outputs"][0],
                                         title_en="Women trained", responsible=orgs[0])
    Target.objects.create(indicator=indicator, year=2027, value=200)
    return fw


def test_organisation_plan_shows_roles_partners_budget_bodies_and_indicators(
        client_as, plan, chaired, orgs):
    _share(plan, orgs)
    html = client_as(Role.FOCAL_POINT).get(
        url(plan, "organisation_plan", orgs[0].pk)).content.decode()
    assert "What your Organisation is responsible for" in html
    lead = html[html.index('id="role-lead"'):html.index('id="role-consulted"')]
    assert "A-1.1.1" in lead and "MoI" in lead and "Support" in lead
    assert "2026 – 2028" in lead
    assert "1,000 USD" in lead and "not secured" in lead
    assert "1,500 USD" in html  # total of the Actions it leads
    assert "Output 1.1 title" in html[html.index('id="role-consulted"'):]
    assert "National Steering Committee" in html and "Chair" in html
    assert "I-1" in html and "2027 200" in html
    other = client_as(Role.VIEWER).get(url(plan, "organisation_plan", orgs[2].pk))
    assert "No role on any Output or Action yet." in other.content.decode()


def test_organisation_plan_query_count_does_not_grow(client_as, plan, chaired, orgs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..models import Action

    client = client_as(Role.VIEWER)
    fw = _share(plan, orgs, actions=3)
    counts = []
    for size in (3, 30):
        for k in range(Action.objects.filter(plan=plan).count() + 1, size + 1):
            action = Action.objects.create(plan=plan, output=fw["outputs"][0], number=k,
                                           key=f"A-1.1.{k}", order=k, title_en=f"Action {k}")
            set_role(action, orgs[0], "lead")
            set_role(action, orgs[k % 3 + 1], "support")
            BudgetLine.objects.create(action=action, amount=10, currency="KHR")
        with CaptureQueriesContext(connection) as ctx:
            html = client.get(url(plan, "organisation_plan", orgs[0].pk)).content.decode()
        assert f"A-1.1.{size}" in html
        counts.append(len(ctx))
    assert counts[0] == counts[1]


# --- A question to a Workshop -------------------------------------------------------------------

@pytest.fixture(name="workshops")
def workshops_fixture(plan, other_plan, members):
    from wpsnap.validation.services.setup import close_workshop, create_workshop

    def consultation(p, slug):
        return Consultation.objects.create(plan=p, slug=slug,
                                           kind=Consultation.Kind.VALIDATION_WORKSHOP,
                                           title_en="Validation workshop")

    c = consultation(plan, "validation")
    draft = create_workshop(plan, consultation=c, title_en="Validation day",
                            by=members[Role.FACILITATOR])
    closed = create_workshop(plan, consultation=c, title_en="Earlier day",
                             by=members[Role.FACILITATOR])
    closed.state = closed.State.OPEN
    closed.save()
    close_workshop(closed)
    foreign = create_workshop(other_plan, consultation=consultation(other_plan, "v"),
                              title_en="Foreign day", by=members["outsider"])
    return {"draft": draft, "closed": closed, "foreign": foreign}


QUESTION = {
    "question_en": "Which coordination mechanism do you prefer?",
    "question_km": "តើអ្នកចូលចិត្តយន្តការសម្របសម្រួលមួយណា?",
    "choice_1_en": "One national committee", "choice_1_km": "គណៈកម្មាធិការជាតិតែមួយ",
    "choice_2_en": "A committee and provincial groups", "choice_2_km": "គណៈកម្មាធិការ និងក្រុមខេត្ត",
    "choice_3_en": "Pillar sub-groups",
}


def test_facilitator_puts_a_mechanism_question_to_a_workshop(client_as, plan, workshops):
    client = client_as(Role.FACILITATOR)
    html = client.get(url(plan, "coordination")).content.decode()
    assert "Put mechanism designs to a Workshop" in html
    assert "Validation day" in html and "Earlier day" not in html and "Foreign day" not in html
    response = client.post(url(plan, "coordination_question"),
                           {"workshop": workshops["draft"].pk, **QUESTION})
    assert response.status_code == 302
    assert response["Location"] == reverse("validate:workshop_detail",
                                           args=[plan.slug, workshops["draft"].pk])
    item = workshops["draft"].items.get()
    assert item.question_en == QUESTION["question_en"]
    assert item.question_km == QUESTION["question_km"]
    assert [c["label_en"] for c in item.choices] == [
        "One national committee", "A committee and provincial groups", "Pillar sub-groups"]
    assert item.choices[0]["label_km"] == "គណៈកម្មាធិការជាតិតែមួយ"


def test_question_needs_two_choices_and_a_workshop_of_this_plan(client_as, plan, workshops):
    client = client_as(Role.COORDINATOR)
    response = client.post(url(plan, "coordination_question"), {})
    assert response.status_code == 200
    response = client.post(url(plan, "coordination_question"), {
        "workshop": workshops["draft"].pk, "question_en": "Which?", "choice_1_en": "Only one"})
    assert "at least two choices" in response.content.decode()
    for wrong in ("foreign", "closed"):
        response = client.post(url(plan, "coordination_question"),
                               {"workshop": workshops[wrong].pk, **QUESTION})
        assert response.status_code == 200, wrong
    from wpsnap.validation.models import AgendaItem

    assert not AgendaItem.objects.exists()


def test_no_open_workshop(client_as, plan):
    html = client_as(Role.COORDINATOR).get(url(plan, "coordination")).content.decode()
    assert "There is no draft or open Workshop in this Plan." in html


def test_coordination_page_query_count_does_not_grow_with_bodies(client_as, plan, orgs):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    from ..services import coordination as services

    def grow(to: int):
        top = Body.objects.filter(plan=plan, reports_to__isnull=True).first()
        for n in range(Body.objects.filter(plan=plan).count(), to):
            body = services.create_body(plan, name_en=f"Provincial group {n}", reports_to=top,
                                        level=Body.Level.PROVINCIAL)
            services.add_membership(body, orgs[n % 4], Membership.Role.CHAIR)
            services.add_membership(body, orgs[(n + 1) % 4], Membership.Role.SECRETARIAT)

    services.create_body(plan, name_en="National committee")
    client = client_as(Role.COORDINATOR)
    counts = []
    for size in (3, 30):
        grow(size)
        with CaptureQueriesContext(connection) as ctx:
            response = client.get(url(plan, "coordination"))
        assert response.content.decode().count('<g class="node') == size
        counts.append(len(ctx))
    assert counts[0] == counts[1]
