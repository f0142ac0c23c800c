"""Writes of the budget summary's settings: the coordinator's exchange rate and report currency."""

from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from ..models import BudgetSettings
from ..models.framework import Currency


@transaction.atomic
def update_settings(plan, *, khr_per_usd, report_currency, by=None) -> BudgetSettings:
    """Set how many riel make one US dollar and which currency the totals are reported in."""
    settings, _created = BudgetSettings.objects.select_for_update().get_or_create(plan=plan)
    errors = {}
    try:
        rate = Decimal(str(khr_per_usd))
    except (ArithmeticError, ValueError, TypeError):
        rate = None
    if rate is None or not rate.is_finite() or rate <= 0:
        errors["khr_per_usd"] = _("Enter a rate above zero.")
    if report_currency not in Currency.values:
        errors["report_currency"] = _("Choose US dollar or riel.")
    if errors:
        raise ValidationError(errors)
    settings.khr_per_usd = rate
    settings.report_currency = report_currency
    settings.full_clean(exclude=["plan"])
    settings.save()
    return settings
