"""{% load planning_indicators %}: SMART hints and the latest Target of an Indicator whose
Targets are prefetched (no query per Indicator), for `planning/indicators/_row.html`."""

from django import template

from ..queries import indicators as queries
from ..queries import smart

register = template.Library()


@register.filter
def indicator_hints(indicator):
    return smart.indicator_hints(indicator)


@register.filter
def latest_target(indicator):
    return queries.latest_target(indicator)


@register.filter
def number(value):
    """A Decimal without trailing zeros (12.5000 → 12.5; 200.0000 → 200); "" for None."""
    if value is None:
        return ""
    text = format(value.normalize() if hasattr(value, "normalize") else value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@register.simple_tag
def show_value(indicator, value):
    """A baseline or target value as the Indicator's type reads it: Yes / No for yes/no."""
    from django.utils.translation import gettext as _

    from ..models.framework import IndicatorType

    if value is None:
        return ""
    if indicator.type == IndicatorType.YES_NO:
        return _("Yes") if value == 1 else _("No") if value == 0 else number(value)
    if indicator.type == IndicatorType.PERCENTAGE:
        return f"{number(value)}%"
    return number(value)


@register.filter
def disaggregation_labels(keys):
    """["sex", "area"] → ["Sex", "Area"] (labels of models.framework.DISAGGREGATIONS)."""
    from ..models.framework import DISAGGREGATIONS

    return [str(DISAGGREGATIONS[k]) for k in keys or () if k in DISAGGREGATIONS]
