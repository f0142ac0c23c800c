"""Who leads, supports, is consulted on or informed about an Action or Output.

The only writer of Responsibility rows. The Action form's lead / supporting fields and the
roles-and-responsibilities grid both come through here, so an Action has at most one lead (also a
database constraint) and an Organisation holds at most one role on it.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Action, Output, Responsibility

Role = Responsibility.Role


def _target_kwargs(target) -> dict:
    if isinstance(target, Action):
        return {"action": target}
    if isinstance(target, Output):
        return {"output": target}
    raise TypeError(f"a Responsibility is on an Action or an Output, not {type(target)!r}")


def _check_organisation(target, organisation) -> None:
    if organisation.plan_id != target.plan_id:
        raise ValidationError(_("That Organisation is not in this Plan."))


@transaction.atomic
def set_role(target, organisation, role: str | None, *, by=None) -> Responsibility | None:
    """Give `organisation` `role` on `target` (an Action or Output); None removes its role.

    Making an Organisation the lead demotes the previous lead to support (the grid's behaviour:
    one lead at a time). Returns the Responsibility, or None when removed."""
    _check_organisation(target, organisation)
    where = _target_kwargs(target)
    if role is not None and role not in Role.values:
        raise ValidationError(_("Unknown role."))
    current = Responsibility.objects.select_for_update().filter(
        organisation=organisation, **where).first()
    if role is None:
        if current is not None:
            current.delete()
        return None
    if role == Role.LEAD:
        for other in Responsibility.objects.select_for_update().filter(
                role=Role.LEAD, **where).exclude(organisation=organisation):
            other.role = Role.SUPPORT
            other.save(update_fields=["role"])
    if current is None:
        return Responsibility.objects.create(plan_id=target.plan_id, organisation=organisation,
                                             role=role, **where)
    if current.role != role:
        current.role = role
        current.save(update_fields=["role"])
    return current


@transaction.atomic
def set_lead_and_support(target, lead, supporting, *, by=None) -> None:
    """What the Action / Output form says: `lead` (an Organisation or None) and the set of
    `supporting` Organisations. Other roles (consulted, informed) are kept unless the
    Organisation is now lead or support; a former lead or supporter not named loses its role."""
    where = _target_kwargs(target)
    supporting = [org for org in supporting if lead is None or org.pk != lead.pk]
    keep = {org.pk for org in supporting} | ({lead.pk} if lead is not None else set())
    Responsibility.objects.filter(role__in=[Role.LEAD, Role.SUPPORT], **where).exclude(
        organisation_id__in=keep).delete()
    if lead is None:
        Responsibility.objects.filter(role=Role.LEAD, **where).delete()
    else:
        set_role(target, lead, Role.LEAD, by=by)
    for org in supporting:
        set_role(target, org, Role.SUPPORT, by=by)


def lead_of(target):
    """The lead Organisation of an Action or Output, or None (one query; prefer prefetching
    `responsibilities__organisation` on lists)."""
    row = Responsibility.objects.filter(role=Role.LEAD, **_target_kwargs(target)).select_related(
        "organisation").first()
    return row.organisation if row else None
