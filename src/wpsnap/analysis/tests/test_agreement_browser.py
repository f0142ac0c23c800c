"""Agreement in a real browser: the coordinator makes a double-coding sample, reads the figures
once both coders finished, resolves the disagreements one after the other and closes the
sample; the Agreement pages pass axe's WCAG AA checks in both languages."""

import re

import pytest

from wpsnap.analysis.models import AgreementSample, Coding
from wpsnap.analysis.services.agreement import create_sample
from wpsnap.conftest import log_in, needs_chromium
from wpsnap.consultations.models import Statement
from wpsnap.core.tests.test_browser import SHOTS, axe_violations
from wpsnap.plans.models import Role

from .fixtures_agreement import *  # noqa: F403 - fixtures
from .fixtures_agreement import PLAN_OF_CODES, blind

pytestmark = [pytest.mark.browser, needs_chromium]




def test_coordinator_makes_resolves_and_closes_a_sample(live_server, page, plan, members,
                                                        participants, codebook, coders):
    a, b = coders
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.goto(live_server.url + f"/plans/{plan.slug}/analyse/agreement/")
    page.get_by_role("link", name="New sample").click()
    page.get_by_label("Title").fill("Pilot double coding")
    page.get_by_label("First coder").select_option(label=a.username)
    page.get_by_label("Second coder").select_option(label=b.username)
    page.get_by_label("Number of Statements").fill("6")
    page.get_by_label("Language").select_option("en")
    page.get_by_role("button", name="Make the sample").click()
    page.wait_for_url(re.compile(r".*/agreement/\d+/$"))
    sample = AgreementSample.objects.get(plan=plan)
    rows = sorted(sample.statements.all(), key=lambda s: s.pk)
    assert len(rows) == 6 and {s.language for s in rows} == {"en"}
    for s, (codes_a, codes_b) in zip(rows, PLAN_OF_CODES, strict=True):
        blind(sample, s, a, *sorted(codes_a))
        blind(sample, s, b, *sorted(codes_b))
    page.reload()
    assert page.get_by_role("table", name="Agreement per Code").is_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "agreement-detail.png"), full_page=True)
    page.get_by_role("link", name=re.compile(r"^S-")).first.click()
    page.wait_for_url(re.compile(r".*/resolve/\d+/$"))
    page.get_by_label(re.compile("Participation")).check()
    page.get_by_role("button", name=re.compile("next disagreement")).click()
    page.wait_for_url(re.compile(r".*/resolve/\d+/$"))
    page.screenshot(path=str(SHOTS / "agreement-resolve.png"), full_page=True)
    # the second disagreement starts with the agreed Code ticked
    assert page.get_by_label(re.compile("Prevention")).is_checked()
    assert not page.get_by_label(re.compile("Protection")).is_checked()
    page.get_by_role("button", name="Save the final coding").click()
    page.wait_for_url(re.compile(r".*/agreement/\d+/$"))
    page.get_by_role("button", name="Close the sample").click()
    page.wait_for_load_state()
    sample.refresh_from_db()
    assert sample.status == AgreementSample.Status.RESOLVED
    final = Coding.objects.filter(plan=plan, sample__isnull=True)
    assert final.filter(statement__in=rows).values("statement").distinct().count() == 6
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_agreement_pages_pass_axe_checks(live_server, browser, plan, members, participants,
                                         codebook, coders, lang):
    a, b = coders
    statements = list(Statement.objects.filter(plan=plan).order_by("id")[:6])
    sample = create_sample(plan, title="Pilot", coder_a=a, coder_b=b, size=6,
                           statements=statements, by=members[Role.COORDINATOR])
    for s, (codes_a, codes_b) in zip(statements, PLAN_OF_CODES, strict=True):
        blind(sample, s, a, *sorted(codes_a))
        blind(sample, s, b, *sorted(codes_b))
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/analyse/agreement/"
    problems = {}
    for path in ["", "new/", f"{sample.pk}/", f"{sample.pk}/resolve/{statements[2].pk}/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
