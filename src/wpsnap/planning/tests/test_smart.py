"""SMART hints: each appears when its gap is there and disappears when it is filled; a target
against the direction; qualitative and yes/no Indicators; the Action hints."""

from decimal import Decimal

import pytest

from ..models import Action, BudgetLine, Indicator, Responsibility, Target
from ..queries.smart import INDICATOR_HINTS, action_hints, indicator_hints
from .fixtures_indicators import *  # noqa: F403


def codes(indicator):
    indicator = Indicator.objects.prefetch_related("targets").get(pk=indicator.pk)
    return [h.code for h in indicator_hints(indicator)]


@pytest.fixture
def complete(plan, output, organisation):
    """An Indicator with nothing missing: no hint."""
    indicator = Indicator.objects.create(
        plan=plan, number=1, key="I-1", output=output, title_en="Women councillors",
        type="number", unit_en="women", direction="increase", baseline_value=Decimal("10"),
        baseline_year=2025, baseline_source_en="NEC", data_source_en="NEC",
        frequency="annual", responsible=organisation)
    Target.objects.create(indicator=indicator, year=2027, value=Decimal("15"))
    return indicator


def test_complete_has_no_hint(complete):
    assert codes(complete) == []


@pytest.mark.parametrize("code,gap,fix", [
    ("missing_baseline", {"baseline_value": None}, {"baseline_value": Decimal("10")}),
    ("missing_baseline_year", {"baseline_year": None}, {"baseline_year": 2025}),
    ("missing_baseline_source", {"baseline_source_en": ""}, {"baseline_source_km": "គ.ជ.ប"}),
    ("missing_unit", {"unit_en": ""}, {"unit_km": "នាក់"}),
    ("missing_data_source", {"data_source_en": ""}, {"data_source_km": "គ.ជ.ប"}),
    ("missing_frequency", {"frequency": ""}, {"frequency": "quarterly"}),
    ("missing_responsible", {"responsible": None}, None),
])
def test_each_hint_appears_and_disappears(complete, organisation, code, gap, fix):
    assert code in INDICATOR_HINTS
    Indicator.objects.filter(pk=complete.pk).update(**gap)
    assert codes(complete) == [code]
    Indicator.objects.filter(pk=complete.pk).update(**(fix or {"responsible": organisation}))
    assert codes(complete) == []


def test_missing_target_appears_and_disappears(complete):
    Target.objects.filter(indicator=complete).delete()
    assert codes(complete) == ["missing_target"]
    empty = Target.objects.create(indicator=complete, year=2028, value=None)
    assert codes(complete) == ["missing_target"]  # an empty row is not a target
    empty.value = Decimal("12")
    empty.save()
    assert codes(complete) == []


def test_no_baseline_means_no_baseline_year_or_source_hint(complete):
    Indicator.objects.filter(pk=complete.pk).update(baseline_value=None, baseline_year=None,
                                                     baseline_source_en="")
    assert codes(complete) == ["missing_baseline"]


@pytest.mark.parametrize("direction,target,contradicts", [
    ("increase", "8", True), ("increase", "10", False), ("increase", "12", False),
    ("decrease", "12", True), ("decrease", "8", False),
    ("maintain", "8", False), ("maintain", "12", False),
])
def test_target_against_the_direction(complete, direction, target, contradicts):
    Indicator.objects.filter(pk=complete.pk).update(direction=direction)
    Target.objects.filter(indicator=complete).update(value=Decimal(target))
    assert ("target_contradicts_direction" in codes(complete)) is contradicts


def test_the_contradiction_names_the_years(complete):
    Target.objects.create(indicator=complete, year=2029, value=Decimal("5"))
    Target.objects.create(indicator=complete, year=2028, value=Decimal("3"))
    indicator = Indicator.objects.prefetch_related("targets").get(pk=complete.pk)
    hint = next(h for h in indicator_hints(indicator)
                if h.code == "target_contradicts_direction")
    assert "2028, 2029" in str(hint.message)
    assert "2027" not in str(hint.message)


def test_percentage_out_of_range(complete):
    Indicator.objects.filter(pk=complete.pk).update(type="percentage", unit_en="%")
    assert codes(complete) == []
    Target.objects.filter(indicator=complete).update(value=Decimal("140"))
    assert codes(complete) == ["percentage_out_of_range"]
    Target.objects.filter(indicator=complete).update(value=Decimal("40"))
    Indicator.objects.filter(pk=complete.pk).update(baseline_value=Decimal("-1"))
    assert codes(complete) == ["percentage_out_of_range"]
    Indicator.objects.filter(pk=complete.pk).update(type="number")
    assert codes(complete) == []  # a number may be anything


def test_qualitative(complete):
    Indicator.objects.filter(pk=complete.pk).update(
        type="qualitative", unit_en="", baseline_value=None,
        baseline_text_en="No law protects women human-rights defenders.")
    Target.objects.filter(indicator=complete).update(value=None, text_en="A law is drafted.")
    assert codes(complete) == []  # no unit needed; the baseline and target are in words
    Indicator.objects.filter(pk=complete.pk).update(baseline_text_en="")
    assert codes(complete) == ["missing_baseline"]
    Indicator.objects.filter(pk=complete.pk).update(baseline_text_km="គ្មានច្បាប់")
    Target.objects.filter(indicator=complete).update(text_en="")
    assert codes(complete) == ["missing_target"]
    # A qualitative Indicator is never "against the direction" (words are not compared).
    Indicator.objects.filter(pk=complete.pk).update(baseline_value=Decimal("10"))
    Target.objects.filter(indicator=complete).update(value=Decimal("1"), text_en="less")
    assert codes(complete) == []


def test_yes_no(complete):
    Indicator.objects.filter(pk=complete.pk).update(type="yes_no", unit_en="",
                                                     baseline_value=Decimal("0"))
    Target.objects.filter(indicator=complete).update(value=Decimal("1"))
    assert codes(complete) == []  # no unit needed
    Indicator.objects.filter(pk=complete.pk).update(baseline_value=Decimal("1"))
    Target.objects.filter(indicator=complete).update(value=Decimal("0"))
    assert codes(complete) == ["target_contradicts_direction"]  # yes → no while "increase"


# --- Action hints -------------------------------------------------------------------------------

def action_codes(action):
    action = (Action.objects.select_related("output")
              .prefetch_related("responsibilities", "budget_lines", "findings", "areas",
                                "output__indicators").get(pk=action.pk))
    return [h.code for h in action_hints(action)]


def test_action_hints_appear_and_disappear(plan, output, organisation, complete):
    from wpsnap.analysis.models import Finding

    action = Action.objects.create(plan=plan, output=output, number=1, key="A-1.1.1",
                                   title_en="Train women candidates")
    Indicator.objects.filter(pk=complete.pk).delete()
    assert action_codes(action) == ["missing_lead", "missing_budget", "missing_timeframe",
                                    "missing_area", "missing_finding", "missing_indicator"]
    Responsibility.objects.create(plan=plan, organisation=organisation, action=action,
                                  role=Responsibility.Role.SUPPORT)
    assert "missing_lead" in action_codes(action)  # support is not a lead
    Responsibility.objects.filter(action=action).update(role=Responsibility.Role.LEAD)
    line = BudgetLine.objects.create(action=action, amount=Decimal("0"))
    assert "missing_budget" in action_codes(action)  # zero is no budget
    line.amount = Decimal("500")
    line.save()
    Action.objects.filter(pk=action.pk).update(start_year=2026, national=True)
    action.findings.add(Finding.objects.create(plan=plan, number=1, key="F-01",
                                               title_en="Few women candidates"))
    Indicator.objects.create(plan=plan, number=2, key="I-2", output=output, title_en="Seats")
    assert action_codes(action) == []
