"""Fixtures of the results framework tests: the reference library, Findings, a second
Organisation, and a small framework built through the services."""

import pytest

from wpsnap.plans.models import Member, Organisation, Role


@pytest.fixture
def reference(db):
    """The reference library (Pillars, Framework items, provinces)."""
    from wpsnap.frameworks.models import Pillar
    from wpsnap.frameworks.services import load_reference

    if not Pillar.objects.exists():
        load_reference()


@pytest.fixture
def findings(plan):
    """Three Findings of the Plan: F-01 validated, F-02 validated, F-03 draft."""
    from wpsnap.analysis.models import Finding

    rows = [("F-01", "Women are missing from village decisions", "validated"),
            ("F-02", "Survivors of violence find no shelter", "validated"),
            ("F-03", "Landmines still block farmland", "draft")]
    return [Finding.objects.create(plan=plan, number=n, key=key, title_en=title,
                                   text_en=f"{title}.", status=status)
            for n, (key, title, status) in enumerate(rows, start=1)]


@pytest.fixture
def other_org(plan):
    return Organisation.objects.create(plan=plan, name_en="Ministry of Interior",
                                       abbreviation="MoI", type="national_government")


@pytest.fixture
def third_org(plan):
    return Organisation.objects.create(plan=plan, name_en="UN Women", abbreviation="UNW",
                                       type="un_agency")


@pytest.fixture
def other_focal_point(plan, other_org, make_user):
    """A focal point of `other_org` (members' focal point acts for `organisation`)."""
    user = make_user("other-focal-point")
    Member.objects.create(plan=plan, user=user, role=Role.FOCAL_POINT, organisation=other_org)
    return user


@pytest.fixture
def coordinator(members):
    return members[Role.COORDINATOR]


@pytest.fixture
def framework(plan, coordinator, organisation, other_org):
    """Outcome 1 → Output 1.1 → Actions A-1.1.1 (led by `organisation`) and A-1.1.2 (led by
    `other_org`); Output 1.2 empty; Outcome 2 empty."""
    from wpsnap.planning.services import framework as services

    o1 = services.create_outcome(plan, by=coordinator, title_en="Women lead")
    o2 = services.create_outcome(plan, by=coordinator, title_en="Women are safe")
    p11 = services.create_output(o1, by=coordinator, title_en="Candidates trained")
    p12 = services.create_output(o1, by=coordinator, title_en="Quotas drafted")
    a1 = services.create_action(p11, by=coordinator, title_en="Train candidates",
                                lead=organisation, start_year=2026, end_year=2027)
    a2 = services.create_action(p11, by=coordinator, title_en="Mentor councillors",
                                lead=other_org)
    return {"o1": o1, "o2": o2, "p11": p11, "p12": p12, "a1": a1, "a2": a2}
