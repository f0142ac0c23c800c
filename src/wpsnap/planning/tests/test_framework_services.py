"""Results framework services: stable keys (also after moves), Revisions, lead and supporting
Organisations as Responsibilities, checks that change nothing, delete refusals."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError

from wpsnap.planning.models import Action, BudgetLine, Outcome, Output, Responsibility, Revision
from wpsnap.planning.queries import framework as queries
from wpsnap.planning.services import framework as services
from wpsnap.planning.services import revisions
from wpsnap.plans.models import Organisation

from .fixtures_framework import *  # noqa: F403 - fixtures

pytestmark = pytest.mark.django_db


def _order(queryset):
    return list(queryset.order_by("order", "number").values_list("key", flat=True))


def test_keys_are_given_in_order_and_never_change(plan, framework, coordinator):
    assert [framework[k].key for k in ("o1", "o2", "p11", "p12", "a1", "a2")] == [
        "1", "2", "1.1", "1.2", "A-1.1.1", "A-1.1.2"]
    # Reordering keeps keys.
    assert services.move(framework["o2"], "up")
    assert _order(Outcome.objects.filter(plan=plan)) == ["2", "1"]
    assert services.move(framework["a2"], "up")
    assert _order(Action.objects.filter(output=framework["p11"])) == ["A-1.1.2", "A-1.1.1"]
    assert services.move(framework["a2"], "up") is False  # already first
    assert services.move(framework["a1"], "down") is False  # already last
    # Moving an Action to another Output keeps its key (and its number); the next Action
    # there gets a key that clashes with none.
    action = services.update_action(framework["a1"], by=coordinator, output=framework["p12"])
    assert action.key == "A-1.1.1" and action.output_id == framework["p12"].pk
    new = services.create_action(framework["p12"], by=coordinator, title_en="Draft quota law")
    assert new.key == "A-1.2.2"
    # Moving an Output to another Outcome keeps its key.
    output = services.update_output(framework["p12"], by=coordinator, outcome=framework["o2"])
    assert output.key == "1.2"
    # (numbers count on from the highest in the Outcome, the moved Output's included)
    assert services.create_output(framework["o2"], title_en="Shelters").key == "2.3"
    # Keys of deleted elements are not handed out again while higher ones live.
    services.delete_action(Action.objects.get(key="A-1.1.2"))
    assert services.create_action(framework["p11"], title_en="Again").key == "A-1.1.2"
    assert sorted(Action.objects.filter(plan=plan).values_list("key", flat=True)) == [
        "A-1.1.1", "A-1.1.2", "A-1.2.2"]


def test_moving_an_output_back_does_not_clash_with_a_key(plan, framework, coordinator):
    services.update_output(framework["p12"], outcome=framework["o2"])
    services.update_output(framework["p12"], outcome=framework["o1"])
    assert services.create_output(framework["o1"], title_en="Third").key == "1.3"


def test_every_wording_change_is_a_numbered_revision(plan, framework, coordinator):
    action = framework["a1"]
    assert [r.number for r in revisions.history(action)] == [1]
    services.update_action(action, by=coordinator, title_en="Train women candidates",
                           note="clearer")
    services.update_action(action, by=coordinator, start_year=2027, end_year=2028)  # no wording
    services.update_action(action, by=coordinator, title_km="បណ្តុះបណ្តាលបេក្ខជនស្ត្រី")
    history = list(revisions.history(action))
    assert [r.number for r in history] == [3, 2, 1]
    assert history[0].data["title_km"] == "បណ្តុះបណ្តាលបេក្ខជនស្ត្រី"
    assert history[1].note == "clearer" and history[1].author == coordinator
    assert history[2].data["title_en"] == "Train candidates"
    goal = services.set_goal(plan, by=coordinator, title_en="Peace")
    services.set_goal(plan, by=coordinator, title_en="Peace and security")
    assert [r.data["title_en"] for r in revisions.history(goal)] == ["Peace and security",
                                                                   "Peace"]
    outcome = services.update_outcome(framework["o1"], title_en="Women lead decisions")
    assert revisions.history(outcome).count() == 2


def test_lead_and_supporting_are_responsibilities(plan, framework, organisation, other_org,
                                                  third_org, coordinator):
    action = services.create_action(framework["p12"], by=coordinator, title_en="Fund shelters",
                                    lead=organisation, supporting=[other_org, third_org])
    roles = dict(Responsibility.objects.filter(action=action).values_list(
        "organisation__abbreviation", "role"))
    assert roles == {"MoWA": "lead", "MoI": "support", "UNW": "support"}
    # A focal point's edit (lead and supporting left UNSET) keeps them.
    services.update_action(action, title_en="Fund two shelters")
    assert Responsibility.objects.filter(action=action).count() == 3
    # Swap the lead; drop a supporter; a "consulted" role set elsewhere is kept.
    from wpsnap.planning.services.responsibilities import set_role

    fourth = Organisation.objects.create(plan=plan, name_en="Women's NGO", type="ngo_cso")
    set_role(action, fourth, Responsibility.Role.CONSULTED)
    services.update_action(action, lead=other_org, supporting=[organisation])
    roles = dict(Responsibility.objects.filter(action=action).values_list(
        "organisation__name_en", "role"))
    assert roles == {"Ministry of Interior": "lead", "Ministry of Women's Affairs": "support",
                     "Women's NGO": "consulted"}
    services.update_action(action, lead=None)
    assert not Responsibility.objects.filter(action=action, role="lead").exists()


def test_refuses_organisations_findings_and_alignments_of_another_plan(
        plan, other_plan, framework, findings, reference):
    from wpsnap.analysis.models import Finding
    from wpsnap.frameworks.models import Area, Framework, FrameworkItem

    stranger = Organisation.objects.create(plan=other_plan, name_en="Elsewhere",
                                           type="ngo_cso")
    foreign = Finding.objects.create(plan=other_plan, number=1, key="F-01", title_en="x")
    national = Framework.objects.create(plan=other_plan, key="policy", kind="national",
                                        title_en="Their policy")
    item = FrameworkItem.objects.create(framework=national, key="P1", label_en="Item")
    before = Action.objects.count()
    for kwargs, field in (({"lead": stranger}, "lead"), ({"supporting": [stranger]}, "supporting"),
                          ({"findings": [foreign]}, "findings"),
                          ({"alignments": [item]}, "alignments")):
        with pytest.raises(ValidationError) as exc:
            services.create_action(framework["p11"], title_en="Bad", **kwargs)
        assert field in exc.value.message_dict
    district = Area.objects.filter(level="district").first()
    if district is not None:
        with pytest.raises(ValidationError):
            services.create_action(framework["p11"], title_en="Bad", areas=[district])
    assert Action.objects.count() == before
    with pytest.raises(ValidationError):
        services.update_action(framework["a1"], findings=[foreign])
    assert not framework["a1"].findings.exists()


def test_findings_areas_alignments_are_saved(plan, framework, findings, reference):
    from wpsnap.frameworks.models import Area, FrameworkItem

    provinces = list(Area.objects.filter(level="province").order_by("code")[:2])
    items = list(FrameworkItem.objects.filter(framework__plan__isnull=True)[:3])
    action = services.create_action(framework["p11"], title_en="Listen", findings=findings[:2],
                                    areas=provinces, alignments=items, national=False)
    assert set(action.findings.values_list("key", flat=True)) == {"F-01", "F-02"}
    assert action.areas.count() == 2 and action.alignments.count() == 3


@pytest.mark.parametrize("timeframe,field", [
    ({"start_year": 2027, "end_year": 2026}, "end_year"),
    ({"start_year": 2027, "start_quarter": 3, "end_year": 2027, "end_quarter": 2}, "end_year"),
    ({"start_quarter": 2}, "start_quarter"),
    ({"end_year": 2027}, "start_year"),
    ({"start_year": 2026, "start_quarter": 5}, "start_quarter"),
    ({"start_year": 1800}, "start_year"),
])
def test_timeframe_checks(framework, timeframe, field):
    with pytest.raises(ValidationError) as exc:
        services.create_action(framework["p11"], title_en="When?", **timeframe)
    assert field in exc.value.message_dict
    with pytest.raises(ValidationError):
        services.update_action(framework["a1"], **{**dict.fromkeys(services.TIMEFRAME),
                                                   **timeframe})
    framework["a1"].refresh_from_db()
    assert (framework["a1"].start_year, framework["a1"].end_year) == (2026, 2027)


def test_a_title_in_one_language_is_needed(framework):
    with pytest.raises(ValidationError):
        services.create_outcome(framework["o1"].plan, title_en="  ", title_km="")
    with pytest.raises(ValidationError):
        services.update_output(framework["p11"], title_en="", title_km="")
    assert services.create_outcome(framework["o1"].plan, title_km="សន្តិភាព").key == "3"


def test_delete_refuses_while_children_exist(plan, framework):
    from wpsnap.planning.models import Indicator

    with pytest.raises(ValidationError, match="still has Outputs"):
        services.delete_outcome(framework["o1"])
    with pytest.raises(ValidationError, match="still has Actions"):
        services.delete_output(framework["p11"])
    Indicator.objects.create(plan=plan, number=1, key="I-1", output=framework["p12"],
                             title_en="Quota adopted")
    with pytest.raises(ValidationError, match="Indicators"):
        services.delete_output(framework["p12"])
    assert Output.objects.filter(pk=framework["p12"].pk).exists()
    # Empty ones go, with their Revisions.
    outcome = framework["o2"]
    services.delete_outcome(outcome)
    assert not Outcome.objects.filter(pk=outcome.pk).exists()
    assert not Revision.objects.filter(object_id=outcome.pk,
                                       content_type__model="outcome").exists()
    # An Action goes with its budget lines and Responsibilities.
    action = framework["a1"]
    services.add_budget_line(action, amount="100", currency="USD")
    services.delete_action(action)
    assert not BudgetLine.objects.filter(action_id=action.pk).exists()
    assert not Responsibility.objects.filter(action_id=action.pk).exists()


def test_budget_lines(plan, framework):
    action = framework["a1"]
    line = services.add_budget_line(action, amount="12500.5", currency="USD",
                                    source_en="National budget", secured=True, year=2027)
    assert line.amount == Decimal("12500.50") and line.secured
    services.add_budget_line(action, amount=Decimal("4000000"), currency="KHR")
    for bad, field in (({"amount": "-1"}, "amount"), ({"amount": ""}, "amount"),
                       ({"amount": "5", "currency": "EUR"}, "currency"),
                       ({"amount": "5", "year": 2040}, "year")):
        with pytest.raises(ValidationError) as exc:
            services.add_budget_line(action, **bad)
        assert field in exc.value.message_dict
    assert action.budget_lines.count() == 2
    services.update_budget_line(line, amount="13000", secured=False)
    line.refresh_from_db()
    assert line.amount == Decimal("13000") and not line.secured and line.year == 2027
    assert queries.budget_totals(action.budget_lines.all()) == [
        ("USD", Decimal("13000")), ("KHR", Decimal("4000000"))]
    services.delete_budget_line(line)
    assert action.budget_lines.count() == 1


def test_tree_and_hints(plan, framework, findings, organisation):
    services.add_budget_line(framework["a1"], amount="10", currency="USD")
    framework["a1"].findings.add(findings[0])
    outcomes = queries.decorate(queries.tree(plan))
    assert [o.key for o in outcomes] == ["1", "2"]
    a1, a2 = outcomes[0].outputs.all()[0].actions.all()
    assert a1.lead == organisation and a1.totals == [("USD", Decimal("10"))]
    assert a1.finding_count == 1
    codes = {h.code for h in a1.hints}
    assert "missing_lead" not in codes and "missing_budget" not in codes
    assert {"missing_budget", "missing_finding", "missing_timeframe"} <= {h.code for h in a2.hints}
