"""Indicators in a real browser: a coordinator adopts a library entry onto an Output, sets its
baseline and a target in the one form, and sees the SMART hints change; the Indicator pages pass
axe's WCAG AA checks in both languages."""

import re

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Role

from ..models import Indicator
from ..services.library import load_library
from .fixtures_indicators import *  # noqa: F403

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def library(reference):
    load_library()


def test_coordinator_adopts_and_adapts_an_indicator(live_server, page, plan, members, output,
                                                    organisation, library):
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    base = f"{live_server.url}/plans/{plan.slug}/plan/indicators/"
    page.goto(base)
    page.get_by_role("link", name="pick one from the library").first.click()
    entry = page.locator("#entry-nap-women-commune-councillors")
    assert entry.locator("select").input_value() == "outcome:1"  # the link preselects it
    entry.locator("select").select_option("output:1.1")
    entry.get_by_role("button", name="Adopt").click()
    page.wait_for_url(re.compile(r".*/indicators/I-1/edit/$"))
    assert page.get_by_label("Title (English)").input_value() == \
        "Share of commune and sangkat council seats held by women"
    page.get_by_label("Baseline value").fill("21.8")
    page.get_by_label("Baseline year").fill("2022")
    page.get_by_label("Baseline source (English)").fill("National Election Committee, 2022")
    page.get_by_label("Target 2027", exact=True).fill("25")
    page.get_by_label("Target 2030", exact=True).fill("30")
    page.get_by_label("Reporting frequency").select_option("annual")
    page.get_by_label("Responsible Organisation").select_option(str(organisation.pk))
    page.get_by_role("button", name="Save").click()
    page.wait_for_url(re.compile(r".*/indicators/I-1/$"))
    assert "No SMART hints" in page.locator("#smart-h + *").inner_text()
    indicator = Indicator.objects.get(plan=plan)
    assert indicator.output == output and indicator.template.key == \
        "nap-women-commune-councillors"
    assert dict(indicator.targets.values_list("year", "value")) == {2027: 25, 2030: 30}
    page.goto(base)
    assert "21.8%" in page.locator("table").first.inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_indicator_pages_pass_axe_checks(live_server, browser, plan, members, indicator,
                                         library, lang):
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/plan/indicators/"
    problems = {}
    for path in ["", "?hint=missing_baseline", "new/", "I-1/", "I-1/edit/", "I-1/delete/",
                 "library/?pillar=participation",
                 "library/gi-women-in-parliament/adopt/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
