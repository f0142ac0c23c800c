"""Writes about Consultations, Participants, Consent, Contact details and Coverage targets.
Views call these; the rules live here."""

import re
from decimal import Decimal

from auditlog.context import disable_auditlog
from auditlog.models import LogEntry
from django.contrib.contenttypes.models import ContentType
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from .models import Consent, Consultation, ContactDetails, CoverageTarget, Participant

CODE_RE = re.compile(r"^P-(\d+)$")


def participant_code(number: int) -> str:
    return f"P-{number:04d}"


def next_participant_numbers(plan, count: int = 1) -> list[int]:
    """The next `count` free Participant numbers of the Plan (P-0001 style codes), continuing
    after the highest code in use. Call inside the transaction that creates the Participants."""
    highest = 0
    for code in Participant.objects.filter(plan=plan, code__startswith="P-").values_list(
            "code", flat=True).iterator():
        match = CODE_RE.match(code)
        if match:
            highest = max(highest, int(match.group(1)))
    return list(range(highest + 1, highest + 1 + count))


def next_participant_code(plan) -> str:
    return participant_code(next_participant_numbers(plan, 1)[0])


# --- Consultations ------------------------------------------------------------------------------

def check_consultation(plan, consultation: Consultation) -> None:
    """Raise ValidationError when the Consultation's slug or Organisations do not fit the Plan."""
    if consultation.slug == "new":
        raise ValidationError({"slug": _("“new” cannot be a short name; choose another.")})
    clash = Consultation.objects.filter(plan=plan, slug=consultation.slug)
    if consultation.pk:
        clash = clash.exclude(pk=consultation.pk)
    if clash.exists():
        raise ValidationError({"slug": _("This Plan already has a Consultation with that "
                                         "short name.")})


@transaction.atomic
def save_consultation(plan, consultation: Consultation, organisations=None) -> Consultation:
    consultation.plan = plan
    check_consultation(plan, consultation)
    consultation.full_clean(exclude=["plan", "mapping"], validate_unique=False)
    consultation.save()
    if organisations is not None:
        wrong = [o for o in organisations if o.plan_id != plan.pk]
        if wrong:
            raise ValidationError({"organisations": _("That Organisation is not in this Plan.")})
        consultation.organisations.set(organisations)
    return consultation


# --- Participants and Consent -------------------------------------------------------------------

def _check_participant(plan, participant: Participant, consultations) -> None:
    if participant.area_id and participant.area.country != plan.country:
        raise ValidationError({"area": _("That area is not in the Plan's country.")})
    if consultations is not None and any(c.plan_id != plan.pk for c in consultations):
        raise ValidationError({"consultations": _("That Consultation is not in this Plan.")})
    if participant.group_size is not None and not participant.is_group:
        raise ValidationError({"group_size": _("A group size is only for a group.")})


@transaction.atomic
def create_participant(plan, participant: Participant, *, consultations=(),
                       consent: dict | None = None) -> Participant:
    """Save a new Participant with the next free code (P-0001 style) and its Consent."""
    _check_participant(plan, participant, consultations)
    participant.plan = plan
    participant.code = next_participant_code(plan)
    participant.save()
    participant.consultations.set(consultations)
    consent = consent or {}
    Consent.objects.create(participant=participant, given=consent.get("given", False),
                           scope=consent.get("scope") or Consent.Scope.QUOTE_ANONYMOUSLY,
                           given_on=consent.get("given_on"))
    return participant


@transaction.atomic
def update_participant(participant: Participant, *, consultations=None) -> Participant:
    _check_participant(participant.plan, participant, consultations)
    participant.save()
    if consultations is not None:
        participant.consultations.set(consultations)
    return participant


@transaction.atomic
def save_consent(participant: Participant, *, given: bool, scope: str, given_on=None) -> Consent:
    consent, _created = Consent.objects.get_or_create(participant=participant)
    if consent.withdrawn_at:
        raise ValidationError(_("Consent was withdrawn; it cannot be edited. Record a new "
                                "consultation with the person's fresh consent instead."))
    if scope not in Consent.Scope.values:
        raise ValidationError({"scope": _("Choose a scope from the list.")})
    consent.given = given
    consent.scope = scope
    consent.given_on = given_on
    consent.save()
    return consent


@transaction.atomic
def withdraw_consent(participant: Participant, *, by) -> Consent:
    """Record that the Participant withdrew consent. Their Statements disappear at once from
    every list, search, count and Coverage figure (see `queries.visible_statements`)."""
    consent, _created = Consent.objects.select_for_update().get_or_create(
        participant=participant)
    if consent.withdrawn_at:
        raise ValidationError(_("Consent was already withdrawn."))
    consent.withdrawn_at = timezone.now()
    consent.withdrawn_by = by
    consent.save()
    return consent


@transaction.atomic
def erase_participant(participant: Participant, *, confirmation: str, by) -> LogEntry:
    """Delete the Participant with their Statements, Consent and Contact details for real.

    `confirmation` must repeat the Participant's code. The audit trail gets one entry with the
    code and counts only: no attributes, no text, no contact details."""
    if (confirmation or "").strip().upper() != participant.code.upper():
        raise ValidationError({"confirmation": _(
            "Type the Participant's code exactly as shown to confirm the erasure.")})
    plan_id, pk, code = participant.plan_id, participant.pk, participant.code
    statements = participant.statements.count()
    had_contact = ContactDetails.objects.filter(participant=participant).exists()
    with disable_auditlog():
        participant.delete()
    return LogEntry.objects.create(
        content_type=ContentType.objects.get_for_model(Participant),
        object_pk=str(pk), object_id=pk, object_repr=code,
        action=LogEntry.Action.DELETE, actor=by,
        changes={"erased": ["", f"{statements} statements, contact details: "
                                f"{'yes' if had_contact else 'no'}"]},
        changes_text=f"Participant {code} erased on request",
        additional_data={"plan_id": plan_id, "erased": True, "statements": statements},
    )


@transaction.atomic
def save_contact_details(participant: Participant, **data) -> ContactDetails:
    contact, _created = ContactDetails.objects.get_or_create(participant=participant)
    for name in ("name", "phone", "email", "notes"):
        setattr(contact, name, (data.get(name) or "").strip())
    contact.full_clean(exclude=["participant"])
    contact.save()
    return contact


# --- Coverage targets ---------------------------------------------------------------------------

@transaction.atomic
def add_coverage_target(plan, *, kind: str, value=None, area=None,
                        stakeholder_group: str = "") -> CoverageTarget:
    errors = {}
    if kind not in CoverageTarget.Kind.values:
        raise ValidationError({"kind": _("Choose a kind of target from the list.")})
    value = Decimal(1) if value is None else Decimal(value)
    if kind in CoverageTarget.PERCENT_KINDS and not (0 < value <= 100):
        errors["value"] = _("A share is a percentage between 0 and 100.")
    if kind == CoverageTarget.Kind.AREA_COVERED:
        if area is None:
            errors["area"] = _("Choose the area that must be covered.")
        value = max(value, Decimal(1))
    if kind == CoverageTarget.Kind.MIN_GROUP:
        if not stakeholder_group:
            errors["stakeholder_group"] = _("Choose the stakeholder group.")
        if value < 1 or value != value.to_integral():
            errors["value"] = _("Give a whole number of Participants, at least 1.")
    if area is not None and area.country != plan.country:
        errors["area"] = _("That area is not in the Plan's country.")
    if stakeholder_group and stakeholder_group not in Participant.StakeholderGroup.values:
        errors["stakeholder_group"] = _("Choose a stakeholder group from the list.")
    if errors:
        raise ValidationError(errors)
    same = CoverageTarget.objects.filter(plan=plan, kind=kind, area=area,
                                         stakeholder_group=stakeholder_group)
    if same.exists():
        raise ValidationError(_("This Plan already has that target; delete it first to change "
                                "its value."))
    return CoverageTarget.objects.create(plan=plan, kind=kind, value=value, area=area,
                                         stakeholder_group=stakeholder_group)


def delete_coverage_target(target: CoverageTarget) -> None:
    target.delete()
