"""The results framework in a real browser: a coordinator adds an Action with a lead, two
supporting agencies, a budget line and two Findings it answers, and sees it on the framework
page with its lead and budget; the framework pages pass axe's WCAG AA checks."""

import os
import re
from decimal import Decimal
from pathlib import Path

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.planning.models import Action, Responsibility
from wpsnap.planning.services import framework as services
from wpsnap.plans.models import Role

from .fixtures_framework import *  # noqa: F403 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))


def test_coordinator_adds_an_action_with_lead_support_budget_and_findings(
        live_server, page, plan, members, framework, findings, organisation, other_org,
        third_org):
    base = f"{live_server.url}/plans/{plan.slug}/plan/"
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.goto(f"{live_server.url}/plans/{plan.slug}/")
    page.get_by_role("link", name="Plan", exact=True).click()  # the process nav
    page.wait_for_url(base)
    page.get_by_role("link", name="Add an Action to Output 1.2").click()
    page.get_by_label("Title (English)").fill("Open two shelters for survivors")
    page.get_by_label("Title (Khmer)").fill("បើកផ្ទះសុវត្ថិភាពពីរ")
    page.get_by_label("Lead organisation").select_option(label=str(organisation))
    supporting = page.locator("#supporting-choices")
    supporting.get_by_label(str(other_org)).check()
    supporting.get_by_label(str(third_org)).check()
    page.get_by_label("Start year").fill("2026")
    page.get_by_label("End year").fill("2028")
    # The search box narrows the Findings; pick two.
    page.get_by_label("Find a Finding").fill("shelter")
    visible = page.locator("#finding-choices li[data-text]:visible")
    assert visible.count() == 1
    visible.first.locator("input").check()
    page.get_by_label("Find a Finding").fill("")
    page.locator("#finding-choices li", has_text="F-01").locator("input").check()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "plan-action-form.png"), full_page=True)
    page.get_by_role("button", name="Add the Action").click()
    page.wait_for_url(re.compile(r".*/plan/actions/A-1\.2\.1/$"))
    # Budget line on the Action's page.
    page.get_by_label("Amount").fill("25000")
    page.get_by_label("Currency").select_option("USD")
    page.get_by_label("Source (English)").fill("National budget")
    page.get_by_label("Secured (committed)").check()
    page.get_by_role("button", name="Add the budget line").click()
    page.wait_for_url(re.compile(r".*/plan/actions/A-1\.2\.1/#budget$"))
    assert "25,000 USD" in page.locator(".budget-total").inner_text()
    assert organisation.name_en in page.locator("dd.lead-org").inner_text()
    supporters = page.locator("dd.supporting").inner_text()
    assert other_org.name_en in supporters and third_org.name_en in supporters
    assert "F-01" in page.locator(".finding-list").inner_text()
    assert "F-02" in page.locator(".finding-list").inner_text()
    page.screenshot(path=str(SHOTS / "plan-action-detail.png"), full_page=True)
    # On the framework page: its lead and budget.
    page.get_by_role("link", name="Back to the results framework").click()
    row = page.locator("#action-A-1\\.2\\.1")
    assert organisation.name_en in row.locator("td.lead-org").inner_text()
    assert "25,000 USD" in row.locator("td.budget").inner_text()
    assert row.locator("td.num").inner_text().strip() == "2"
    page.screenshot(path=str(SHOTS / "plan-framework.png"), full_page=True)
    action = Action.objects.get(plan=plan, key="A-1.2.1")
    assert set(action.findings.values_list("key", flat=True)) == {"F-01", "F-02"}
    assert dict(Responsibility.objects.filter(action=action).values_list(
        "organisation_id", "role")) == {organisation.pk: "lead", other_org.pk: "support",
                                        third_org.pk: "support"}
    assert action.budget_lines.get().amount == Decimal("25000")
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_framework_pages_pass_axe_checks(live_server, browser, plan, members, framework,
                                         findings, reference, lang):
    services.add_budget_line(framework["a1"], amount="100", currency="KHR")
    framework["a1"].findings.add(findings[0])
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/plan/"
    problems = {}
    for path in ["", "outcomes/new/", "outputs/1.1/edit/", "outputs/1.1/actions/new/",
                 "actions/A-1.1.1/", "actions/A-1.1.1/edit/", "actions/A-1.1.1/revisions/",
                 "outcomes/1/delete/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
