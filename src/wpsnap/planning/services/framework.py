"""Writes of the results framework: the Goal, Outcomes, Outputs, Actions and their budget lines.

Keys are given once, under a lock on the Plan (`keys.lock_plan`), and never change — not when an
element is reordered, nor when an Output moves to another Outcome or an Action to another Output.
Every change of wording writes a numbered Revision (`revisions.record`). An Action's lead and
supporting Organisations are Responsibility rows, written through `responsibilities`.

Each function checks its input and raises ValidationError with a translated message, changing
nothing (everything runs in one transaction), when something is wrong. Deleting refuses while
something still hangs under the element (the models PROTECT Outputs, Actions and Indicators).
"""

from decimal import Decimal, InvalidOperation

from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils.translation import gettext as _

from wpsnap.frameworks.models import Area

from ..models import Action, BudgetLine, Goal, Outcome, Output, Revision
from ..models.framework import Currency
from . import keys, responsibilities, revisions

WORDING = ("title_en", "title_km", "description_en", "description_km")
TIMEFRAME = ("start_year", "start_quarter", "end_year", "end_quarter")
UNSET = object()  # "not given": keep what is stored (e.g. a focal point's edit keeps the lead)

TITLE_MAX = 400


# --- Checks -------------------------------------------------------------------------------------

def _wording(fields: dict, current=None, *, require_title=True) -> dict:
    """The wording fields given (stripped), merged over `current`; checks the title."""
    unknown = set(fields) - set(WORDING)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    data = {name: (getattr(current, name, "") if current is not None else "") for name in WORDING}
    for name, value in fields.items():
        data[name] = (value or "").strip()
    errors = {}
    if require_title and not (data["title_en"] or data["title_km"]):
        errors["title_en"] = _("Give a title in English or Khmer (or both).")
    for name in ("title_en", "title_km"):
        if len(data[name]) > TITLE_MAX:
            errors[name] = _("The title is too long (at most %(n)s characters).") % {
                "n": TITLE_MAX}
    if errors:
        raise ValidationError(errors)
    return data


def _check_plan(plan, objects, field: str, message: str) -> None:
    for obj in objects or ():
        if getattr(obj, "plan_id", plan.pk) != plan.pk:
            raise ValidationError({field: message})


def _check_alignments(plan, alignments) -> None:
    for item in alignments or ():
        if item.framework.plan_id not in (None, plan.pk):
            raise ValidationError({"alignments": _(
                "Align only with the reference library or this Plan's own Frameworks.")})


def _check_areas(areas) -> None:
    for area in areas or ():
        if area.level not in (Area.Level.PROVINCE, Area.Level.CAPITAL):
            raise ValidationError({"areas": _("Choose provinces (or the capital).")})


def _int_or_none(value, field):
    if value in (None, ""):
        return None
    try:
        return int(value)
    except (TypeError, ValueError):
        raise ValidationError({field: _("Enter a whole number.")}) from None


def _timeframe(plan, data: dict) -> dict:
    """Check start/end year and quarter: years within 1990–2100, quarters 1–4 and only with a
    year, the end not before the start."""
    tf = {name: _int_or_none(data.get(name), name) for name in TIMEFRAME}
    errors = {}
    for name in ("start_year", "end_year"):
        if tf[name] is not None and not 1990 <= tf[name] <= 2100:
            errors[name] = _("Enter a year between 1990 and 2100.")
    for name, year in (("start_quarter", "start_year"), ("end_quarter", "end_year")):
        if tf[name] is not None:
            if not 1 <= tf[name] <= 4:
                errors[name] = _("A quarter is 1, 2, 3 or 4.")
            elif tf[year] is None:
                errors[name] = _("Give the year of this quarter too.")
    if tf["end_year"] is not None and tf["start_year"] is None:
        errors["start_year"] = _("Give a start year as well as an end year.")
    if not errors and tf["start_year"] and tf["end_year"]:
        start = (tf["start_year"], tf["start_quarter"] or 1)
        end = (tf["end_year"], tf["end_quarter"] or 4)
        if end < start:
            errors["end_year"] = _("The end comes before the start.")
    if errors:
        raise ValidationError(errors)
    return tf


def _next_order(queryset) -> int:
    return (queryset.aggregate(n=Max("order"))["n"] or 0) + 1


def _set_fields(obj, data: dict) -> bool:
    changed = False
    for name, value in data.items():
        if getattr(obj, name) != value:
            setattr(obj, name, value)
            changed = True
    return changed


# --- Goal ---------------------------------------------------------------------------------------

@transaction.atomic
def set_goal(plan, *, by=None, note: str = "", **fields) -> Goal:
    """The Plan's one Goal (created on first use); its wording gets a Revision when it changes."""
    goal = Goal.objects.select_for_update().filter(plan=plan).first() or Goal(plan=plan)
    data = _wording(fields, goal if goal.pk else None, require_title=False)
    _set_fields(goal, data)
    goal.save()
    revisions.record(goal, by=by, note=note)
    return goal


# --- Outcomes -----------------------------------------------------------------------------------

@transaction.atomic
def create_outcome(plan, *, by=None, pillars=(), note: str = "", **fields) -> Outcome:
    data = _wording(fields)
    keys.lock_plan(plan)
    number, key = keys.next_outcome(plan)
    outcome = Outcome.objects.create(plan=plan, number=number, key=key,
                                     order=_next_order(Outcome.objects.filter(plan=plan)), **data)
    outcome.pillars.set(pillars or ())
    revisions.record(outcome, by=by, note=note)
    return outcome


@transaction.atomic
def update_outcome(outcome, *, by=None, pillars=None, note: str = "", **fields) -> Outcome:
    data = _wording(fields, outcome)
    _set_fields(outcome, data)
    outcome.save()
    if pillars is not None:
        outcome.pillars.set(pillars)
    revisions.record(outcome, by=by, note=note)
    return outcome


def _forget_revisions(element) -> None:
    Revision.objects.filter(content_type=ContentType.objects.get_for_model(type(element)),
                            object_id=element.pk).delete()


@transaction.atomic
def delete_outcome(outcome, *, by=None) -> None:
    if outcome.outputs.exists() or outcome.indicators.exists():
        raise ValidationError(_("Outcome %(key)s still has Outputs or Indicators: move or delete "
                                "them first.") % {"key": outcome.key})
    _forget_revisions(outcome)
    outcome.delete()


# --- Outputs ------------------------------------------------------------------------------------

@transaction.atomic
def create_output(outcome, *, by=None, alignments=(), note: str = "", **fields) -> Output:
    data = _wording(fields)
    plan = outcome.plan
    _check_alignments(plan, alignments)
    keys.lock_plan(plan)
    number, key = keys.next_output(outcome)
    output = Output.objects.create(plan=plan, outcome=outcome, number=number, key=key,
                                   order=_next_order(Output.objects.filter(outcome=outcome)),
                                   **data)
    output.alignments.set(alignments or ())
    revisions.record(output, by=by, note=note)
    return output


@transaction.atomic
def update_output(output, *, by=None, outcome=None, alignments=None, note: str = "",
                  **fields) -> Output:
    """Change the wording or alignments; `outcome` moves the Output (its key stays)."""
    data = _wording(fields, output)
    if alignments is not None:
        _check_alignments(output.plan, alignments)
    if outcome is not None and outcome.pk != output.outcome_id:
        if outcome.plan_id != output.plan_id:
            raise ValidationError({"outcome": _("That Outcome is not in this Plan.")})
        keys.lock_plan(output.plan)
        output.outcome = outcome
        output.order = _next_order(Output.objects.filter(outcome=outcome))
    _set_fields(output, data)
    output.save()
    if alignments is not None:
        output.alignments.set(alignments)
    revisions.record(output, by=by, note=note)
    return output


@transaction.atomic
def delete_output(output, *, by=None) -> None:
    if output.actions.exists() or output.indicators.exists():
        raise ValidationError(_("Output %(key)s still has Actions or Indicators: move or delete "
                                "them first.") % {"key": output.key})
    _forget_revisions(output)
    output.delete()


# --- Actions ------------------------------------------------------------------------------------

def _check_action_links(plan, *, lead=None, supporting=(), findings=(), areas=(),
                        alignments=()) -> None:
    organisation_error = _("That Organisation is not in this Plan.")
    _check_plan(plan, [lead] if lead is not None else (), "lead", organisation_error)
    _check_plan(plan, supporting, "supporting", organisation_error)
    _check_plan(plan, findings, "findings", _("That Finding is not in this Plan."))
    _check_areas(areas)
    _check_alignments(plan, alignments)


def _action_fields(plan, fields: dict, current=None) -> dict:
    wording = {k: v for k, v in fields.items() if k in WORDING}
    timeframe = {k: fields[k] for k in TIMEFRAME if k in fields}
    rest = set(fields) - set(WORDING) - set(TIMEFRAME) - {"national"}
    if rest:
        raise TypeError(f"unknown fields: {sorted(rest)}")
    data = _wording(wording, current)
    if current is not None:
        timeframe = {**{k: getattr(current, k) for k in TIMEFRAME}, **timeframe}
    data.update(_timeframe(plan, timeframe))
    if "national" in fields:
        data["national"] = bool(fields["national"])
    return data


@transaction.atomic
def create_action(output, *, by=None, lead=None, supporting=(), findings=(), areas=(),
                  alignments=(), note: str = "", **fields) -> Action:
    plan = output.plan
    data = _action_fields(plan, fields)
    _check_action_links(plan, lead=lead, supporting=supporting, findings=findings, areas=areas,
                        alignments=alignments)
    keys.lock_plan(plan)
    number, key = keys.next_action(output)
    action = Action.objects.create(
        plan=plan, output=output, number=number, key=key,
        order=_next_order(Action.objects.filter(output=output)),
        created_by=by if by is not None and by.is_authenticated else None, **data)
    action.findings.set(findings or ())
    action.areas.set(areas or ())
    action.alignments.set(alignments or ())
    if lead is not None or supporting:
        responsibilities.set_lead_and_support(action, lead, list(supporting or ()), by=by)
    revisions.record(action, by=by, note=note)
    return action


@transaction.atomic
def update_action(action, *, by=None, output=None, lead=UNSET, supporting=UNSET, findings=None,
                  areas=None, alignments=None, note: str = "", **fields) -> Action:
    """Change what is given; leave the rest. `lead` / `supporting` left UNSET keep the
    Responsibilities as they are (a focal point's edit); `output` moves the Action (its key
    stays)."""
    plan = action.plan
    data = _action_fields(plan, fields, action)
    _check_action_links(plan, lead=None if lead is UNSET else lead,
                        supporting=() if supporting is UNSET else supporting,
                        findings=findings, areas=areas, alignments=alignments)
    if output is not None and output.pk != action.output_id:
        if output.plan_id != plan.pk:
            raise ValidationError({"output": _("That Output is not in this Plan.")})
        keys.lock_plan(plan)
        action.output = output
        action.order = _next_order(Action.objects.filter(output=output))
    _set_fields(action, data)
    action.save()
    if findings is not None:
        action.findings.set(findings)
    if areas is not None:
        action.areas.set(areas)
    if alignments is not None:
        action.alignments.set(alignments)
    if lead is not UNSET or supporting is not UNSET:
        if lead is UNSET:
            lead = responsibilities.lead_of(action)
        if supporting is UNSET:
            supporting = [r.organisation for r in action.responsibilities.filter(
                role=responsibilities.Role.SUPPORT).select_related("organisation")]
        responsibilities.set_lead_and_support(action, lead, list(supporting), by=by)
    revisions.record(action, by=by, note=note)
    return action


@transaction.atomic
def delete_action(action, *, by=None) -> None:
    """Delete the Action with its budget lines and Responsibilities (nothing else hangs on it:
    its Indicators are its Output's)."""
    _forget_revisions(action)
    action.delete()


# --- Ordering -----------------------------------------------------------------------------------

def _siblings(element):
    if isinstance(element, Outcome):
        return Outcome.objects.filter(plan_id=element.plan_id)
    if isinstance(element, Output):
        return Output.objects.filter(outcome_id=element.outcome_id)
    if isinstance(element, Action):
        return Action.objects.filter(output_id=element.output_id)
    raise TypeError(f"cannot move {type(element)!r}")


@transaction.atomic
def move(element, direction: str, *, by=None) -> bool:
    """Move an Outcome, Output or Action one place up or down among its siblings. Keys never
    change. Returns False when it is already first (up) or last (down)."""
    if direction not in ("up", "down"):
        raise ValidationError(_("Move up or down."))
    keys.lock_plan(element.plan)
    siblings = list(_siblings(element).order_by("order", "number", "pk"))
    index = next(i for i, s in enumerate(siblings) if s.pk == element.pk)
    other = index - 1 if direction == "up" else index + 1
    if not 0 <= other < len(siblings):
        return False
    siblings[index], siblings[other] = siblings[other], siblings[index]
    for position, sibling in enumerate(siblings, start=1):
        if sibling.order != position:
            type(sibling).objects.filter(pk=sibling.pk).update(order=position)
    return True


# --- Budget lines -------------------------------------------------------------------------------

BUDGET_FIELDS = ("amount", "currency", "source_en", "source_km", "secured", "year")


def _budget_fields(action, fields: dict, current=None) -> dict:
    unknown = set(fields) - set(BUDGET_FIELDS)
    if unknown:
        raise TypeError(f"unknown fields: {sorted(unknown)}")
    data = {n: getattr(current, n) for n in BUDGET_FIELDS} if current is not None else {
        "amount": None, "currency": Currency.USD, "source_en": "", "source_km": "",
        "secured": False, "year": None}
    data.update(fields)
    errors = {}
    try:
        amount = Decimal(str(data["amount"])) if data["amount"] not in (None, "") else None
    except (InvalidOperation, ValueError):
        amount = None
    if amount is None or not amount.is_finite():
        errors["amount"] = _("Enter the amount.")
    elif amount < 0:
        errors["amount"] = _("The amount cannot be negative.")
    elif amount >= Decimal("1e16"):
        errors["amount"] = _("The amount is too large.")
    else:
        data["amount"] = amount.quantize(Decimal("0.01"))
    if data["currency"] not in Currency.values:
        errors["currency"] = _("Choose riel (KHR) or US dollars (USD).")
    data["source_en"] = (data["source_en"] or "").strip()
    data["source_km"] = (data["source_km"] or "").strip()
    for name in ("source_en", "source_km"):
        if len(data[name]) > 300:
            errors[name] = _("Too long (at most 300 characters).")
    try:
        data["year"] = _int_or_none(data["year"], "year")
    except ValidationError as exc:
        errors.update(exc.message_dict)
    else:
        plan = action.plan
        if data["year"] is not None:
            first, last = plan.period_start or 1990, plan.period_end or 2100
            if not first <= data["year"] <= last:
                errors["year"] = _("Choose a year of the Plan (%(first)s–%(last)s).") % {
                    "first": first, "last": last}
    data["secured"] = bool(data["secured"])
    if errors:
        raise ValidationError(errors)
    return data


@transaction.atomic
def add_budget_line(action, *, by=None, **fields) -> BudgetLine:
    data = _budget_fields(action, fields)
    return BudgetLine.objects.create(action=action, **data)


@transaction.atomic
def update_budget_line(line, *, by=None, **fields) -> BudgetLine:
    data = _budget_fields(line.action, fields, line)
    if _set_fields(line, data):
        line.save()
    return line


@transaction.atomic
def delete_budget_line(line, *, by=None) -> None:
    line.delete()


__all__ = [
    "UNSET", "add_budget_line", "create_action", "create_outcome",
    "create_output", "delete_action", "delete_budget_line", "delete_outcome", "delete_output",
    "move", "set_goal", "update_action", "update_budget_line", "update_outcome", "update_output",
]
