"""The coding workspace in Debian's chromium (Playwright): ten Statements coded with the
keyboard only, a span selected with the mouse in a Khmer Statement (offsets checked in Python
characters, with an astral character before it), two suggestions accepted with `y` on Khmer
Statements, and axe's WCAG checks."""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command

from wpsnap.analysis.models import Coding
from wpsnap.analysis.queries.coding import code_list, number_codes
from wpsnap.analysis.services.codebook import seed_codebook
from wpsnap.conftest import PASSWORD, log_in, needs_chromium
from wpsnap.consultations.models import Consent, Consultation, Participant, Statement
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.plans.models import Member, Plan, Role

from .fixtures_suggest import isolated_media, make_statements  # noqa: F401 - a fixture

pytestmark = [pytest.mark.browser, needs_chromium]
SHOTS = Path(os.environ.get("WPSNAP_SCREENSHOT_DIR", "var/screenshots"))

ENGLISH = [
    "Women need safe transport to the market after dark.",
    "Landmines still block access to farmland near the border.",
    "Online scams target young people looking for work abroad.",
    "Floods hit women-headed households hardest every year.",
    "Few women sit on the commune council in our district.",
    "Girls leave school early to work in the garment factories.",
    "The police post is far and nobody answers the hotline at night.",
    "Returning migrants bring debts and sometimes violence home.",
    "Mine risk education happens when women are in the fields.",
    "Youth want a say in how the village budget is spent.",
]
KHMER_SPAN_WORD = "គ្រាប់មីន"
# An astral character (two UTF-16 code units, one Python character) and a Windows line break
# (which the browser shows as one "\n") before Khmer text.
KHMER_SPAN_TEXT = "ភូមិយើង៖\r\n📍 " + KHMER_SPAN_WORD + "នៅតែជាបញ្ហានៅក្បែរវាលស្រែ។"
KHMER_SUGGEST = [
    "នៅភូមិយើង ស្ត្រីនៅតែរកអុសក្បែរវាលស្រែដែលមិនទាន់បានបោសសម្អាតមីននៅឡើយ។",
    "ក្រោយការប៉ះទង្គិច គ្រួសារបានរកឃើញគ្រាប់មិនទាន់ផ្ទុះនៅក្បែរផ្ទះ ហើយខ្លាចមីន។",
]


@pytest.fixture
def workspace(transactional_db, django_user_model, isolated_media):  # noqa: F811
    call_command("load_reference", verbosity=0)
    plan = Plan.objects.create(slug="kh-nap", title_en="Cambodia NAP-WPS",
                               title_km="ផែនការសកម្មភាពជាតិកម្ពុជា", country="KH")
    analyst = django_user_model.objects.create_user("dara", "dara@example.org", PASSWORD)
    Member.objects.create(plan=plan, user=analyst, role=Role.ANALYST)
    seed_codebook(plan)
    fgd = Consultation.objects.create(plan=plan, slug="fgd-pailin", title_en="FGD in Pailin",
                                      title_km="ក្រុមពិភាក្សានៅប៉ៃលិន",
                                      kind=Consultation.Kind.FOCUS_GROUP)
    person = Participant.objects.create(plan=plan, code="P-0001", sex="female",
                                        age_band="25_34", stakeholder_group="women")
    Consent.objects.create(participant=person, given=True)
    english = [Statement.objects.create(plan=plan, consultation=fgd, participant=person,
                                        text=t, language="en", question="q_safety")
               for t in ENGLISH]
    span = Statement.objects.create(plan=plan, consultation=fgd, participant=person,
                                    text=KHMER_SPAN_TEXT, language="km",
                                    translation="Our village: landmines are still a problem.")
    suggest = [Statement.objects.create(plan=plan, consultation=fgd, participant=person,
                                        text=t, language="km") for t in KHMER_SUGGEST]
    return {"plan": plan, "analyst": analyst, "consultation": fgd, "english": english,
            "span": span, "suggest": suggest}




def new_page(browser, **options):
    context = browser.new_context(viewport={"width": 1024, "height": 768}, **options)
    page = context.new_page()
    errors = []
    page.on("console", lambda msg: errors.append(msg.text) if msg.type == "error" else None)
    page.on("response",
            lambda r: errors.append(f"{r.status} {r.url}") if r.status >= 400 else None)
    page.console_errors = errors
    return context, page


def statement_url(base, plan, statement, query=""):
    return f"{base}/plans/{plan.slug}/analyse/coding/statements/{statement.pk}/" + (
        f"?{query}" if query else "")


def test_code_ten_statements_with_the_keyboard_only(live_server, browser, workspace):
    from playwright.sync_api import expect

    plan, english = workspace["plan"], workspace["english"]
    numbered = [c.key for c in number_codes(code_list(plan)) if c.number]
    context, page = new_page(browser)
    log_in(page, live_server.url, "dara")
    query = "language=en&consultation=fgd-pailin"
    page.goto(f"{live_server.url}/plans/{plan.slug}/analyse/coding/?{query}")
    expect(page.get_by_role("status").filter(has_text="10 Statements in the queue")).to_be_visible()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "coding-queue.png"), full_page=True)
    page.get_by_role("link", name="Start coding").click()
    for i, statement in enumerate(english):
        expect(page).to_have_url(re.compile(rf"/coding/statements/{statement.pk}/\?"))
        expect(page.locator("#code-filter")).to_be_visible()  # the page's script has run
        page.keyboard.press(str(i % 9 + 1))
        expect(page.locator("#coding-status")).to_contain_text("Coded the whole Statement")
        expect(page.locator("#coding-panel .coding")).to_have_count(1)
        expect(page.locator("#coding-panel")).to_contain_text(
            f"{i + 1} of 10 Statements in this queue coded")
        if i < len(english) - 1:
            page.keyboard.press("n")
    codings = {c.statement_id: c for c in Coding.objects.filter(plan=plan)}
    assert len(codings) == 10
    for i, statement in enumerate(english):
        c = codings[statement.pk]
        assert c.code.key == numbered[i % 9]
        assert (c.start, c.end, c.sample_id, c.coder) == (0, len(statement.text), None,
                                                          workspace["analyst"])
    # Back with p, and the type-ahead: / then a Khmer label, Enter applies it.
    page.keyboard.press("p")
    expect(page).to_have_url(re.compile(rf"/coding/statements/{english[8].pk}/"))
    expect(page.locator("#code-filter")).to_be_visible()
    page.keyboard.press("/")
    expect(page.locator("#code-filter")).to_be_focused()
    page.keyboard.type("ការការពារ")  # "protection" in Khmer
    page.keyboard.press("Enter")
    expect(page.locator("#coding-panel .coding")).to_have_count(2)
    assert Coding.objects.filter(statement=english[8], code__key="protection").exists()
    assert not page.console_errors, page.console_errors
    page.wait_for_load_state("networkidle")
    context.close()


def test_select_a_span_of_a_khmer_statement_with_the_mouse(live_server, browser, workspace):
    from playwright.sync_api import expect

    plan, statement = workspace["plan"], workspace["span"]
    context, page = new_page(browser)
    log_in(page, live_server.url, "dara")
    page.goto(statement_url(live_server.url, plan, statement))
    expect(page.locator("#code-filter")).to_be_visible()  # the page's script has run
    start = KHMER_SPAN_TEXT.index(KHMER_SPAN_WORD)  # in Python characters
    end = start + len(KHMER_SPAN_WORD)
    # Where the word is drawn, in the segment that holds it (the line break is a segment).
    box = page.evaluate("""([word]) => {
        const el = Array.from(document.querySelectorAll('#statement-text [data-o]'))
            .find((e) => e.textContent.includes(word));
        const node = el.firstChild;
        const i = node.data.indexOf(word);
        const r = document.createRange();
        r.setStart(node, i); r.setEnd(node, i + word.length);
        const rects = r.getClientRects();
        const a = rects[0], b = rects[rects.length - 1];
        return {x1: a.left + 1, y1: a.top + a.height / 2, x2: b.right - 1, y2: b.top + b.height / 2,
                utf16: i};
    }""", [KHMER_SPAN_WORD])
    line = KHMER_SPAN_TEXT.index("📍")
    assert box["utf16"] == start - line + 1  # the astral character counts two in JS
    page.mouse.move(box["x1"], box["y1"])
    page.mouse.down()
    page.mouse.move((box["x1"] + box["x2"]) / 2, box["y1"], steps=5)
    page.mouse.move(box["x2"], box["y2"], steps=5)
    page.mouse.up()
    expect(page.locator("#selection-info")).to_contain_text(f"characters {start}–{end}")
    assert page.input_value("#apply-start") == str(start)
    assert page.input_value("#apply-end") == str(end)
    page.get_by_role("button", name=re.compile("Landmines")).first.click()
    expect(page.locator("#coding-status")).to_contain_text(f"Coded characters {start}–{end}")
    coding = Coding.objects.get(statement=statement)
    assert (coding.start, coding.end) == (start, end)
    assert statement.text[coding.start:coding.end] == KHMER_SPAN_WORD
    # The panel marks the span at the same offsets; the selection is kept for a second Code.
    expect(page.locator(f"#statement-text mark[data-o='{start}']")).to_have_text(KHMER_SPAN_WORD)
    page.keyboard.press("3")
    expect(page.locator("#coding-panel .coding")).to_have_count(2)
    assert Coding.objects.get(statement=statement, code__key="protection").start == start
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "coding-statement-km-span.png"), full_page=True)
    # "Code the whole Statement instead" goes back to the whole.
    page.get_by_role("button", name="Code the whole Statement instead").click()
    assert page.input_value("#apply-start") == ""
    assert not page.console_errors, page.console_errors
    page.wait_for_load_state("networkidle")
    context.close()


def test_accept_two_suggestions_on_khmer_statements_with_y(live_server, browser, workspace):
    from playwright.sync_api import expect

    from wpsnap.analysis.services.suggest import train_now

    plan = workspace["plan"]
    training = Consultation.objects.create(plan=plan, slug="training",
                                           kind=Consultation.Kind.SURVEY, title_en="Training")
    codes = {c.key: c for c in code_list(plan)}
    rows = make_statements(plan, training)
    Coding.objects.bulk_create(
        Coding(plan=plan, statement=s, code=codes[key], coder=workspace["analyst"], start=0,
               end=len(s.text)) for s, key in rows)
    suggester = train_now(plan)
    assert suggester.status == "ready", suggester.error

    context, page = new_page(browser)
    log_in(page, live_server.url, "dara")
    first, second = workspace["suggest"]
    page.goto(statement_url(live_server.url, plan, first, "language=km&consultation=fgd-pailin"))
    accepted = []
    for statement in (first, second):
        expect(page).to_have_url(re.compile(rf"/coding/statements/{statement.pk}/"))
        button = page.locator("#suggestions [data-accept]").first
        expect(button).to_be_visible()
        key = page.locator("#suggestions form input[name=code]").first.input_value()
        page.keyboard.press("y")
        expect(page.locator("#coding-panel")).to_contain_text("Accepted suggestion")
        accepted.append((statement.pk, key))
        if statement is first:
            page.keyboard.press("n")
    made = Coding.objects.filter(plan=plan, source=Coding.Source.SUGGESTION)
    assert sorted((c.statement_id, c.code.key) for c in made) == sorted(accepted)
    assert all(c.coder == workspace["analyst"] and c.statement.language == "km" for c in made)
    assert "landmines-erw" in {key for _pk, key in accepted}
    assert not page.console_errors, page.console_errors
    page.wait_for_load_state("networkidle")
    context.close()


@pytest.mark.parametrize("lang", ["en", "km"])
def test_coding_pages_pass_axe_checks(live_server, browser, workspace, lang):
    plan = workspace["plan"]
    context, page = new_page(browser, bypass_csp=True)
    log_in(page, live_server.url, "dara")
    page.locator(f"button[name=language][value={lang}]").click()
    problems = {}
    for url in [f"{live_server.url}/plans/{plan.slug}/analyse/coding/",
                statement_url(live_server.url, plan, workspace["span"])]:
        page.goto(url)
        page.wait_for_load_state("networkidle")
        found = axe_violations(page)
        if found:
            problems[url] = found
    page.wait_for_load_state("networkidle")
    context.close()
    assert not problems, problems
