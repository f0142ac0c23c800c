"""The public reference library (no login): frameworks, pillars, security issues, Cambodia.

Only shared rows (`plan = NULL`) are shown here; a Plan's own national Frameworks are in
`plan_views`.
"""

from django.db.models import Count
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.translation import gettext_lazy as _

from wpsnap.core.authz import public
from wpsnap.planning.queries.alignment import aligned_to

from . import queries
from .models import Area, Institution, ReferenceMeta, SecurityIssue
from .services import ASEAN_RPA, CAMBODIA_POLICIES, LOCALISATION, UNSCR

COUNTRY_NAMES = {"TH": _("Thailand"), "LA": _("Laos"), "VN": _("Viet Nam")}


@public
def index(request):
    return render(request, "frameworks/index.html", {
        "frameworks": queries.reference_frameworks().annotate(item_count=Count("items")),
        "meta": ReferenceMeta.current(),
        "resolution_count": len(queries.resolutions()),
        "pillar_count": queries.pillars().filter(cross_cutting=False).count(),
        "issue_count": SecurityIssue.objects.count(),
        "institution_count": Institution.objects.count(),
        "area_count": Area.objects.filter(country="KH").count(),
    })


@public
def resolutions(request):
    return render(request, "frameworks/resolutions.html", {
        "framework": queries.reference_framework(UNSCR),
        "resolutions": queries.resolutions(),
    })


@public
def pillars(request):
    rows = list(queries.pillars().prefetch_related("security_issues"))
    return render(request, "frameworks/pillars.html", {
        "pillars": [p for p in rows if not p.cross_cutting],
        "cross_cutting": [p for p in rows if p.cross_cutting],
        "meta": ReferenceMeta.current(),
    })


@public
def framework(request, framework_key):
    fw = queries.reference_framework(framework_key)
    if fw is None:
        raise Http404
    return render(request, "frameworks/framework.html", {
        "framework": fw,
        "tree": queries.item_tree(fw),
    })


@public
def item(request, framework_key, item_key):
    fw = queries.reference_framework(framework_key)
    if fw is None:
        raise Http404
    obj = get_object_or_404(fw.items.select_related("parent"), key=item_key)
    return render(request, "frameworks/item.html", {
        "framework": fw,
        "item": obj,
        "pillars": obj.pillars.order_by("cross_cutting", "order"),
        "children": obj.children.order_by("order", "key"),
        "issues": obj.security_issues.order_by("category", "order"),
        "aligned": aligned_to(obj, request.user),
    })


@public
def security_issues(request):
    return render(request, "frameworks/security_issues.html", {
        "groups": queries.issues_by_category(),
    })


@public
def security_issue(request, issue_key):
    issue = get_object_or_404(SecurityIssue, key=issue_key)
    return render(request, "frameworks/security_issue.html", {
        "issue": issue,
        "pillars": issue.pillars.order_by("cross_cutting", "order"),
        "item_groups": queries.issue_items(issue),
    })


@public
def cambodia(request):
    policies = queries.reference_framework(CAMBODIA_POLICIES)
    return render(request, "frameworks/cambodia.html", {
        "institutions": Institution.objects.filter(country="KH").order_by("order"),
        "policies": policies,
        "policy_tree": queries.item_tree(policies) if policies else [],
        "meta": ReferenceMeta.current(),
    })


@public
def provinces(request):
    areas = list(Area.objects.filter(country="KH", level__in=[Area.Level.CAPITAL,
                                                              Area.Level.PROVINCE])
                 .order_by("code"))
    for area in areas:
        area.border_names = [str(COUNTRY_NAMES.get(c, c)) for c in area.land_border_with]
    return render(request, "frameworks/provinces.html", {
        "areas": areas,
        "meta": ReferenceMeta.current(),
    })


@public
def learn(request):
    rpa = queries.reference_framework(ASEAN_RPA)
    toolkit = queries.reference_framework(LOCALISATION)
    meta = ReferenceMeta.current()
    return render(request, "frameworks/learn.html", {
        "pillars": queries.pillars().filter(cross_cutting=False),
        "cross_cutting": queries.pillars().filter(cross_cutting=True),
        "resolutions": queries.resolutions(),
        "first_resolution": next(iter(queries.resolutions()), None),
        "rpa": rpa,
        "rpa_matrices": rpa.items.filter(extra__kind="matrix").prefetch_related("pillars")
        .order_by("order") if rpa else [],
        "rpa_instruments": rpa.items.filter(extra__kind="related_instrument").order_by("order")
        if rpa else [],
        "toolkit": toolkit,
        "steps": toolkit.items.order_by("order") if toolkit else [],
        "nap_structure": _nap_structure(meta.data),
        "milestones": [m for m in (meta.data.get("wps_nap_status") or {}).get("milestones", [])
                       if isinstance(m, dict)],
        "meta": meta,
    })


def _nap_structure(data: dict) -> list[dict]:
    """The typical parts of a NAP, each as {"text_en", "text_km"} (Khmer list kept in order)."""
    english = [s for s in data.get("nap_structure", []) if isinstance(s, str)]
    khmer = [s for s in data.get("nap_structure_km", []) if isinstance(s, str)]
    if len(khmer) != len(english):
        khmer = []
    return [{"text_en": en, "text_km": km}
            for en, km in zip(english, khmer or [""] * len(english), strict=True)]
