"""Set-up in a real browser: create a Workshop, add Findings and a question, reorder, open it,
print the join card; the set-up pages pass axe's WCAG AA checks in English and Khmer."""

import re

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.validation.models import Workshop

from .fixtures_setup import (  # noqa: F401 - fixtures
    findings_fixture,
    vconsultation_fixture,
    workshop_fixture,
)

pytestmark = [pytest.mark.browser, needs_chromium, pytest.mark.django_db(transaction=True)]


def test_facilitator_sets_up_and_opens_a_workshop(live_server, page, plan, members, findings,
                                                  vconsultation):
    base = live_server.url
    log_in(page, base, "facilitator-user")
    page.goto(f"{base}/plans/{plan.slug}/validate/")
    page.get_by_role("link", name="New workshop").click()
    page.locator("#id_title_en").fill("Validation in Phnom Penh")
    page.get_by_label("Validation workshop (Consultation)").select_option(
        label="National validation workshop")
    assert page.get_by_label("Validation threshold").is_disabled()
    page.get_by_role("button", name="Create the Workshop").click()
    page.wait_for_url(re.compile(r"/agenda/add/$"))
    page.get_by_label("F-04").check()
    page.get_by_label("F-01").check()
    page.get_by_role("button", name="Add the chosen Findings").click()
    page.wait_for_url(re.compile(r"/validate/\d+/#agenda$"))
    agenda = page.locator("ol.agenda > li")
    assert agenda.count() == 2
    assert agenda.nth(0).inner_text().startswith("F-01")
    page.get_by_role("button", name="Move down F-01").click()
    assert page.locator("ol.agenda > li").nth(0).inner_text().startswith("F-04")
    page.get_by_role("button", name="Open the Workshop").click()
    assert page.get_by_text("The Workshop is open").is_visible()
    workshop = Workshop.objects.get(title_en="Validation in Phnom Penh")
    assert workshop.state == "open"
    assert page.get_by_text(workshop.join_code).first.is_visible()
    page.get_by_role("link", name="Printable join card").click()
    assert page.locator(".card-code").inner_text().strip().endswith(workshop.join_code)
    qr = page.locator("img.card-qr")
    assert qr.evaluate("img => img.complete && img.naturalWidth > 0")
    page.emulate_media(media="print")
    assert not page.locator(".site-header").is_visible()
    assert page.locator(".join-card").is_visible()
    assert not page.console_errors, page.console_errors


@pytest.mark.parametrize("lang", ["en", "km"])
def test_setup_pages_pass_axe(live_server, browser, plan, members, findings, workshop, lang):
    from wpsnap.validation.services import setup as services

    services.add_findings(workshop, [findings[0], findings[1]])
    services.add_question(workshop, "Which option?", "ជម្រើសណា?", [("A", "ក"), ("B", "ខ")])
    services.create_breakout(workshop, theme_en="Lessons learned", by=None)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, "coordinator-user")
    page.locator(f"button[name=language][value={lang}]").click()
    root = f"{live_server.url}/plans/{plan.slug}/validate/"
    problems = {}
    for path in ["", "new/", f"{workshop.pk}/", f"{workshop.pk}/edit/",
                 f"{workshop.pk}/agenda/add/", f"{workshop.pk}/breakouts/new/",
                 f"{workshop.pk}/card/", f"{workshop.pk}/agenda/"
                 f"{workshop.items.get(finding__isnull=True).pk}/edit/"]:
        page.goto(root + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
