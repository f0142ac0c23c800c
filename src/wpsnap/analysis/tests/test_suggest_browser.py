"""The assistant's page in a real browser: retrain with a click, see its quality, and pass the
axe WCAG 2.2 AA checks in both languages."""


import pytest
from django.core.management import call_command

from wpsnap.analysis.models import Coding, Suggester
from wpsnap.analysis.services.codebook import seed_codebook
from wpsnap.conftest import PASSWORD, log_in, needs_chromium
from wpsnap.consultations.models import Consultation
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Member, Plan, Role

from .fixtures_suggest import *  # noqa: F403 - the fixture isolated_media
from .fixtures_suggest import make_statements

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def assistant_plan(transactional_db, django_user_model, isolated_media):  # noqa: F811
    from wpsnap.analysis.models import Code

    call_command("load_reference", verbosity=0)
    plan = Plan.objects.create(slug="kh-nap", title_en="Cambodia NAP-WPS",
                               title_km="ផែនការសកម្មភាពជាតិកម្ពុជា", country="KH")
    analyst = django_user_model.objects.create_user("dara", "dara@example.org", PASSWORD)
    Member.objects.create(plan=plan, user=analyst, role=Role.ANALYST)
    seed_codebook(plan)
    fgd = Consultation.objects.create(plan=plan, slug="fgd", title_en="FGD",
                                      kind=Consultation.Kind.FOCUS_GROUP)
    codes = {c.key: c for c in Code.objects.filter(plan=plan)}
    Coding.objects.bulk_create(
        Coding(plan=plan, statement=s, code=codes[key], coder=analyst, start=0,
               end=len(s.text)) for s, key in make_statements(plan, fgd, variants=2))
    return plan




def test_retrain_and_read_the_quality(live_server, browser, assistant_plan):
    from playwright.sync_api import expect

    context = browser.new_context(viewport={"width": 1024, "height": 768})
    page = context.new_page()
    log_in(page, live_server.url, "dara")
    page.goto(f"{live_server.url}/plans/{assistant_plan.slug}/analyse/")
    page.get_by_role("navigation", name="Analyse").get_by_role("link", name="Assistant").click()
    expect(page.get_by_role("heading", name="Coding assistant")).to_be_visible()
    expect(page.get_by_text("not trained yet").first).to_be_visible()
    page.get_by_role("button", name="Retrain the assistant").click()
    expect(page.get_by_text("The assistant was retrained.")).to_be_visible()
    table = page.get_by_role("table", name="Quality per Code")
    expect(table).to_contain_text("landmines-erw")
    expect(page.get_by_text("macro-averaged F1")).to_be_visible()
    assert Suggester.objects.get().status == Suggester.Status.READY
    context.close()


@pytest.mark.parametrize("lang", ["en", "km"])
def test_assistant_page_passes_axe_checks(live_server, browser, assistant_plan, lang):
    from wpsnap.analysis.services.suggest import train_now

    train_now(assistant_plan)
    context = browser.new_context(bypass_csp=True, viewport={"width": 1024, "height": 768})
    page = context.new_page()
    log_in(page, live_server.url, "dara")
    page.locator(f"button[name=language][value={lang}]").click()
    page.goto(f"{live_server.url}/plans/{assistant_plan.slug}/analyse/assistant/")
    page.wait_for_load_state("networkidle")
    problems = axe_violations(page)
    context.close()
    assert not problems, problems
