"""SMART checks: hints (never blockers) on an Indicator or an Action.

Pure functions over objects whose relations are already loaded (prefetch `targets` on
Indicators; `responsibilities`, `budget_lines`, `findings` on Actions and `indicators` on their
Output), so a page listing 40 Actions runs no query per Action. Each hint is a `Hint` with a
stable `code` (tests and the gaps page rely on it) and a translated `message`.
"""

from dataclasses import dataclass

from django.utils.translation import gettext_lazy as _

from ..models import Direction, IndicatorType, Responsibility


@dataclass(frozen=True)
class Hint:
    code: str
    message: str


# Every code indicator_hints() can give, with a short label (the Indicators page filters by it).
INDICATOR_HINTS = {
    "missing_baseline": _("No baseline"),
    "missing_baseline_year": _("Baseline without a year"),
    "missing_baseline_source": _("Baseline without a source"),
    "missing_target": _("No target"),
    "missing_unit": _("No unit"),
    "missing_data_source": _("No data source"),
    "missing_frequency": _("No reporting frequency"),
    "missing_responsible": _("No responsible Organisation"),
    "percentage_out_of_range": _("Percentage outside 0–100"),
    "target_contradicts_direction": _("Target against the direction"),
}


def indicator_hints(indicator) -> list[Hint]:
    hints = []
    qualitative = indicator.type == IndicatorType.QUALITATIVE
    has_baseline = (indicator.baseline_value is not None
                    or (qualitative and (indicator.baseline_text_en or indicator.baseline_text_km)))
    if not has_baseline:
        hints.append(Hint("missing_baseline", _("No baseline value.")))
    elif not indicator.baseline_year:
        hints.append(Hint("missing_baseline_year", _("The baseline has no year.")))
    if has_baseline and not (indicator.baseline_source_en or indicator.baseline_source_km):
        hints.append(Hint("missing_baseline_source", _("The baseline has no source.")))
    targets = list(indicator.targets.all())
    if not any(t.value is not None or t.text_en or t.text_km for t in targets):
        hints.append(Hint("missing_target", _("No target.")))
    if indicator.type in (IndicatorType.NUMBER, IndicatorType.PERCENTAGE) and not (
            indicator.unit_en or indicator.unit_km):
        hints.append(Hint("missing_unit", _("No unit.")))
    if not (indicator.data_source_en or indicator.data_source_km):
        hints.append(Hint("missing_data_source", _("No data source (means of verification).")))
    if not indicator.frequency:
        hints.append(Hint("missing_frequency", _("No reporting frequency.")))
    if not indicator.responsible_id:
        hints.append(Hint("missing_responsible", _("No responsible Organisation.")))
    if indicator.type == IndicatorType.PERCENTAGE:
        if any(t.value is not None and not (0 <= t.value <= 100) for t in targets) or (
                indicator.baseline_value is not None
                and not (0 <= indicator.baseline_value <= 100)):
            hints.append(Hint("percentage_out_of_range",
                              _("A percentage should lie between 0 and 100.")))
    if indicator.baseline_value is not None and not qualitative:
        contradicting = [t.year for t in targets
                         if t.value is not None and _contradicts(indicator.direction,
                                                                 indicator.baseline_value,
                                                                 t.value)]
        if contradicting:
            hints.append(Hint(
                "target_contradicts_direction",
                _("A target goes against the direction (%(direction)s): %(years)s.") % {
                    "direction": Direction(indicator.direction).label,
                    "years": ", ".join(str(y) for y in sorted(contradicting))}))
    return hints


def _contradicts(direction: str, baseline, target) -> bool:
    if direction == Direction.INCREASE:
        return target < baseline
    if direction == Direction.DECREASE:
        return target > baseline
    return False


def action_hints(action) -> list[Hint]:
    hints = []
    responsibilities = list(action.responsibilities.all())
    if not any(r.role == Responsibility.Role.LEAD for r in responsibilities):
        hints.append(Hint("missing_lead", _("No lead Organisation.")))
    if not any(line.amount for line in action.budget_lines.all()):
        hints.append(Hint("missing_budget", _("No budget.")))
    if not action.start_year:
        hints.append(Hint("missing_timeframe", _("No timeframe.")))
    if not action.national and not action.areas.all():
        hints.append(Hint("missing_area", _("Neither national nor in named provinces.")))
    if not action.findings.all():
        hints.append(Hint("missing_finding", _("Answers no Finding of the Situation Analysis.")))
    if not action.output.indicators.all():
        hints.append(Hint("missing_indicator", _("Its Output has no Indicator.")))
    return hints
