"""Flows a person walks, in Debian's chromium driven by Playwright.

Skipped (with the reason) only where /usr/bin/chromium is not installed.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from wpsnap.conftest import PASSWORD, needs_chromium
from wpsnap.plans.models import Member, Plan, Role

SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
]

ENGLISH_UI = ["My plans", "Reference library", "WPS basics", "Log out", "Skip to main content",
              "Security issues", "Resolutions", "Pillars"]


@pytest.fixture
def coordinator(transactional_db, django_user_model):
    call_command("load_reference", verbosity=0)
    plan = Plan.objects.create(slug="kh-nap", title_en="Cambodia NAP-WPS",
                               title_km="ផែនការសកម្មភាពជាតិកម្ពុជា")
    user = django_user_model.objects.create_user("sreymom", "sreymom@example.org", PASSWORD)
    Member.objects.create(plan=plan, user=user, role=Role.COORDINATOR)
    return user


def test_log_in_switch_to_khmer_and_open_a_resolution(live_server, page, coordinator):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("sreymom")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/plans/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("My plans")

    page.get_by_role("button", name="ខ្មែរ").click()
    expect(page.locator("html")).to_have_attribute("lang", "km")
    body = page.locator("body").inner_text()
    for text in ENGLISH_UI:
        assert text not in body, f"English UI string {text!r} on the Khmer page"
    # The Khmer web font is served from this host and used.
    font = page.evaluate("() => getComputedStyle(document.querySelector('h1')).fontFamily")
    assert "Noto Sans Khmer" in font

    # The language sticks to the user: it survives a reload and a new page.
    page.goto(live_server.url + "/library/")
    expect(page.locator("html")).to_have_attribute("lang", "km")
    page.locator("a[href$='/library/resolutions/']").first.click()
    expect(page).to_have_url(re.compile(r"/library/resolutions/$"))
    page.locator("a[href*='UNSCR-2467']").first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("2467")
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "resolution-2467-km.png"), full_page=True)
    assert not page.console_errors, page.console_errors


def test_anonymous_visitor_reads_the_landmines_issue_in_english(live_server, page, coordinator):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/library/security-issues/")
    page.get_by_role("link", name=re.compile("Landmines")).first.click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("Landmines")
    expect(page.locator("main")).to_contain_text("CMAA")
    assert not page.console_errors, page.console_errors


AXE = Path(__file__).parent / "vendor" / "axe.min.js"  # axe-core 4.14 (MPL-2.0), tests only


def axe_violations(page) -> list[str]:
    """WCAG 2.x A/AA violations that axe-core finds on the current page."""
    page.add_script_tag(content=AXE.read_text(encoding="utf-8"))
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {runOnly: {type: 'tag',
            values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}});
        return r.violations.map(v => v.id + ' (' + v.impact + '): ' +
            v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '));
    }""")
    return result


@pytest.mark.parametrize("lang", ["en", "km"])
def test_main_pages_pass_axe_wcag_aa_checks(live_server, browser, coordinator, lang):
    """axe-core's automated WCAG 2.2 AA rules on the pages a coordinator walks through."""
    # axe is injected as a script, which the strict CSP would block: check with CSP bypassed.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("sreymom")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    page.locator(f"button[name=language][value={lang}]").click()
    problems = {}
    for path in ["/plans/", "/plans/kh-nap/", "/plans/kh-nap/members/",
                 "/plans/kh-nap/members/invite/", "/plans/kh-nap/audit/", "/library/",
                 "/library/learn/", "/library/resolutions/",
                 "/library/security-issues/landmines-erw/", "/library/provinces/"]:
        page.goto(live_server.url + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
