"""Set-up services: join codes, Workshops and breakout groups, the agenda, the states."""

from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.test import RequestFactory

from wpsnap.consultations.models import Consultation
from wpsnap.validation.models import AgendaItem, Attendee, Vote, Workshop
from wpsnap.validation.services import setup as services

from .fixtures_setup import (  # noqa: F401 - fixtures
    findings_fixture,
    vconsultation_fixture,
    workshop_fixture,
)

pytestmark = pytest.mark.django_db


def order_of(workshop):
    return [(i.finding.key if i.finding_id else i.question_en)
            for i in workshop.items.order_by("order", "id")]


def vote_on(item, choice="agree", n=1):
    attendee = Attendee.objects.create(workshop=item.workshop, token_hash=f"{n:064d}")
    return Vote.objects.create(attendee=attendee, item=item, choice=choice)


# --- Join codes ---------------------------------------------------------------------------------

def test_join_code_alphabet_has_no_look_alikes():
    for ch in "01OIL":
        assert ch not in services.JOIN_CODE_ALPHABET
    codes = {services.new_join_code() for _i in range(300)}
    assert len(codes) == 300  # random, not a counter
    for code in codes:
        assert len(code) == 8
        assert set(code) <= set(services.JOIN_CODE_ALPHABET)


def test_workshop_gets_a_fresh_code_when_the_drawn_one_is_taken(plan, vconsultation, members,
                                                                 monkeypatch):
    first = services.create_workshop(plan, consultation=vconsultation, title_en="One",
                                     by=members["coordinator"])
    drawn = iter([first.join_code, first.join_code, "ZZZZ2222"])
    monkeypatch.setattr(services, "new_join_code", lambda: next(drawn))
    second = services.create_workshop(plan, consultation=vconsultation, title_en="Two",
                                      by=members["coordinator"])
    assert second.join_code == "ZZZZ2222"
    assert Workshop.objects.count() == 2


def test_create_workshop_settings_and_defaults(plan, vconsultation, members):
    w = services.create_workshop(plan, consultation=vconsultation, title_en=" Day 1 ",
                                 by=members["coordinator"], named_attendance=True,
                                 priority_points=10, validation_threshold="0.75",
                                 minimum_votes=8)
    w.refresh_from_db()
    assert (w.title_en, w.state, w.named_attendance, w.priority_points) == (
        "Day 1", Workshop.State.DRAFT, True, 10)
    assert w.validation_threshold == Decimal("0.750") and w.minimum_votes == 8
    assert w.results_hidden and w.moderate_comments  # the safe defaults
    assert w.created_by == members["coordinator"]


@pytest.mark.parametrize("bad", [{"validation_threshold": "0.2"},
                                 {"validation_threshold": "1.5"},
                                 {"minimum_votes": 0}, {"priority_points": 500},
                                 {"navigation": "teleport"}])
def test_create_workshop_refuses_bad_settings(plan, vconsultation, members, bad):
    with pytest.raises(ValidationError):
        services.create_workshop(plan, consultation=vconsultation, title_en="X",
                                 by=members["coordinator"], **bad)
    assert not Workshop.objects.exists()


def test_workshop_needs_a_validation_workshop_consultation_of_the_plan(plan, other_plan,
                                                                       members):
    survey = Consultation.objects.create(plan=plan, slug="s", kind=Consultation.Kind.SURVEY,
                                         title_en="Survey")
    foreign = Consultation.objects.create(plan=other_plan, slug="v",
                                          kind=Consultation.Kind.VALIDATION_WORKSHOP,
                                          title_en="Theirs")
    for consultation in (survey, foreign):
        with pytest.raises(ValidationError) as exc:
            services.create_workshop(plan, consultation=consultation, title_en="X",
                                     by=members["coordinator"])
        assert "consultation" in exc.value.message_dict
    assert not Workshop.objects.exists()


def test_consultation_made_on_the_fly(plan):
    c1 = services.create_validation_consultation(plan, title_en="Validation Siem Reap")
    c2 = services.create_validation_consultation(plan, title_en="Validation Siem Reap")
    assert c1.kind == c2.kind == Consultation.Kind.VALIDATION_WORKSHOP
    assert c1.slug == "validation-siem-reap" and c2.slug == "validation-siem-reap-2"


def test_breakout_group_has_theme_own_code_and_parent_settings(workshop, members):
    workshop.priority_points = 5
    workshop.save()
    group = services.create_breakout(workshop, theme_en="Women in peace processes",
                                     theme_km="ស្ត្រីក្នុងដំណើរការសន្តិភាព", by=members["facilitator"])
    assert group.parent == workshop and group.join_code != workshop.join_code
    assert group.title_en == "Validation day 1 — Women in peace processes"
    assert group.title_km == "ថ្ងៃទី ១ — ស្ត្រីក្នុងដំណើរការសន្តិភាព"
    assert group.priority_points == 5 and group.consultation == workshop.consultation
    with pytest.raises(ValidationError):  # no group of a group
        services.create_breakout(group, theme_en="Deeper", by=members["facilitator"])


# --- Agenda -------------------------------------------------------------------------------------

def test_add_findings_in_order_skipping_duplicates(workshop, findings):
    f1, f2, _f3, f4 = findings
    services.add_findings(workshop, [f4, f1])
    added = services.add_findings(workshop, [f1, f2])  # F-01 already there
    assert [i.finding for i in added] == [f2]
    assert order_of(workshop) == ["F-04", "F-01", "F-02"]
    assert list(workshop.items.values_list("order", flat=True).order_by("order")) == [1, 2, 3]


def test_rejected_or_foreign_findings_are_refused(workshop, findings, other_plan):
    from wpsnap.analysis.models import Finding

    with pytest.raises(ValidationError, match="F-03"):
        services.add_findings(workshop, [findings[0], findings[2]])
    foreign = Finding.objects.create(plan=other_plan, number=1, key="F-01", title_en="Theirs")
    with pytest.raises(ValidationError):
        services.add_findings(workshop, [foreign])
    assert not workshop.items.exists()  # nothing half-done


def test_question_needs_two_to_six_choices(workshop):
    with pytest.raises(ValidationError):
        services.add_question(workshop, "Which option?", "", [("Only one", "")])
    with pytest.raises(ValidationError):
        services.add_question(workshop, "Which option?", "", [(f"c{n}", "") for n in range(7)])
    with pytest.raises(ValidationError):
        services.add_question(workshop, "", "ជម្រើសណា?", [("A", ""), ("B", "")])
    item = services.add_question(workshop, "Which coordination option?", "ជម្រើសណា?",
                                 [("Option A", "ជម្រើស ក"), ("", ""), ("Option B", "")])
    assert item.choices == [
        {"key": "a", "label_en": "Option A", "label_km": "ជម្រើស ក"},
        {"key": "b", "label_en": "Option B", "label_km": ""},
    ]
    assert workshop.items.count() == 1


def test_move_up_and_down(workshop, findings):
    services.add_findings(workshop, [findings[0], findings[1], findings[3]])
    services.add_question(workshop, "Q?", "", [("A", ""), ("B", "")])
    items = {i.finding.key if i.finding_id else "Q": i for i in workshop.items.all()}
    services.move_item(items["Q"], "up")
    assert order_of(workshop) == ["F-01", "F-02", "Q?", "F-04"]
    services.move_item(items["F-01"], "down")
    assert order_of(workshop) == ["F-02", "F-01", "Q?", "F-04"]
    services.move_item(items["F-02"], "up")  # already first: nothing moves
    assert order_of(workshop) == ["F-02", "F-01", "Q?", "F-04"]
    with pytest.raises(ValidationError):
        services.move_item(items["F-02"], "sideways")


def test_delete_refused_once_voted_and_order_closes_up(workshop, findings):
    a, b, c = services.add_findings(workshop, [findings[0], findings[1], findings[3]])
    vote_on(b)
    with pytest.raises(ValidationError, match="voted"):
        services.delete_item(b)
    assert AgendaItem.objects.filter(pk=b.pk).exists()
    services.delete_item(a)
    assert order_of(workshop) == ["F-02", "F-04"]
    assert list(workshop.items.values_list("order", flat=True).order_by("order")) == [1, 2]


def test_question_with_votes_keeps_its_number_of_choices(workshop):
    item = services.add_question(workshop, "Q?", "", [("A", ""), ("B", "")])
    vote_on(item, choice="a")
    with pytest.raises(ValidationError):
        services.update_question(item, "Q?", "", [("A", ""), ("B", ""), ("C", "")])
    services.update_question(item, "Which one?", "មួយណា?", [("Alpha", ""), ("Beta", "")])
    item.refresh_from_db()
    assert item.question_en == "Which one?" and item.choices[0]["label_en"] == "Alpha"


# --- States -------------------------------------------------------------------------------------

def test_open_needs_an_agenda_and_sets_opened_at(workshop, findings):
    with pytest.raises(ValidationError):
        services.open_workshop(workshop)
    services.add_findings(workshop, [findings[0]])
    before = Workshop.objects.get(pk=workshop.pk).updated_at
    w = services.open_workshop(workshop)
    assert w.state == Workshop.State.OPEN and w.opened_at is not None
    assert Workshop.objects.get(pk=workshop.pk).updated_at > before
    with pytest.raises(ValidationError):
        services.open_workshop(w)


def test_close_closes_every_open_item_and_reopen(workshop, findings):
    a, b, c = services.add_findings(workshop, [findings[0], findings[1], findings[3]])
    services.open_workshop(workshop)
    AgendaItem.objects.filter(pk__in=[a.pk, b.pk]).update(state=AgendaItem.State.OPEN)
    w = services.close_workshop(workshop)
    assert w.state == Workshop.State.CLOSED and w.closed_at is not None
    states = dict(AgendaItem.objects.values_list("pk", "state"))
    assert states == {a.pk: "closed", b.pk: "closed", c.pk: "pending"}
    assert AgendaItem.objects.get(pk=a.pk).closed_at == w.closed_at
    with pytest.raises(ValidationError):  # a closed agenda does not change
        services.add_question(w, "Q?", "", [("A", ""), ("B", "")])
    w = services.reopen_workshop(w)
    assert w.state == Workshop.State.OPEN and w.closed_at is None
    assert AgendaItem.objects.get(pk=a.pk).state == "closed"  # items reopen one by one


def test_back_to_draft_only_before_votes(workshop, findings):
    (item,) = services.add_findings(workshop, [findings[0]])
    services.open_workshop(workshop)
    assert services.back_to_draft(workshop).state == Workshop.State.DRAFT
    services.open_workshop(workshop)
    vote_on(item)
    with pytest.raises(ValidationError):
        services.back_to_draft(workshop)


def test_join_url_uses_the_host_asked_on(workshop, settings):
    settings.ALLOWED_HOSTS = ["192.168.1.20"]
    request = RequestFactory().get("/", HTTP_HOST="192.168.1.20:8000")
    assert services.join_url(request, workshop) == \
        f"http://192.168.1.20:8000/w/{workshop.join_code}/"
