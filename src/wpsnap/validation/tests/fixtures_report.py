"""Data for the report tests: a closed Workshop with two Findings and a question, Attendees with
self-declared attributes, and a helper to cast votes directly (the public front is tested
elsewhere)."""

import itertools

import pytest

from wpsnap.analysis.services.findings import create_finding
from wpsnap.consultations.models import Consultation
from wpsnap.plans.models import Role
from wpsnap.validation.models import AgendaItem, Attendee, Vote, Workshop

_tokens = itertools.count(1)


def add_attendee(workshop, *, group="", sex="", age="", area=None, name=""):
    n = next(_tokens)
    return Attendee.objects.create(workshop=workshop, token_hash=f"{n:064x}",
                                   stakeholder_group=group, sex=sex, age_band=age, area=area,
                                   name=name)


def add_votes(workshop, item, choices, **attributes):
    """One new Attendee per choice in `choices`, each voting that choice on `item`."""
    out = []
    for choice in choices:
        attendee = add_attendee(workshop, **attributes)
        out.append(Vote.objects.create(attendee=attendee, item=item, choice=choice))
    return out


@pytest.fixture
def validation_consultation(plan):
    return Consultation.objects.create(
        plan=plan, slug="validation-pp", kind=Consultation.Kind.VALIDATION_WORKSHOP,
        title_en="Validation workshop, Phnom Penh")


@pytest.fixture
def findings(plan, members):
    by = members[Role.ANALYST]
    return [
        create_finding(plan, by=by, title_en="Landmines block farmland",
                       title_km="គ្រាប់មីនរារាំងដីស្រែ",
                       text_en="Women in border provinces fear unexploded ordnance on farmland.",
                       text_km="ស្ត្រីនៅខេត្តជាប់ព្រំដែនខ្លាចគ្រាប់មីន។"),
        create_finding(plan, by=by, title_en="Online scams target youth",
                       text_en="Young people looking for work meet online scams."),
    ]


@pytest.fixture
def workshop(plan, validation_consultation, findings, members):
    w = Workshop.objects.create(plan=plan, consultation=validation_consultation,
                                title_en="Phnom Penh validation", title_km="សិក្ខាសាលា",
                                join_code="RPTW2345", state=Workshop.State.CLOSED,
                                created_by=members[Role.FACILITATOR])
    first = AgendaItem.objects.create(workshop=w, finding=findings[0], order=1,
                                      state=AgendaItem.State.CLOSED)
    question = AgendaItem.objects.create(
        workshop=w, order=2, question_en="Which mechanism do you prefer?",
        question_km="តើអ្នកចូលចិត្តយន្តការណា?", state=AgendaItem.State.CLOSED,
        choices=[{"key": "a", "label_en": "A steering committee", "label_km": "គណៈកម្មាធិការ"},
                 {"key": "b", "label_en": "A working group", "label_km": "ក្រុមការងារ"}])
    second = AgendaItem.objects.create(workshop=w, finding=findings[1], order=3,
                                       state=AgendaItem.State.CLOSED)
    w.items_by_key = {"F-01": first, "Q-1": question, "F-02": second}
    return w
