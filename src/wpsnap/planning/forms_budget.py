"""The coordinator's budget settings form (exchange rate and report currency)."""

from django import forms
from django.utils.translation import gettext_lazy as _

from .models import BudgetSettings


class BudgetSettingsForm(forms.ModelForm):
    class Meta:
        model = BudgetSettings
        fields = ["khr_per_usd", "report_currency"]
        help_texts = {
            "khr_per_usd": _("How many riel make one US dollar, e.g. 4100."),
            "report_currency": _("Totals are converted to this currency."),
        }
