"""Writes about Indicators: create (keys I-1, I-2… under a lock on the Plan), edit (a Revision for
every wording change), delete, and the Targets per year.

Rules (a ValidationError with a translated message, and nothing changed, when one is broken):
- an Indicator sits on exactly one Outcome or one Output, of its own Plan;
- it has a title in English or Khmer;
- a yes/no Indicator's baseline and targets are 1 (yes) or 0 (no);
- a target's year lies within the Plan's period when the Plan has one;
- the responsible Organisation and the Alignments belong to the Plan (or the reference library).

A percentage outside 0–100 is only a SMART hint (queries.smart), never an error here.
"""

from decimal import Decimal, InvalidOperation

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import Indicator, IndicatorType, Target
from ..models.framework import DISAGGREGATIONS
from . import keys, revisions

# Fields a caller may set through create_indicator / update_indicator.
FIELDS = (
    "title_en", "title_km", "definition_en", "definition_km", "type", "unit_en", "unit_km",
    "direction", "baseline_value", "baseline_text_en", "baseline_text_km", "baseline_year",
    "baseline_source_en", "baseline_source_km", "disaggregation", "data_source_en",
    "data_source_km", "frequency", "responsible", "template", "order",
)
TEXT = {name for name in FIELDS if name.endswith(("_en", "_km"))}
_UNSET = object()


def _decimal(value, field: str):
    if value is None or value == "":
        return None
    try:
        number = value if isinstance(value, Decimal) else Decimal(str(value).strip())
    except (InvalidOperation, ValueError):
        raise ValidationError({field: _("Enter a number.")}) from None
    if not number.is_finite():
        raise ValidationError({field: _("Enter a number.")})
    return number


def _check_place(plan, outcome, output) -> None:
    if (outcome is None) == (output is None):
        raise ValidationError({"outcome": _("Put the Indicator on one Outcome or one Output "
                                            "(not both, not neither).")})
    element = outcome if outcome is not None else output
    if element.plan_id != plan.pk:
        raise ValidationError({"outcome" if outcome is not None else "output":
                               _("That Outcome or Output is not in this Plan.")})


def _check_alignments(plan, alignments) -> None:
    for item in alignments or ():
        if item.framework.plan_id not in (None, plan.pk):
            raise ValidationError({"alignments": _(
                "An Indicator can only be aligned with the reference library or this Plan's own "
                "Frameworks.")})


def _clean(indicator) -> None:
    """Check the Indicator's own fields (not its Targets); raise ValidationError."""
    errors = {}
    for name in TEXT:
        value = getattr(indicator, name)
        setattr(indicator, name, (value or "").strip())
    if not (indicator.title_en or indicator.title_km):
        errors["title_en"] = _("Give the Indicator a title in English or Khmer (or both).")
    disaggregation = list(dict.fromkeys(indicator.disaggregation or ()))
    unknown = [d for d in disaggregation if d not in DISAGGREGATIONS]
    if unknown:
        errors["disaggregation"] = _("Unknown disaggregation: %(names)s.") % {
            "names": ", ".join(map(str, unknown))}
    indicator.disaggregation = [d for d in DISAGGREGATIONS if d in disaggregation]
    if indicator.responsible_id and indicator.responsible.plan_id != indicator.plan_id:
        errors["responsible"] = _("That Organisation is not in this Plan.")
    if indicator.type == IndicatorType.YES_NO and indicator.baseline_value not in (
            None, Decimal(0), Decimal(1)):
        errors["baseline_value"] = _("A yes/no baseline is 1 (yes) or 0 (no).")
    if errors:
        raise ValidationError(errors)
    try:
        # A Khmer title alone is enough (checked above; title_en may be blank).
        indicator.full_clean(exclude=["plan", "number", "key", "outcome", "output", "template",
                                      "responsible"],
                             validate_unique=False, validate_constraints=False)
    except ValidationError as exc:
        raise ValidationError(exc.message_dict) from None


def _target_parts(entry) -> tuple:
    """A targets-dict value → (value, text_en, text_km). A value may be a number (or None) or a
    dict with "value", "text_en", "text_km"."""
    if isinstance(entry, dict):
        return (entry.get("value"), (entry.get("text_en") or "").strip(),
                (entry.get("text_km") or "").strip())
    return entry, "", ""


def clean_targets(indicator, targets: dict, *, check_period: bool = True) -> dict:
    """{year: value | {"value", "text_en", "text_km"}} → {year: (Decimal|None, text_en, text_km)},
    empty years left out; ValidationError when a year or a value is not allowed.

    `check_period=False` re-checks stored Targets for their values only (a later change of the
    Plan's period must not block an unrelated edit of the Indicator)."""
    plan = indicator.plan
    cleaned, errors = {}, []
    for year, entry in (targets or {}).items():
        try:
            year = int(year)
        except (TypeError, ValueError):
            errors.append(_("“%(year)s” is not a year.") % {"year": year})
            continue
        raw, text_en, text_km = _target_parts(entry)
        try:
            value = _decimal(raw, "targets")
        except ValidationError:
            errors.append(_("The target for %(year)s is not a number.") % {"year": year})
            continue
        if value is None and not text_en and not text_km:
            continue
        if check_period and ((plan.period_start and year < plan.period_start)
                             or (plan.period_end and year > plan.period_end)):
            errors.append(_("%(year)s is outside the Plan's period (%(period)s).") % {
                "year": year, "period": plan.period})
            continue
        if not 1990 <= year <= 2100:
            errors.append(_("%(year)s is not a year the Plan can have.") % {"year": year})
            continue
        if indicator.type == IndicatorType.YES_NO and value not in (None, Decimal(0), Decimal(1)):
            errors.append(_("A yes/no target is 1 (yes) or 0 (no) (%(year)s).") % {"year": year})
            continue
        cleaned[year] = (value, text_en, text_km)
    if errors:
        raise ValidationError({"targets": errors})
    return cleaned


def _write_targets(indicator, cleaned: dict) -> None:
    existing = {t.year: t for t in Target.objects.filter(indicator=indicator)}
    for year, target in existing.items():
        if year not in cleaned:
            target.delete()
    for year, (value, text_en, text_km) in sorted(cleaned.items()):
        target = existing.get(year)
        if target is None:
            Target.objects.create(indicator=indicator, year=year, value=value, text_en=text_en,
                                  text_km=text_km)
        elif (target.value, target.text_en, target.text_km) != (value, text_en, text_km):
            target.value, target.text_en, target.text_km = value, text_en, text_km
            target.save(update_fields=["value", "text_en", "text_km"])


@transaction.atomic
def set_targets(indicator, targets: dict) -> list[Target]:
    """Make the Indicator's Targets exactly `targets` ({year: Decimal | None | {"value",
    "text_en", "text_km"}}); a year given as None (and no text) or left out has no Target."""
    _write_targets(indicator, clean_targets(indicator, targets))
    return list(Target.objects.filter(indicator=indicator).order_by("year"))


def _fields(fields: dict) -> dict:
    unknown = set(fields) - set(FIELDS)
    if unknown:
        raise TypeError(f"unknown Indicator fields: {sorted(unknown)}")
    fields = dict(fields)
    if "baseline_value" in fields:
        fields["baseline_value"] = _decimal(fields["baseline_value"], "baseline_value")
    if fields.get("baseline_year") == "":
        fields["baseline_year"] = None
    if fields.get("frequency") is None and "frequency" in fields:
        fields["frequency"] = ""
    return fields


@transaction.atomic
def create_indicator(plan, *, outcome=None, output=None, by=None, targets=None, alignments=(),
                     **fields) -> Indicator:
    """A new Indicator I-N on `outcome` or `output` (exactly one), with its Targets and
    Alignments, and its first Revision."""
    fields = _fields(fields)
    _check_place(plan, outcome, output)
    _check_alignments(plan, alignments)
    indicator = Indicator(plan=plan, outcome=outcome, output=output, **fields)
    _clean(indicator)
    cleaned_targets = clean_targets(indicator, targets or {})
    keys.lock_plan(plan)
    indicator.number, indicator.key = keys.next_indicator(plan)
    indicator.save()
    if alignments:
        indicator.alignments.set(alignments)
    _write_targets(indicator, cleaned_targets)
    revisions.record(indicator, by=by)
    return indicator


@transaction.atomic
def update_indicator(indicator, *, by=None, outcome=_UNSET, output=_UNSET, targets=None,
                     alignments=None, note: str = "", **fields) -> Indicator:
    """Change an Indicator. Only the fields given change; `outcome`/`output` move it (give the
    one it goes to, the other becomes empty); `targets` (when given) replaces all its Targets;
    `alignments` (when given) replaces its Alignments. A wording change writes a Revision."""
    fields = _fields(fields)
    indicator = Indicator.objects.select_for_update().select_related("plan").get(pk=indicator.pk)
    plan = indicator.plan
    if outcome is not _UNSET or output is not _UNSET:
        new_outcome = None if outcome is _UNSET else outcome
        new_output = None if output is _UNSET else output
        _check_place(plan, new_outcome, new_output)
        indicator.outcome, indicator.output = new_outcome, new_output
    if alignments is not None:
        _check_alignments(plan, alignments)
    for name, value in fields.items():
        setattr(indicator, name, value)
    _clean(indicator)
    # Targets are checked against the (possibly new) type: a yes/no Indicator keeps 0/1 Targets.
    if targets is not None:
        cleaned_targets = clean_targets(indicator, targets)
    else:
        current = {t.year: {"value": t.value, "text_en": t.text_en, "text_km": t.text_km}
                   for t in indicator.targets.all()}
        clean_targets(indicator, current, check_period=False)
        cleaned_targets = None
    indicator.save()
    if alignments is not None:
        indicator.alignments.set(alignments)
    if cleaned_targets is not None:
        _write_targets(indicator, cleaned_targets)
    revisions.record(indicator, by=by, note=note)
    return indicator


@transaction.atomic
def delete_indicator(indicator, *, by=None) -> None:
    """Delete the Indicator and its Targets (its Revisions stay as history)."""
    Indicator.objects.filter(pk=indicator.pk).delete()


def from_template(template) -> dict:
    """The fields of a new Indicator adapted from an indicator library entry."""
    return {
        "title_en": template.title_en, "title_km": template.title_km, "type": template.type,
        "unit_en": template.unit_en, "unit_km": template.unit_km,
        "direction": template.direction, "data_source_en": template.data_source_en,
        "data_source_km": template.data_source_km,
        "disaggregation": [d for d in template.disaggregation or () if d in DISAGGREGATIONS],
        "template": template,
    }


@transaction.atomic
def adopt_template(plan, template, *, outcome=None, output=None, by=None) -> Indicator:
    """A new Indicator on `outcome` or `output`, copied from the library entry `template`
    (aligned with the entry's reference Framework item, when it has one)."""
    alignments = [template.framework_item] if template.framework_item_id else []
    return create_indicator(plan, outcome=outcome, output=output, by=by, alignments=alignments,
                            **from_template(template))
