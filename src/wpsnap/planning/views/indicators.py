"""Indicators: the list (grouped by Outcome and Output, with baseline, Targets per year and SMART
hints), writing and editing an Indicator with its Targets (one row per year of the Plan), its
page, deleting it, and the indicator library (browse by Pillar, adopt an entry).

Every Member reads. Coordinators create, edit and delete; a focal point edits the Indicators
their Organisation is responsible for (not where they sit nor who is responsible).
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.frameworks.models import Pillar
from wpsnap.plans.models import Role

from ..forms_indicators import AdoptForm, IndicatorFilterForm, IndicatorForm, initial_for
from ..models import Indicator, IndicatorTemplate
from ..permissions import can_edit_framework, can_edit_indicator
from ..queries import indicators as queries
from ..queries import smart
from ..services import indicators as services
from ..services import revisions


def _posted(request):
    return request.POST if request.method == "POST" else None


def _indicator(request, indicator_key) -> Indicator:
    indicator = queries.indicator(request.plan, indicator_key)
    if indicator is None:
        raise Http404
    return indicator


# --- List ---------------------------------------------------------------------------------------

@plan_view()
def indicator_list(request):
    form = IndicatorFilterForm(request.GET or None)
    hint = form.cleaned_data["hint"] if form.is_bound and form.is_valid() else ""
    data = queries.grouped(request.plan, hint=hint or None)
    member = request.member
    for group in data["groups"]:
        for r in group["rows"]:
            r["can_edit"] = can_edit_indicator(member, r["indicator"])
    return render(request, "planning/indicators/list.html", {
        **data, "form": form, "hint": hint,
        "hint_label": smart.INDICATOR_HINTS.get(hint, ""),
        "can_create": can_edit_framework(member),
    })


# --- Create, edit, delete -----------------------------------------------------------------------

def _place(request, form):
    """(outcome, output) from the form's place, or None with the error on the form."""
    outcome, output = queries.resolve_place(request.plan, form.cleaned_data.get("place"))
    if outcome is None and output is None:
        form.add_error("place", _("Choose the Outcome or Output the Indicator measures."))
        return None
    return outcome, output


@plan_view(Role.COORDINATOR, methods=("GET", "POST"))
def indicator_create(request):
    plan = request.plan
    initial = {}
    for kind in ("outcome", "output"):
        key = request.GET.get(kind)
        if key:
            initial["place"] = f"{kind}:{key}"
    form = IndicatorForm(_posted(request), initial=initial, plan=plan,
                         target_years=queries.plan_years(plan))
    if request.method == "POST" and form.is_valid():
        place = _place(request, form)
        if place is not None:
            try:
                indicator = services.create_indicator(
                    plan, outcome=place[0], output=place[1], by=request.user,
                    targets=form.target_values(), alignments=list(form.cleaned_data["alignments"]),
                    **form.values())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("%(key)s added.") % {"key": indicator.key})
                return redirect("planning:indicator_detail", plan.slug, indicator.key)
    return render(request, "planning/indicators/form.html", {
        "form": form, "indicator": None, "structural": True})


@plan_view(Role.COORDINATOR, Role.FOCAL_POINT, methods=("GET", "POST"))
def indicator_edit(request, indicator_key):
    indicator = _indicator(request, indicator_key)
    if not can_edit_indicator(request.member, indicator):
        raise PermissionDenied
    structural = can_edit_framework(request.member)
    years = queries.plan_years(request.plan, [t.year for t in indicator.targets.all()])
    form = IndicatorForm(_posted(request), initial=initial_for(indicator), plan=request.plan,
                         target_years=years, structural=structural)
    if request.method == "POST" and form.is_valid():
        values = form.values()
        place = {}
        if structural:
            resolved = _place(request, form)  # None: the error is on the form
            if resolved is not None:
                place = {"outcome": resolved[0], "output": resolved[1]}
        else:
            values.pop("responsible")  # a focal point does not reassign the Indicator
        if place or not structural:
            try:
                services.update_indicator(
                    indicator, by=request.user, targets=form.target_values(),
                    alignments=list(form.cleaned_data["alignments"]),
                    note=form.cleaned_data.get("note", ""), **place, **values)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("%(key)s saved.") % {"key": indicator.key})
                return redirect("planning:indicator_detail", request.plan.slug, indicator.key)
    return render(request, "planning/indicators/form.html", {
        "form": form, "indicator": indicator, "structural": structural})


@plan_view(Role.COORDINATOR, methods=("GET", "POST"))
def indicator_delete(request, indicator_key):
    indicator = get_object_or_404(Indicator, plan=request.plan, key=indicator_key)
    if request.method == "POST":
        services.delete_indicator(indicator, by=request.user)
        messages.success(request, _("%(key)s deleted.") % {"key": indicator_key})
        return redirect("planning:indicator_list", request.plan.slug)
    return render(request, "planning/indicators/delete.html", {"indicator": indicator})


# --- Detail -------------------------------------------------------------------------------------

@plan_view()
def indicator_detail(request, indicator_key):
    indicator = _indicator(request, indicator_key)
    years = queries.plan_years(request.plan, [t.year for t in indicator.targets.all()])
    return render(request, "planning/indicators/detail.html", {
        "indicator": indicator,
        "row": queries.row(indicator, years),
        "years": years,
        "alignments": list(indicator.alignments.all()),
        "history": list(revisions.history(indicator)[:10]),
        "can_edit": can_edit_indicator(request.member, indicator),
        "can_delete": can_edit_framework(request.member),
    })


# --- Library ------------------------------------------------------------------------------------

def _adopt_initial(request) -> dict:
    for kind in ("outcome", "output"):
        key = request.GET.get(kind)
        if key:
            return {"place": f"{kind}:{key}"}
    return {}


@plan_view()
def indicator_library(request):
    pillar = request.GET.get("pillar") or ""
    if pillar and not Pillar.objects.filter(key=pillar).exists():
        pillar = ""
    can_adopt = can_edit_framework(request.member)
    return render(request, "planning/indicators/library.html", {
        "groups": queries.library(pillar or None),
        "pillars": list(Pillar.objects.filter(indicator_templates__isnull=False).distinct()),
        "pillar": pillar,
        "can_adopt": can_adopt,
        "places": queries.places(request.plan) if can_adopt else [],
        "preselect": _adopt_initial(request).get("place", ""),
    })


@plan_view(Role.COORDINATOR, methods=("GET", "POST"))
def indicator_adopt(request, template_key):
    template = get_object_or_404(IndicatorTemplate.objects.select_related(
        "pillar", "framework_item__framework"), key=template_key)
    form = AdoptForm(_posted(request), initial=_adopt_initial(request), plan=request.plan)
    if request.method == "POST" and form.is_valid():
        place = _place(request, form)
        if place is not None:
            try:
                indicator = services.adopt_template(request.plan, template, outcome=place[0],
                                                    output=place[1], by=request.user)
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("%(key)s added from the library: adapt it to the "
                                            "Plan (baseline, targets, responsible "
                                            "Organisation).") % {"key": indicator.key})
                return redirect("planning:indicator_edit", request.plan.slug, indicator.key)
    return render(request, "planning/indicators/adopt.html", {"template": template,
                                                              "form": form})
