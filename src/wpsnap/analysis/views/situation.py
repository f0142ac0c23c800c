"""The Situation Analysis: one page per Plan that reads like the report (every Member)."""

from django.shortcuts import render

from wpsnap.consultations.queries import in_workspace
from wpsnap.core.authz import plan_view


@plan_view()
def situation_analysis(request):
    return render(request, "analysis/situation/report.html", {
        "workspace": in_workspace(request.member),
    })
