"""The validation report in a real browser: a facilitator accepts an Amendment into a Revision
from the report, a coordinator applies the outcome; the report pages pass axe's WCAG AA checks
in English and Khmer."""

import pytest

from wpsnap.analysis.models import Finding
from wpsnap.conftest import log_in, needs_chromium
from wpsnap.consultations.tests.conftest import areas  # noqa: F401 - fixture
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Role
from wpsnap.validation.models import Amendment, Comment

from .fixtures_report import *  # noqa: F403 - fixtures
from .fixtures_report import add_attendee, add_votes

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def held(workshop, areas):  # noqa: F811
    item = workshop.items_by_key["F-01"]
    add_votes(workshop, item, ["agree"] * 6, group="women", sex="female", area=areas["12"])
    add_votes(workshop, item, ["agree_with_changes"] * 2, group="youth", area=areas["02"])
    add_votes(workshop, item, ["disagree"])
    add_votes(workshop, workshop.items_by_key["Q-1"], ["a", "b", "b"])
    attendee = add_attendee(workshop, group="women")
    Comment.objects.create(attendee=attendee, item=item, text="Name the border provinces.",
                           state=Comment.State.APPROVED)
    Amendment.objects.create(attendee=attendee, item=item, language="en",
                             text="Women and girls in border districts fear landmines.",
                             state=Amendment.State.APPROVED)
    return workshop


def test_facilitator_accepts_an_amendment_and_coordinator_applies_the_outcome(
        live_server, page, plan, members, held):
    base = f"{live_server.url}/plans/{plan.slug}/validate/{held.pk}/report/"
    log_in(page, live_server.url, members[Role.FACILITATOR].username)
    page.goto(base)
    assert page.get_by_role("heading", name="The rule").is_visible()
    page.get_by_role("link", name="Decide on this amendment").click()
    assert page.get_by_label("Text (English)").input_value().startswith("Women and girls")
    page.get_by_label("Title (English)").fill("Landmines and ERW block farmland")
    page.get_by_role("button", name="Accept into a new revision").click()
    page.get_by_text("The amendment was accepted").wait_for()
    finding = Finding.objects.get(pk=held.items_by_key["F-01"].finding_id)
    assert finding.title_en == "Landmines and ERW block farmland"
    assert finding.revisions.count() == 2
    page.context.clear_cookies()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.goto(base)
    # 8 of 9 agree, plain agree dominates, but an amendment was accepted: amended
    page.get_by_role("button", name="Mark F-01 as “Amended”").click()
    page.get_by_text("F-01 is now “Amended”").wait_for()
    finding.refresh_from_db()
    assert finding.status == Finding.Status.AMENDED
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_report_pages_pass_axe_checks(live_server, browser, plan, members, held, lang):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/validate/{held.pk}/"
    amendment = Amendment.objects.get(item__workshop=held)
    problems = {}
    for path in ["report/", f"report/items/{held.items_by_key['F-01'].pk}/",
                 f"report/items/{held.items_by_key['Q-1'].pk}/",
                 f"amendments/{amendment.pk}/decide/"]:
        response = page.goto(base + path)
        assert response.status == 200, path
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
