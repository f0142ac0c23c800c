"""Findings in a real browser: write one in both languages, attach Evidence from a search and see
its Strength change; the Findings pages pass axe's WCAG AA checks in both languages."""

import os
import re
from pathlib import Path

import pytest

from wpsnap.analysis.models import Evidence, Finding
from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Role

from .fixtures_findings import *  # noqa: F403 - fixtures
from .fixtures_findings import statements_of

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))




def test_analyst_writes_a_finding_and_attaches_evidence_from_search(
        live_server, page, plan, members, participants):
    from wpsnap.frameworks.models import SecurityIssue

    log_in(page, live_server.url, members[Role.ANALYST].username)
    page.goto(live_server.url + f"/plans/{plan.slug}/analyse/findings/")
    page.get_by_role("link", name="Write a Finding").click()
    page.get_by_label("Title (English)").fill("Landmines still block farmland")
    page.get_by_label("Title (Khmer)").fill("គ្រាប់មីននៅតែរារាំងដីស្រែ")
    page.get_by_label("Text (English)").fill("People in border provinces cannot farm safely.")
    landmines = SecurityIssue.objects.get(key="landmines-erw")
    page.get_by_label(landmines.label_en).check()
    # The filter box narrows the long list of Framework items (filter-items.js).
    page.get_by_label("Find a Framework item").fill("1325")
    visible = page.locator("#alignment-choices li[data-text]:visible")
    assert visible.count() >= 1
    assert all("1325" in (t or "") for t in visible.evaluate_all(
        "els => els.map(e => e.dataset.text)"))
    visible.first.locator("input").check()
    page.get_by_role("button", name="Write the Finding").click()
    page.wait_for_url(re.compile(r".*/findings/F-01/$"))
    assert page.locator("h1").inner_text().startswith("F-01")
    assert "Weak" in page.locator("#strength-h + p").inner_text()
    finding = Finding.objects.get(plan=plan)
    assert finding.alignments.count() == 1
    # Search, attach three Statements from three people in two groups.
    page.get_by_label("Find Statements to attach").fill("landmines")
    page.get_by_role("button", name="Search").click()
    for _i in range(3):
        page.get_by_role("button", name=re.compile(r"^Attach S-")).first.click()
        page.wait_for_load_state()
    assert Evidence.objects.filter(finding=finding).count() == 3
    # One more, found by a Khmer word ("safety").
    extra = statements_of(participants[0])[0]
    page.goto(live_server.url + f"/plans/{plan.slug}/analyse/findings/F-01/?q=សុវត្ថិភាព")
    page.get_by_role("button", name=f"Attach S-{extra.pk}", exact=True).click()
    page.wait_for_load_state()
    assert Evidence.objects.filter(finding=finding).count() == 4
    strength = page.locator("#strength-h + p").inner_text()
    assert "Moderate" in strength and "4 Statements" in strength
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "finding-detail.png"), full_page=True)
    page.goto(live_server.url + f"/plans/{plan.slug}/analyse/findings/F-01/edit/")
    page.screenshot(path=str(SHOTS / "finding-edit.png"), full_page=True)
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_findings_pages_pass_axe_checks(live_server, browser, plan, members, participants,
                                        new_finding, attach, lang):
    finding = new_finding("Women fear landmines", text_km="ស្ត្រីខ្លាចគ្រាប់មីន")
    attach(finding, [s for person in participants[:4] for s in statements_of(person)])
    from wpsnap.analysis.services.findings import update_finding

    update_finding(finding, by=members[Role.ANALYST], text_en="Women fear landmines on farms.")
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/analyse/findings/"
    problems = {}
    for path in ["", "new/", "F-01/", "F-01/?q=landmines", "F-01/edit/", "F-01/revisions/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
