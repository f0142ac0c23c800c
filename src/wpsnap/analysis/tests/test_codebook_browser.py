"""The Codebook in Debian's chromium: an analyst merges a Code through the pages, and the pages
pass axe-core's WCAG 2.2 AA checks."""

import re

import pytest
from django.core.management import call_command

from wpsnap.conftest import PASSWORD, log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Member, Plan, Role

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def analyst(transactional_db, django_user_model):
    from wpsnap.analysis.services.codebook import seed_codebook

    call_command("load_reference", verbosity=0)
    plan = Plan.objects.create(slug="kh-nap", title_en="Cambodia NAP-WPS",
                               title_km="ផែនការសកម្មភាពជាតិកម្ពុជា")
    seed_codebook(plan)
    user = django_user_model.objects.create_user("dara", "dara@example.org", PASSWORD)
    Member.objects.create(plan=plan, user=user, role=Role.ANALYST)
    return user




def test_analyst_merges_a_code_in_the_browser(live_server, page, analyst):
    from playwright.sync_api import expect

    from wpsnap.analysis.models import Code

    log_in(page, live_server.url, "dara")
    page.goto(live_server.url + "/plans/kh-nap/analyse/codebook/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Codebook")
    page.get_by_role("link", name=re.compile("^Prevention")).first.click()
    page.get_by_role("link", name="Merge into another Code").click()
    page.get_by_label("Merge into").select_option(label="— Protection (protection)")
    page.get_by_role("button", name="Merge").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Protection")
    expect(page.locator(".messages")).to_contain_text("was merged into")
    page.goto(live_server.url + "/plans/kh-nap/analyse/codebook/")
    expect(page.locator("main")).to_contain_text("Merged Codes")
    prevention = Code.objects.get(plan__slug="kh-nap", key="prevention")
    assert prevention.merged_into.key == "protection"
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("lang", ["en", "km"])
def test_codebook_pages_pass_axe_checks(live_server, browser, analyst, lang):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, "dara")
    page.locator(f"button[name=language][value={lang}]").click()
    problems = {}
    base = "/plans/kh-nap/analyse/codebook/"
    for path in ["", "codes/protection/", "codes/protection/edit/", "codes/protection/merge/",
                 "codes/protection/split/", "new/", "import/", "import-codings/"]:
        page.goto(live_server.url + base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
