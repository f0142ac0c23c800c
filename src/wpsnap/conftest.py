"""Shared test fixtures: two Plans, a user for every role in the first, and an outsider."""

import os
from contextlib import contextmanager
from pathlib import Path

import pytest

from wpsnap.plans.models import Member, Organisation, Plan, Role

PASSWORD = "correct-horse-battery-staple"  # noqa: S105 - test accounts only

# The workplace's shared/ folder lies beside the repository (here and in CI's fresh clone).
SHARED = Path(os.environ.get("WPSNAP_SHARED_DIR",
                             Path(__file__).resolve().parents[3] / "shared"))
KOBO_SAMPLES = SHARED / "samples" / "kobo"

CHROMIUM = "/usr/bin/chromium"
needs_chromium = pytest.mark.skipif(
    not os.path.exists(CHROMIUM),
    reason="Debian's chromium is not installed (apt-get install chromium)")


@contextmanager
def load_demo_once(django_db_blocker, media, **settings):
    """Run `load_demo` once for a module-scoped fixture: inside one transaction that is rolled
    back when the block ends (each test runs in its own savepoint, as setUpTestData does).
    Yields (the demo Plan, what load_demo printed)."""
    import io

    from django.core.management import call_command
    from django.db import transaction
    from django.test import override_settings

    with django_db_blocker.unblock():
        outer = transaction.atomic()
        outer.__enter__()
        try:
            with override_settings(MEDIA_ROOT=str(media), **settings):
                out = io.StringIO()
                call_command("load_demo", stdout=out)
            plan = Plan.objects.get(slug="cambodia-demo")
        except BaseException:
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)
            raise
    try:
        yield plan, out.getvalue()
    finally:
        with django_db_blocker.unblock():
            transaction.set_rollback(True)
            outer.__exit__(None, None, None)


def log_in(page, base: str, username: str, password: str = PASSWORD) -> None:
    """Log in through the login form (browser tests) and wait to land on "My plans"."""
    import re

    page.goto(base + "/accounts/login/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(password)
    page.get_by_role("button", name="Log in").click()
    page.wait_for_url(re.compile(r"/plans/"))


@pytest.fixture
def make_user(django_user_model):
    def make(username, **extra):
        return django_user_model.objects.create_user(
            username=username, email=f"{username}@example.org", password=PASSWORD, **extra)

    return make


@pytest.fixture
def plan(db):
    return Plan.objects.create(slug="plan-a", title_en="Plan A", title_km="ផែនការ A",
                               country="KH", period_start=2026, period_end=2030)


@pytest.fixture
def other_plan(db):
    return Plan.objects.create(slug="plan-b", title_en="Plan B", country="KH")


@pytest.fixture
def organisation(plan):
    return Organisation.objects.create(plan=plan, name_en="Ministry of Women's Affairs",
                                       abbreviation="MoWA", type="national_government")


@pytest.fixture
def members(plan, other_plan, organisation, make_user):
    """{role: user} for every role in `plan`, plus "outsider": a coordinator of `other_plan`."""
    users = {}
    for role in Role.values:
        user = make_user(f"{role}-user")
        Member.objects.create(plan=plan, user=user, role=role,
                              organisation=organisation if role == Role.FOCAL_POINT else None)
        users[role] = user
    outsider = make_user("outsider")
    Member.objects.create(plan=other_plan, user=outsider, role=Role.COORDINATOR)
    users["outsider"] = outsider
    return users


@pytest.fixture
def client_as(client, members):
    def login(who):
        client.force_login(members[who])
        return client

    return login


@pytest.fixture(autouse=True)
def _reset_language():
    """A request in Khmer leaves Khmer active in this thread; start every test in English."""
    from django.utils import translation

    translation.activate("en")
    yield
    translation.deactivate()


@pytest.fixture(autouse=True)
def _clear_cache():
    """Start every test with an empty cache: rate-limit counters (and anything else cached)
    must not carry over from one test to the next."""
    from django.core.cache import cache

    cache.clear()


@pytest.fixture(scope="module")
def browser():
    """Debian's chromium driven by Playwright (never a downloaded browser)."""
    # Playwright's sync API runs an event loop in this thread; the ORM calls the test makes
    # itself (fixtures) are still synchronous and safe.
    os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        browser = pw.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                  "--disable-background-networking", "--disable-component-update",
                  "--disable-sync"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser):
    """A phone-sized page that records console errors and failed responses."""
    context = browser.new_context(viewport={"width": 390, "height": 844})
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response", lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.console_errors = errors
    yield page
    context.close()
