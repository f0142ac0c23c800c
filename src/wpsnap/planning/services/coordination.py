"""The coordination mechanism: Bodies, their reporting lines and Memberships.

Rules kept here (every writer of Bodies and Memberships comes through this module):
- a Body's English name is unique in the Plan;
- a Body reports to another Body of the same Plan, never to itself and never round in a circle
  (A → B → A): the reporting lines form a tree, which the diagram draws;
- deleting a Body deletes its Memberships with it, but is refused while other Bodies report to
  it (move or delete those first);
- one Organisation holds one Membership in a Body, and a Body has at most one chair (also a
  database constraint; here it is a translated error, never an IntegrityError).

A failed write changes nothing (each function is one transaction).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from ..models import Body, Membership

BODY_FIELDS = ("name_en", "name_km", "kind", "level", "area", "pillar", "mandate_en",
               "mandate_km", "meeting_frequency", "reports_to", "order")


def _clean_text(fields: dict) -> dict:
    for name in ("name_en", "name_km", "mandate_en", "mandate_km"):
        if name in fields:
            fields[name] = (fields[name] or "").strip()
    return fields


def _check_body(plan, body: Body | None, fields: dict) -> None:
    """Raise ValidationError (field → message) when `fields` would break a rule."""
    unknown = set(fields) - set(BODY_FIELDS)
    if unknown:
        raise TypeError(f"not fields of a Body: {sorted(unknown)}")
    errors = {}
    name = fields.get("name_en", body.name_en if body else "")
    if not name:
        errors["name_en"] = _("Give the Body a name in English (and in Khmer).")
    else:
        same = Body.objects.filter(plan=plan, name_en=name)
        if body is not None:
            same = same.exclude(pk=body.pk)
        if same.exists():
            errors["name_en"] = _("This Plan already has a Body named “%(name)s”.") % {
                "name": name}
    parent = fields.get("reports_to", body.reports_to if body else None)
    if parent is not None:
        if parent.plan_id != plan.pk:
            errors["reports_to"] = _("That Body is not in this Plan.")
        elif body is not None and parent.pk == body.pk:
            errors["reports_to"] = _("A Body cannot report to itself.")
        elif body is not None and _reports_up_to(parent, body):
            errors["reports_to"] = _(
                "“%(parent)s” already reports, directly or through other Bodies, to "
                "“%(body)s”: reporting to it would make a circle.") % {
                "parent": parent.t("name"), "body": body.t("name")}
    if errors:
        raise ValidationError(errors)


def _reports_up_to(start: Body, target: Body) -> bool:
    """True when `start` (or a Body above it) reports to `target`. One query: the Plan's
    reporting lines are read at once and walked in memory."""
    parents = dict(Body.objects.filter(plan_id=start.plan_id).values_list("pk", "reports_to_id"))
    seen = set()
    node = start.pk
    while node is not None and node not in seen:
        if node == target.pk:
            return True
        seen.add(node)
        node = parents.get(node)
    return False


def _save(body: Body) -> Body:
    try:
        with transaction.atomic():
            body.save()
    except IntegrityError as exc:  # a concurrent writer took the name between check and save
        raise ValidationError({"name_en": _("This Plan already has a Body with that name.")}) \
            from exc
    return body


@transaction.atomic
def create_body(plan, *, by=None, **fields) -> Body:
    """A new Body of `plan` (fields: name_en, name_km, kind, level, area, pillar, mandate_en,
    mandate_km, meeting_frequency, reports_to, order)."""
    fields = _clean_text(dict(fields))
    _check_body(plan, None, fields)
    if "order" not in fields:
        last = Body.objects.filter(plan=plan).order_by("-order").values_list("order",
                                                                             flat=True).first()
        fields["order"] = (last or 0) + 1
    return _save(Body(plan=plan, **fields))


@transaction.atomic
def update_body(body: Body, *, by=None, **fields) -> Body:
    fields = _clean_text(dict(fields))
    body = Body.objects.select_for_update().get(pk=body.pk)
    _check_body(body.plan, body, fields)
    for name, value in fields.items():
        setattr(body, name, value)
    return _save(body)


@transaction.atomic
def delete_body(body: Body, *, by=None) -> None:
    """Delete a Body and its Memberships; refused while other Bodies report to it."""
    body = Body.objects.select_for_update().get(pk=body.pk)
    below = list(body.reporting_bodies.order_by("order", "id"))
    if below:
        raise ValidationError(
            _("Other Bodies report to “%(body)s”: %(names)s. Make them report elsewhere (or "
              "delete them) first.") % {"body": body.t("name"),
                                        "names": ", ".join(b.t("name") for b in below)})
    body.memberships.all().delete()
    body.delete()


# --- Memberships --------------------------------------------------------------------------------

def _check_membership(body: Body, organisation, role: str, membership=None) -> None:
    errors = {}
    if organisation.plan_id != body.plan_id:
        errors["organisation"] = _("That Organisation is not in this Plan.")
    elif Membership.objects.filter(body=body, organisation=organisation).exclude(
            pk=getattr(membership, "pk", None)).exists():
        errors["organisation"] = _("%(organisation)s is already in this Body: change its role "
                                   "instead.") % {"organisation": organisation.t("name")}
    if role not in Membership.Role.values:
        errors["role"] = _("Unknown role.")
    elif role == Membership.Role.CHAIR:
        chair = (Membership.objects.filter(body=body, role=Membership.Role.CHAIR)
                 .exclude(pk=getattr(membership, "pk", None))
                 .select_related("organisation").first())
        if chair is not None:
            errors["role"] = _("%(organisation)s already chairs this Body: a Body has one "
                               "chair. Make it co-chair or member first.") % {
                "organisation": chair.organisation.t("name")}
    if errors:
        raise ValidationError(errors)


def _save_membership(membership: Membership) -> Membership:
    try:
        with transaction.atomic():
            membership.save()
    except IntegrityError as exc:  # a concurrent writer added a chair or the same Organisation
        raise ValidationError(_("Someone else changed this Body's members at the same time: "
                                "look again and retry.")) from exc
    return membership


def _lock(body: Body) -> Body:
    """Serialise writers of one Body's Memberships (the chair check reads, then writes)."""
    return Body.objects.select_for_update().get(pk=body.pk)


@transaction.atomic
def add_membership(body: Body, organisation, role: str = Membership.Role.MEMBER, *,
                   by=None) -> Membership:
    body = _lock(body)
    _check_membership(body, organisation, role)
    return _save_membership(Membership(body=body, organisation=organisation, role=role))


@transaction.atomic
def change_membership(membership: Membership, *, role: str, organisation=None,
                      by=None) -> Membership:
    body = _lock(membership.body)
    membership = Membership.objects.select_for_update().get(pk=membership.pk)
    organisation = organisation or membership.organisation
    _check_membership(body, organisation, role, membership)
    membership.organisation, membership.role = organisation, role
    return _save_membership(membership)


@transaction.atomic
def remove_membership(membership: Membership, *, by=None) -> None:
    Membership.objects.filter(pk=membership.pk).delete()


# --- The roles-and-responsibilities grid --------------------------------------------------------

@transaction.atomic
def set_roles(changes, *, by=None) -> int:
    """Apply [(target, organisation, role or None)] in order, all or nothing: the grid's plain
    form (without JavaScript) sends every cell it changed at once. Each cell goes through
    responsibilities.set_role, so a new lead demotes the old one to support."""
    from .responsibilities import set_role

    for target, organisation, role in changes:
        set_role(target, organisation, role or None, by=by)
    return len(changes)
