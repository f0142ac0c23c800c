"""{% load findings %}{% attach_evidence statement coding=None %}: a small form to attach a
Statement (or one of its Codings) as Evidence of a Finding of the Plan, from any page.

Renders nothing for Members outside the workspace (coordinators and analysts write Findings).
The Plan's Findings are read once per request, however many times the tag is used on a page.
"""

from django import template

from wpsnap.consultations.queries import in_workspace

from ..models import Finding

register = template.Library()


def _findings(request):
    cached = getattr(request, "_wpsnap_attach_findings", None)
    if cached is None:
        cached = list(Finding.objects.filter(plan=request.plan)
                      .only("id", "key", "number", "order", "title_en", "title_km")
                      .order_by("order", "number"))
        request._wpsnap_attach_findings = cached
    return cached


@register.inclusion_tag("analysis/findings/_attach_evidence.html", takes_context=True)
def attach_evidence(context, statement, coding=None):
    request = context.get("request")
    member = getattr(request, "member", None)
    plan = getattr(request, "plan", None)
    if request is None or plan is None or not in_workspace(member):
        return {"show": False}
    statement_id = getattr(statement, "pk", statement)
    coding_id = getattr(coding, "pk", coding) if coding else None
    counter = getattr(request, "_wpsnap_attach_counter", 0) + 1
    request._wpsnap_attach_counter = counter
    return {
        "show": True,
        "plan": plan,
        "findings": _findings(request),
        "statement_id": statement_id,
        "coding_id": coding_id,
        "next": request.get_full_path(),
        "uid": f"attach-{statement_id}-{counter}",
        "csrf_token": context.get("csrf_token"),
    }
