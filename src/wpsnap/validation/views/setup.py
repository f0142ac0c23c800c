"""Back office: setting up the Plan's Workshops — the list, create and edit (with the
settings), the agenda (Findings and extra questions: add, edit, reorder, delete), breakout
groups, the join code's QR code and printable join card, and the draft → open → closed state.

Every Member reads; facilitators and coordinators set up and run Workshops. Only a coordinator
sets the validation rule (threshold, minimum votes) and reopens a closed Workshop.
"""

from django.contrib import messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import apply_errors
from wpsnap.plans.models import Role

from ..forms import AddFindingsForm, BreakoutForm, QuestionForm, WorkshopForm
from ..models import AgendaItem, Workshop
from ..queries import setup as queries
from ..services import setup as services

RUNNERS = (Role.COORDINATOR, Role.FACILITATOR)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _can_run(request) -> bool:
    return request.member.role in RUNNERS


def _can_set_rule(request) -> bool:
    return request.member.role == Role.COORDINATOR


def _workshop(request, workshop_id) -> Workshop:
    return queries.workshop_for(request.plan, workshop_id)


def _item(request, workshop, item_id) -> AgendaItem:
    return get_object_or_404(AgendaItem.objects.select_related("finding", "workshop"),
                             workshop=workshop, pk=item_id)


def _to_detail(request, workshop, anchor=""):
    response = redirect("validate:workshop_detail", request.plan.slug, workshop.pk)
    if anchor:
        response["Location"] += f"#{anchor}"
    return response


# --- List and detail ----------------------------------------------------------------------------

@plan_view()
def workshop_list(request):
    return render(request, "validation/workshop_list.html", {
        "workshops": queries.workshop_rows(request.plan),
        "can_run": _can_run(request),
    })


@plan_view()
def workshop_detail(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    return render(request, "validation/setup/detail.html", {
        "workshop": workshop,
        "agenda": queries.agenda(workshop),
        "groups": list(queries.with_counts(workshop.breakouts.all()).order_by("pk")),
        "join_url": services.join_url(request, workshop),
        "local_only": queries.is_local_host(request),
        "can_run": _can_run(request),
        "can_set_rule": _can_set_rule(request),
    })


# --- Create and edit ----------------------------------------------------------------------------

def _consultation_from(request, form):
    d = form.cleaned_data
    if d.get("consultation"):
        return d["consultation"]
    return services.create_validation_consultation(
        request.plan, title_en=d["new_consultation_title_en"],
        title_km=d["new_consultation_title_km"], date=d["new_consultation_date"],
        area=d["new_consultation_area"])


@plan_view(*RUNNERS, methods=("GET", "POST"))
def workshop_create(request):
    form = WorkshopForm(_posted(request), plan=request.plan, can_set_rule=_can_set_rule(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                workshop = services.create_workshop(
                    request.plan, consultation=_consultation_from(request, form),
                    title_en=form.cleaned_data["title_en"],
                    title_km=form.cleaned_data["title_km"], by=request.user, **form.settings())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Workshop created with join code %(code)s. Now add "
                                        "its agenda.") % {"code": workshop.join_code})
            return redirect("validate:agenda_add", request.plan.slug, workshop.pk)
    return render(request, "validation/setup/form.html", {
        "form": form, "workshop": None, "can_set_rule": _can_set_rule(request)})


@plan_view(*RUNNERS, methods=("GET", "POST"))
def workshop_edit(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    form = WorkshopForm(_posted(request), initial=WorkshopForm.initial_for(workshop),
                        plan=request.plan, can_set_rule=_can_set_rule(request))
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():
                services.update_workshop(
                    workshop, by=request.user, consultation=_consultation_from(request, form),
                    title_en=form.cleaned_data["title_en"],
                    title_km=form.cleaned_data["title_km"], **form.settings())
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Workshop saved."))
            return _to_detail(request, workshop)
    return render(request, "validation/setup/form.html", {
        "form": form, "workshop": workshop, "can_set_rule": _can_set_rule(request)})


# --- State --------------------------------------------------------------------------------------

@plan_view(*RUNNERS, methods=("POST",))
def workshop_state(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    action = request.POST.get("action", "")
    actions = {
        "open": (services.open_workshop, _("The Workshop is open: Attendees can join with "
                                           "code %(code)s.")),
        "close": (services.close_workshop, _("The Workshop is closed; every open item was "
                                             "closed with it.")),
        "reopen": (services.reopen_workshop, _("The Workshop is open again.")),
        "draft": (services.back_to_draft, _("The Workshop is a draft again.")),
    }
    if action not in actions:
        messages.error(request, _("Choose what to do with the Workshop."))
    elif action == "reopen" and not _can_set_rule(request):
        messages.error(request, _("Only a coordinator can reopen a closed Workshop."))
    else:
        change, done = actions[action]
        try:
            change(workshop, by=request.user)
        except ValidationError as exc:
            messages.error(request, " ".join(exc.messages))
        else:
            messages.success(request, done % {"code": workshop.join_code})
    return _to_detail(request, workshop)


# --- Agenda -------------------------------------------------------------------------------------

@plan_view(*RUNNERS, methods=("GET", "POST"))
def agenda_add(request, workshop_id):
    """Add Findings (several at once) or an extra question. POST `kind=findings` with `findings`
    (Finding keys), or `kind=question` with the question's fields."""
    workshop = _workshop(request, workshop_id)
    kind = request.POST.get("kind", "findings") if request.method == "POST" else ""
    addable = queries.addable_findings(workshop)
    findings_form = AddFindingsForm(_posted(request) if kind == "findings" else None,
                                    queryset=addable)
    question_form = QuestionForm(_posted(request) if kind == "question" else None)
    if kind == "findings" and findings_form.is_valid():
        try:
            added = services.add_findings(workshop, findings_form.ordered())
        except ValidationError as exc:
            apply_errors(findings_form, exc)
        else:
            messages.success(request, _("Added to the agenda: %(keys)s.") % {
                "keys": ", ".join(i.finding.key for i in added) or "—"})
            return _to_detail(request, workshop, "agenda")
    elif kind == "question" and question_form.is_valid():
        d = question_form.cleaned_data
        try:
            services.add_question(workshop, d["question_en"], d["question_km"],
                                  question_form.choices())
        except ValidationError as exc:
            apply_errors(question_form, exc)
        else:
            messages.success(request, _("Question added to the agenda."))
            return _to_detail(request, workshop, "agenda")
    return render(request, "validation/setup/agenda_add.html", {
        "workshop": workshop,
        "findings_form": findings_form,
        "question_form": question_form,
        "rows": queries.finding_rows(addable),
        "chosen": set(request.POST.getlist("findings")) if kind == "findings" else set(),
    })


@plan_view(*RUNNERS, methods=("GET", "POST"))
def agenda_item_edit(request, workshop_id, item_id):
    workshop = _workshop(request, workshop_id)
    item = _item(request, workshop, item_id)
    form = None
    if not item.finding_id:
        form = QuestionForm(_posted(request), initial=QuestionForm.initial_for(item))
        if request.method == "POST" and form.is_valid():
            d = form.cleaned_data
            try:
                services.update_question(item, d["question_en"], d["question_km"],
                                         form.choices())
            except ValidationError as exc:
                apply_errors(form, exc)
            else:
                messages.success(request, _("Question saved."))
                return _to_detail(request, workshop, "agenda")
    elif request.method == "POST":
        messages.error(request, _("A Finding's wording is changed on the Finding itself."))
        return _to_detail(request, workshop, "agenda")
    return render(request, "validation/setup/item_form.html", {
        "workshop": workshop, "item": item, "form": form,
        "votes": item.votes.count(),
    })


@plan_view(*RUNNERS, methods=("POST",))
def agenda_item_delete(request, workshop_id, item_id):
    workshop = _workshop(request, workshop_id)
    item = _item(request, workshop, item_id)
    label = item.finding.key if item.finding_id else _("the question")
    try:
        services.delete_item(item)
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    else:
        messages.success(request, _("Removed %(item)s from the agenda.") % {"item": label})
    return _to_detail(request, workshop, "agenda")


@plan_view(*RUNNERS, methods=("POST",))
def agenda_move(request, workshop_id, item_id):
    workshop = _workshop(request, workshop_id)
    item = _item(request, workshop, item_id)
    try:
        services.move_item(item, request.POST.get("direction", ""))
    except ValidationError as exc:
        messages.error(request, " ".join(exc.messages))
    return _to_detail(request, workshop, f"item-{item.pk}")


# --- Breakout groups ----------------------------------------------------------------------------

@plan_view(*RUNNERS, methods=("GET", "POST"))
def breakout_create(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    form = BreakoutForm(_posted(request))
    if workshop.parent_id:
        form.add_error(None, _("This is a breakout group already; add groups to its "
                               "Workshop."))
    elif request.method == "POST" and form.is_valid():
        try:
            group = services.create_breakout(workshop, by=request.user, **form.cleaned_data)
        except ValidationError as exc:
            apply_errors(form, exc)
        else:
            messages.success(request, _("Breakout group created with join code %(code)s. Now "
                                        "add its agenda.") % {"code": group.join_code})
            return redirect("validate:agenda_add", request.plan.slug, group.pk)
    return render(request, "validation/setup/breakout_form.html", {
        "workshop": workshop, "form": form})


# --- Joining: QR code and printable card ------------------------------------------------------

@plan_view()
def workshop_qr(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    svg = queries.qr_svg(services.join_url(request, workshop),
                         title=_("Join code %(code)s") % {"code": workshop.join_code})
    response = HttpResponse(svg, content_type="image/svg+xml; charset=utf-8")
    # An image, never a document: no script, no style, nothing fetched.
    response["Content-Security-Policy"] = "default-src 'none'; frame-ancestors 'none'"
    response["Content-Disposition"] = f'inline; filename="join-{workshop.join_code}.svg"'
    response["Cache-Control"] = "private, max-age=300"
    return response


@plan_view()
def workshop_card(request, workshop_id):
    workshop = _workshop(request, workshop_id)
    url = services.join_url(request, workshop)
    join_page = request.build_absolute_uri(reverse("attend:join"))
    return render(request, "validation/setup/card.html", {
        "workshop": workshop, "join_url": url, "join_page": join_page,
        "local_only": queries.is_local_host(request),
    })
