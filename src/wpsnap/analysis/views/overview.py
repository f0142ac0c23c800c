"""The Analyse overview: where the analysis stands and the way into each part."""

from django.shortcuts import render

from wpsnap.consultations.queries import in_workspace
from wpsnap.core.authz import plan_view

from ..queries.overview import overview_counts


@plan_view()
def overview(request):
    workspace = in_workspace(request.member)
    return render(request, "analysis/overview.html", {
        "counts": overview_counts(request.plan, suppressed=not workspace),
        "workspace": workspace,
    })
