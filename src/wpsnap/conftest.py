"""Shared test fixtures: two Plans, a user for every role in the first, and an outsider."""

import pytest

from wpsnap.plans.models import Member, Organisation, Plan, Role

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test accounts only


@pytest.fixture
def make_user(django_user_model):
    def make(username, **extra):
        return django_user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password=PASSWORD, **extra)

    return make


@pytest.fixture
def plan(db):
    return Plan.objects.create(slug="plan-a", title_en="Plan A", title_km="ផែនការ A",
                               country="KH", period_start=2026, period_end=2030)


@pytest.fixture
def other_plan(db):
    return Plan.objects.create(slug="plan-b", title_en="Plan B", country="KH")


@pytest.fixture
def organisation(plan):
    return Organisation.objects.create(plan=plan, name_en="Ministry of Women's Affairs",
                                       abbreviation="MoWA", type="national_government")


@pytest.fixture
def members(plan, other_plan, organisation, make_user):
    """{role: user} for every role in `plan`, plus "outsider": a coordinator of `other_plan`."""
    users = {}
    for role in Role.values:
        user = make_user(f"{role}-user")
        Member.objects.create(plan=plan, user=user, role=role,
                              organisation=organisation if role == Role.FOCAL_POINT else None)
        users[role] = user
    outsider = make_user("outsider")
    Member.objects.create(plan=other_plan, user=outsider, role=Role.COORDINATOR)
    users["outsider"] = outsider
    return users


@pytest.fixture
def client_as(client, members):
    def login(who):
        client.force_login(members[who])
        return client

    return login


@pytest.fixture(autouse=True)
def _reset_language():
    """A request in Khmer leaves Khmer active in this thread; start every test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()
