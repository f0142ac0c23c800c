"""The traceable chain in a real browser, as a new user would try it: open the trace of an
Action and reach the original Statement; open the trace of a validated Finding that nothing
answers and find it flagged on the gaps page."""

import re

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.plans.models import Role

from .fixtures_trace import *  # noqa: F403 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]


def test_from_an_action_to_the_statement_and_a_gap(live_server, page, chain, members):
    s1 = chain["statements"][0]
    f5 = chain["findings"]["F-05"]
    f5.status = "validated"
    f5.save()
    base = live_server.url
    log_in(page, base, members[Role.VIEWER].username)
    page.goto(base + "/plans/plan-a/plan/trace/actions/A-1.1.1/")
    assert page.locator("h1").inner_text() == "Trace of A-1.1.1"
    finding = page.locator("article.trace-finding").first
    assert "F-01" in finding.locator("h3").inner_text()
    assert "Women and girls · Battambang · Female" in finding.inner_text()
    finding.get_by_role("link", name=f"Open S-{s1.pk}").click()
    page.wait_for_url(re.compile(rf".*/statements/{s1.pk}/$"))
    assert s1.text in page.locator("main").inner_text()
    assert "P-1" not in page.content()
    # From the Statement back to the Action that answers it.
    page.get_by_role("link", name=f"Which Actions answer S-{s1.pk}").click()
    page.wait_for_url(re.compile(rf".*/plan/trace/statements/{s1.pk}/$"))
    assert page.get_by_role("link", name="A-1.1.1", exact=True).count() == 1

    # A validated Finding nothing answers: its trace says so, and the gaps page flags it.
    page.goto(base + "/plans/plan-a/analyse/findings/F-05/")
    page.get_by_role("link", name="Which Actions answer F-05").click()
    page.wait_for_url(re.compile(r".*/plan/trace/findings/F-05/$"))
    assert "Nothing in the plan answers this yet." in page.locator("main").inner_text()
    page.get_by_role("navigation", name="Plan").get_by_role("link", name="Gaps").click()
    page.wait_for_url(re.compile(r".*/plan/gaps/$"))
    flagged = page.locator('li[data-kind="finding_without_action"][data-object="F-05"]')
    assert flagged.count() == 1
    assert "validated, but no Action answers it" in flagged.inner_text()
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_trace_gaps_and_alignment_pass_axe_checks(live_server, browser, chain, members, lang):
    from wpsnap.core.tests.test_browser import axe_violations
    from wpsnap.frameworks.models import FrameworkItem

    chain["output"].alignments.add(FrameworkItem.objects.get(framework__key="asean-rpa-wps",
                                                             key="rpa-participation"))
    s1 = chain["statements"][0]
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.VIEWER].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/plan-a/plan/"
    problems = {}
    for path in ["trace/actions/A-1.1.1/", "trace/findings/F-01/", f"trace/statements/{s1.pk}/",
                 "trace/groups/?group=women", "gaps/", "alignment/",
                 "alignment/?framework=national"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
