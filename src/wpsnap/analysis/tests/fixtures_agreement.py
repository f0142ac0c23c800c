"""Fixtures of the Agreement tests: two analysts, and a sample both have coded in full."""

import pytest

from wpsnap.analysis.models import Code, Coding
from wpsnap.analysis.services.agreement import create_sample
from wpsnap.consultations.models import Statement
from wpsnap.plans.models import Member, Role

__all__ = ["KEYS", "PLAN_OF_CODES", "blind", "coded_sample", "coders", "second_analyst",
           "statements"]

KEYS = ["participation", "prevention", "protection"]


@pytest.fixture
def second_analyst(plan, make_user):
    user = make_user("analyst-two")
    Member.objects.create(plan=plan, user=user, role=Role.ANALYST)
    return user


@pytest.fixture
def coders(members, second_analyst):
    return members[Role.ANALYST], second_analyst


@pytest.fixture
def statements(participants):
    return list(Statement.objects.filter(plan=participants[0].plan).order_by("id"))


def blind(sample, statement, coder, *keys):
    """The coder's blind-layer codings of `keys` on the whole Statement."""
    for key in keys:
        Coding.objects.create(plan=sample.plan, statement=statement, sample=sample, coder=coder,
                              code=Code.objects.get(plan=sample.plan, key=key), start=0,
                              end=len(statement.text))


# Six Statements, the Codes each coder applied (A, B). Statement 5: B forgot "protection";
# statement 2: they disagree on the Code.
PLAN_OF_CODES = [
    ({"protection"}, {"protection"}),
    ({"participation", "protection"}, {"participation", "protection"}),
    ({"prevention"}, {"participation"}),
    ({"prevention", "protection"}, {"prevention", "protection"}),
    ({"participation"}, {"participation"}),
    ({"protection", "prevention"}, {"prevention"}),
]


@pytest.fixture
def coded_sample(plan, codebook, coders, statements, members):
    """A sample of six Statements which both coders have coded in full (PLAN_OF_CODES)."""
    a, b = coders
    sample = create_sample(plan, title="Pilot", coder_a=a, coder_b=b, size=6,
                           statements=statements[:6], by=members[Role.COORDINATOR], seed=1)
    rows = sorted(sample.statements.all(), key=lambda s: s.pk)
    for s, (codes_a, codes_b) in zip(rows, PLAN_OF_CODES, strict=True):
        blind(sample, s, a, *sorted(codes_a))
        blind(sample, s, b, *sorted(codes_b))
    return sample
