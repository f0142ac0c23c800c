"""The roles-and-responsibilities grid in a real browser, with the keyboard only: Tab into the
grid, arrow keys between cells, L / S / C / I / Delete to set roles (saved at once with htmx; a
new lead demotes the old one on screen too); and the coordination pages pass axe's WCAG AA
checks in both languages."""

import os
import re
from pathlib import Path

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Role

from ..models import Membership, Responsibility
from .fixtures_coordination import *  # noqa: F403 - fixtures

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))


def _roles():
    return {(r.organisation.name_en, (r.action or r.output).key): r.role
            for r in Responsibility.objects.select_related("organisation", "action", "output")}


def test_coordinator_sets_roles_in_the_grid_with_the_keyboard(live_server, page, plan, members,
                                                              orgs, framework):
    mowa, moi, cwn, unw = orgs
    a111 = framework["actions"][0]
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.goto(f"{live_server.url}/plans/{plan.slug}/plan/matrix/")
    # Rows (no roles yet): by name. Columns: 1.1, A-1.1.1, A-1.1.2, 2.1, A-2.1.1, A-2.1.2.
    assert page.locator("[data-no-js]").first.is_hidden()  # the plain form's Save button
    for _ in range(40):  # Tab from the top of the page into the grid's one tab stop
        page.keyboard.press("Tab")
        if page.evaluate("!!document.activeElement.closest('[data-matrix-grid]') && "
                         "document.activeElement.tagName === 'SELECT'"):
            break
    else:
        pytest.fail("Tab never reached the grid")

    def focused_cell() -> str:
        return page.evaluate("document.activeElement.closest('td') ? "
                             "document.activeElement.closest('td').id : ''")

    def press(key: str, cell: str, css: str):
        """Press `key` in the focused cell, wait for the saved cell and the focus back on it."""
        page.keyboard.press(key)
        page.wait_for_selector(f"#{cell}.{css}")
        page.wait_for_function(f"document.activeElement.closest('td') && "
                               f"document.activeElement.closest('td').id === '{cell}'")

    def cell(org, col) -> str:
        return f"cell-{org.pk}-{col}"

    out11 = f"o{framework['outputs'][0].pk}"
    a1, a2 = f"a{a111.pk}", f"a{framework['actions'][1].pk}"
    a4 = f"a{framework['actions'][3].pk}"
    a3 = f"a{framework['actions'][2].pk}"
    assert focused_cell() == cell(cwn, out11)
    press("l", cell(cwn, out11), "role-lead")
    page.keyboard.press("ArrowRight")
    press("s", cell(cwn, a1), "role-support")
    page.keyboard.press("ArrowDown")
    assert focused_cell() == cell(moi, a1)
    press("l", cell(moi, a1), "role-lead")
    page.keyboard.press("ArrowUp")
    press("L", cell(cwn, a1), "role-lead")  # the Cambodian Women's Network now leads …
    page.wait_for_selector(f"#{cell(moi, a1)}.role-support")  # … and MoI supports, on screen
    assert page.locator(f"#{cell(moi, a1)} select").input_value() == "support"
    assert "now leads A-1.1.1" in page.locator("#matrix-status").inner_text()
    page.keyboard.press("End")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")
    assert focused_cell() == cell(mowa, a4)
    press("i", cell(mowa, a4), "role-informed")
    page.keyboard.press("ArrowLeft")
    press("c", cell(mowa, a3), "role-consulted")
    page.keyboard.press("ArrowRight")
    press("Delete", cell(mowa, a4), "role-none")
    page.keyboard.press("Home")
    page.keyboard.press("ArrowDown")
    press("s", cell(unw, out11), "role-support")

    assert _roles() == {
        ("Cambodian Women's Network", "1.1"): "lead",
        ("Cambodian Women's Network", "A-1.1.1"): "lead",
        ("Ministry of Interior", "A-1.1.1"): "support",
        ("Ministry of Women's Affairs", "A-2.1.1"): "consulted",
        ("UN Women", "1.1"): "support",
    }
    # One tab stop in the grid (roving tabindex), on the cell last used.
    assert page.locator("[data-matrix-grid] select[tabindex='0']").count() == 1
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "matrix-grid.png"), full_page=True)
    # The page drawn again shows what was saved.
    page.reload()
    assert page.locator(f"#{cell(cwn, a1)} select").input_value() == "lead"
    # Choosing from the list (mouse or screen reader) saves at once too.
    page.locator(f"#{cell(unw, a2)} select").select_option("informed")
    page.wait_for_selector(f"#{cell(unw, a2)}.role-informed")
    assert _roles()[("UN Women", "A-1.1.2")] == "informed"
    assert page.console_errors == []


@pytest.mark.parametrize("lang", ["en", "km"])
def test_coordination_pages_pass_axe_checks(live_server, browser, plan, members, orgs, framework,
                                            mechanism, lang):
    from ..services.responsibilities import set_role

    mechanism["nsc"].name_km = "គណៈកម្មាធិការដឹកនាំជាតិស្តីពីស្ត្រី សន្តិភាព និងសន្តិសុខ"
    mechanism["nsc"].save()
    Membership.objects.create(body=mechanism["nsc"], organisation=orgs[0], role="chair")
    set_role(framework["actions"][0], orgs[0], "lead")
    set_role(framework["actions"][0], orgs[1], "support")
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.locator(f"button[name=language][value={lang}]").click()
    base = f"{live_server.url}/plans/{plan.slug}/plan/"
    problems = {}
    nsc = mechanism["nsc"].pk
    for path in ["coordination/", f"coordination/bodies/{nsc}/", "coordination/bodies/new/",
                 f"coordination/bodies/{nsc}/members/new/", "matrix/",
                 f"organisations/{orgs[0].pk}/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
        SHOTS.mkdir(parents=True, exist_ok=True)
        name = re.sub(r"[^a-z]+", "-", path).strip("-")
        page.screenshot(path=str(SHOTS / f"plan-{name}-{lang}.png"), full_page=True)
        if path == "coordination/":
            # The Khmer name is drawn in the SVG: its text has a width.
            box = page.locator("svg.body-diagram text.name").first.bounding_box()
            assert box and box["width"] > 40
    context.close()
    assert not problems, problems


def test_without_javascript_the_grid_is_a_plain_form(live_server, browser, plan, members, orgs,
                                                     framework):
    context = browser.new_context(java_script_enabled=False,
                                  viewport={"width": 1280, "height": 900})
    page = context.new_page()
    log_in(page, live_server.url, members[Role.COORDINATOR].username)
    page.goto(f"{live_server.url}/plans/{plan.slug}/plan/matrix/?show=all")
    a1 = framework["actions"][0]
    page.locator(f"#cell-{orgs[1].pk}-a{a1.pk} select").select_option("lead")
    page.locator(f"#cell-{orgs[2].pk}-a{a1.pk} select").select_option("support")
    page.get_by_role("button", name="Save changes").first.click()
    page.wait_for_url(re.compile(r"/matrix/\?show=all$"))
    assert "2 cells saved." in page.locator(".messages").inner_text()
    assert _roles() == {("Ministry of Interior", "A-1.1.1"): "lead",
                        ("Cambodian Women's Network", "A-1.1.1"): "support"}
    context.close()
