"""Helpers shared by the Findings tests."""

import pytest

from wpsnap.analysis.services import findings as services
from wpsnap.plans.models import Role


@pytest.fixture
def analyst(members):
    return members[Role.ANALYST]


@pytest.fixture
def new_finding(plan, analyst):
    def make(title="Women fear landmines on farmland", **extra):
        return services.create_finding(plan, by=analyst, title_en=title,
                                       text_en=extra.pop("text_en", "Text."), **extra)

    return make


@pytest.fixture
def attach(analyst):
    def attach_all(finding, statements):
        return [services.attach_evidence(finding, s, by=analyst) for s in statements]

    return attach_all


def statements_of(participant, consultation=None):
    qs = participant.statements.order_by("id")
    if consultation is not None:
        qs = qs.filter(consultation=consultation)
    return list(qs)
