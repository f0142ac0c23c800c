"""Fixtures of the Indicator tests: a small results framework (made with the ORM, so these tests
do not depend on the framework services), a second Organisation and its focal point, and one
Indicator made through the services."""

from decimal import Decimal

import pytest

from wpsnap.plans.models import Member, Organisation, Role

from ..models import Outcome, Output


@pytest.fixture
def outcome(plan):
    return Outcome.objects.create(plan=plan, number=1, key="1",
                                  title_en="Women take part in peace and security decisions")


@pytest.fixture
def output(outcome):
    return Output.objects.create(plan=outcome.plan, outcome=outcome, number=1, key="1.1",
                                 title_en="Women candidates are trained and supported")


@pytest.fixture
def foreign_output(other_plan):
    """An Output of the other Plan."""
    outcome = Outcome.objects.create(plan=other_plan, number=1, key="1", title_en="Elsewhere")
    return Output.objects.create(plan=other_plan, outcome=outcome, number=1, key="1.1",
                                 title_en="Elsewhere too")


@pytest.fixture
def second_org(plan):
    return Organisation.objects.create(plan=plan, name_en="Ministry of Interior",
                                       abbreviation="MoI", type="national_government")


@pytest.fixture
def second_focal_point(plan, second_org, make_user):
    """A focal point of `second_org` (the members' focal point acts for `organisation`)."""
    user = make_user("second-focal-point")
    Member.objects.create(plan=plan, user=user, role=Role.FOCAL_POINT, organisation=second_org)
    return user


@pytest.fixture
def indicator(plan, output, organisation, members):
    """I-1 on Output 1.1, `organisation` responsible, baseline 10 (2025), target 20 in 2027."""
    from ..services.indicators import create_indicator

    return create_indicator(
        plan, output=output, by=members[Role.COORDINATOR],
        title_en="Number of women candidates trained", title_km="ចំនួនបេក្ខជនស្ត្រីដែលបានបណ្តុះបណ្តាល",
        type="number", unit_en="women", unit_km="នាក់", baseline_value=Decimal("10"),
        baseline_year=2025, baseline_source_en="Training records", data_source_en="NEC",
        frequency="annual", responsible=organisation, targets={2027: Decimal("20")})


@pytest.fixture
def reference(db):
    from wpsnap.frameworks.models import Pillar
    from wpsnap.frameworks.services import load_reference

    if not Pillar.objects.exists():
        load_reference()
