"""The demo Validate (`wpsnap.validation.demo`), loaded by `wpsnap load_demo`: the national
validation workshop with a closed morning session (60 Attendees' votes, comments, amendments,
one accepted into a Revision, statuses that follow the rule) and an open afternoon session whose
join code is printed; and that a second run changes nothing.

`load_demo` runs once for the module (it takes a while): inside one transaction that is rolled
back at the end, each test in its own savepoint, as Django's setUpTestData does.
"""

import io
from collections import Counter

import pytest
from django.core.management import call_command

from wpsnap.conftest import load_demo_once
from wpsnap.validation.demo import content as C
from wpsnap.validation.demo.loader import attendee_profiles, choice_for

DEMO_SLUG = "cambodia-demo"


@pytest.fixture(scope="module")
def demo(django_db_setup, django_db_blocker, tmp_path_factory):
    """load_demo once for the module; everything it wrote is rolled back afterwards."""
    media = tmp_path_factory.mktemp("media")
    with load_demo_once(django_db_blocker, media, WPSNAP_DEMO_TRAIN_ASSISTANT=False) as (plan, out):
        yield plan, out


@pytest.fixture
def loaded(demo, db):
    return demo[0]


def _closed(plan):
    from wpsnap.validation.models import Workshop

    return Workshop.objects.get(plan=plan, join_code=C.CLOSED_CODE)


def _open(plan):
    from wpsnap.validation.models import Workshop

    return Workshop.objects.get(plan=plan, join_code=C.OPEN_CODE)


# --- Without the database -----------------------------------------------------------------------

def test_join_codes_fit_the_join_code_alphabet():
    from wpsnap.validation.services.setup import JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH

    for code in (C.CLOSED_CODE, C.OPEN_CODE):
        assert len(code) == JOIN_CODE_LENGTH
        assert set(code) <= set(JOIN_CODE_ALPHABET), code


def test_attendee_mix_is_mostly_women_from_several_provinces():
    profiles = attendee_profiles()
    assert len(profiles) == 60
    declared = [p for p in profiles if "sex" in p]
    assert len(declared) == 60 - C.UNDECLARED
    sexes = Counter(p["sex"] for p in declared)
    assert sexes["female"] > 0.6 * len(declared)
    assert sexes["male"] > 5
    assert len({p["area"] for p in declared}) >= 6
    assert len({p["stakeholder_group"] for p in declared}) == len(C.ATTENDEE_GROUPS)
    languages = Counter(p["language"] for p in profiles)
    assert languages["km"] > languages["en"] > 5


def test_vote_profiles_make_one_contested_finding():
    from wpsnap.validation.queries.report import decide

    verdicts = {}
    for key in C.CLOSED_AGENDA:
        counts = Counter(choice_for(key, n) for n in range(60))
        counts.pop(None, None)
        verdicts[key] = decide(dict(counts), threshold=0.667, minimum=5).verdict
    assert verdicts["F-08"] == "rejected"
    assert [k for k, v in verdicts.items() if v == "rejected"] == ["F-08"]
    assert verdicts["F-04"] == "amended"  # more "agree with changes" than "agree"


def test_demo_text_is_clean():
    """No stray characters from another script in the Khmer (a Georgian ლ once slipped in)."""
    texts = [C.CONSULTATION["title_km"], C.CLOSED_WORKSHOP["title_km"],
             C.OPEN_WORKSHOP["title_km"], C.QUESTION["question_km"],
             *(c["label_km"] for c in C.QUESTION["choices"]),
             *(r.text for r in C.COMMENTS), *(p.text for p in C.AMENDMENTS),
             *(v for v in C.ACCEPTED_WORDING.values())]
    for text in texts:
        odd = {ch for ch in text if ord(ch) > 127 and not 0x1780 <= ord(ch) <= 0x17FF
               and ch not in "’“”–—…"}
        assert not odd, text
    for remark in (*C.COMMENTS, *C.AMENDMENTS):
        khmer = any(0x1780 <= ord(ch) <= 0x17FF for ch in remark.text)
        assert khmer == (remark.language == "km"), remark.text


# --- The loaded demo ----------------------------------------------------------------------------

def test_load_demo_prints_the_open_workshop_and_sets_the_stage(demo, loaded):
    _plan, out = demo
    assert "Demo Validate:" in out
    assert "(findings 1 amended, 1 rejected, 8 validated)" in out
    assert f"join code {C.OPEN_CODE}" in out
    assert f"/w/{C.OPEN_CODE}/" in out
    assert loaded.stage == "validating"


def test_the_consultation_is_a_validation_workshop(loaded):
    from wpsnap.consultations.models import Consultation

    consultation = Consultation.objects.get(plan=loaded, slug=C.CONSULTATION_SLUG)
    assert consultation.kind == Consultation.Kind.VALIDATION_WORKSHOP
    assert consultation.title_en == "National validation workshop on the Situation Analysis"
    # One Consultation for it: the Consult demo's, not a second one.
    assert Consultation.objects.filter(
        plan=loaded, kind=Consultation.Kind.VALIDATION_WORKSHOP).count() == 1
    assert consultation.title_km
    assert set(consultation.workshops.values_list("join_code", flat=True)) == {
        C.CLOSED_CODE, C.OPEN_CODE}


def test_closed_workshop_agenda_presented_findings_first(loaded):
    from wpsnap.validation.models import AgendaItem, Workshop

    workshop = _closed(loaded)
    assert workshop.state == Workshop.State.CLOSED
    assert workshop.closed_at is not None
    items = list(workshop.items.select_related("finding").order_by("order"))
    assert [i.finding.key for i in items] == list(C.CLOSED_AGENDA)
    assert {i.state for i in items} == {AgendaItem.State.CLOSED}
    # the Findings that were already presented before the workshop come first
    from wpsnap.analysis.demo.findings_content import FINDINGS, PRESENTED

    presented = {f"F-{n:02d}" for n, spec in enumerate(FINDINGS, 1) if spec.status == PRESENTED}
    keys = [i.finding.key for i in items]
    assert set(keys[:len(presented)]) == presented


def test_closed_workshop_attendees_votes_on_every_item(loaded):
    from wpsnap.validation.models import Vote

    workshop = _closed(loaded)
    attendees = workshop.attendees.all()
    assert attendees.count() == 60
    assert attendees.filter(sex="female").count() > 35
    assert attendees.exclude(area=None).values("area").distinct().count() >= 6
    votes = Vote.objects.filter(item__workshop=workshop)
    per_item = Counter(votes.values_list("item_id", flat=True))
    assert len(per_item) == 10
    assert all(45 <= n <= 60 for n in per_item.values()), per_item
    # exactly one vote per Attendee per item, whatever mind-changing happened
    assert votes.count() == len(set(votes.values_list("attendee_id", "item_id")))
    choices = Counter(votes.values_list("choice", flat=True))
    assert choices["agree"] > choices["agree_with_changes"] > choices["disagree"] > 0
    assert choices["not_sure"] > 0


def test_comments_and_amendments_in_both_languages_moderated(loaded):
    from wpsnap.validation.models import Amendment, Comment

    workshop = _closed(loaded)
    comments = Comment.objects.filter(item__workshop=workshop)
    assert comments.count() == len(C.COMMENTS)
    assert set(comments.values_list("language", flat=True)) == {"km", "en"}
    states = Counter(comments.values_list("state", flat=True))
    assert states == {"approved": len(C.COMMENTS) - 1, "hidden": 1}
    assert all(c.moderated_by is not None for c in comments)
    amendments = Amendment.objects.filter(item__workshop=workshop)
    assert amendments.count() == len(C.AMENDMENTS)
    assert set(amendments.values_list("language", flat=True)) == {"km", "en"}
    assert Counter(amendments.values_list("outcome", flat=True)) == {
        "accepted": 1, "declined": 1, "open": len(C.AMENDMENTS) - 2}


def test_one_amendment_accepted_into_a_revision(loaded):
    from wpsnap.analysis.models import Revision
    from wpsnap.validation.models import Amendment

    accepted = Amendment.objects.get(item__workshop=_closed(loaded), outcome="accepted")
    finding = accepted.item.finding
    assert finding.key == "F-04"
    revision = accepted.revision
    assert revision is not None and revision.finding_id == finding.pk
    assert revision.source == Revision.Source.AMENDMENT
    assert revision.number == finding.revisions.count()  # the newest wording
    assert accepted.decided_by.username == "demo-coordinator"
    assert accepted.decided_at is not None
    finding.refresh_from_db()
    assert finding.title_en == C.ACCEPTED_WORDING["title_en"] == revision.title_en
    assert finding.title_km == C.ACCEPTED_WORDING["title_km"]
    assert "widowed" in finding.text_en


def test_findings_status_follows_the_outcome(loaded):
    from wpsnap.validation.queries.report import outcome

    statuses = {}
    for item in _closed(loaded).items.select_related("finding"):
        assert item.finding.status == outcome(item).verdict
        statuses[item.finding.key] = item.finding.status
    assert statuses["F-08"] == "rejected"
    assert statuses["F-04"] == "amended"
    assert Counter(statuses.values())["validated"] >= 6


def test_priorities_spread_ten_points(loaded):
    from django.db.models import Sum

    from wpsnap.validation.models import Priority

    workshop = _closed(loaded)
    rows = Priority.objects.filter(attendee__workshop=workshop)
    totals = rows.values("attendee").annotate(total=Sum("points"))
    assert 35 <= len(totals) <= 60
    assert {t["total"] for t in totals} == {10}
    assert set(rows.values_list("finding__key", flat=True)) <= set(C.CLOSED_AGENDA)


def test_open_workshop_ready_to_join(loaded):
    from wpsnap.analysis.models import Finding
    from wpsnap.validation.models import AgendaItem, Workshop
    from wpsnap.validation.queries.attendance import workshop_for_code

    workshop = _open(loaded)
    assert workshop.state == Workshop.State.OPEN
    assert workshop.navigation == Workshop.Navigation.FOLLOW
    assert workshop.priority_points == 10
    assert workshop_for_code(C.OPEN_CODE.lower()) == workshop
    items = list(workshop.items.select_related("finding").order_by("order"))
    assert [i.finding.key for i in items if i.finding] == list(C.OPEN_AGENDA)
    question = items[-1]
    assert question.finding is None
    assert question.question_en == "Which coordination mechanism option do you prefer?"
    assert question.question_km
    assert len(question.choices) == 3 and all(c["label_km"] for c in question.choices)
    assert workshop.current_item == items[0]
    assert items[0].state == AgendaItem.State.OPEN
    assert workshop.attendees.count() == 0
    assert set(Finding.objects.filter(key__in=C.OPEN_AGENDA, plan=loaded)
               .values_list("status", flat=True)) == {"presented"}


def test_a_phone_can_join_the_open_workshop(loaded, client):
    """The printed code works: the short URL shows the join form, joining lands on the Finding
    the facilitator shows (follow mode), and the vote buttons are there."""
    from wpsnap.validation.models import Attendee

    workshop = _open(loaded)
    response = client.get(f"/w/{C.OPEN_CODE}/")
    assert response.status_code == 200
    assert C.OPEN_WORKSHOP["title_en"] in response.content.decode()
    response = client.post(f"/w/{C.OPEN_CODE}/", {"language": "en"})
    assert response.status_code == 302
    assert response["Location"] == f"/w/{C.OPEN_CODE}/items/{workshop.current_item_id}/"
    page = client.get(response["Location"]).content.decode()
    assert "F-14" in page and ">Agree with changes<" in page
    assert Attendee.objects.filter(workshop=workshop).count() == 1
    # the closed morning session takes nobody new
    client.cookies.clear()
    response = client.post(f"/w/{C.CLOSED_CODE}/", {"language": "km"})
    assert Attendee.objects.filter(workshop=_closed(loaded)).count() == 60


def test_demo_audit_log_stays_quiet(loaded):
    from auditlog.models import LogEntry
    from django.contrib.contenttypes.models import ContentType

    from wpsnap.validation.models import AgendaItem, Comment, Workshop

    types = ContentType.objects.get_for_models(Workshop, AgendaItem, Comment).values()
    assert not LogEntry.objects.filter(content_type__in=types).exists()


def test_second_run_is_idempotent(loaded):
    from wpsnap.analysis.models import Revision
    from wpsnap.validation.demo import load
    from wpsnap.validation.models import Amendment, Attendee, Comment, Priority, Vote, Workshop

    def snapshot():
        return (Workshop.objects.filter(plan=loaded).count(),
                Attendee.objects.filter(workshop__plan=loaded).count(),
                sorted(Vote.objects.filter(item__workshop__plan=loaded)
                       .values_list("attendee_id", "item_id", "choice")),
                Comment.objects.filter(item__workshop__plan=loaded).count(),
                Amendment.objects.filter(item__workshop__plan=loaded).count(),
                Priority.objects.filter(attendee__workshop__plan=loaded).count(),
                Revision.objects.filter(finding__plan=loaded).count(),
                sorted(loaded.findings.values_list("key", "status")))

    before = snapshot()
    out = io.StringIO()
    counts = load(loaded, stdout=out)
    assert snapshot() == before
    assert counts["workshops_new"] == 0
    assert counts["open_join_code"] == C.OPEN_CODE
    assert "(0 new)" in out.getvalue()
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    assert snapshot() == before
    assert f"join code {C.OPEN_CODE}" in out.getvalue()
