"""The demo Plan stage (`wpsnap.planning.demo`), loaded by `wpsnap load_demo`: a draft NAP for
the demo Plan (Outcomes under the four pillars and coordination / M&E, Outputs, bilingual
Actions answering validated Findings, Indicators with baselines and Targets), a three-tier
coordination mechanism, the deliberate gaps, stable keys, and a second run that changes nothing.

`load_demo` runs once for the module, in a transaction rolled back at the end (each test in its
own savepoint)."""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from wpsnap.conftest import load_demo_once
from wpsnap.planning.demo import content as C
from wpsnap.planning.models import (
    Action,
    Body,
    BudgetLine,
    Goal,
    Indicator,
    Membership,
    Outcome,
    Output,
    Responsibility,
    Target,
)

KHMER = range(0x1780, 0x1800)


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    media = tmp_path_factory.mktemp("media")
    with load_demo_once(django_db_blocker, media, WPSNAP_DEMO_TRAIN_ASSISTANT=False) as (plan, out):
        yield plan, out


@pytest.fixture
def loaded(demo, db):
    return demo[0]


def has_khmer(text):
    return any(ord(ch) in KHMER for ch in text)


# --- Without the database -----------------------------------------------------------------------

def test_demo_text_is_clean():
    """Every title is in both languages; no stray characters from another script in the Khmer."""
    texts = [C.GOAL["title_km"], C.GOAL["description_km"]]
    for outcome in C.OUTCOMES:
        texts.append(outcome["title_km"])
        texts += [i.km for i in outcome["indicators"]]
        for output in outcome["outputs"]:
            texts.append(output["title_km"])
            texts += [a.km for a in output["actions"]] + [i.km for i in output["indicators"]]
    texts += [b.km for b in C.BODIES] + [b.mandate_km for b in C.BODIES]
    for text in texts:
        assert has_khmer(text), text
        odd = {ch for ch in text if ord(ch) > 127 and ord(ch) not in KHMER
               and ch not in "’“”–—…«»"}
        assert not odd, text


# --- The loaded demo ----------------------------------------------------------------------------

def test_load_demo_prints_the_plan_summary(demo):
    _plan, out = demo
    assert "Demo Plan: 5 outcomes, 13 outputs, 42 actions, 27 indicators, 9 coordination " \
           "bodies" in out


def test_counts_in_range(loaded):
    assert Goal.objects.filter(plan=loaded).exclude(title_km="").exists()
    assert 4 <= Outcome.objects.filter(plan=loaded).count() <= 5
    assert 10 <= Output.objects.filter(plan=loaded).count() <= 15
    assert 35 <= Action.objects.filter(plan=loaded).count() <= 45
    assert 20 <= Indicator.objects.filter(plan=loaded).count() <= 30
    assert Body.objects.filter(plan=loaded).count() >= 7


def test_keys_are_stable(loaded):
    assert list(Outcome.objects.filter(plan=loaded).order_by("number")
                .values_list("key", flat=True)) == ["1", "2", "3", "4", "5"]
    assert sorted(Output.objects.filter(plan=loaded).values_list("key", flat=True)) == [
        "1.1", "1.2", "1.3", "2.1", "2.2", "2.3", "3.1", "3.2", "4.1", "4.2", "4.3", "5.1",
        "5.2"]
    actions = dict(Action.objects.filter(plan=loaded).values_list("key", "title_en"))
    assert actions["A-1.1.1"].startswith("Set a minimum of one third women")
    assert actions["A-1.2.5"].startswith("Build separate facilities")
    assert actions["A-4.1.2"].startswith("Clear first the farmland")
    assert actions["A-5.2.3"].startswith("Carry out a mid-term review")
    for key in actions:
        output_key = key[2:].rsplit(".", 1)[0]
        assert Action.objects.get(plan=loaded, key=key).output.key == output_key
    indicators = dict(Indicator.objects.filter(plan=loaded).values_list("key", "title_en"))
    assert sorted(indicators, key=lambda k: int(k[2:])) == [f"I-{n}" for n in range(1, 28)]
    assert indicators["I-1"].startswith("Share of women in delegations")
    assert indicators["I-3"] == "Women on the national mediators' roster"
    assert indicators["I-10"] == "Calls to the job-offer hotline"


def test_outcomes_under_the_pillars(loaded):
    pillars = {o.key: sorted(p.key for p in o.pillars.all())
               for o in Outcome.objects.filter(plan=loaded).prefetch_related("pillars")}
    assert pillars == {"1": ["participation"], "2": ["prevention"], "3": ["protection"],
                       "4": ["protection", "relief_recovery"],
                       "5": ["implementation_coordination_me"]}
    rpa = set(Output.objects.filter(plan=loaded, alignments__framework__key="asean-rpa-wps",
                                    alignments__key__startswith="rpa-")
              .values_list("alignments__key", flat=True))
    assert rpa == {"rpa-participation", "rpa-prevention", "rpa-protection",
                   "rpa-relief-recovery", "rpa-implementation"}


def test_actions_are_complete_except_the_deliberate_gaps(loaded):
    actions = Action.objects.filter(plan=loaded).prefetch_related(
        "findings", "areas", "budget_lines", "responsibilities__organisation")
    for action in actions:
        assert action.title_en and has_khmer(action.title_km), action.key
        assert 2026 <= action.start_year <= action.end_year <= 2030, action.key
        findings = list(action.findings.all())
        assert 1 <= len(findings) <= 3, action.key
        assert {f.status for f in findings} <= {"validated", "amended"}, action.key
        assert action.national or action.areas.exists(), action.key
        roles = Counter(r.role for r in action.responsibilities.all())
        assert roles["lead"] == (0 if action.key == C.NO_LEAD_ACTION else 1), action.key
        assert roles["support"] >= 1, action.key
        assert bool(action.budget_lines.all()) == (action.key != C.NO_BUDGET_ACTION), action.key
    lines = BudgetLine.objects.filter(action__plan=loaded)
    assert set(lines.values_list("currency", flat=True)) == {"USD", "KHR"}
    assert set(lines.values_list("secured", flat=True)) == {True, False}
    assert lines.filter(year__isnull=True).exists() and lines.filter(year__isnull=False).exists()
    # The focal point's Organisation (MoI) leads several Actions.
    assert Responsibility.objects.filter(plan=loaded, role="lead",
                                         organisation__abbreviation="MoI").count() >= 3


def test_outputs_have_a_lead_and_the_matrix_shows_every_role(loaded):
    leads = Responsibility.objects.filter(plan=loaded, output__isnull=False, role="lead")
    assert leads.count() == Output.objects.filter(plan=loaded).count()
    assert dict(leads.values_list("output__key", "organisation__abbreviation"))["4.1"] == "CMAA"
    roles = set(Responsibility.objects.filter(plan=loaded).values_list("role", flat=True))
    assert roles == {"lead", "support", "consulted", "informed"}


def test_indicators_have_baselines_and_targets_except_two(loaded):
    for indicator in Indicator.objects.filter(plan=loaded).prefetch_related("targets"):
        assert has_khmer(indicator.title_km) and indicator.unit_en, indicator.key
        assert indicator.responsible_id and indicator.data_source_en and indicator.frequency
        has_baseline = indicator.baseline_value is not None or bool(indicator.baseline_text_en)
        assert has_baseline == (indicator.key != "I-3"), indicator.key
        targets = list(indicator.targets.all())
        assert bool(targets) == (indicator.key != "I-10"), indicator.key
        assert all(2026 <= t.year <= 2030 for t in targets)
        if indicator.type == "yes_no":
            assert {t.value for t in targets} <= {0, 1}
    assert Indicator.objects.filter(plan=loaded, outcome__isnull=False).count() == 5
    assert Target.objects.filter(indicator__plan=loaded).count() > 50


def test_deliberate_gaps(loaded):
    from wpsnap.analysis.models import Finding
    from wpsnap.consultations.models import Consultation

    # A validated Finding that no Action answers — the only one.
    answered = set(Action.findings.through.objects.filter(action__plan=loaded)
                   .values_list("finding__key", flat=True))
    validated = set(Finding.objects.filter(plan=loaded, status__in=["validated", "amended"])
                    .values_list("key", flat=True))
    assert C.UNANSWERED_FINDING in validated
    assert validated - answered == {C.UNANSWERED_FINDING}
    # Siem Reap was consulted but no Action names it.
    assert Consultation.objects.filter(plan=loaded, area__code=C.UNCOVERED_AREA).exists()
    named = set(Action.areas.through.objects.filter(action__plan=loaded)
                .values_list("area__code", flat=True))
    assert C.UNCOVERED_AREA not in named and {"02", "12", "22"} <= named
    # An Action without lead, one without budget; an Indicator without baseline / target.
    assert not Responsibility.objects.filter(action__key=C.NO_LEAD_ACTION, action__plan=loaded,
                                             role="lead").exists()
    assert not BudgetLine.objects.filter(action__plan=loaded,
                                         action__key=C.NO_BUDGET_ACTION).exists()
    assert Indicator.objects.get(plan=loaded, key="I-3").baseline_value is None
    assert not Target.objects.filter(indicator__plan=loaded, indicator__key="I-10").exists()
    # The only Organisation with responsibilities but no Body.
    responsible = set(Responsibility.objects.filter(plan=loaded)
                      .values_list("organisation__abbreviation", "organisation__name_en"))
    members = set(Membership.objects.filter(body__plan=loaded)
                  .values_list("organisation__abbreviation", "organisation__name_en"))
    assert {abbr or name for abbr, name in responsible - members} == {C.NO_BODY_ORGANISATION}


def test_three_tier_coordination_mechanism(loaded):
    bodies = {b.kind: [] for b in Body.objects.filter(plan=loaded)}
    for body in Body.objects.filter(plan=loaded).select_related("reports_to", "pillar", "area"):
        bodies[body.kind].append(body)
    [nsc] = bodies["steering_committee"]
    [twg] = bodies["technical_working_group"]
    assert nsc.reports_to is None and twg.reports_to == nsc
    chair = Membership.objects.get(body=nsc, role="chair")
    assert chair.organisation.abbreviation == "MoWA"
    subgroups = bodies["pillar_subgroup"]
    assert len(subgroups) == 4 and all(b.reports_to == twg for b in subgroups)
    assert {b.pillar.key for b in subgroups} == {"participation", "prevention", "protection",
                                                  "relief_recovery"}
    provincial = bodies["provincial_working_group"]
    assert 2 <= len(provincial) <= 3 and all(b.reports_to == twg for b in provincial)
    assert all(b.level == "provincial" and b.area is not None for b in provincial)
    for body in Body.objects.filter(plan=loaded):
        assert has_khmer(body.name_km) and body.mandate_en and body.meeting_frequency
        assert Membership.objects.filter(body=body, role="chair").count() == 1, body.name_en
    assert Membership.objects.filter(body=nsc, role="secretariat").exists()


def test_budget_summary_of_the_demo(loaded):
    from wpsnap.planning.queries import budget

    summary = budget.summary(loaded)
    assert summary.actions == 42 and summary.actions_without_budget == 1
    assert summary.split_actions == 9  # Outcome 4 is under two Pillars
    assert 0 < summary.total.secured < summary.total.total
    assert summary.by_pillar.total == summary.by_year.total == summary.total.total
    assert [r.label for r in summary.by_organisation.rows][-1] == "No lead"


def test_second_run_is_idempotent(loaded):
    from wpsnap.planning.demo import load

    def snapshot():
        return (sorted(Action.objects.filter(plan=loaded).values_list("key", "title_en")),
                sorted(Indicator.objects.filter(plan=loaded).values_list("key", flat=True)),
                BudgetLine.objects.filter(action__plan=loaded).count(),
                sorted(Responsibility.objects.filter(plan=loaded)
                       .values_list("organisation_id", "action__key", "output__key", "role"),
                       key=str),
                sorted(Membership.objects.filter(body__plan=loaded)
                       .values_list("body_id", "organisation_id", "role")),
                Target.objects.filter(indicator__plan=loaded).count())

    before = snapshot()
    out = io.StringIO()
    counts = load(loaded, stdout=out)
    assert snapshot() == before
    assert not counts["framework_new"] and not counts["coordination_new"]
    assert "(unchanged)" in out.getvalue()
    call_command("load_demo", stdout=io.StringIO())
    assert snapshot() == before
