"""The public front on a 360-px phone in Debian's chromium: join by code, vote with the
script (it says "Saved"), change the vote, comment, follow the facilitator, no horizontal
scroll, and axe's WCAG checks in English and Khmer."""

import re

import pytest

from wpsnap.conftest import needs_chromium
from wpsnap.core.tests.test_browser import SHOTS, axe_violations
from wpsnap.validation.models import Comment, Vote

from .fixtures_public import findings, items, workshop  # noqa: F401

pytestmark = [pytest.mark.browser, needs_chromium]


@pytest.fixture
def phone(browser):
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="en-GB",
                                  has_touch=True, is_mobile=True)
    page = context.new_page()
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.console_errors = errors
    yield page
    context.close()


def no_horizontal_scroll(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.django_db(transaction=True)
def test_join_vote_change_comment_and_follow_on_a_360px_phone(live_server, phone, plan,
                                                               findings):  # noqa: F811
    from .fixtures_public import workshop as make_workshop

    ws = make_workshop.__wrapped__(plan, findings)
    first, second, _question = items(ws)
    page = phone
    page.goto(live_server.url + "/join/")
    assert no_horizontal_scroll(page)
    page.get_by_label("Join code").fill(ws.join_code.lower())
    page.get_by_role("button", name="Join").click()
    page.wait_for_url(re.compile(r"/w/KQ7M3XPA/$"))
    assert no_horizontal_scroll(page)
    page.get_by_label("English").check()
    page.get_by_role("button", name="Join the workshop").click()
    page.wait_for_url(re.compile(rf"/items/{first.pk}/$"))
    assert no_horizontal_scroll(page)

    agree = page.get_by_role("button", name="Agree", exact=True)
    agree.click()
    status = page.locator("#vote .save-status")
    status.filter(has_text="Saved").wait_for()
    assert agree.get_attribute("aria-pressed") == "true"
    assert Vote.objects.get().choice == "agree"
    page.get_by_role("button", name="Agree with changes").click()
    page.locator("button[value=agree_with_changes][aria-pressed=true]").wait_for()
    assert "Saved" in status.inner_text()
    assert agree.get_attribute("aria-pressed") == "false"
    assert Vote.objects.count() == 1 and Vote.objects.get().choice == "agree_with_changes"

    page.get_by_label("Your comment").fill("Add young women from the border provinces.")
    page.get_by_role("button", name="Send comment").click()
    page.locator("#comment .save-status").filter(has_text="saved").wait_for()
    assert Comment.objects.get().text == "Add young women from the border provinces."
    assert page.get_by_label("Your comment").input_value() == ""
    assert no_horizontal_scroll(page)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "attend-item-360.png"), full_page=True)

    # The facilitator moves on: the phone follows within a few seconds.
    from wpsnap.validation.services.running import go_to

    go_to(ws, second, by=None)
    page.wait_for_url(re.compile(rf"/items/{second.pk}/$"), timeout=8000)
    assert page.get_by_role("heading", level=1).inner_text().startswith("F-02")
    assert not page.console_errors, page.console_errors


@pytest.mark.django_db(transaction=True)
@pytest.mark.parametrize("lang", ["en", "km"])
def test_public_pages_pass_axe_checks(live_server, browser, plan, findings, lang):  # noqa: F811
    from .fixtures_public import workshop as make_workshop

    ws = make_workshop.__wrapped__(plan, findings)
    Workshop = type(ws)
    Workshop.objects.filter(pk=ws.pk).update(priority_points=5)
    first = items(ws)[0]
    context = browser.new_context(bypass_csp=True, viewport={"width": 360, "height": 740})
    page = context.new_page()
    page.goto(live_server.url + "/join/")
    problems = {}
    found = axe_violations(page)
    if found:
        problems["/join/"] = found
    page.goto(live_server.url + f"/w/{ws.join_code}/")
    page.locator(f"input[name=language][value={lang}]").check()
    page.locator("form.attend-form button[type=submit]").click()
    page.wait_for_url(re.compile(rf"/items/{first.pk}/$"))
    for path in [f"/w/{ws.join_code}/", f"/w/{ws.join_code}/items/{first.pk}/",
                 f"/w/{ws.join_code}/about-you/", f"/w/{ws.join_code}/priorities/"]:
        page.goto(live_server.url + path)
        assert page.locator("html").get_attribute("lang") == lang
        found = axe_violations(page)
        if found:
            problems[path] = found
    context.close()
    assert not problems, problems
