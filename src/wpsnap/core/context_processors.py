from django.conf import settings
from django.utils.translation import gettext_lazy as _

# The stages of the process, in order. `url` is a route name taking plan_slug, or None while the
# stage is not built yet: it then shows as "coming" and is not a link.
PROCESS = [
    ("consult", _("Consult"), "consult:overview"),
    ("analyse", _("Analyse"), "analyse:overview"),
    ("validate", _("Validate"), "validate:workshop_list"),
    ("plan", _("Plan"), "planning:framework"),
    ("monitor", _("Monitor"), None),
]


def shell(request):
    from wpsnap.plans.queries import memberships_for

    user = getattr(request, "user", None)
    my_memberships = []
    if user is not None and user.is_authenticated:
        my_memberships = list(memberships_for(user))
    return {
        "current_plan": getattr(request, "plan", None),
        "current_member": getattr(request, "member", None),
        "my_memberships": my_memberships,
        "process": PROCESS,
        "language_choices": settings.LANGUAGES,
    }
