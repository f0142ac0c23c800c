from django.shortcuts import render

from wpsnap.core.authz import plan_view


@plan_view()
def framework_list(request):
    return render(request, "base.html")
