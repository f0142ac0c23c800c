"""Gaps: each kind appears when the plan lacks the thing and disappears once it is there; the
`gaps` command's JSON; the page (grouped, links to fix, "nothing missing"), its permissions and
its query count."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext

from wpsnap.frameworks.models import FrameworkItem, Pillar
from wpsnap.planning.models import (
    Action,
    Body,
    BudgetLine,
    Indicator,
    Membership,
    Outcome,
    Output,
    Responsibility,
    Target,
)
from wpsnap.planning.queries.gaps import KINDS, gaps
from wpsnap.plans.models import Organisation, Role

from .fixtures_trace import *  # noqa: F403 - fixtures
from .fixtures_trace import add_action

pytestmark = pytest.mark.django_db


def found(plan, kind=None) -> set:
    return {(g.kind, g.object) for g in gaps(plan) if kind is None or g.kind == kind}


def objects(plan, kind) -> list:
    return [g.object for g in gaps(plan) if g.kind == kind]


def test_the_chain_has_only_the_expected_gaps(chain):
    plan = chain["plan"]
    kinds = {g.kind for g in gaps(plan)}
    assert kinds <= set(KINDS)
    # F-03 has priority points and no Action; F-04 too but was rejected; F-05 is a plain draft.
    assert objects(plan, "finding_without_action") == ["F-03"]
    assert objects(plan, "action_without_lead") == []
    assert objects(plan, "action_without_budget") == []
    assert objects(plan, "action_without_indicator") == []
    assert objects(plan, "indicator_without_baseline") == []
    assert objects(plan, "indicator_without_target") == []
    assert objects(plan, "organisation_without_body") == []


def test_finding_without_action(chain):
    plan, f = chain["plan"], chain["findings"]
    f5 = f["F-05"]
    f5.status = "validated"
    f5.save()
    assert objects(plan, "finding_without_action") == ["F-03", "F-05"]
    message = next(g.message for g in gaps(plan) if g.object == "F-05")
    assert "validated" in message and "no Action answers it" in message
    message = next(g.message for g in gaps(plan) if g.object == "F-03")
    assert "3 priority points" in message
    chain["action"].findings.add(f5, f["F-03"])
    assert objects(plan, "finding_without_action") == []


def test_pillar_without_output(chain):
    plan = chain["plan"]
    pillars = objects(plan, "pillar_without_output")
    # Participation has Output 1.1; the other three, and implementation/coordination/M&E, not;
    # the other cross-cutting Pillar (international cooperation) is never asked for.
    for key in ("prevention", "protection", "relief_recovery", "implementation_coordination_me"):
        assert key in pillars
    assert "participation" not in pillars and "international_cooperation" not in pillars
    rpa = [k for k in pillars if k.startswith("rpa-")]
    assert rpa == ["rpa-protection", "rpa-participation", "rpa-prevention",
                   "rpa-relief-recovery", "rpa-implementation"]
    # An Outcome under Protection without an Output is not enough; with one it is.
    outcome = Outcome.objects.create(plan=plan, number=2, key="2", title_en="Protection")
    outcome.pillars.add(Pillar.objects.get(key="protection"))
    assert "protection" in objects(plan, "pillar_without_output")
    Output.objects.create(plan=plan, outcome=outcome, number=1, key="2.1", title_en="Shelters")
    assert "protection" not in objects(plan, "pillar_without_output")
    # RPA: an Output aligned to the pillar itself, an Action aligned to one of its sub-items.
    rpa_protection = FrameworkItem.objects.get(framework__key="asean-rpa-wps",
                                               key="rpa-protection")
    chain["output"].alignments.add(rpa_protection)
    sub_item = FrameworkItem.objects.get(framework__key="asean-rpa-wps", key="2.2.6")
    assert sub_item.parent.key == "rpa-participation"
    chain["action"].alignments.add(sub_item)
    rpa = [k for k in objects(plan, "pillar_without_output") if k.startswith("rpa-")]
    assert rpa == ["rpa-prevention", "rpa-relief-recovery", "rpa-implementation"]


def test_action_without_lead_indicator_budget(chain, organisation):
    plan, output = chain["plan"], chain["output"]
    other = Output.objects.create(plan=plan, outcome=chain["outcome"], number=2, key="1.2",
                                  title_en="No indicator here")
    bare = add_action(plan, other, 1, title="Bare")
    assert objects(plan, "action_without_lead") == ["A-1.2.1"]
    assert objects(plan, "action_without_indicator") == ["A-1.2.1"]
    assert objects(plan, "action_without_budget") == ["A-1.2.1"]
    Responsibility.objects.create(plan=plan, organisation=organisation, action=bare,
                                  role=Responsibility.Role.SUPPORT)
    assert objects(plan, "action_without_lead") == ["A-1.2.1"]  # support is not lead
    Responsibility.objects.filter(action=bare).update(role=Responsibility.Role.LEAD)
    assert objects(plan, "action_without_lead") == []
    BudgetLine.objects.create(action=bare, amount=0, currency="USD")
    assert objects(plan, "action_without_budget") == ["A-1.2.1"]  # zero is no budget
    BudgetLine.objects.create(action=bare, amount=100, currency="KHR")
    assert objects(plan, "action_without_budget") == []
    bare.output = output
    bare.save()
    assert objects(plan, "action_without_indicator") == []


def test_indicator_without_baseline_or_target(chain):
    plan = chain["plan"]
    indicator = Indicator.objects.create(plan=plan, number=2, key="I-2",
                                         outcome=chain["outcome"], title_en="Share of women")
    assert objects(plan, "indicator_without_baseline") == ["I-2"]
    assert objects(plan, "indicator_without_target") == ["I-2"]
    indicator.baseline_value = 12
    indicator.save()
    assert objects(plan, "indicator_without_baseline") == []
    Target.objects.create(indicator=indicator, year=2028, value=30)
    assert objects(plan, "indicator_without_target") == []


def test_organisation_without_body(chain):
    plan = chain["plan"]
    ngo = Organisation.objects.create(plan=plan, name_en="Women's Network", type="ngo_cso")
    moi = Organisation.objects.create(plan=plan, name_en="Ministry of Interior",
                                      abbreviation="MoI", type="national_government")
    assert objects(plan, "organisation_without_body") == []  # no responsibilities: no gap
    Responsibility.objects.create(plan=plan, organisation=ngo, action=chain["action"],
                                  role=Responsibility.Role.SUPPORT)
    Responsibility.objects.create(plan=plan, organisation=moi, output=chain["output"],
                                  role=Responsibility.Role.INFORMED)
    assert objects(plan, "organisation_without_body") == ["MoI", "Women's Network"]
    Membership.objects.create(body=chain["body"], organisation=ngo)
    assert objects(plan, "organisation_without_body") == ["MoI"]
    # A Body of another Plan does not count.
    from wpsnap.plans.models import Plan

    other = Plan.objects.get(slug="plan-b")
    body = Body.objects.create(plan=other, name_en="Elsewhere")
    Membership.objects.create(body=body, organisation=moi)
    assert objects(plan, "organisation_without_body") == ["MoI"]


def test_area_without_action(chain):
    plan, areas = chain["plan"], chain["areas"]
    # Consulted: Battambang (the focus group, P-1, P-4), Kampong Thom (P-2); Siem Reap only by
    # P-3, who withdrew consent. names Battambang.
    assert objects(plan, "area_without_action") == ["06"]
    chain["action"].areas.add(areas["06"])
    assert objects(plan, "area_without_action") == []
    from wpsnap.consultations.models import Consultation

    Consultation.objects.create(plan=plan, slug="kii-kampot", kind="interview",
                                title_en="Interview in Kampot", area=areas["07"])
    assert objects(plan, "area_without_action") == ["07"]
    Action.objects.filter(plan=plan).first().areas.add(areas["07"])
    assert objects(plan, "area_without_action") == []


# --- The command ----------------------------------------------------------------------------------

def test_gaps_command_json(chain):
    out = StringIO()
    call_command("gaps", "--plan", "plan-a", "--json", stdout=out)
    data = json.loads(out.getvalue())
    assert set(data) == {"gaps"}
    assert all(set(g) == {"kind", "object", "message"} for g in data["gaps"])
    assert {"kind": "finding_without_action", "object": "F-03",
            "message": data["gaps"][0]["message"]} == data["gaps"][0]
    assert [g["kind"] for g in data["gaps"]] == sorted(
        (g["kind"] for g in data["gaps"]), key=KINDS.index)
    assert ("area_without_action", "06") in {(g["kind"], g["object"]) for g in data["gaps"]}
    out = StringIO()
    call_command("gaps", "--plan", "plan-a", stdout=out)
    assert "finding_without_action" in out.getvalue() and "F-03" in out.getvalue()
    with pytest.raises(CommandError, match="No Plan"):
        call_command("gaps", "--plan", "nope", "--json")


def test_gaps_messages_are_translated(chain):
    from django.utils import translation

    with translation.override("km"):
        km = {g.object: g.message for g in gaps(chain["plan"])}
    en = {g.object: g.message for g in gaps(chain["plan"])}
    assert set(km) == set(en)


# --- The page -------------------------------------------------------------------------------------

@pytest.mark.parametrize("role", Role.values)
def test_every_member_reads_the_gaps(chain, client_as, role):
    response = client_as(role).get("/plans/plan-a/plan/gaps/")
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="finding_without_action"' in html and "F-03" in html
    assert "/plans/plan-a/plan/trace/findings/F-03/" in html


def test_gaps_page_access(chain, client, client_as):
    response = client.get("/plans/plan-a/plan/gaps/")
    assert response.status_code == 302 and "/login/" in response["Location"]
    assert client_as("outsider").get("/plans/plan-a/plan/gaps/").status_code == 404


def test_gaps_page_nothing_missing(plan, members, client_as, reference):
    """A Plan whose framework lacks nothing (no Findings to answer, every Pillar covered)."""
    from wpsnap.plans.models import Organisation

    org = Organisation.objects.create(plan=plan, name_en="MoWA", type="national_government")
    body = Body.objects.create(plan=plan, name_en="Committee")
    Membership.objects.create(body=body, organisation=org)
    n = 0
    for item in FrameworkItem.objects.filter(framework__key="asean-rpa-wps",
                                             parent__isnull=True, key__startswith="rpa-"):
        n += 1
        outcome = Outcome.objects.create(plan=plan, number=n, key=str(n), title_en=item.key)
        outcome.pillars.add(*item.pillars.all())
        output = Output.objects.create(plan=plan, outcome=outcome, number=1, key=f"{n}.1",
                                       title_en=item.key)
        output.alignments.add(item)
        indicator = Indicator.objects.create(plan=plan, number=n, key=f"I-{n}", output=output,
                                             title_en="x", baseline_value=1)
        Target.objects.create(indicator=indicator, year=2028, value=2)
        add_action(plan, output, 1, lead=org, budget="1")
    assert gaps(plan) == []
    html = client_as(Role.VIEWER).get("/plans/plan-a/plan/gaps/").content.decode()
    assert "Nothing is missing" in html


def test_fix_links_only_for_who_may_fix(chain, client_as):
    plan = chain["plan"]
    other = Output.objects.create(plan=plan, outcome=chain["outcome"], number=2, key="1.2",
                                  title_en="No indicator here")
    add_action(plan, other, 1, title="Bare")
    coordinator = client_as(Role.COORDINATOR).get("/plans/plan-a/plan/gaps/").content.decode()
    viewer = client_as(Role.VIEWER).get("/plans/plan-a/plan/gaps/").content.decode()
    assert "/plans/plan-a/plan/trace/actions/A-1.2.1/" in viewer
    from django.urls import NoReverseMatch, reverse

    try:
        edit = reverse("planning:action_edit", args=["plan-a", "A-1.2.1"])
    except NoReverseMatch:  # the framework part is not wired in this tree yet
        return
    assert edit in coordinator and edit not in viewer


def test_gaps_page_queries_do_not_grow_with_the_plan(chain, client_as):
    client = client_as(Role.FOCAL_POINT)
    plan, organisation = chain["plan"], chain["action"].responsibilities.first().organisation

    def grow(n):
        for k in range(plan.actions.count() + 1, n + 1):
            output = Output.objects.create(plan=plan, outcome=chain["outcome"], number=k + 1,
                                           key=f"1.{k + 1}", title_en=f"Output {k}")
            Indicator.objects.create(plan=plan, number=k + 1, key=f"I-{k + 1}", output=output,
                                     title_en=f"Indicator {k}")
            add_action(plan, output, 1, lead=organisation if k % 2 else None)

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            assert client.get("/plans/plan-a/plan/gaps/").status_code == 200
        return len(ctx.captured_queries)

    grow(3)
    small = queries()
    grow(30)
    assert len(objects(plan, "action_without_budget")) == 29
    assert queries() == small


def test_focal_point_gets_fix_links_for_what_their_organisation_leads(chain, client_as,
                                                                      organisation):
    from django.urls import NoReverseMatch, reverse

    plan = chain["plan"]
    other_org = Organisation.objects.create(plan=plan, name_en="Ministry of Interior",
                                            abbreviation="MoI", type="national_government")
    Membership.objects.create(body=chain["body"], organisation=other_org)
    mine = add_action(plan, chain["output"], 2, title="Mine", lead=organisation)
    theirs = add_action(plan, chain["output"], 3, title="Theirs", lead=other_org)
    try:
        urls = {a.key: reverse("planning:budget_line_create", args=["plan-a", a.key])
                for a in (mine, theirs)}
    except NoReverseMatch:  # the framework part is not wired in this tree yet
        pytest.skip("budget_line_create is not wired")
    assert objects(plan, "action_without_budget") == ["A-1.1.2", "A-1.1.3"]
    html = client_as(Role.FOCAL_POINT).get("/plans/plan-a/plan/gaps/").content.decode()
    assert urls["A-1.1.2"] in html and urls["A-1.1.3"] not in html
    html = client_as(Role.COORDINATOR).get("/plans/plan-a/plan/gaps/").content.decode()
    assert urls["A-1.1.2"] in html and urls["A-1.1.3"] in html
    html = client_as(Role.ANALYST).get("/plans/plan-a/plan/gaps/").content.decode()
    assert urls["A-1.1.2"] not in html
