"""The public front: joining a Workshop. (The Attendee pages are added by the front's part.)"""

from django.shortcuts import redirect, render
from django.utils.translation import gettext as _

from wpsnap.core.authz import public as public_access

from ..models import Workshop


@public_access(methods=("GET", "POST"))
def join(request):
    code = (request.POST.get("join_code") or request.GET.get("code") or "").strip().upper()
    error = ""
    if request.method == "POST":
        workshop = Workshop.objects.filter(join_code=code).exclude(
            state=Workshop.State.DRAFT).first()
        if workshop is not None:
            return redirect(f"/w/{workshop.join_code}/")
        error = _("No open workshop has this join code. Check the code on the screen.")
    return render(request, "validation/public/join.html", {"code": code, "error": error},
                  status=400 if error else 200)
