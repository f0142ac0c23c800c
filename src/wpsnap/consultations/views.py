"""Consult: the overview, Consultations, Participants with Consent, the Statements browser and
Coverage.

Who may do what (also stated on the pages):
- coordinators and analysts (the workspace) record Consultations and Participants, edit Consent,
  record a withdrawal, see Participant codes and exact Coverage counts;
- only coordinators open Contact details, erase a Participant and set Coverage targets;
- facilitators, focal points and viewers read the overview, the Consultations, the Statements
  (without Participant codes, and not those of Participants who agreed to analysis only) and
  Coverage with small counts shown as "<5".
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from . import queries, services
from .forms import (
    ConsentForm,
    ConsultationForm,
    ContactDetailsForm,
    CoverageTargetForm,
    EraseForm,
    ParticipantFilterForm,
    ParticipantForm,
    StatementFilterForm,
    WithdrawForm,
)
from .models import Consent, Consultation, ContactDetails, CoverageTarget, Participant

COORDINATOR = Role.COORDINATOR
WORKSPACE = queries.WORKSPACE_ROLES



def _posted(request):
    """The POST data, also when empty (an empty POST is a submitted form, not a fresh page)."""
    return request.POST if request.method == "POST" else None


def _import_url(plan) -> str | None:
    try:
        return reverse("consult_import:upload", args=[plan.slug])
    except NoReverseMatch:  # the importer is routed by its own app
        return None


# --- Overview -----------------------------------------------------------------------------------

@plan_view()
def overview(request):
    plan = request.plan
    results = queries.target_results(plan)
    suppressed = not queries.in_workspace(request.member)
    return render(request, "consultations/overview.html", {
        "counts": queries.overview_counts(plan),
        "gaps": [t.message(suppressed) for t in results if not t.met],
        "target_count": len(results),
        "workspace": queries.in_workspace(request.member),
        "is_coordinator": request.member.role == COORDINATOR,
        "import_url": _import_url(plan),
    })


# --- Consultations ------------------------------------------------------------------------------

def _consultation(request, consultation_slug) -> Consultation:
    return get_object_or_404(Consultation, plan=request.plan, slug=consultation_slug)


@plan_view()
def consultation_list(request):
    consultations = (Consultation.objects.filter(plan=request.plan).select_related("area")
                     .order_by("-date", "slug"))
    return render(request, "consultations/consultation_list.html", {
        "consultations": consultations,
        "can_edit": request.member.role in WORKSPACE,
    })


@plan_view()
def consultation_detail(request, consultation_slug):
    consultation = _consultation(request, consultation_slug)
    workspace = queries.in_workspace(request.member)
    return render(request, "consultations/consultation_detail.html", {
        "consultation": consultation,
        "counts": queries.consultation_counts(consultation),
        "datasets": consultation.datasets.order_by("-created_at"),
        "organisations": consultation.organisations.all(),
        "can_edit": workspace,
        "import_url": _import_url(request.plan) if workspace else None,
    })


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def consultation_create(request):
    return _consultation_form(request, None)


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def consultation_edit(request, consultation_slug):
    return _consultation_form(request, _consultation(request, consultation_slug))


def _consultation_form(request, consultation):
    original_slug = consultation.slug if consultation else None
    form = ConsultationForm(_posted(request), instance=consultation, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        try:
            consultation = services.save_consultation(
                request.plan, form.save(commit=False),
                organisations=form.cleaned_data["organisations"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The Consultation was saved."))
            return redirect("consult:consultation_detail", request.plan.slug, consultation.slug)
    return render(request, "consultations/consultation_form.html",
                  {"form": form, "consultation": consultation, "original_slug": original_slug})


@plan_view(*WORKSPACE)
def mapping_download(request, consultation_slug):
    consultation = _consultation(request, consultation_slug)
    if not consultation.mapping:
        raise Http404
    response = JsonResponse(consultation.mapping, json_dumps_params={"ensure_ascii": False,
                                                                     "indent": 2})
    response["Content-Disposition"] = (
        f'attachment; filename="{consultation.slug}-mapping.json"')
    return response


# --- Participants -------------------------------------------------------------------------------

def _participant(request, participant_id) -> Participant:
    return get_object_or_404(Participant.objects.select_related("area"), plan=request.plan,
                             pk=participant_id)


def _consent(participant) -> Consent | None:
    try:
        return participant.consent
    except Consent.DoesNotExist:
        return None


@plan_view(*WORKSPACE)
def participant_list(request):
    form = ParticipantFilterForm(request.GET or None, plan=request.plan)
    data = form.cleaned_data if form.is_bound and form.is_valid() else {}
    page = Paginator(queries.filter_participants(request.plan, data), 50).get_page(
        request.GET.get("page"))
    for p in page.object_list:
        p.consent_state = queries.consent_state(p)
    query = request.GET.copy()
    query.pop("page", None)
    return render(request, "consultations/participant_list.html", {
        "form": form, "page": page, "query": query.urlencode(),
        "consent_labels": {k: _(v) for k, v in queries.CONSENT_STATES.items()},
    })


@plan_view(*WORKSPACE)
def participant_detail(request, participant_id):
    participant = _participant(request, participant_id)
    state = queries.consent_state(participant)
    statements = []
    if state != "withdrawn":
        statements = (queries.visible_statements(request.plan).filter(participant=participant)
                      .select_related("consultation")[:20])
    return render(request, "consultations/participant_detail.html", {
        "participant": participant,
        "consent": _consent(participant),
        "consent_state": state,
        "consent_label": _(queries.CONSENT_STATES[state]),
        "statement_count": queries.participant_statement_count(participant),
        "statements": statements,
        "consultations": participant.consultations.all(),
        "is_coordinator": request.member.role == COORDINATOR,
    })


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def participant_create(request):
    form = ParticipantForm(_posted(request), plan=request.plan)
    consent_form = ConsentForm(_posted(request), prefix="consent")
    if request.method == "POST" and form.is_valid() and consent_form.is_valid():
        try:
            participant = services.create_participant(
                request.plan, form.save(commit=False),
                consultations=form.cleaned_data["consultations"],
                consent=consent_form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The Participant was saved as %(code)s.")
                             % {"code": participant.code})
            return redirect("consult:participant_detail", request.plan.slug, participant.pk)
    return render(request, "consultations/participant_form.html", {
        "form": form, "consent_form": consent_form, "participant": None,
        "next_code": services.next_participant_code(request.plan),
    })


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def participant_edit(request, participant_id):
    participant = _participant(request, participant_id)
    form = ParticipantForm(_posted(request), instance=participant, plan=request.plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.update_participant(form.save(commit=False),
                                        consultations=form.cleaned_data["consultations"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The Participant was saved."))
            return redirect("consult:participant_detail", request.plan.slug, participant.pk)
    return render(request, "consultations/participant_form.html",
                  {"form": form, "participant": participant})


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def consent_edit(request, participant_id):
    participant = _participant(request, participant_id)
    consent = _consent(participant)
    form = ConsentForm(_posted(request), instance=consent or Consent(participant=participant))
    if request.method == "POST" and form.is_valid():
        try:
            services.save_consent(participant, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The consent was saved."))
            return redirect("consult:participant_detail", request.plan.slug, participant.pk)
    return render(request, "consultations/consent_form.html", {
        "form": form, "participant": participant,
        "withdrawn": bool(consent and consent.withdrawn_at),
    })


@plan_view(*WORKSPACE, methods=("GET", "POST"))
def consent_withdraw(request, participant_id):
    participant = _participant(request, participant_id)
    form = WithdrawForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.withdraw_consent(participant, by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _(
                "Consent was withdrawn. The Participant's Statements are no longer shown "
                "or counted anywhere."))
            return redirect("consult:participant_detail", request.plan.slug, participant.pk)
    return render(request, "consultations/withdraw_confirm.html", {
        "form": form, "participant": participant,
        "statement_count": queries.participant_statement_count(participant),
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def participant_erase(request, participant_id):
    participant = _participant(request, participant_id)
    form = EraseForm(_posted(request))
    if request.method == "POST" and form.is_valid():
        try:
            services.erase_participant(participant, by=request.user,
                                       confirmation=form.cleaned_data["confirmation"])
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _(
                "The Participant, their Statements, consent and contact details were erased."))
            return redirect("consult:participant_list", request.plan.slug)
    return render(request, "consultations/erase_confirm.html", {
        "form": form, "participant": participant,
        "statement_count": participant.statements.count(),
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def contact_details(request, participant_id):
    participant = _participant(request, participant_id)
    contact = ContactDetails.objects.filter(participant=participant).first()
    form = ContactDetailsForm(_posted(request), instance=contact)
    if request.method == "POST" and form.is_valid():
        services.save_contact_details(participant, **form.cleaned_data)
        messages.success(request, _("The contact details were saved."))
        return redirect("consult:contact_details", request.plan.slug, participant.pk)
    response = render(request, "consultations/contact_form.html",
                      {"form": form, "participant": participant})
    response["Cache-Control"] = "no-store"
    return response


# --- Statements ---------------------------------------------------------------------------------

def _int(value) -> int | None:
    try:
        number = int(value)
    except (TypeError, ValueError):
        return None
    return number if number >= 0 else None


@plan_view()
def statements(request):
    plan, member = request.plan, request.member
    params = request.GET.copy()
    after, before = _int(params.pop("after", [None])[-1]), _int(params.pop("before", [None])[-1])
    filters = {k: v for k, v in params.items() if v}
    form = StatementFilterForm(filters or None, plan=plan)
    data = {}
    if form.is_bound:
        form.is_valid()
        data = {k: v for k, v in form.cleaned_data.items() if k not in form.errors}
    qs = queries.filter_statements(queries.statements_for(member), data).select_related(
        "consultation", "participant__area", "participant__consent")
    page = queries.keyset_page(qs, after=after, before=before)
    base = urlencode(filters)
    return render(request, "consultations/statements.html", {
        "form": form,
        "page": page,
        "next_query": urlencode({**filters, "after": page.next_after}) if page.next_after
        else None,
        "prev_query": urlencode({**filters, "before": page.prev_before}) if page.prev_before
        else None,
        "base_query": base,
        "show_codes": queries.in_workspace(member),
        "questions": queries.questions(plan, data.get("consultation")),
    })


@plan_view()
def statement_detail(request, statement_id):
    statement = get_object_or_404(
        queries.statements_for(request.member).select_related(
            "consultation", "participant__area", "participant__consent", "dataset"),
        pk=statement_id)
    return render(request, "consultations/statement_detail.html", {
        "s": statement, "show_codes": queries.in_workspace(request.member),
    })


# --- Coverage -----------------------------------------------------------------------------------

CHART_WIDTH, LABEL_WIDTH, BAR_WIDTH, ROW_HEIGHT = 640, 230, 330, 26


def _chart(chart_id: str, title: str, rows: list[dict]) -> dict:
    """Geometry of a horizontal bar chart for an inline SVG (drawn on the server)."""
    top = max([r["count"] for r in rows if not r["hidden"]] + [1])
    bars = []
    for i, row in enumerate(rows):
        y = 8 + i * ROW_HEIGHT
        width = 0 if row["hidden"] else round(BAR_WIDTH * row["count"] / top)
        bars.append({
            "label": row["label"], "display": row["display"], "y": y, "text_y": y + 16,
            "width": width, "value_x": LABEL_WIDTH + 10 + width + 6, "gap": row.get("gap"),
        })
    return {"id": chart_id, "title": title, "bars": bars, "width": CHART_WIDTH,
            "height": 16 + len(rows) * ROW_HEIGHT, "label_x": LABEL_WIDTH,
            "bar_x": LABEL_WIDTH + 10}


def _one_way(cov, dim: str, label: str, suppressed: bool, gap_keys: set) -> dict:
    keys = cov.labels[dim]
    people = [cov.by[dim].get(k, 0) for k, _label in keys]
    said = [cov.statements_by[dim].get(k, 0) for k, _label in keys]
    hide_people = queries.protect([[n] for n in people]) if suppressed else None
    rows = []
    total = cov.participants
    for i, (key, name) in enumerate(keys):
        hidden = bool(hide_people and hide_people[i][0])
        count = people[i]
        if hidden:
            display = queries.suppress(count) if queries.is_suppressed(count) else _("hidden")
        else:
            display = count
        pct = None if hidden or not total else round(100 * count / total)
        statements_display = queries.suppress(said[i]) if suppressed else said[i]
        rows.append({"key": key, "label": name, "count": count, "display": display,
                     "hidden": hidden, "pct": pct, "statements": statements_display,
                     "gap": key in gap_keys})
    return {"dim": dim, "title": label, "rows": rows,
            "chart": _chart(f"chart-{dim}", _("Participants by %(dimension)s")
                            % {"dimension": label.lower()}, rows)}


def _cross(cov, row_dim: str, col_dim: str, labels: dict, suppressed: bool) -> dict:
    data = cov.cross[f"{row_dim}__{col_dim}"]
    row_keys = [(k, n) for k, n in cov.labels[row_dim] if cov.by[row_dim].get(k)]
    col_keys = cov.labels[col_dim]
    matrix = [[data.get((r, c), 0) for c, _n in col_keys] for r, _n in row_keys]
    mask = queries.protect(matrix) if suppressed else [[False] * len(col_keys) for _r in matrix]
    rows = []
    for (_key, name), counts, hides in zip(row_keys, matrix, mask, strict=True):
        cells = []
        for n, hidden in zip(counts, hides, strict=True):
            if hidden:
                cells.append(queries.suppress(n) if queries.is_suppressed(n) else _("hidden"))
            else:
                cells.append(n)
        rows.append({"label": name, "cells": cells})
    return {"title": _("%(rows)s by %(columns)s") % {"rows": labels[row_dim],
                                                      "columns": labels[col_dim].lower()},
            "row_title": labels[row_dim], "columns": [n for _k, n in col_keys], "rows": rows}


@plan_view()
def coverage(request):
    plan, member = request.plan, request.member
    workspace = queries.in_workspace(member)
    suppressed = not workspace or request.GET.get("view") == "suppressed"
    cov = queries.coverage(plan)
    labels = queries.dimension_labels()
    gap_areas = {t.target.area.code for t in cov.gaps if t.target.area_id
                 and t.kind == CoverageTarget.Kind.AREA_COVERED}
    tables = [_one_way(cov, dim, labels[dim], suppressed,
                       gap_areas if dim == "area" else set()) for dim in queries.DIMENSIONS]
    crosses = [_cross(cov, r, c, labels, suppressed) for r, c in queries.CROSS_TABLES]
    targets = [{"message": t.message(suppressed), "met": t.met, "kind": t.target.get_kind_display(),
                "value": t.value, "actual": t.shown_actual(suppressed),
                "percent": t.kind in CoverageTarget.PERCENT_KINDS} for t in cov.targets]
    return render(request, "consultations/coverage.html", {
        "cov": cov,
        "participants": queries.suppress(cov.participants) if suppressed else cov.participants,
        "statement_total": queries.suppress(cov.statements) if suppressed else cov.statements,
        "tables": tables,
        "crosses": crosses,
        "targets": targets,
        "gap_count": len(cov.gaps),
        "suppressed": suppressed,
        "workspace": workspace,
        "is_coordinator": member.role == COORDINATOR,
    })


@plan_view(COORDINATOR, methods=("GET", "POST"))
def coverage_targets(request):
    plan = request.plan
    form = CoverageTargetForm(_posted(request), plan=plan)
    if request.method == "POST" and form.is_valid():
        try:
            services.add_coverage_target(plan, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The target was added."))
            return redirect("consult:coverage_targets", plan.slug)
    return render(request, "consultations/coverage_targets.html", {
        "form": form,
        "results": [{"target": t.target, "met": t.met, "message": t.message(False)}
                    for t in queries.target_results(plan)],
    })


@plan_view(COORDINATOR, methods=("POST",))
def coverage_target_delete(request, coverage_target_id):
    target = get_object_or_404(CoverageTarget, plan=request.plan, pk=coverage_target_id)
    services.delete_coverage_target(target)
    messages.success(request, _("The target was deleted."))
    return redirect("consult:coverage_targets", request.plan.slug)
