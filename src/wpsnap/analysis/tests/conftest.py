"""Shared fixtures of the Analyse tests (kept small; each part keeps its own in its modules)."""

import pytest

from wpsnap.consultations.tests.conftest import (  # noqa: F401 - fixtures re-exported
    ENGLISH_SENTENCES,
    KHMER_SENTENCES,
    add_statement,
    areas,
    consultation,
    participants,
    survey,
)


@pytest.fixture
def codebook(plan, areas):  # noqa: F811
    """The Plan's Codebook seeded from the reference library: {key: Code}."""
    from wpsnap.analysis.models import Code
    from wpsnap.analysis.services.codebook import seed_codebook

    seed_codebook(plan)
    return {code.key: code for code in Code.objects.filter(plan=plan)}


@pytest.fixture
def code_statement(plan, members):
    """code_statement(statement, key_or_code, coder=analyst, start=0, end=None) → a final Coding."""
    from wpsnap.analysis.models import Code, Coding
    from wpsnap.plans.models import Role

    def make(statement, code, coder=None, start=0, end=None, sample=None):
        if isinstance(code, str):
            code = Code.objects.get(plan=plan, key=code)
        return Coding.objects.create(
            plan=plan, statement=statement, code=code, coder=coder or members[Role.ANALYST],
            start=start, end=len(statement.text) if end is None else end, sample=sample)

    return make
