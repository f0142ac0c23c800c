"""An analyst imports the Kobo sample with its XLSForm in Debian's chromium (Playwright).

Skipped (with the reason) only where /usr/bin/chromium is not installed. The live server runs
the import task inline (ImmediateBackend), so the progress page shows the finished report.
"""

import os
import re
from pathlib import Path

import pytest

from wpsnap.conftest import KOBO_SAMPLES, PASSWORD, needs_chromium
from wpsnap.consultations.models import Dataset, Participant, Statement
from wpsnap.plans.models import Member, Plan, Role

SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))

pytestmark = [
    pytest.mark.browser,
    needs_chromium,
    pytest.mark.skipif(not (KOBO_SAMPLES / "fgd_xml.xlsx").exists(),
                       reason="the shared Kobo samples are missing"),
]


@pytest.fixture
def media(settings, tmp_path):
    settings.MEDIA_ROOT = str(tmp_path / "media")
    settings.STORAGES = {**settings.STORAGES, "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(tmp_path / "media")}}}


@pytest.fixture
def analyst(transactional_db, django_user_model, media):
    from wpsnap.frameworks.services import load_reference

    load_reference()
    plan = Plan.objects.create(slug="kh-nap", title_en="Cambodia NAP-WPS",
                               title_km="ផែនការសកម្មភាពជាតិកម្ពុជា")
    user = django_user_model.objects.create_user("dara", "dara@example.org", PASSWORD)
    Member.objects.create(plan=plan, user=user, role=Role.ANALYST)
    return user


def test_analyst_uploads_the_kobo_sample_maps_it_and_reads_the_report(live_server, page,
                                                                       analyst):
    from playwright.sync_api import expect

    page.goto(live_server.url + "/accounts/login/")
    page.get_by_label("Username").fill("dara")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page).to_have_url(re.compile(r"/plans/$"))

    page.goto(live_server.url + "/plans/kh-nap/consult/imports/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Imported data files")
    page.get_by_role("link", name="Import a data file").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import a data file")
    page.get_by_label("Short name").fill("fgd-provinces-2026")
    page.get_by_label("Kind").select_option("focus_group")
    page.get_by_label("Title (English)").fill("Provincial focus groups on women's safety")
    page.get_by_label("Data file").set_input_files(str(KOBO_SAMPLES / "fgd_xml.xlsx"))
    page.get_by_label("XLSForm (optional)").set_input_files(str(KOBO_SAMPLES / "fgd_form.xlsx"))
    page.get_by_role("button", name="Upload and check the file").click()

    # The mapping page: format, columns and a proposed mapping with the free-text columns.
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Check the file and choose what to import")
    expect(page.locator("main")).to_contain_text("KoboToolbox")
    assert "fgd_xml" not in page.url  # only the dataset's id in the URL
    expect(page.get_by_role("checkbox", name=re.compile("what_works"))).to_be_checked()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "import-mapping.png"), full_page=True)

    page.get_by_role("button", name="Dry run: show what would change").click()
    expect(page.get_by_role("heading", name="What the import would do")).to_be_visible()
    assert Statement.objects.count() == 0

    page.get_by_role("button", name="Import", exact=True).click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Import")
    expect(page.get_by_role("heading", name="The import is finished")).to_be_visible()
    dataset = Dataset.objects.get()
    assert dataset.status == Dataset.Status.IMPORTED
    assert dataset.statements_new == Statement.objects.count() > 0
    assert dataset.participants_new == Participant.objects.count() > 0
    stats = page.locator(".stat-list").inner_text().replace(",", "")
    assert str(dataset.statements_new) in stats and str(dataset.participants_new) in stats
    page.screenshot(path=str(SHOTS / "import-report.png"), full_page=True)
    assert not page.console_errors, page.console_errors
