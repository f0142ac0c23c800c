"""The gaps page and the alignment matrix: every Member of the Plan reads them. The links to fix
a gap are shown to whoever may make that fix (the coordinator; a focal point for the Actions
their Organisation leads and the Indicators it is responsible for)."""

from django.shortcuts import render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.plans.models import Role

from ..models import Responsibility
from ..permissions import can_edit_framework
from ..queries import alignment as alignment_queries
from ..queries import gaps as queries


def _url(name, *args, query: str = "") -> str | None:
    try:
        return reverse(f"planning:{name}", args=args) + query
    except NoReverseMatch:  # a part of Plan another helper has not wired yet
        return None


def _fixes(gap, plan, coordinator: bool, led: set, responsible: int | None) -> list:
    """(label, url) links to fix one gap, for this Member."""
    slug, obj, kind = plan.slug, gap.target, gap.kind
    links = []
    if kind == "finding_without_action":
        links.append((_("Trace"), _url("finding_trace", slug, obj.key)))
        if coordinator:
            links.append((_("Add an Action"), _url("framework", slug)))
    elif kind == "pillar_without_output" and coordinator:
        links.append((_("Add an Output"), _url("framework", slug)))
    elif kind in ("action_without_lead", "action_without_indicator", "action_without_budget"):
        links.append((_("Trace"), _url("action_trace", slug, obj.key)))
        if kind == "action_without_lead" and coordinator:
            links.append((_("Choose a lead"), _url("action_edit", slug, obj.key)))
        elif kind == "action_without_indicator" and coordinator:
            links.append((_("Add an Indicator"), _url("indicator_create", slug,
                                                      query=f"?output={obj.output.key}")))
        elif kind == "action_without_budget" and (coordinator or obj.pk in led):
            links.append((_("Add a budget line"), _url("budget_line_create", slug, obj.key)))
    elif kind in ("indicator_without_baseline", "indicator_without_target"):
        if coordinator or (responsible and obj.responsible_id == responsible):
            links.append((_("Edit the Indicator"), _url("indicator_edit", slug, obj.key)))
    elif kind == "organisation_without_body":
        links.append((_("Its responsibilities"), _url("organisation_plan", slug, obj.pk)))
        if coordinator:
            links.append((_("Add it to a Body"), _url("coordination", slug)))
    elif kind == "area_without_action" and coordinator:
        links.append((_("Add the province to an Action"), _url("framework", slug)))
    return [(label, url) for label, url in links if url]


@plan_view()
def gaps(request):
    member = request.member
    coordinator = can_edit_framework(member)
    led, responsible = set(), None
    if member.role == Role.FOCAL_POINT and member.organisation_id:
        responsible = member.organisation_id
        led = set(Responsibility.objects.filter(
            plan=request.plan, organisation_id=responsible, role=Responsibility.Role.LEAD,
            action__isnull=False).values_list("action_id", flat=True))
    found = queries.gaps(request.plan)
    for gap in found:
        gap.fixes = _fixes(gap, request.plan, coordinator, led, responsible)
    return render(request, "planning/gaps/gaps.html", {
        "groups": queries.grouped(found),
        "total": len(found),
    })


@plan_view()
def alignment(request):
    choice = request.GET.get("framework", "rpa")
    if choice not in alignment_queries.CHOICES:
        choice = "rpa"
    return render(request, "planning/gaps/alignment.html", {
        "choices": list(alignment_queries.CHOICES.items()),
        "choice": choice,
        "choice_label": alignment_queries.CHOICES[choice],
        "matrix": alignment_queries.matrix(request.plan, choice),
    })
