"""Back office: the Plan's Workshops."""

from django.shortcuts import render

from wpsnap.core.authz import plan_view

from ..models import Workshop


@plan_view()
def workshop_list(request):
    workshops = Workshop.objects.filter(plan=request.plan, parent__isnull=True).select_related(
        "consultation")
    return render(request, "validation/workshop_list.html", {"workshops": workshops})
