"""Gaps: what the results framework still lacks, in the kinds `wpsnap gaps` prints.

- finding_without_action: a validated or amended Finding, or one that Workshop attendees gave
  priority points (and that was not rejected), that no Action answers;
- pillar_without_output: a WPS Pillar (the four, and the cross-cutting implementation,
  coordination and M&E) under which no Outcome has an Output; an ASEAN RPA-WPS pillar (the
  asean-rpa-wps Framework's top-level rpa-* items) to which no Output and no Action is aligned,
  directly or through one of its sub-items;
- action_without_lead, action_without_indicator (its Output has no Indicator),
  action_without_budget: the SMART hints of the Action (`queries.smart`), so the framework
  page and the gaps page never disagree;
- indicator_without_baseline, indicator_without_target: the Indicator's SMART hints;
- organisation_without_body: an Organisation with Responsibilities but no Membership of a Body;
- area_without_action: a province the Plan consulted (a Consultation's Area or a Participant's)
  that no Action names among its Areas.

`object` is the key a person reads: the Finding, Action or Indicator key, the Pillar or RPA item
key, the Organisation's abbreviation (else its name) or the Area code. A fixed number of queries.
"""

from dataclasses import dataclass

from django.db.models import Q, Sum
from django.utils.translation import gettext as _

from wpsnap.analysis.models import Finding
from wpsnap.core.bilingual import pick

from ..models import Action, Body, Membership, Responsibility
from . import smart
from .framework import tree

KINDS = (
    "finding_without_action",
    "pillar_without_output",
    "action_without_lead",
    "action_without_indicator",
    "action_without_budget",
    "indicator_without_baseline",
    "indicator_without_target",
    "organisation_without_body",
    "area_without_action",
)

ACTION_HINTS = {"missing_lead": "action_without_lead",
                "missing_indicator": "action_without_indicator",
                "missing_budget": "action_without_budget"}
INDICATOR_HINTS = {"missing_baseline": "indicator_without_baseline",
                   "missing_target": "indicator_without_target"}
PLANNED_PILLAR_CROSS_CUTTING = "implementation_coordination_me"
RPA_FRAMEWORK = "asean-rpa-wps"
RPA_PREFIX = "rpa-"
PROVINCE_LEVELS = ("province", "capital")


@dataclass
class Gap:
    kind: str
    object: str
    message: str
    target: object = None  # the object itself, for the page's link to fix it

    def as_json(self) -> dict:
        return {"kind": self.kind, "object": self.object, "message": self.message}


def kind_labels() -> dict[str, str]:
    return {
        "finding_without_action": _("Findings no Action answers"),
        "pillar_without_output": _("Pillars without Outputs"),
        "action_without_lead": _("Actions without a lead Organisation"),
        "action_without_indicator": _("Actions without an Indicator"),
        "action_without_budget": _("Actions without a budget"),
        "indicator_without_baseline": _("Indicators without a baseline"),
        "indicator_without_target": _("Indicators without a target"),
        "organisation_without_body": _("Organisations with responsibilities but no Body"),
        "area_without_action": _("Provinces consulted but not covered by any Action"),
    }


# --- Each kind ------------------------------------------------------------------------------------

def _findings_without_action(plan) -> list[Gap]:
    from wpsnap.validation.models import Priority

    S = Finding.Status
    points = dict(Priority.objects.filter(finding__plan=plan, attendee__workshop__plan=plan,
                                          points__gt=0).order_by().values_list("finding_id")
                  .annotate(n=Sum("points")))
    findings = (Finding.objects.filter(plan=plan, actions__isnull=True)
                .filter(Q(status__in=[S.VALIDATED, S.AMENDED])
                        | (Q(pk__in=list(points)) & ~Q(status=S.REJECTED)))
                .order_by("order", "number").distinct())
    gaps = []
    for f in findings:
        params = {"key": f.key, "title": f.t("title") or f.t("text")[:80]}
        if f.status in (S.VALIDATED, S.AMENDED):
            message = _("%(key)s “%(title)s” was %(status)s, but no Action answers it.") % {
                **params, "status": f.get_status_display().lower()}
        else:
            message = _("%(key)s “%(title)s” got %(points)s priority points in a Workshop, "
                        "but no Action answers it.") % {**params, "points": points[f.pk]}
        gaps.append(Gap("finding_without_action", f.key, message, f))
    return gaps


def _pillars_without_output(plan, outcomes) -> list[Gap]:
    from wpsnap.frameworks.models import FrameworkItem, Pillar

    covered = {p.pk for o in outcomes if o.outputs.all() for p in o.pillars.all()}
    pillars = Pillar.objects.filter(Q(cross_cutting=False)
                                    | Q(key=PLANNED_PILLAR_CROSS_CUTTING)).order_by("order")
    gaps = [Gap("pillar_without_output", p.key,
                _("No Outcome under the Pillar “%(pillar)s” has an Output yet.") % {
                    "pillar": pick(p, "label").text}, p)
            for p in pillars if p.pk not in covered]
    aligned = set()
    for o in outcomes:
        for output in o.outputs.all():
            aligned.update(i.pk for i in output.alignments.all())
            for action in output.actions.all():
                aligned.update(i.pk for i in action.alignments.all())
    items = list(FrameworkItem.objects.filter(framework__key=RPA_FRAMEWORK,
                                              framework__plan__isnull=True)
                 .only("pk", "parent_id", "key", "label_en", "label_km", "order"))
    children = {}
    for item in items:
        children.setdefault(item.parent_id, []).append(item)

    def subtree(item):
        out = [item.pk]
        for child in children.get(item.pk, ()):
            out += subtree(child)
        return out

    for item in sorted(children.get(None, ()), key=lambda i: (i.order, i.key)):
        if not item.key.startswith(RPA_PREFIX):
            continue
        if aligned.isdisjoint(subtree(item)):
            gaps.append(Gap("pillar_without_output", item.key,
                            _("Nothing in the plan is aligned to the ASEAN RPA-WPS pillar "
                              "“%(pillar)s” yet: no Output, and no Action.") % {
                                "pillar": pick(item, "label").text}, item))
    return gaps


def _framework_gaps(outcomes) -> list[Gap]:
    """The Actions' and Indicators' SMART hints that are gaps, in framework order."""
    by_kind = {k: [] for k in (*ACTION_HINTS.values(), *INDICATOR_HINTS.values())}
    seen = set()

    def indicator_gaps(indicator):
        if indicator.pk in seen:
            return
        seen.add(indicator.pk)
        for hint in smart.indicator_hints(indicator):
            kind = INDICATOR_HINTS.get(hint.code)
            if kind == "indicator_without_baseline":
                by_kind[kind].append(Gap(kind, indicator.key, _(
                    "%(key)s “%(title)s” has no baseline.") % {
                        "key": indicator.key, "title": indicator.t("title")}, indicator))
            elif kind == "indicator_without_target":
                by_kind[kind].append(Gap(kind, indicator.key, _(
                    "%(key)s “%(title)s” has no target.") % {
                        "key": indicator.key, "title": indicator.t("title")}, indicator))

    messages = {
        "action_without_lead": _("%(key)s “%(title)s” has no lead Organisation."),
        "action_without_indicator": _("%(key)s “%(title)s”: its Output %(output)s has no "
                                      "Indicator."),
        "action_without_budget": _("%(key)s “%(title)s” has no budget."),
    }
    for outcome in outcomes:
        for indicator in outcome.indicators.all():
            indicator_gaps(indicator)
        for output in outcome.outputs.all():
            for indicator in output.indicators.all():
                indicator_gaps(indicator)
            for action in output.actions.all():
                for hint in smart.action_hints(action):
                    kind = ACTION_HINTS.get(hint.code)
                    if kind:
                        by_kind[kind].append(Gap(kind, action.key, messages[kind] % {
                            "key": action.key, "title": action.t("title"),
                            "output": output.key}, action))
    return [gap for kind in by_kind for gap in by_kind[kind]]


def _organisations_without_body(plan) -> list[Gap]:
    from wpsnap.plans.models import Organisation

    with_roles = Responsibility.objects.filter(plan=plan).values("organisation_id")
    in_bodies = Membership.objects.filter(body__in=Body.objects.filter(plan=plan)).values(
        "organisation_id")
    orgs = (Organisation.objects.filter(plan=plan, pk__in=with_roles)
            .exclude(pk__in=in_bodies).order_by("name_en"))
    return [Gap("organisation_without_body", org.abbreviation or org.name_en, _(
        "%(organisation)s has responsibilities in the plan but is not a member of any Body of "
        "the coordination mechanism.") % {"organisation": org.t("name")}, org) for org in orgs]


def _areas_without_action(plan) -> list[Gap]:
    from wpsnap.consultations.models import Consultation
    from wpsnap.consultations.queries import visible_participants
    from wpsnap.frameworks.models import Area

    consulted = (Q(pk__in=Consultation.objects.filter(plan=plan).values("area_id"))
                 | Q(pk__in=visible_participants(plan).values("area_id")))
    named = Action.objects.filter(plan=plan).values("areas")
    areas = (Area.objects.filter(consulted, level__in=PROVINCE_LEVELS)
             .exclude(pk__in=named.exclude(areas__isnull=True)).order_by("code"))
    return [Gap("area_without_action", a.code, _(
        "People were consulted in %(area)s, but no Action names it among its Areas.") % {
            "area": pick(a, "name").text}, a) for a in areas]


def gaps(plan) -> list[Gap]:
    """Every gap of the Plan, by kind (in the order of KINDS), then in framework order."""
    outcomes = tree(plan)
    found = [
        *_findings_without_action(plan),
        *_pillars_without_output(plan, outcomes),
        *_framework_gaps(outcomes),
        *_organisations_without_body(plan),
        *_areas_without_action(plan),
    ]
    order = {k: i for i, k in enumerate(KINDS)}
    return sorted(found, key=lambda g: order[g.kind])  # stable: keeps the order within a kind


def gaps_json(plan) -> dict:
    return {"gaps": [g.as_json() for g in gaps(plan)]}


def grouped(found: list[Gap]) -> list[tuple[str, str, list[Gap]]]:
    """(kind, label, gaps) for every kind that has gaps, in the order of KINDS."""
    labels = kind_labels()
    return [(k, labels[k], [g for g in found if g.kind == k]) for k in KINDS
            if any(g.kind == k for g in found)]
