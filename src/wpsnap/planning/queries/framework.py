"""Reads of the results framework.

`tree(plan)` loads the whole framework in a fixed number of queries, whatever its size: the
Outcomes (ordered) with their Pillars and Indicators, their Outputs with alignments, Indicators
and Responsibilities, and the Outputs' Actions with Responsibilities (and their Organisations),
budget lines, Findings, Areas and alignments. Each Action's `output` is the prefetched Output
object, so `smart.action_hints` runs no query. Exports, gaps and the matrix may use it too.
"""

from decimal import Decimal

from django.db.models import Prefetch

from ..models import Action, BudgetLine, Goal, Indicator, Outcome, Output, Responsibility
from ..models.framework import Currency
from . import smart


def indicators_queryset():
    return Indicator.objects.select_related("responsible").prefetch_related("targets")


def responsibilities_queryset():
    return Responsibility.objects.select_related("organisation").order_by(
        "organisation__name_en", "id")


def actions_queryset():
    return Action.objects.prefetch_related(
        Prefetch("responsibilities", queryset=responsibilities_queryset()),
        "budget_lines",
        "findings",
        "areas",
        Prefetch("alignments", queryset=_alignments()),
    ).order_by("order", "number", "pk")


def _alignments():
    from wpsnap.frameworks.models import FrameworkItem

    return FrameworkItem.objects.select_related("framework")


def tree(plan) -> list[Outcome]:
    """The Plan's Outcomes → outputs → actions, with Indicators on Outcomes and Outputs."""
    outputs = Output.objects.prefetch_related(
        Prefetch("alignments", queryset=_alignments()),
        Prefetch("indicators", queryset=indicators_queryset()),
        Prefetch("responsibilities", queryset=responsibilities_queryset()),
        Prefetch("actions", queryset=actions_queryset()),
    ).order_by("order", "number", "pk")
    return list(Outcome.objects.filter(plan=plan).prefetch_related(
        "pillars",
        Prefetch("indicators", queryset=indicators_queryset()),
        Prefetch("outputs", queryset=outputs),
    ).order_by("order", "number", "pk"))


def goal(plan) -> Goal | None:
    return Goal.objects.filter(plan=plan).first()


def budget_totals(lines) -> list[tuple[str, Decimal]]:
    """[(currency, total)] of budget lines already loaded: USD first, only currencies used."""
    totals: dict[str, Decimal] = {}
    for line in lines:
        totals[line.currency] = totals.get(line.currency, Decimal("0")) + line.amount
    return [(c, totals[c]) for c in (Currency.USD, Currency.KHR) if c in totals]


def lead_and_support(action_or_output) -> tuple:
    """(lead Organisation or None, [supporting Organisations]) from prefetched
    responsibilities."""
    lead, support = None, []
    for r in action_or_output.responsibilities.all():
        if r.role == Responsibility.Role.LEAD:
            lead = r.organisation
        elif r.role == Responsibility.Role.SUPPORT:
            support.append(r.organisation)
    return lead, support


def leads(member, action) -> bool:
    """Whether the member's Organisation leads the Action (prefetched responsibilities)."""
    org = getattr(member, "organisation_id", None)
    return org is not None and any(
        r.role == Responsibility.Role.LEAD and r.organisation_id == org
        for r in action.responsibilities.all())


def _indicator(indicator):
    indicator.hints = smart.indicator_hints(indicator)
    targets = [t for t in indicator.targets.all() if t.value is not None or t.text_en
               or t.text_km]
    indicator.latest_target = max(targets, key=lambda t: t.year) if targets else None
    return indicator


def decorate(outcomes, member=None) -> list[Outcome]:
    """Attach what the framework page shows (no queries): on Actions `lead`, `supporting`,
    `totals`, `hints`, `finding_count`, `editable` (by this member), `mine` (a focal point's
    Organisation leads it); on Indicators `hints` and
    `latest_target` (the Target of the last year that has one, or None)."""
    from wpsnap.plans.models import Role

    coordinator = member is not None and member.role == Role.COORDINATOR
    focal_point = member is not None and member.role == Role.FOCAL_POINT
    for outcome in outcomes:
        for indicator in outcome.indicators.all():
            _indicator(indicator)
        for output in outcome.outputs.all():
            output.lead, output.supporting = lead_and_support(output)
            for indicator in output.indicators.all():
                _indicator(indicator)
            for action in output.actions.all():
                action.lead, action.supporting = lead_and_support(action)
                action.totals = budget_totals(action.budget_lines.all())
                action.hints = smart.action_hints(action)
                action.finding_count = len(action.findings.all())
                action.mine = focal_point and leads(member, action)
                action.editable = coordinator or action.mine
    return outcomes


def action_detail(plan, key: str) -> Action | None:
    """One Action with everything its page shows, in a fixed number of queries."""
    from wpsnap.analysis.models import Finding

    output_qs = Output.objects.select_related("outcome").prefetch_related(
        Prefetch("indicators", queryset=indicators_queryset()))
    action = (Action.objects.filter(plan=plan, key=key)
              .select_related("created_by")
              .prefetch_related(
                  Prefetch("output", queryset=output_qs),
                  Prefetch("responsibilities", queryset=responsibilities_queryset()),
                  Prefetch("budget_lines", queryset=BudgetLine.objects.order_by("year", "id")),
                  Prefetch("findings", queryset=Finding.objects.order_by("number")),
                  "areas",
                  Prefetch("alignments", queryset=_alignments().order_by(
                      "framework__order", "framework__key", "order", "key")))
              .first())
    if action is None:
        return None
    action.lead, action.supporting = lead_and_support(action)
    action.others = [r for r in action.responsibilities.all()
                     if r.role not in (Responsibility.Role.LEAD, Responsibility.Role.SUPPORT)]
    action.totals = budget_totals(action.budget_lines.all())
    action.hints = smart.action_hints(action)
    for indicator in action.output.indicators.all():
        _indicator(indicator)
    return action


def alignment_groups(items) -> list[dict]:
    """Framework items grouped by their Framework, in order: [{"framework", "items"}]."""
    groups: dict[int, dict] = {}
    for item in items:
        groups.setdefault(item.framework_id, {"framework": item.framework, "items": []})[
            "items"].append(item)
    return list(groups.values())
