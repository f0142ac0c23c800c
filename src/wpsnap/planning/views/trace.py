"""The traceable chain: every Member of the Plan reads it.

Who may read which Statement text is decided as on the Finding page: analysts and coordinators
(the workspace) see every visible Statement; other Members do not see those of people who agreed
to analysis only, and see small counts as "<5". No page shows a Participant code or a name.
"""

from django.shortcuts import get_object_or_404, render

from wpsnap.analysis.models import Finding
from wpsnap.consultations.models import Participant
from wpsnap.consultations.queries import in_workspace, statements_for
from wpsnap.core.authz import plan_view

from ..models import Action
from ..queries import trace as queries


@plan_view()
def action_trace(request, action_key):
    action = get_object_or_404(
        Action.objects.select_related("output__outcome").prefetch_related(
            "responsibilities__organisation"),
        plan=request.plan, key=action_key)
    return render(request, "planning/trace/action.html", {
        "action": action,
        "trace": queries.action_trace(request.plan, action, request.member),
        "workspace": in_workspace(request.member),
    })


@plan_view()
def finding_trace(request, finding_key):
    finding = get_object_or_404(Finding, plan=request.plan, key=finding_key)
    return render(request, "planning/trace/finding.html", {
        "finding": finding,
        "summary": queries.finding_summary(request.plan, finding, request.member),
        "actions": queries.actions_for_finding(request.plan, finding),
    })


@plan_view()
def statement_trace(request, statement_id):
    statement = get_object_or_404(
        statements_for(request.member).select_related("consultation__area", "participant__area"),
        pk=statement_id)
    findings = queries.findings_of_statement(request.plan, statement)
    return render(request, "planning/trace/statement.html", {
        "s": statement,
        "findings": findings,
        "actions": queries.actions_for_findings(request.plan, findings),
        "show_codes": False,
    })


@plan_view()
def group_trace(request):
    groups = list(Participant.StakeholderGroup.choices)
    group = request.GET.get("group", "")
    label = dict(groups).get(group)
    rows = queries.group_findings(request.plan, group, request.member) if label else []
    return render(request, "planning/trace/group.html", {
        "groups": groups,
        "group": group if label else "",
        "group_label": label,
        "unknown": bool(group) and not label,
        "rows": rows,
        "answered": sum(1 for r in rows if r.actions),
        "workspace": in_workspace(request.member),
    })
