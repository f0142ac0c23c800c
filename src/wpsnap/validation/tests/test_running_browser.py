"""The control panel and the projector in a real browser: the facilitator moves through the
agenda with htmx, the projector follows within seconds by polling the live fragment with
If-None-Match (304 when nothing changed, the page left as it is), and both pages pass axe's WCAG
AA checks in English and Khmer."""

import os
from pathlib import Path

import pytest

from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Role
from wpsnap.validation.models import AgendaItem, Vote
from wpsnap.validation.services import running, voting
from wpsnap.validation.views import running as running_views

from .fixtures_running import make_attendees_fixture, run_workshop_fixture  # noqa: F401

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))


@pytest.fixture
def not_modified(monkeypatch):
    """Count the live view's 304 answers (the live server runs in this process)."""
    count = {"n": 0}
    base = running_views.HttpResponseNotModified

    class Counting(base):
        def __init__(self, *args, **kwargs):
            count["n"] += 1
            super().__init__(*args, **kwargs)

    monkeypatch.setattr(running_views, "HttpResponseNotModified", Counting)
    return count


def test_facilitator_runs_the_agenda_and_the_projector_follows(
        live_server, browser, run_workshop, members, make_attendees, not_modified):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    panel = context.new_page()
    errors = []
    panel.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    log_in(panel, live_server.url, members[Role.FACILITATOR].username)
    base = f"{live_server.url}/plans/{run_workshop.plan.slug}/validate/{run_workshop.pk}"
    panel.goto(base + "/run/")
    panel.get_by_role("button", name="Start: first item").click()
    panel.locator("tr.current", has_text="F-01").wait_for()
    first = run_workshop.items.get(order=1)
    assert AgendaItem.objects.get(pk=first.pk).state == AgendaItem.State.OPEN

    projector = context.new_page()
    projector.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    statuses = []
    projector.on("response", lambda r: statuses.append(r.status) if "/run/live/" in r.url
                 else None)
    projector.on("response", lambda r: errors.append(f"{r.status} {r.url}")
                 if r.status >= 400 else None)
    projector.goto(base + "/projector/")
    assert projector.get_by_text("Results are shown when voting closes").is_visible()
    assert projector.locator("[lang=km]", has_text="ស្ត្រីនៅខេត្តជាប់ព្រំដែន").is_visible()
    # Mark the live region's content: a 304 must leave it in place (no swap).
    projector.evaluate("document.querySelector('.pj-item').dataset.probe = 'kept'")
    projector.wait_for_timeout(4500)
    assert not_modified["n"] >= 1, statuses
    assert 304 in statuses
    assert projector.locator(".pj-item[data-probe=kept]").count() == 1

    # Votes come in: the projector's count follows within ~2 s.
    people = make_attendees(run_workshop, 3)
    for person, choice in zip(people, ["agree", "agree", "disagree"], strict=True):
        voting.cast_vote(person, first, choice)
    projector.get_by_text("3 votes so far").wait_for(timeout=5000)
    assert projector.locator(".pj-item[data-probe=kept]").count() == 0  # repainted
    panel.locator("#panel td.num", has_text="3").wait_for(timeout=5000)  # the panel too

    # Close voting on the panel: the chart appears on the projector.
    panel.get_by_role("button", name="Close voting").click()
    panel.get_by_role("button", name="Reopen voting").wait_for()
    projector.locator("svg.pj-chart").wait_for(timeout=5000)
    assert "Agree 2; Agree with changes 0; Disagree 1; Not sure 0" in projector.locator(
        "#pj-chart-title").text_content()
    SHOTS.mkdir(parents=True, exist_ok=True)
    projector.screenshot(path=str(SHOTS / "validate-projector.png"))
    panel.screenshot(path=str(SHOTS / "validate-panel.png"), full_page=True)
    with pytest.raises(voting.VotingClosed):
        voting.cast_vote(make_attendees(run_workshop, 1)[0], first, Vote.Choice.AGREE)

    # Next: the projector moves to F-02; Previous is refused at the start.
    panel.get_by_role("button", name="Next").click()
    panel.locator("tr.current", has_text="F-02").wait_for()
    projector.locator(".pj-key", has_text="F-02").wait_for(timeout=5000)
    panel.get_by_role("button", name="Go to question 3").click()
    panel.locator("tr.current", has_text="Which coordination option").wait_for()
    assert panel.get_by_role("button", name="Next").is_disabled()
    context.close()
    assert not errors, errors


def _setup_screens(run_workshop, make_attendees):
    first = running.next_item(run_workshop)
    people = make_attendees(run_workshop, 4)
    for person in people:
        voting.cast_vote(person, first, "agree")
    comment = voting.add_comment(people[0], first, "Include young women from Pailin.")
    running.moderate(comment, "approve")
    voting.propose_amendment(people[1], first, "Women and girls in border districts.")
    return first


@pytest.mark.parametrize("lang", ["en", "km"])
def test_panel_projector_and_moderation_pass_axe(live_server, browser, run_workshop, members,
                                                 make_attendees, lang):
    user = members[Role.FACILITATOR]
    user.language = lang
    user.save()
    first = _setup_screens(run_workshop, make_attendees)
    # axe is injected as a script, which the strict CSP would block: check with CSP bypassed.
    context = browser.new_context(bypass_csp=True, viewport={"width": 1280, "height": 800})
    page = context.new_page()
    log_in(page, live_server.url, user.username)
    base = f"{live_server.url}/plans/{run_workshop.plan.slug}/validate/{run_workshop.pk}"
    problems = {}
    for path in ["/run/", "/projector/", "/run/moderation/"]:
        page.goto(base + path)
        found = axe_violations(page)
        if found:
            problems[path] = found
    running.close_item(first)  # the chart
    page.goto(base + "/projector/")
    page.locator("svg.pj-chart").wait_for()
    found = axe_violations(page)
    if found:
        problems["/projector/ (chart)"] = found
    context.close()
    assert not problems, problems


def test_why_the_script_sends_if_none_match_itself(live_server, browser, run_workshop, members,
                                                   not_modified):
    """The measurement behind projector.js. With `ETag` + `Cache-Control: no-cache` the browser's
    HTTP cache does revalidate a plain GET (the server answers 304), but the page's script then
    sees the cached 200 with the full body, so htmx would swap the same HTML in every 2 s
    (focus, scroll and screen readers disturbed). With If-None-Match set by the script, the 304
    reaches the script and the region is left alone."""
    running.next_item(run_workshop)
    context = browser.new_context()
    page = context.new_page()
    log_in(page, live_server.url, members[Role.FACILITATOR].username)
    live = f"/plans/{run_workshop.plan.slug}/validate/{run_workshop.pk}/run/live/"
    page.goto(live_server.url + "/plans/")
    seen = page.evaluate("""async (url) => {
        const out = [];
        for (let i = 0; i < 2; i++) {
            const r = await fetch(url);
            out.push([r.status, (await r.text()).length, r.headers.get('ETag')]);
        }
        const r = await fetch(url, {headers: {'If-None-Match': out[0][2]}});
        out.push([r.status, (await r.text()).length, r.headers.get('ETag')]);
        return out;
    }""", live)
    context.close()
    (first, cached, explicit) = seen
    assert first[0] == 200 and first[1] > 0
    assert cached[0] == 200 and cached[1] == first[1]  # the script sees a full 200 ...
    assert not_modified["n"] == 2  # ... although the server answered 304 (and then once more)
    assert explicit[0] == 304 and explicit[1] == 0
