"""Stable keys for the results framework, given once at creation and never changed.

Outcome "1", Output "1.2" (Outcome key . number within it), Action "A-1.2.3", Indicator "I-12".
Numbers come from the highest number in use + 1 (under a row lock on the Plan by the caller's
transaction, see `lock_plan`), so a deleted element's key is not reused while a higher one lives.
"""

from django.db.models import Max

from wpsnap.plans.models import Plan


def lock_plan(plan) -> None:
    """Serialise key-giving writes of one Plan (call inside transaction.atomic)."""
    Plan.objects.select_for_update().filter(pk=plan.pk).values_list("pk", flat=True).first()


def _next(queryset) -> int:
    return (queryset.aggregate(n=Max("number"))["n"] or 0) + 1


def next_outcome(plan) -> tuple[int, str]:
    from ..models import Outcome

    number = _next(Outcome.objects.filter(plan=plan))
    return number, str(number)


def next_output(outcome) -> tuple[int, str]:
    from ..models import Output

    number = _next(Output.objects.filter(outcome=outcome))
    key = f"{outcome.key}.{number}"
    while Output.objects.filter(plan_id=outcome.plan_id, key=key).exists():
        number += 1  # an Output moved in from another Outcome may hold the key
        key = f"{outcome.key}.{number}"
    return number, key


def next_action(output) -> tuple[int, str]:
    from ..models import Action

    number = _next(Action.objects.filter(output=output))
    key = f"A-{output.key}.{number}"
    while Action.objects.filter(plan_id=output.plan_id, key=key).exists():
        number += 1
        key = f"A-{output.key}.{number}"
    return number, key


def next_indicator(plan) -> tuple[int, str]:
    from ..models import Indicator

    number = _next(Indicator.objects.filter(plan=plan))
    return number, f"I-{number}"
