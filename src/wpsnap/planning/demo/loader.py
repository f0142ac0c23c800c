"""Writes the demo draft NAP into the demo Plan through the Plan services, as the coordinator
would: the Goal, Outcomes under their Pillars, Outputs aligned with the reference library,
Actions with leads, supporting Organisations, timeframes, Areas, budget lines and the Findings
they answer, Indicators with baselines and Targets, and the coordination mechanism (National
Steering Committee → Technical Working Group → pillar sub-groups and provincial working groups,
with Memberships).

Deterministic (fixed content, written in a fixed order, so keys are stable: Outcome "1", Output
"1.2", Action "A-1.2.3", Indicator "I-7") and idempotent: the results framework is written only
when the Plan has no Outcome yet, the coordination mechanism only when it has no Body yet, so a
second run adds nothing and leaves later edits alone.
"""

from decimal import Decimal

from django.contrib.auth import get_user_model

from wpsnap.analysis.models import Finding
from wpsnap.frameworks.models import Area, FrameworkItem, Pillar
from wpsnap.plans.models import Organisation

from ..models import Body, Goal, Indicator, Outcome
from ..services import coordination, framework, indicators, responsibilities
from . import content as C

COORDINATOR = "demo-coordinator"


class DemoPlanningError(Exception):
    """The demo Plan cannot be loaded (e.g. a demo Organisation or the reference is missing)."""


class _Lookup:
    """The demo Plan's Organisations, Findings, Areas, Pillars and Framework items by key."""

    def __init__(self, plan):
        self.plan = plan
        self.orgs = {}
        for org in Organisation.objects.filter(plan=plan):
            self.orgs.setdefault(org.name_en, org)
            if org.abbreviation:
                self.orgs[org.abbreviation] = org
        self.findings = {f.key: f for f in Finding.objects.filter(plan=plan)}
        self.areas = {a.code: a for a in Area.objects.filter(country=plan.country or "KH")}
        self.pillars = {p.key: p for p in Pillar.objects.all()}
        self.items = {(i.framework.key, i.key): i for i in FrameworkItem.objects.filter(
            framework__plan__isnull=True).select_related("framework")}

    def org(self, name):
        if name is None:
            return None
        try:
            return self.orgs[name]
        except KeyError:
            raise DemoPlanningError(f"The demo Organisation {name!r} is missing: run "
                                    "`wpsnap load_demo`.") from None

    def pillar(self, key):
        try:
            return self.pillars[key]
        except KeyError:
            raise DemoPlanningError(f"The Pillar {key!r} is missing: load the reference "
                                    "library first.") from None


def _budget(action, lines, by) -> int:
    for amount, currency, secured, year, source in lines:
        source_en, source_km = C.SOURCES[source]
        framework.add_budget_line(action, by=by, amount=Decimal(amount), currency=currency,
                                  secured=secured, year=year, source_en=source_en,
                                  source_km=source_km)
    return len(lines)


def _indicator(plan, spec, look, by, *, outcome=None, output=None) -> Indicator:
    baseline = {}
    if spec.baseline is not None:
        value, year, source = spec.baseline
        baseline = {"baseline_value": Decimal(str(value)), "baseline_year": year,
                    "baseline_source_en": C.DATA_SOURCES[source][0],
                    "baseline_source_km": C.DATA_SOURCES[source][1]}
    source_en, source_km = C.DATA_SOURCES[spec.source]
    return indicators.create_indicator(
        plan, outcome=outcome, output=output, by=by,
        targets={year: Decimal(str(v)) for year, v in spec.targets.items()},
        title_en=spec.en, title_km=spec.km, type=spec.type, unit_en=spec.unit[0],
        unit_km=spec.unit[1], direction=spec.direction, data_source_en=source_en,
        data_source_km=source_km, frequency=spec.frequency,
        responsible=look.org(spec.responsible), disaggregation=list(spec.disaggregation),
        **baseline)


def _output_roles(output, spec, look, by) -> None:
    """Who answers for the Output as a whole, and who is consulted or informed on it."""
    Role = responsibilities.Role
    responsibilities.set_lead_and_support(output, look.org(spec["lead"]), [], by=by)
    for role, names in ((Role.CONSULTED, spec["consulted"]), (Role.INFORMED, spec["informed"])):
        for name in names:
            responsibilities.set_role(output, look.org(name), role, by=by)


def _areas(look, areas):
    if areas == "N":
        return []
    return [look.areas[code] for code in areas]


def build_framework(plan, look, by) -> dict:
    counts = {"outcomes": 0, "outputs": 0, "actions": 0, "indicators": 0, "budget_lines": 0}
    if not Goal.objects.filter(plan=plan).exists():
        framework.set_goal(plan, by=by, **C.GOAL)
    for spec in C.OUTCOMES:
        outcome = framework.create_outcome(
            plan, by=by, title_en=spec["title_en"], title_km=spec["title_km"],
            pillars=[look.pillar(k) for k in spec["pillars"]])
        counts["outcomes"] += 1
        for ind in spec["indicators"]:
            _indicator(plan, ind, look, by, outcome=outcome)
            counts["indicators"] += 1
        for out in spec["outputs"]:
            output = framework.create_output(
                outcome, by=by, title_en=out["title_en"], title_km=out["title_km"],
                alignments=[look.items[k] for k in out["alignments"] if k in look.items])
            counts["outputs"] += 1
            _output_roles(output, out, look, by)
            for a in out["actions"]:
                start, end = a.years
                action = framework.create_action(
                    output, by=by, lead=look.org(a.lead),
                    supporting=[look.org(o) for o in a.support],
                    findings=[look.findings[k] for k in a.findings if k in look.findings],
                    areas=_areas(look, a.areas), national=a.areas == "N",
                    title_en=a.en, title_km=a.km, start_year=start, end_year=end)
                counts["actions"] += 1
                counts["budget_lines"] += _budget(action, a.budget, by)
            for ind in out["indicators"]:
                _indicator(plan, ind, look, by, output=output)
                counts["indicators"] += 1
    return counts


def build_coordination(plan, look, by) -> dict:
    bodies = {}
    memberships = 0
    for order, spec in enumerate(C.BODIES, start=1):
        body = coordination.create_body(
            plan, by=by, name_en=spec.en, name_km=spec.km, kind=spec.kind, level=spec.level,
            area=look.areas[spec.area] if spec.area else None,
            pillar=look.pillar(spec.pillar) if spec.pillar else None,
            mandate_en=spec.mandate_en, mandate_km=spec.mandate_km,
            meeting_frequency=spec.meets,
            reports_to=bodies[spec.reports_to] if spec.reports_to else None, order=order)
        bodies[spec.key] = body
        for name, role in spec.members:
            coordination.add_membership(body, look.org(name), role, by=by)
            memberships += 1
    return {"bodies": len(bodies), "memberships": memberships}


def load(plan) -> dict:
    """Everything of the demo Plan stage (see `wpsnap.planning.demo.load`)."""
    by = get_user_model().objects.filter(username=COORDINATOR).first()
    look = _Lookup(plan)
    counts = {"framework_new": False, "coordination_new": False}
    if not Outcome.objects.filter(plan=plan).exists():
        counts.update(build_framework(plan, look, by))
        counts["framework_new"] = True
    if not Body.objects.filter(plan=plan).exists():
        counts.update(build_coordination(plan, look, by))
        counts["coordination_new"] = True
    return counts
