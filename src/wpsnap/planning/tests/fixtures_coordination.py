"""Fixtures of the coordination and matrix tests: Organisations, a small results framework
(made with the ORM, keys as services.keys gives them), Bodies."""

import pytest

from wpsnap.plans.models import Organisation

from ..models import Action, Body, Outcome, Output


def make_framework(plan, outcomes=1, outputs=1, actions=1) -> dict:
    """`outcomes` Outcomes, each with `outputs` Outputs, each with `actions` Actions.
    Returns {"outcomes": [...], "outputs": [...], "actions": [...]} in framework order."""
    made = {"outcomes": [], "outputs": [], "actions": []}
    for n in range(1, outcomes + 1):
        outcome = Outcome.objects.create(plan=plan, number=n, key=str(n), order=n,
                                         title_en=f"Outcome {n} title",
                                         title_km=f"លទ្ធផលរំពឹងទុក {n}")
        made["outcomes"].append(outcome)
        for m in range(1, outputs + 1):
            output = Output.objects.create(plan=plan, outcome=outcome, number=m, key=f"{n}.{m}",
                                           order=m, title_en=f"Output {n}.{m} title")
            made["outputs"].append(output)
            for k in range(1, actions + 1):
                made["actions"].append(Action.objects.create(
                    plan=plan, output=output, number=k, key=f"A-{n}.{m}.{k}", order=k,
                    title_en=f"Action {n}.{m}.{k} title", start_year=2026, end_year=2028))
    return made


@pytest.fixture(name="orgs")
def orgs_fixture(plan, organisation):
    """MoWA (the focal point's Organisation, from the `organisation` fixture), then three more."""
    extra = [
        Organisation.objects.create(plan=plan, name_en="Ministry of Interior", abbreviation="MoI",
                                    type="national_government"),
        Organisation.objects.create(plan=plan, name_en="Cambodian Women's Network",
                                    type="ngo_cso"),
        Organisation.objects.create(plan=plan, name_en="UN Women", abbreviation="UNW",
                                    type="un_agency"),
    ]
    return [organisation, *extra]


@pytest.fixture(name="foreign_org")
def foreign_org_fixture(other_plan):
    return Organisation.objects.create(plan=other_plan, name_en="Other plan's ministry",
                                       type="national_government")


@pytest.fixture(name="framework")
def framework_fixture(plan):
    return make_framework(plan, outcomes=2, outputs=1, actions=2)


@pytest.fixture(name="mechanism")
def mechanism_fixture(plan):
    """A three-tier mechanism: steering committee ← TWG ← two sub-groups (one provincial)."""
    nsc = Body.objects.create(plan=plan, name_en="National Steering Committee",
                              name_km="គណៈកម្មាធិការដឹកនាំថ្នាក់ជាតិ",
                              kind=Body.Kind.STEERING_COMMITTEE, order=1,
                              meeting_frequency=Body.Frequency.SEMI_ANNUAL)
    twg = Body.objects.create(plan=plan, name_en="Technical Working Group on WPS",
                              kind=Body.Kind.TECHNICAL_WORKING_GROUP, reports_to=nsc, order=2)
    sub = Body.objects.create(plan=plan, name_en="Prevention sub-group",
                              kind=Body.Kind.PILLAR_SUBGROUP, reports_to=twg, order=3)
    prov = Body.objects.create(plan=plan, name_en="Battambang provincial working group",
                               kind=Body.Kind.PROVINCIAL_WORKING_GROUP,
                               level=Body.Level.PROVINCIAL, reports_to=twg, order=4)
    return {"nsc": nsc, "twg": twg, "sub": sub, "prov": prov}
