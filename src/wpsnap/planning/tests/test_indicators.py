"""Indicator services: keys, the place rule, yes/no values, Targets within the Plan period,
Revisions, moving, deleting, adopting a library entry."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wpsnap.plans.models import Organisation

from ..models import Indicator, IndicatorTemplate, Revision, Target
from ..services import indicators as services
from .fixtures_indicators import *  # noqa: F403


def make(plan, **kwargs):
    kwargs.setdefault("title_en", "Share of seats held by women")
    return services.create_indicator(plan, **kwargs)


def test_keys_are_numbered_per_plan_and_never_reused(plan, output, outcome):
    first = make(plan, output=output)
    second = make(plan, outcome=outcome)
    assert (first.key, second.key) == ("I-1", "I-2")
    services.delete_indicator(second)
    third = make(plan, output=output)
    assert third.key == "I-2"  # the highest living number + 1: I-2 was deleted, I-1 lives
    services.delete_indicator(first)
    assert make(plan, output=output).key == "I-3"


def test_exactly_one_place_of_the_same_plan(plan, output, outcome, foreign_output):
    with pytest.raises(ValidationError):
        make(plan)
    with pytest.raises(ValidationError):
        make(plan, outcome=outcome, output=output)
    with pytest.raises(ValidationError) as exc:
        make(plan, output=foreign_output)
    assert "output" in exc.value.message_dict
    assert not Indicator.objects.exists()


def test_a_title_in_one_language_is_needed(plan, output):
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, title_en="  ", title_km="")
    assert "title_en" in exc.value.message_dict
    assert make(plan, output=output, title_en="", title_km="ចំនួនស្ត្រី").title_km == "ចំនួនស្ត្រី"


def test_targets_are_written_and_replaced(plan, output):
    indicator = make(plan, output=output, baseline_value="5",
                     targets={2026: Decimal("6"), 2028: "8.5", 2029: None})
    assert dict(indicator.targets.values_list("year", "value")) == {
        2026: Decimal("6"), 2028: Decimal("8.5")}
    services.set_targets(indicator, {2026: None, 2030: 10, 2028: {"value": 9, "text_en": "nine"}})
    assert {t.year: (t.value, t.text_en) for t in Target.objects.filter(indicator=indicator)} == {
        2028: (Decimal("9"), "nine"), 2030: (Decimal("10"), "")}


def test_target_years_lie_within_the_plan_period(plan, output):
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, targets={2031: 5})
    assert "targets" in exc.value.message_dict
    assert "2031" in " ".join(exc.value.message_dict["targets"])
    assert not Indicator.objects.exists()  # a failed write changes nothing
    indicator = make(plan, output=output, targets={2030: 5})
    with pytest.raises(ValidationError):
        services.set_targets(indicator, {2025: 1})
    assert list(indicator.targets.values_list("year", flat=True)) == [2030]


def test_without_a_period_any_sensible_year(plan, output):
    plan.period_start = plan.period_end = None
    plan.save()
    indicator = make(plan, output=output, targets={2035: 1})
    assert indicator.targets.get().year == 2035
    with pytest.raises(ValidationError):
        services.set_targets(indicator, {1800: 1})


def test_yes_no_values_are_zero_or_one(plan, output):
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, type="yes_no", baseline_value=2)
    assert "baseline_value" in exc.value.message_dict
    with pytest.raises(ValidationError):
        make(plan, output=output, type="yes_no", baseline_value=0, targets={2027: Decimal("0.5")})
    indicator = make(plan, output=output, type="yes_no", baseline_value=0, targets={2027: 1})
    assert indicator.targets.get().value == 1
    # Turning a number Indicator with a target of 20 into yes/no is refused.
    number = make(plan, output=output, baseline_value=1, targets={2027: 20})
    with pytest.raises(ValidationError):
        services.update_indicator(number, type="yes_no")
    number.refresh_from_db()
    assert number.type == "number"


def test_a_percentage_out_of_range_is_only_a_hint(plan, output):
    indicator = make(plan, output=output, type="percentage", baseline_value=120,
                     targets={2027: 150})
    assert indicator.targets.get().value == 150


def test_other_checks(plan, output, other_plan):
    foreign = Organisation.objects.create(plan=other_plan, name_en="Elsewhere",
                                          type="ngo_cso")
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, responsible=foreign)
    assert "responsible" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, disaggregation=["sex", "religion"])
    assert "disaggregation" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, type="nonsense")
    assert "type" in exc.value.message_dict
    with pytest.raises(ValidationError) as exc:
        make(plan, output=output, baseline_value="lots")
    assert "baseline_value" in exc.value.message_dict
    with pytest.raises(ValidationError):
        make(plan, output=output, baseline_year=1200)
    indicator = make(plan, output=output, disaggregation=["area", "sex", "sex"])
    assert indicator.disaggregation == ["sex", "area"]


def test_revisions_follow_the_wording(plan, output, members):
    indicator = make(plan, output=output, definition_en="Seats held by women / all seats")
    revisions = Revision.objects.filter(object_id=indicator.pk,
                                        content_type__model="indicator")
    assert revisions.count() == 1
    services.update_indicator(indicator, unit_en="%")  # not wording: no Revision
    assert revisions.count() == 1
    services.update_indicator(indicator, title_en="Share of National Assembly seats held by "
                              "women", note="narrower", by=members["coordinator"])
    assert revisions.count() == 2
    last = revisions.order_by("-number").first()
    assert last.data["title_en"].startswith("Share of National Assembly")
    assert last.note == "narrower"
    assert last.author == members["coordinator"]


def test_update_moves_and_keeps_targets_unless_given(plan, output, outcome, indicator):
    services.update_indicator(indicator, outcome=outcome, unit_en="people")
    indicator.refresh_from_db()
    assert (indicator.outcome_id, indicator.output_id) == (outcome.pk, None)
    assert indicator.key == "I-1"
    assert list(indicator.targets.values_list("year", "value")) == [(2027, Decimal("20"))]
    services.update_indicator(indicator, targets={})
    assert not indicator.targets.exists()


def test_delete_removes_targets(plan, indicator):
    services.delete_indicator(indicator)
    assert not Indicator.objects.exists()
    assert not Target.objects.exists()


def test_adopt_copies_the_template(plan, output, reference):
    from wpsnap.frameworks.models import FrameworkItem

    item = FrameworkItem.objects.get(framework__key="un-1325-global-indicators",
                                     key="gi-participation-2")
    template = IndicatorTemplate.objects.create(
        key="women-in-parliament", title_en="Share of seats held by women",
        title_km="ភាគរយនៃអាសនៈ", type="percentage", unit_en="% of seats", unit_km="ភាគរយ",
        direction="increase", data_source_en="NEC", disaggregation=["sex"],
        framework_item=item)
    indicator = services.adopt_template(plan, template, output=output)
    assert indicator.key == "I-1"
    assert indicator.template == template
    assert (indicator.title_en, indicator.title_km, indicator.type, indicator.unit_en,
            indicator.data_source_en, indicator.disaggregation) == (
        "Share of seats held by women", "ភាគរយនៃអាសនៈ", "percentage", "% of seats", "NEC",
        ["sex"])
    assert list(indicator.alignments.all()) == [item]
