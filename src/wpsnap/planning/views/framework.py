"""The results framework editor: the framework page (Goal → Outcomes → Outputs → Actions, with
Indicators and SMART hints), the Action page, and forms to create, edit, reorder and delete.

Every Member reads. Coordinators change everything. A focal point edits an Action their
Organisation leads, and its budget lines — its wording, timeframe, places, Findings and
alignments, but not who leads or supports it, nor where it sits in the framework.
"""

from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _

from wpsnap.core.authz import plan_view
from wpsnap.core.forms import save_posted
from wpsnap.plans.models import Role

from ..forms_framework import (
    ActionForm,
    BudgetLineForm,
    GoalForm,
    OutcomeForm,
    OutputForm,
)
from ..models import Action, BudgetLine, Goal, Outcome, Output
from ..permissions import can_edit_action, can_edit_framework
from ..queries import framework as queries
from ..services import framework as services
from ..services import revisions

COORDINATOR = (Role.COORDINATOR,)
EDITORS = (Role.COORDINATOR, Role.FOCAL_POINT)


def _posted(request):
    return request.POST if request.method == "POST" else None


def _framework_url(request, anchor: str = "") -> str:
    url = reverse("planning:framework", args=[request.plan.slug])
    return f"{url}#{anchor}" if anchor else url


def _outcome(request, key) -> Outcome:
    return get_object_or_404(Outcome, plan=request.plan, key=key)


def _output(request, key) -> Output:
    return get_object_or_404(Output.objects.select_related("outcome"), plan=request.plan,
                             key=key)


def _action(request, key) -> Action:
    return get_object_or_404(Action.objects.select_related("output__outcome"),
                             plan=request.plan, key=key)


def _editable_action(request, key) -> Action:
    action = _action(request, key)
    if not can_edit_action(request.member, action):
        raise PermissionDenied
    return action


def _budget_line(request, budget_line_id) -> BudgetLine:
    line = get_object_or_404(BudgetLine.objects.select_related("action__output__outcome"),
                             pk=budget_line_id, action__plan=request.plan)
    if not can_edit_action(request.member, line.action):
        raise PermissionDenied
    return line


def _wording_initial(obj) -> dict:
    return {n: getattr(obj, n) for n in ("title_en", "title_km", "description_en",
                                         "description_km")}


# --- The framework page -------------------------------------------------------------------------

@plan_view()
def framework(request):
    plan = request.plan
    outcomes = queries.decorate(queries.tree(plan), request.member)
    return render(request, "planning/framework/framework.html", {
        "goal": queries.goal(plan),
        "outcomes": outcomes,
        "can_edit": can_edit_framework(request.member),
        "counts": {
            "outcomes": len(outcomes),
            "outputs": sum(len(o.outputs.all()) for o in outcomes),
            "actions": sum(len(p.actions.all()) for o in outcomes for p in o.outputs.all()),
        },
    })


# --- Goal ---------------------------------------------------------------------------------------

@plan_view(*COORDINATOR, methods=("GET", "POST"))
def goal_edit(request):
    goal = Goal.objects.filter(plan=request.plan).first()
    form = GoalForm(_posted(request), plan=request.plan,
                    initial=_wording_initial(goal) if goal else None)
    saved = save_posted(request, form, lambda: services.set_goal(
        request.plan, by=request.user, note=form.cleaned_data["note"], **form.wording()))
    if saved:
        messages.success(request, _("Goal saved."))
        return redirect(_framework_url(request))
    return render(request, "planning/framework/form.html", {
        "form": form, "kind": "goal", "element": goal,
        "heading": _("The Goal of the Plan"),
    })


# --- Outcomes -----------------------------------------------------------------------------------

@plan_view(*COORDINATOR, methods=("GET", "POST"))
def outcome_create(request):
    form = OutcomeForm(_posted(request), plan=request.plan)
    saved = save_posted(request, form, lambda: services.create_outcome(
        request.plan, by=request.user, pillars=list(form.cleaned_data["pillars"]),
        note=form.cleaned_data["note"], **form.wording()))
    if saved:
        outcome = saved.value
        messages.success(request, _("Outcome %(key)s added.") % {"key": outcome.key})
        return redirect(_framework_url(request, f"outcome-{outcome.key}"))
    return render(request, "planning/framework/form.html", {
        "form": form, "kind": "outcome", "element": None, "heading": _("Add an Outcome"),
    })


@plan_view(*COORDINATOR, methods=("GET", "POST"))
def outcome_edit(request, outcome_key):
    outcome = _outcome(request, outcome_key)
    form = OutcomeForm(_posted(request), plan=request.plan, initial={
        **_wording_initial(outcome), "pillars": list(outcome.pillars.all())})
    saved = save_posted(request, form, lambda: services.update_outcome(
        outcome, by=request.user, pillars=list(form.cleaned_data["pillars"]),
        note=form.cleaned_data["note"], **form.wording()))
    if saved:
        messages.success(request, _("Outcome %(key)s saved.") % {"key": outcome.key})
        return redirect(_framework_url(request, f"outcome-{outcome.key}"))
    return render(request, "planning/framework/form.html", {
        "form": form, "kind": "outcome", "element": outcome,
        "heading": _("Edit Outcome %(key)s") % {"key": outcome.key},
    })


# --- Outputs ------------------------------------------------------------------------------------

@plan_view(*COORDINATOR, methods=("GET", "POST"))
def output_create(request, outcome_key):
    outcome = _outcome(request, outcome_key)
    form = OutputForm(_posted(request), plan=request.plan)
    saved = save_posted(request, form, lambda: services.create_output(
        outcome, by=request.user, alignments=list(form.cleaned_data["alignments"]),
        note=form.cleaned_data["note"], **form.wording()))
    if saved:
        output = saved.value
        messages.success(request, _("Output %(key)s added.") % {"key": output.key})
        return redirect(_framework_url(request, f"output-{output.key}"))
    return render(request, "planning/framework/form.html", {
        "form": form, "kind": "output", "element": None, "parent": outcome,
        "heading": _("Add an Output to Outcome %(key)s") % {"key": outcome.key},
    })


@plan_view(*COORDINATOR, methods=("GET", "POST"))
def output_edit(request, output_key):
    output = _output(request, output_key)
    form = OutputForm(_posted(request), plan=request.plan, moving=True, initial={
        **_wording_initial(output), "outcome": output.outcome,
        "alignments": list(output.alignments.all())})
    saved = save_posted(request, form, lambda: services.update_output(
        output, by=request.user, outcome=form.cleaned_data.get("outcome"),
        alignments=list(form.cleaned_data["alignments"]), note=form.cleaned_data["note"],
        **form.wording()))
    if saved:
        messages.success(request, _("Output %(key)s saved.") % {"key": output.key})
        return redirect(_framework_url(request, f"output-{output.key}"))
    return render(request, "planning/framework/form.html", {
        "form": form, "kind": "output", "element": output,
        "heading": _("Edit Output %(key)s") % {"key": output.key},
    })


# --- Actions ------------------------------------------------------------------------------------

@plan_view(*COORDINATOR, methods=("GET", "POST"))
def action_create(request, output_key):
    output = _output(request, output_key)
    form = ActionForm(_posted(request), plan=request.plan)
    saved = save_posted(request, form, lambda: services.create_action(
        output, by=request.user, **form.values()))
    if saved:
        action = saved.value
        messages.success(request, _("Action %(key)s added. Add its budget below.") % {
            "key": action.key})
        return redirect("planning:action_detail", request.plan.slug, action.key)
    return render(request, "planning/framework/action_form.html", {
        "form": form, "action": None, "output": output,
    })


@plan_view()
def action_detail(request, action_key):
    action = queries.action_detail(request.plan, action_key)
    if action is None:
        raise Http404
    editable = can_edit_action(request.member, action)
    return render(request, "planning/framework/action_detail.html", {
        "action": action,
        "output": action.output,
        "editable": editable,
        "can_edit_framework": can_edit_framework(request.member),
        "budget_form": BudgetLineForm() if editable else None,
        "history": list(revisions.history(action)),
        "alignment_groups": queries.alignment_groups(action.alignments.all()),
    })


@plan_view(*EDITORS, methods=("GET", "POST"))
def action_edit(request, action_key):
    action = _editable_action(request, action_key)
    coordinator = can_edit_framework(request.member)
    lead, supporting = queries.lead_and_support(action)
    initial = {
        **_wording_initial(action), "output": action.output,
        "lead": lead, "supporting": supporting,
        "start_year": action.start_year, "start_quarter": action.start_quarter,
        "end_year": action.end_year, "end_quarter": action.end_quarter,
        "national": action.national, "areas": list(action.areas.all()),
        "findings": list(action.findings.all()), "alignments": list(action.alignments.all()),
    }
    form = ActionForm(_posted(request), plan=request.plan, initial=initial,
                      coordinator=coordinator, moving=True)
    saved = save_posted(request, form, lambda: services.update_action(
        action, by=request.user, **form.values()))
    if saved:
        messages.success(request, _("Action %(key)s saved.") % {"key": action.key})
        return redirect("planning:action_detail", request.plan.slug, action.key)
    return render(request, "planning/framework/action_form.html", {
        "form": form, "action": action, "output": action.output, "lead": lead,
        "supporting": supporting,
    })


# --- Deleting -----------------------------------------------------------------------------------

def _delete(request, element, *, delete, back: str, done: str, blocked: str | None = None):
    """GET: ask; POST: delete (or say why not) and go back to the framework."""
    if request.method == "POST":
        try:
            delete(element, by=request.user)
        except ValidationError as exc:
            for message in exc.messages:
                messages.error(request, message)
            return redirect(back)
        messages.success(request, done)
        return redirect(_framework_url(request))
    return render(request, "planning/framework/confirm_delete.html", {
        "element": element, "back": back, "blocked": blocked,
    })


@plan_view(*COORDINATOR, methods=("GET", "POST"))
def outcome_delete(request, outcome_key):
    outcome = _outcome(request, outcome_key)
    blocked = None
    if outcome.outputs.exists() or outcome.indicators.exists():
        blocked = _("Outcome %(key)s still has Outputs or Indicators: move or delete them "
                    "first.") % {"key": outcome.key}
    return _delete(request, outcome, delete=services.delete_outcome, blocked=blocked,
                   back=_framework_url(request, f"outcome-{outcome.key}"),
                   done=_("Outcome %(key)s deleted.") % {"key": outcome.key})


@plan_view(*COORDINATOR, methods=("GET", "POST"))
def output_delete(request, output_key):
    output = _output(request, output_key)
    blocked = None
    if output.actions.exists() or output.indicators.exists():
        blocked = _("Output %(key)s still has Actions or Indicators: move or delete them "
                    "first.") % {"key": output.key}
    return _delete(request, output, delete=services.delete_output, blocked=blocked,
                   back=_framework_url(request, f"output-{output.key}"),
                   done=_("Output %(key)s deleted.") % {"key": output.key})


@plan_view(*COORDINATOR, methods=("GET", "POST"))
def action_delete(request, action_key):
    action = _action(request, action_key)
    return _delete(request, action, delete=services.delete_action,
                   back=reverse("planning:action_detail", args=[request.plan.slug, action.key]),
                   done=_("Action %(key)s deleted.") % {"key": action.key})


# --- Ordering -----------------------------------------------------------------------------------

def _move(request, element, anchor: str):
    direction = request.POST.get("direction", "")
    if direction not in ("up", "down"):
        messages.error(request, _("Choose to move up or down."))
    elif not services.move(element, direction, by=request.user):
        messages.info(request, _("%(key)s is already at the %(end)s.") % {
            "key": element.key, "end": _("top") if direction == "up" else _("bottom")})
    return redirect(_framework_url(request, anchor))


@plan_view(*COORDINATOR, methods=("POST",))
def outcome_move(request, outcome_key):
    outcome = _outcome(request, outcome_key)
    return _move(request, outcome, f"outcome-{outcome.key}")


@plan_view(*COORDINATOR, methods=("POST",))
def output_move(request, output_key):
    output = _output(request, output_key)
    return _move(request, output, f"output-{output.key}")


@plan_view(*COORDINATOR, methods=("POST",))
def action_move(request, action_key):
    action = _action(request, action_key)
    return _move(request, action, f"action-{action.key}")


# --- Revisions ----------------------------------------------------------------------------------

def _revisions(request, element, back):
    return render(request, "planning/framework/revisions.html", {
        "element": element, "history": list(revisions.history(element)), "back": back,
    })


@plan_view()
def goal_revisions(request):
    goal = get_object_or_404(Goal, plan=request.plan)
    return _revisions(request, goal, _framework_url(request))


@plan_view()
def outcome_revisions(request, outcome_key):
    outcome = _outcome(request, outcome_key)
    return _revisions(request, outcome, _framework_url(request, f"outcome-{outcome.key}"))


@plan_view()
def output_revisions(request, output_key):
    output = _output(request, output_key)
    return _revisions(request, output, _framework_url(request, f"output-{output.key}"))


@plan_view()
def action_revisions(request, action_key):
    action = _action(request, action_key)
    return _revisions(request, action, reverse("planning:action_detail",
                                               args=[request.plan.slug, action.key]))


# --- Budget lines -------------------------------------------------------------------------------

@plan_view(*EDITORS, methods=("GET", "POST"))
def budget_line_create(request, action_key):
    action = _editable_action(request, action_key)
    form = BudgetLineForm(_posted(request))
    saved = save_posted(request, form, lambda: services.add_budget_line(
        action, by=request.user, **form.values()))
    if saved:
        messages.success(request, _("Budget line added to %(key)s.") % {"key": action.key})
        return redirect(reverse("planning:action_detail",
                                args=[request.plan.slug, action.key]) + "#budget")
    return render(request, "planning/framework/budget_line_form.html", {
        "form": form, "action": action, "line": None,
    })


@plan_view(*EDITORS, methods=("GET", "POST"))
def budget_line_edit(request, budget_line_id):
    line = _budget_line(request, budget_line_id)
    form = BudgetLineForm(_posted(request), initial={
        n: getattr(line, n) for n in services.BUDGET_FIELDS})
    saved = save_posted(request, form, lambda: services.update_budget_line(
        line, by=request.user, **form.values()))
    if saved:
        messages.success(request, _("Budget line saved."))
        return redirect(reverse("planning:action_detail",
                                args=[request.plan.slug, line.action.key]) + "#budget")
    return render(request, "planning/framework/budget_line_form.html", {
        "form": form, "action": line.action, "line": line,
    })


@plan_view(*EDITORS, methods=("GET", "POST"))
def budget_line_delete(request, budget_line_id):
    line = _budget_line(request, budget_line_id)
    back = reverse("planning:action_detail", args=[request.plan.slug, line.action.key])
    if request.method == "POST":
        services.delete_budget_line(line, by=request.user)
        messages.success(request, _("Budget line deleted."))
        return redirect(back + "#budget")
    return render(request, "planning/framework/confirm_delete.html", {
        "element": line, "back": back, "blocked": None, "budget_line": True,
    })
