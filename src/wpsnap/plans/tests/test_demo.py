from io import StringIO

from django.contrib.auth import get_user_model
from django.core.management import call_command

from wpsnap.plans.models import Member, Organisation, Plan, Role

DEMO_USERS = ["demo-coordinator", "demo-analyst", "demo-analyst-2", "demo-facilitator",
              "demo-focal-point", "demo-viewer"]


def test_load_demo_is_idempotent_and_prints_passwords_once(db):
    out = StringIO()
    call_command("load_demo", stdout=out)
    first = out.getvalue()
    assert "passwords are shown only this once" in first
    plan = Plan.objects.get(slug="cambodia-demo")
    assert plan.is_demo and "demo" in plan.title_en.lower()
    assert Organisation.objects.filter(plan=plan).count() >= 40
    types = set(Organisation.objects.filter(plan=plan).values_list("type", flat=True))
    assert len(types) == 9
    users = get_user_model().objects.filter(username__in=DEMO_USERS)
    assert users.count() == 6
    roles = set(Member.objects.filter(plan=plan).values_list("role", flat=True))
    assert roles == set(Role.values)
    fp = Member.objects.get(plan=plan, user__username="demo-focal-point")
    assert fp.organisation.abbreviation == "MoI"

    # The printed password works.
    line = next(li for li in first.splitlines() if li.strip().startswith("demo-coordinator"))
    password = line.split()[-1]
    assert get_user_model().objects.get(username="demo-coordinator").check_password(password)

    counts = (Organisation.objects.count(), Member.objects.count(),
              get_user_model().objects.count())
    out = StringIO()
    call_command("load_demo", stdout=out)
    assert "passwords are shown only this once" not in out.getvalue()
    assert (Organisation.objects.count(), Member.objects.count(),
            get_user_model().objects.count()) == counts


def test_demo_plan_has_coverage_targets_with_gaps(db):
    from wpsnap.consultations.models import CoverageTarget
    from wpsnap.consultations.queries import target_results

    call_command("load_demo", stdout=StringIO())
    plan = Plan.objects.get(slug="cambodia-demo")
    assert CoverageTarget.objects.filter(plan=plan).count() == 11
    results = target_results(plan)
    assert any(not r.met for r in results) and any(r.met for r in results)
    call_command("load_demo", stdout=StringIO())
    assert CoverageTarget.objects.filter(plan=plan).count() == 11
