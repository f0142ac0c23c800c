"""Acceptance of Validate, tried as the people in the room would, in Debian's chromium: a
facilitator on a laptop and five participants on 360-px phones (three in Khmer, two in
English) who join by typing the code, vote with the buttons named Agree / Agree with changes /
Disagree / Not sure (their Khmer names in Khmer), change a vote, comment and propose new
wording; the phones follow the facilitator's Next; the facilitator closes voting and sees the
counts; an amendment is accepted into a Revision; the validation report shows the votes by
group. The participant's item page in Khmer passes axe's WCAG AA checks.

Every visible label is looked up through gettext (in Khmer for the Khmer phones), so the test
reads the page as each person does and keeps passing when the Khmer catalogue changes.
"""

import re

import pytest
from django.core.cache import cache
from django.utils import translation
from django.utils.translation import gettext

from wpsnap.analysis.models import Finding, Revision
from wpsnap.conftest import log_in, needs_chromium
from wpsnap.core.tests.test_browser import axe_violations
from wpsnap.frameworks.models import Area
from wpsnap.plans.models import Role
from wpsnap.validation.models import AgendaItem, Amendment, Comment, Vote

pytestmark = [pytest.mark.browser, needs_chromium]

PHONE = {"width": 360, "height": 740}
FOLLOW_TIMEOUT = 12_000  # ms: the phones poll every 2 s; generous for a busy test machine


def t(message: str, lang: str) -> str:
    """A UI string as a person reading `lang` sees it."""
    with translation.override(lang):
        return gettext(message)


def choice_name(choice: str, lang: str) -> str:
    with translation.override(lang):
        return str(Vote.Choice(choice).label)


@pytest.fixture(autouse=True)
def _fresh_rate_limits():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture
def open_workshop(plan, members):
    """An open Workshop (follow mode, results hidden until an item closes) with two Findings in
    both languages on its agenda; nothing on screen yet."""
    from wpsnap.consultations.models import Consultation
    from wpsnap.frameworks.services import load_reference
    from wpsnap.validation.services.setup import add_findings, create_workshop
    from wpsnap.validation.services.setup import open_workshop as open_it

    load_reference()
    analyst = members[Role.ANALYST]
    findings = [
        Finding.objects.create(
            plan=plan, number=1, key="F-01", status=Finding.Status.PRESENTED,
            title_en="Women in border districts farm near uncleared land",
            title_km="ស្ត្រីនៅស្រុកជាប់ព្រំដែនធ្វើស្រែក្បែរដីដែលមិនទាន់បោសសម្អាតមីន",
            text_en="Women still collect firewood and farm near fields never cleared of mines.",
            text_km="ស្ត្រីនៅតែរកអុស និងធ្វើស្រែក្បែរវាលដែលមិនទាន់បានបោសសម្អាតមីន។",
            created_by=analyst),
        Finding.objects.create(
            plan=plan, number=2, key="F-02", status=Finding.Status.PRESENTED,
            title_en="Evacuation sites lacked privacy for women and girls",
            title_km="ទីតាំងជម្លៀសខ្វះភាពឯកជនសម្រាប់ស្ត្រី និងក្មេងស្រី",
            text_en="There were no separate toilets and no light at night.",
            text_km="គ្មានបង្គន់ដាច់ដោយឡែក និងគ្មានភ្លើងបំភ្លឺនៅពេលយប់។",
            created_by=analyst),
    ]
    for finding in findings:
        Revision.objects.create(finding=finding, number=1, author=analyst,
                                title_en=finding.title_en, title_km=finding.title_km,
                                text_en=finding.text_en, text_km=finding.text_km)
    consultation = Consultation.objects.create(
        plan=plan, slug="validation-pp", kind=Consultation.Kind.VALIDATION_WORKSHOP,
        title_en="National validation workshop, Phnom Penh")
    workshop = create_workshop(plan, consultation=consultation, by=members[Role.FACILITATOR],
                               title_en="Validation of the findings",
                               title_km="ការផ្តល់សុពលភាពលើការរកឃើញ",
                               navigation="follow", results_hidden=True)
    add_findings(workshop, findings)
    return open_it(workshop, by=members[Role.FACILITATOR])


class Phone:
    """One participant's browser context on a 360-px phone."""

    def __init__(self, browser, base, lang, *, bypass_csp=False):
        headers = {"Accept-Language": "km" if lang == "km" else "en"}
        self.context = browser.new_context(viewport=PHONE, locale="km-KH" if lang == "km"
                                           else "en-GB", extra_http_headers=headers,
                                           bypass_csp=bypass_csp, is_mobile=True,
                                           has_touch=True)
        self.page = self.context.new_page()
        self.errors = []
        self.page.on("console", lambda m: self.errors.append(m.text)
                     if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.errors.append(str(e)))
        self.base, self.lang = base, lang

    def join(self, code: str, **profile):
        """Type the code into the field labelled "Join code", choose the language, say who
        you are (optional) and join."""
        from playwright.sync_api import expect

        page, lang = self.page, self.lang
        page.goto(self.base + "/join/")
        page.get_by_label(t("Join code", lang)).fill(code)
        page.get_by_role("button", name=t("Join", lang), exact=True).click()
        expect(page).to_have_url(re.compile(r"/w/[A-Z0-9]+/$"))
        page.get_by_label("ខ្មែរ" if lang == "km" else "English", exact=True).check()
        labels = {"stakeholder_group": "You are here as (optional)", "sex": "Sex (optional)",
                  "age_band": "Age (optional)", "area": "Province you live in (optional)"}
        for name, value in profile.items():
            page.get_by_label(t(labels[name], lang)).select_option(str(value))
        page.get_by_role("button", name=t("Join the workshop", lang)).click()
        expect(page.locator("html")).to_have_attribute("lang", lang)

    def button(self, choice: str):
        return self.page.get_by_role("button", name=choice_name(choice, self.lang), exact=True)

    def vote(self, choice: str):
        """Tap a vote button and wait until the page says it is saved (aria-pressed)."""
        from playwright.sync_api import expect

        self.button(choice).click()
        expect(self.button(choice)).to_have_attribute("aria-pressed", "true")

    def on_item(self, item, timeout=FOLLOW_TIMEOUT):
        from playwright.sync_api import expect

        expect(self.page).to_have_url(re.compile(rf"/items/{item.pk}/$"), timeout=timeout)


def _wait_for(condition, page, what: str, tries: int = 40):
    """Poll the database (written by the live server) while the browser works."""
    for _i in range(tries):
        if condition():
            return
        page.wait_for_timeout(250)
    raise AssertionError(f"never happened: {what}")


def test_a_workshop_on_phones_from_joining_to_the_report(live_server, browser, plan, members,
                                                         open_workshop):
    from playwright.sync_api import expect

    base, workshop = live_server.url, open_workshop
    first, second = list(workshop.items.order_by("order"))
    areas = {a.code: a.pk for a in Area.objects.filter(country="KH", code__in=["12", "02", "22"])}

    # --- The facilitator opens the control panel on the laptop ---------------------------------
    laptop = browser.new_context(viewport={"width": 1280, "height": 900})
    desk = laptop.new_page()
    desk_errors = []
    desk.on("console", lambda m: desk_errors.append(m.text) if m.type == "error" else None)
    log_in(desk, base, members[Role.FACILITATOR].username)
    panel = f"{base}/plans/{plan.slug}/validate/{workshop.pk}/run/"
    desk.goto(panel)
    expect(desk.locator("#panel")).to_contain_text(workshop.join_code)

    # --- Five participants join by typing the code (three in Khmer, two in English) -----------
    people = [
        ("km", {"stakeholder_group": "women", "sex": "female", "area": areas["22"]}, True),
        ("km", {"stakeholder_group": "women", "sex": "female", "age_band": "35_44",
                "area": areas["02"]}, False),
        ("km", {"stakeholder_group": "subnational", "sex": "male", "area": areas["22"]}, False),
        ("en", {"stakeholder_group": "civil_society", "sex": "female", "area": areas["12"]},
         False),
        ("en", {}, False),  # says nothing about themself
    ]
    phones = []
    for n, (lang, profile, axe) in enumerate(people):
        phone = Phone(browser, base, lang, bypass_csp=axe)
        # as typed from the projector: lower case, or with a space in the middle
        code = workshop.join_code.lower() if n % 2 else \
            f"{workshop.join_code[:4]} {workshop.join_code[4:]}"
        phone.join(code, **profile)
        phones.append(phone)
    assert workshop.attendees.count() == 5
    assert workshop.attendees.filter(language="km").count() == 3
    assert workshop.attendees.filter(stakeholder_group="women").count() == 2
    km1, km2, km3, en1, en2 = phones
    # Nothing is on screen yet: the phones wait on the agenda page.
    for phone in phones:
        expect(phone.page).to_have_url(re.compile(rf"/w/{workshop.join_code}/$"))

    # --- The facilitator starts: every phone follows to the first Finding ----------------------
    desk.locator("#ctl-next").click()  # "Start: first item"
    expect(desk.locator("#panel")).to_contain_text("F-01")
    for phone in phones:
        phone.on_item(first)
    expect(km1.page.get_by_role("heading", level=1)).to_contain_text(
        "ស្ត្រីនៅស្រុកជាប់ព្រំដែន")
    expect(en1.page.get_by_role("heading", level=1)).to_contain_text("Women in border")
    # The four vote buttons carry their names in each phone's language.
    for phone in (km1, en1):
        for choice in Vote.Choice.values:
            expect(phone.button(choice)).to_be_visible()

    # --- Votes on F-01; one participant changes their vote --------------------------------------
    km1.vote("agree")
    km2.vote("agree_with_changes")
    km3.vote("agree")
    en1.vote("disagree")
    en2.vote("not_sure")
    en1.vote("agree")  # changed their mind: the vote is replaced, not added
    expect(en1.button("disagree")).to_have_attribute("aria-pressed", "false")
    votes = Vote.objects.filter(item=first)
    assert votes.count() == 5
    assert sorted(votes.values_list("choice", flat=True)) == [
        "agree", "agree", "agree", "agree_with_changes", "not_sure"]

    # --- A comment in Khmer and new wording in English ------------------------------------------
    km2.page.get_by_label(t("Your comment", "km")).fill(
        "សូមបញ្ជាក់ថា ស្ត្រីមេម៉ាយងាយរងគ្រោះជាងគេ។")
    km2.page.get_by_role("button", name=t("Send comment", "km")).click()
    new_title = "Women and girls in border districts farm near uncleared land"
    en2.page.get_by_label(t("New wording of this finding", "en")).fill(
        new_title + ". Girls collect firewood too.")
    en2.page.get_by_role("button", name=t("Send new wording", "en")).click()
    _wait_for(lambda: Comment.objects.filter(item=first).count() == 1
              and Amendment.objects.filter(item=first).count() == 1, en2.page,
              "the comment and the amendment are saved")
    comment = Comment.objects.get(item=first)
    assert comment.language == "km" and comment.state == Comment.State.PENDING
    amendment = Amendment.objects.get(item=first)
    assert amendment.language == "en"

    # The Khmer item page passes axe's WCAG AA checks (the phone with CSP bypassed for axe).
    problems = axe_violations(km1.page)
    assert not problems, problems

    # --- Next: the phones move on by themselves -------------------------------------------------
    desk.locator("#ctl-next").click()
    expect(desk.locator(".run-current")).to_contain_text("F-02")
    for phone in phones:
        phone.on_item(second)
    assert Vote.objects.filter(item=second).count() == 0
    for phone, choice in zip(phones, ["agree", "agree", "disagree", "agree_with_changes",
                                      "agree"], strict=True):
        phone.vote(choice)

    # --- The facilitator closes voting and sees the counts --------------------------------------
    desk.locator("#ctl-toggle").click()  # "Close voting"
    expect(desk.locator(".run-current")).to_contain_text(
        str(AgendaItem.State.CLOSED.label))
    expect(desk.locator(".run-current")).to_contain_text("5 votes")
    second.refresh_from_db()
    assert second.state == AgendaItem.State.CLOSED
    # The phones see that voting closed: the buttons are disabled, no vote can land any more.
    closed_text = t("Voting on this finding is closed", "km")
    expect(km1.page.locator("#vote")).to_contain_text(closed_text, timeout=FOLLOW_TIMEOUT)
    expect(km1.button("agree")).to_be_disabled()
    # Results were hidden while voting was open; now the projector shows the counts.
    projector = laptop.new_page()
    projector.goto(f"{base}/plans/{plan.slug}/validate/{workshop.pk}/projector/")
    chart = projector.locator(".pj-chart title")
    expect(chart).to_contain_text("5 votes")
    expect(chart).to_contain_text("Agree 3")
    expect(chart).to_contain_text("Disagree 1")
    expect(chart).to_contain_text("Agree with changes 1")

    # --- After the workshop: the amendment is accepted into a Revision -------------------------
    desk.goto(f"{base}/plans/{plan.slug}/validate/{workshop.pk}/report/items/{first.pk}/")
    desk.get_by_role("link", name="Decide on this amendment").click()
    desk.get_by_label("Title (English)").fill(new_title)
    desk.get_by_label("Title (Khmer)").fill(
        "ស្ត្រី និងក្មេងស្រីនៅស្រុកជាប់ព្រំដែនធ្វើស្រែក្បែរដីដែលមិនទាន់បោសសម្អាតមីន")
    desk.get_by_role("button", name="Accept into a new revision").click()
    expect(desk.locator("body")).to_contain_text("F-01 has a new revision")
    amendment.refresh_from_db()
    assert amendment.outcome == Amendment.Outcome.ACCEPTED
    revision = amendment.revision
    assert revision.source == Revision.Source.AMENDMENT and revision.number == 2
    assert revision.title_en == new_title
    assert amendment.decided_by == members[Role.FACILITATOR]
    finding = Finding.objects.get(plan=plan, key="F-01")
    assert finding.title_en == new_title

    # --- The coordinator reads the validation report: votes by stakeholder group ---------------
    office = browser.new_context(viewport={"width": 1280, "height": 900})
    report = office.new_page()
    log_in(report, base, members[Role.COORDINATOR].username)
    report.goto(f"{base}/plans/{plan.slug}/validate/{workshop.pk}/report/")
    section = report.locator(f"section[aria-labelledby='item-{second.pk}']")
    by_group = section.locator("table").filter(has_text="Votes by Stakeholder group")
    expect(by_group).to_be_visible()
    women = by_group.locator("tr").filter(has_text="Women and girls")
    # the two women agreed; columns: Agree, Agree with changes, Disagree, Not sure, Total
    expect(women.locator("td")).to_have_text(["2", "0", "0", "0", "2"])
    expect(by_group.locator("tr").filter(has_text="Sub-national authority").locator("td")
           ).to_have_text(["0", "0", "1", "0", "1"])
    expect(section.locator(".outcome")).to_be_visible()

    for phone in phones:
        assert not phone.errors, phone.errors
        phone.context.close()
    assert not desk_errors, desk_errors
    laptop.close()
    office.close()
