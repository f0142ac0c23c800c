"""A small traceable chain for the trace, gaps and alignment tests.

Participants (Battambang "02", Kampong Thom "06", Siem Reap "17"):
  P-1 woman, women's group, Battambang, may be quoted          → S1 (evidence of F-01), S5 (none)
  P-2 woman, youth, Kampong Thom, analysis only (do not quote) → S2 (evidence of F-01)
  P-3 man, government, Siem Reap, consent withdrawn            → S3 (evidence of F-01)
  P-4 woman, civil society, Battambang, may be quoted          → S4 (evidence of F-02)
Findings: F-01 validated, F-02 amended, F-03 draft with priority points, F-04 rejected with
priority points, F-05 draft. Workshops: two, votes on F-01 in both (agree 4, agree with
changes 2, disagree 1, not sure 0 in all).
Framework: Outcome 1 (participation) → Output 1.1 → A-1.1.1 (led by MoWA, budget, Battambang,
answers F-01 and F-02); Indicator I-1 on Output 1.1 with a baseline and a target; MoWA chairs
a Body.
"""

import itertools
from decimal import Decimal

import pytest
from django.utils import timezone

from wpsnap.analysis.models import Evidence, Finding
from wpsnap.consultations.models import Consent, Consultation, Participant, Statement
from wpsnap.plans.models import Role

_tokens = itertools.count(10_000)


@pytest.fixture
def reference(db):
    from wpsnap.frameworks.models import Pillar
    from wpsnap.frameworks.services import load_reference

    if not Pillar.objects.exists():
        load_reference()


@pytest.fixture
def areas(reference):
    from wpsnap.frameworks.models import Area

    return {a.code: a for a in Area.objects.filter(country="KH")}


def add_participant(plan, code, *, sex, group, area, scope="quote_anonymously",
                    withdrawn=False):
    p = Participant.objects.create(plan=plan, code=code, sex=sex, stakeholder_group=group,
                                   area=area, age_band="25_34")
    Consent.objects.create(participant=p, given=True, scope=scope,
                           withdrawn_at=timezone.now() if withdrawn else None)
    return p


def add_action(plan, output, number, *, title="An action", lead=None, findings=(), areas=(),
               budget=None, alignments=()):
    from wpsnap.planning.models import Action, BudgetLine, Responsibility

    action = Action.objects.create(plan=plan, output=output, number=number,
                                   key=f"A-{output.key}.{number}", title_en=title,
                                   start_year=2026, end_year=2027)
    action.findings.add(*findings)
    action.areas.add(*areas)
    action.alignments.add(*alignments)
    if lead is not None:
        Responsibility.objects.create(plan=plan, organisation=lead, action=action,
                                      role=Responsibility.Role.LEAD)
    if budget is not None:
        BudgetLine.objects.create(action=action, amount=Decimal(budget), currency="USD",
                                  secured=True)
    return action


def vote(workshop, item, choice, *, group="", sex="", area=None):
    from wpsnap.validation.models import Attendee, Vote

    attendee = Attendee.objects.create(workshop=workshop, token_hash=f"{next(_tokens):064x}",
                                       stakeholder_group=group, sex=sex, area=area)
    return Vote.objects.create(attendee=attendee, item=item, choice=choice)


@pytest.fixture
def chain(plan, members, organisation, areas):
    from wpsnap.frameworks.models import Pillar
    from wpsnap.planning.models import Body, Indicator, Membership, Outcome, Output, Target
    from wpsnap.validation.models import AgendaItem, Attendee, Priority, Workshop

    fgd = Consultation.objects.create(plan=plan, slug="fgd-btb", kind="focus_group",
                                      title_en="Focus group in Battambang", area=areas["02"])
    p1 = add_participant(plan, "P-1", sex="female", group="women", area=areas["02"])
    p2 = add_participant(plan, "P-2", sex="female", group="youth", area=areas["06"],
                         scope=Consent.Scope.DO_NOT_QUOTE)
    p3 = add_participant(plan, "P-3", sex="male", group="government", area=areas["17"],
                         withdrawn=True)
    p4 = add_participant(plan, "P-4", sex="female", group="civil_society", area=areas["02"])

    def say(p, text):
        return Statement.objects.create(plan=plan, consultation=fgd, participant=p, text=text,
                                        language="en")

    s1 = say(p1, "Women are never asked at village meetings.")
    s2 = say(p2, "Young women are told to stay home during meetings.")
    s3 = say(p3, "The commune council is all men.")
    s4 = say(p4, "NGOs train women candidates but few are chosen.")
    s5 = say(p1, "The market road floods every year.")
    S = Finding.Status
    rows = [("F-01", "Women are missing from village decisions", S.VALIDATED),
            ("F-02", "Women candidates are rarely chosen", S.AMENDED),
            ("F-03", "Floods cut women off from markets", S.DRAFT),
            ("F-04", "Rejected claim", S.REJECTED),
            ("F-05", "A draft nobody ranked", S.DRAFT)]
    f = {key: Finding.objects.create(plan=plan, number=n, key=key, title_en=title,
                                     text_en=f"{title}.", status=status)
         for n, (key, title, status) in enumerate(rows, start=1)}
    for finding, statement in ((f["F-01"], s1), (f["F-01"], s2), (f["F-01"], s3),
                               (f["F-02"], s4), (f["F-03"], s5)):
        Evidence.objects.create(finding=finding, statement=statement)

    validation = Consultation.objects.create(plan=plan, slug="validation", kind="workshop",
                                             title_en="Validation")
    w1 = Workshop.objects.create(plan=plan, consultation=validation, title_en="W1",
                                 join_code="TRACE111", state=Workshop.State.CLOSED)
    w2 = Workshop.objects.create(plan=plan, consultation=validation, title_en="W2",
                                 join_code="TRACE222", state=Workshop.State.CLOSED)
    i1 = AgendaItem.objects.create(workshop=w1, finding=f["F-01"], order=1)
    i2 = AgendaItem.objects.create(workshop=w2, finding=f["F-01"], order=1)
    for _n in range(3):
        vote(w1, i1, "agree", group="women", sex="female")
    vote(w1, i1, "disagree", group="youth", sex="female")
    for _n in range(2):
        vote(w1, i1, "agree_with_changes", group="women", sex="female")
    vote(w2, i2, "agree", group="government", sex="male")
    ranker = Attendee.objects.create(workshop=w1, token_hash=f"{next(_tokens):064x}")
    Priority.objects.create(attendee=ranker, finding=f["F-03"], points=3)
    Priority.objects.create(attendee=ranker, finding=f["F-04"], points=2)

    outcome = Outcome.objects.create(plan=plan, number=1, key="1",
                                     title_en="Women take part in decisions")
    outcome.pillars.add(Pillar.objects.get(key="participation"))
    output = Output.objects.create(plan=plan, outcome=outcome, number=1, key="1.1",
                                   title_en="Women candidates trained")
    action = add_action(plan, output, 1, title="Train women candidates", lead=organisation,
                        findings=[f["F-01"], f["F-02"]], areas=[areas["02"]], budget="5000")
    indicator = Indicator.objects.create(plan=plan, number=1, key="I-1", output=output,
                                         title_en="Women candidates trained",
                                         baseline_value=0, baseline_year=2025,
                                         responsible=organisation)
    Target.objects.create(indicator=indicator, year=2027, value=200)
    body = Body.objects.create(plan=plan, name_en="National Steering Committee")
    Membership.objects.create(body=body, organisation=organisation, role=Membership.Role.CHAIR)
    return {"plan": plan, "findings": f, "statements": [s1, s2, s3, s4, s5],
            "participants": [p1, p2, p3, p4], "action": action, "output": output,
            "outcome": outcome, "indicator": indicator, "body": body, "areas": areas,
            "workshops": [w1, w2], "consultation": fgd}


@pytest.fixture
def viewer(members):
    return members[Role.VIEWER]
