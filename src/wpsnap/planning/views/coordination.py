"""The coordination mechanism (Bodies, reporting lines, Memberships, with a diagram), the
roles-and-responsibilities matrix (editable as a grid with htmx and the keyboard, or as a plain
form), one Organisation's share of the Plan, and putting mechanism designs to a Workshop.

Every Member reads these pages. Coordinators edit Bodies, Memberships and the matrix;
coordinators and facilitators may put a question to a Workshop.
"""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.views.decorators.gzip import gzip_page

from wpsnap.core.authz import plan_view
from wpsnap.core.bilingual import pick
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Organisation, Role

from ..forms_coordination import BodyForm, MatrixFilterForm, MechanismQuestionForm, MembershipForm
from ..models import Action, Body, Membership, Output, Responsibility
from ..permissions import can_edit_framework
from ..queries import coordination as queries
from ..services import coordination as services
from ..services.responsibilities import lead_of, set_role

EDITORS = (Role.COORDINATOR,)
QUESTION_ASKERS = (Role.COORDINATOR, Role.FACILITATOR)
MATRIX_FILTERS = ("show", "type", "outcome")


def _posted(request):
    return request.POST if request.method == "POST" else None


def _is_htmx(request) -> bool:
    return request.headers.get("HX-Request") == "true"


def _body(request, body_id) -> Body:
    return get_object_or_404(Body, plan=request.plan, pk=body_id)


def _membership(request, membership_id) -> Membership:
    return get_object_or_404(Membership.objects.select_related("body", "organisation"),
                             body__plan=request.plan, pk=membership_id)


# --- The mechanism ------------------------------------------------------------------------------

def _question_form(request, data=None):
    if request.member.role not in QUESTION_ASKERS:
        return None
    return MechanismQuestionForm(data, workshops=queries.open_workshops(request.plan))


def _coordination_page(request, question_form, status=200):
    rows = queries.bodies(request.plan)
    return render(request, "planning/coordination/index.html", {
        "levels": queries.by_level(rows),
        "tree": queries.reporting_tree(rows),
        "diagram": queries.diagram(rows) if rows else None,
        "body_count": len(rows),
        "can_edit": can_edit_framework(request.member),
        "question_form": question_form,
    }, status=status)


@plan_view()
def coordination(request):
    return _coordination_page(request, _question_form(request))


@plan_view(*QUESTION_ASKERS, methods=("POST",))
def coordination_question(request):
    """Add an extra question with 2–5 choices to a draft or open Workshop (the validation app's
    agenda service), e.g. "Which coordination mechanism do you prefer?"."""
    from wpsnap.validation.services.setup import add_question

    form = _question_form(request, request.POST)
    if form.is_valid():
        workshop = form.cleaned_data["workshop"]
        d = form.cleaned_data
        try:
            add_question(workshop, d["question_en"], d["question_km"], form.choices())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("The question is on the agenda of “%(workshop)s”.") % {
                "workshop": workshop.t("title")})
            return redirect("validate:workshop_detail", request.plan.slug, workshop.pk)
    return _coordination_page(request, form)


@plan_view(*EDITORS, methods=("GET", "POST"))
def body_create(request):
    initial = {}
    parent_id = request.GET.get("reports_to", "")
    if parent_id.isdigit():
        initial["reports_to"] = parent_id
    form = BodyForm(_posted(request), plan=request.plan, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.create_body(request.plan, by=request.user, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("“%(body)s” added to the mechanism.") % {
                "body": body.t("name")})
            return redirect("planning:body_detail", request.plan.slug, body.pk)
    return render(request, "planning/coordination/body_form.html", {"form": form, "body": None})


@plan_view()
def body_detail(request, body_id):
    body = queries.body(request.plan, body_id)
    if body is None:
        raise Http404
    return render(request, "planning/coordination/body_detail.html", {
        "body": body,
        "reporting": list(body.reporting_bodies.all()),
        "can_edit": can_edit_framework(request.member),
    })


@plan_view(*EDITORS, methods=("GET", "POST"))
def body_edit(request, body_id):
    body = _body(request, body_id)
    form = BodyForm(_posted(request), plan=request.plan, body=body)
    if request.method == "POST" and form.is_valid():
        try:
            body = services.update_body(body, by=request.user, **form.values())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("“%(body)s” saved.") % {"body": body.t("name")})
            return redirect("planning:body_detail", request.plan.slug, body.pk)
    return render(request, "planning/coordination/body_form.html", {"form": form, "body": body})


@plan_view(*EDITORS, methods=("POST",))
def body_delete(request, body_id):
    body = _body(request, body_id)
    name = body.t("name")
    try:
        services.delete_body(body, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
        return redirect("planning:body_detail", request.plan.slug, body.pk)
    messages.success(request, _("“%(body)s” and its memberships deleted.") % {"body": name})
    return redirect("planning:coordination", request.plan.slug)


@plan_view(*EDITORS, methods=("GET", "POST"))
def membership_create(request, body_id):
    body = _body(request, body_id)
    form = MembershipForm(_posted(request), plan=request.plan)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.add_membership(body, d["organisation"], d["role"], by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("%(organisation)s added to “%(body)s”.") % {
                "organisation": d["organisation"].t("name"), "body": body.t("name")})
            return redirect("planning:body_detail", request.plan.slug, body.pk)
    return render(request, "planning/coordination/membership_form.html", {
        "form": form, "body": body, "membership": None})


@plan_view(*EDITORS, methods=("GET", "POST"))
def membership_edit(request, membership_id):
    membership = _membership(request, membership_id)
    form = MembershipForm(_posted(request), plan=request.plan, membership=membership)
    if request.method == "POST" and form.is_valid():
        d = form.cleaned_data
        try:
            services.change_membership(membership, role=d["role"],
                                       organisation=d["organisation"], by=request.user)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Membership saved."))
            return redirect("planning:body_detail", request.plan.slug, membership.body_id)
    return render(request, "planning/coordination/membership_form.html", {
        "form": form, "body": membership.body, "membership": membership})


@plan_view(*EDITORS, methods=("POST",))
def membership_delete(request, membership_id):
    membership = _membership(request, membership_id)
    services.remove_membership(membership, by=request.user)
    messages.success(request, _("%(organisation)s is no longer in “%(body)s”.") % {
        "organisation": membership.organisation.t("name"), "body": membership.body.t("name")})
    return redirect("planning:body_detail", request.plan.slug, membership.body_id)


# --- The roles-and-responsibilities matrix ------------------------------------------------------

def _filter_query(data) -> str:
    """The matrix's filter as a query string (only its own keys: never an open redirect)."""
    return urlencode({k: data.get(k) for k in MATRIX_FILTERS if data.get(k)})


def _matrix_url(request, query: str = "") -> str:
    url = reverse("planning:matrix", args=[request.plan.slug])
    return f"{url}?{query}" if query else url


class CellHtml:
    """The HTML of the grid's cells, drawn here rather than by a template included per cell
    (a grid of 44 Organisations × 55 Outputs and Actions has 2,420 cells). The <option> lists
    are built once per request, one per current role, and every text from the database is
    escaped. With `can_edit` a cell holds a <select> named
    "r:<organisation id>:<action|output>:<key>:<role when drawn>" (the plain form's field, which
    matrix.js also reads the cell's Organisation and target from); else the role's label."""

    def __init__(self, can_edit: bool):
        self.can_edit = can_edit
        roles = [("", _("None")), *Responsibility.Role.choices]
        self.options = {
            current: "".join(f'<option value="{value}"{" selected" if value == current else ""}>'
                             f"{escape(label)}</option>" for value, label in roles)
            for current, _label in roles}
        self.labels = {value: escape(label) for value, label in Responsibility.Role.choices}

    def __call__(self, c: dict, *, org_label: str = "", oob: bool = False) -> str:
        column, org, role = c["column"], c["organisation"], c["role"]
        role = role if role in self.labels else ""
        classes = f"cell role-{role or 'none'}" + (" output-col" if column.kind == "output"
                                                  else "")
        if self.can_edit:
            label = escape(org_label or org.abbreviation or pick(org, "name").text)
            key = escape(column.obj.key)
            inner = (f'<select name="r:{org.pk}:{column.kind}:{key}:{role}" '
                     f'aria-label="{label} · {key}">{self.options[role]}</select>')
        else:
            inner = self.labels.get(role, "")
        swap = ' hx-swap-oob="true"' if oob else ""
        return f'<td id="{escape(c["id"])}" class="{classes}" data-cell{swap}>{inner}</td>'


@plan_view()
@gzip_page  # ~870 KB of repetitive cells on the demo Plan (44 Organisations × 55 columns)
def matrix(request):
    form = MatrixFilterForm(request.GET or None, plan=request.plan)
    grid = queries.matrix(request.plan, **form.values())
    can_edit = can_edit_framework(request.member)
    draw = CellHtml(can_edit)
    for row in grid["rows"]:
        org = row["organisation"]
        label = org.abbreviation or pick(org, "name").text
        row["html"] = mark_safe("".join(  # noqa: S308 - CellHtml escapes what it draws
            draw(c, org_label=label) for c in row["cells"]))
    return render(request, "planning/coordination/matrix.html", {
        "form": form,
        "grid": grid,
        "can_edit": can_edit,
        "filters": [(k, request.GET[k]) for k in MATRIX_FILTERS if request.GET.get(k)],
    })


def _organisation(plan, value) -> Organisation:
    if not str(value or "").isdigit():
        raise Http404
    return get_object_or_404(Organisation, plan=plan, pk=int(value))


def _role(value: str) -> str | None:
    value = (value or "").strip()
    if value in ("", "none"):
        return None
    if value not in Responsibility.Role.values:
        raise ValidationError(_("Unknown role."))
    return value


def _one_cell(request):
    plan = request.plan
    organisation = _organisation(plan, request.POST.get("organisation_id"))
    target = queries.find_target(plan, request.POST.get("target", ""))
    if target is None:
        raise Http404
    column = queries.column_for(target)
    error = ""
    demoted = None
    try:
        role = _role(request.POST.get("role", ""))
        old_lead = lead_of(target) if role == Responsibility.Role.LEAD else None
        set_role(target, organisation, role, by=request.user)
    except ValidationError as exc:
        error = " ".join(exc.messages)
    else:
        if old_lead is not None and old_lead.pk != organisation.pk:
            demoted = old_lead
    if not _is_htmx(request):
        if error:
            messages.error(request, error)
        else:
            messages.success(request, _("Saved: %(organisation)s on %(key)s.") % {
                "organisation": organisation.t("name"), "key": target.key})
        return redirect(_matrix_url(request, _filter_query(request.POST)))
    now = queries.role_of(organisation, target)
    cells = [queries.cell(organisation, column, now)]
    if demoted is not None:
        cells.append(queries.cell(demoted, column, Responsibility.Role.SUPPORT))
    if error:
        status = error
    elif demoted is not None:
        status = _("%(organisation)s now leads %(key)s; %(previous)s supports it.") % {
            "organisation": organisation.t("name"), "key": target.key,
            "previous": demoted.t("name")}
    elif now:
        status = _("%(organisation)s: %(role)s on %(key)s.") % {
            "organisation": organisation.t("name"), "key": target.key,
            "role": Responsibility.Role(now).label}
    else:
        status = _("%(organisation)s has no role on %(key)s.") % {
            "organisation": organisation.t("name"), "key": target.key}
    draw = CellHtml(can_edit=True)
    return render(request, "planning/coordination/_cell_response.html", {
        "cells": mark_safe("".join(  # noqa: S308 - CellHtml escapes what it draws
            draw(c, oob=n > 0) for n, c in enumerate(cells))),
        "status": status, "error": bool(error),
    })


def _many_cells(request):
    """The plain form: fields "r:<organisation id>:<action|output>:<key>:<role when the page
    was drawn>" = the role chosen. Only the cells whose choice differs from the role they were
    drawn with are written (so a stale page does not undo someone else's change elsewhere)."""
    plan = request.plan
    wanted = []
    for name, value in request.POST.items():
        parts = name.split(":")
        if len(parts) != 5 or parts[0] != "r" or parts[2] not in ("action", "output"):
            continue
        _r, org_id, kind, key, was = parts
        if (value or "") != was:
            wanted.append((org_id, kind, key, value))
    if not wanted:
        messages.info(request, _("Nothing changed."))
        return redirect(_matrix_url(request, _filter_query(request.POST)))
    org_ids = {org_id for org_id, *_rest in wanted}
    if not all(o.isdigit() for o in org_ids):
        raise Http404
    orgs = Organisation.objects.in_bulk([int(o) for o in org_ids])
    actions = {a.key: a for a in Action.objects.filter(
        plan=plan, key__in=[k for _o, kind, k, _v in wanted if kind == "action"])}
    outputs = {o.key: o for o in Output.objects.filter(
        plan=plan, key__in=[k for _o, kind, k, _v in wanted if kind == "output"])}
    changes = []
    for org_id, kind, key, value in wanted:
        org = orgs.get(int(org_id))
        target = (actions if kind == "action" else outputs).get(key)
        if org is None or org.plan_id != plan.pk or target is None:
            raise Http404
        changes.append((target, org, value))
    try:
        changes = [(t, o, _role(v)) for t, o, v in changes]
        services.set_roles(changes, by=request.user)
    except ValidationError as exc:
        for message in exc.messages:
            messages.error(request, message)
    else:
        messages.success(request, _("%(n)d cells saved.") % {"n": len(changes)})
    return redirect(_matrix_url(request, _filter_query(request.POST)))


@plan_view(*EDITORS, methods=("POST",))
def matrix_cell(request):
    """One cell (POST organisation_id, target "action:KEY" | "output:KEY", role or ""): with
    htmx, answers the re-drawn cell, plus out-of-band the cell of a lead it demoted to support
    and the status line; without, redirects to the matrix. A post of the whole grid (the form
    without JavaScript) writes every changed cell at once."""
    if "organisation_id" in request.POST or "target" in request.POST:
        return _one_cell(request)
    return _many_cells(request)


# --- One Organisation's share -------------------------------------------------------------------

@plan_view()
def organisation_plan(request, organisation_id):
    organisation = get_object_or_404(Organisation, plan=request.plan, pk=organisation_id)
    return render(request, "planning/coordination/organisation_plan.html", {
        "organisation": organisation,
        "share": queries.organisation_plan(request.plan, organisation),
        "is_mine": (request.member.role == Role.FOCAL_POINT
                    and request.member.organisation_id == organisation.pk),
    })
