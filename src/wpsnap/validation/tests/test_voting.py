"""The voting services: upsert of votes, VotingClosed after a close, idempotent comments and
amendments, the priorities rule, and joining once per device."""

import threading

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from wpsnap.validation.models import AgendaItem, Amendment, Attendee, Comment, Priority, Vote
from wpsnap.validation.queries.attendance import token_hash
from wpsnap.validation.services import attendance, voting

from .fixtures_public import close, findings, items, workshop  # noqa: F401


@pytest.fixture
def attendee(workshop):  # noqa: F811
    return attendance.join(workshop, language="km")[0]


def test_join_is_once_per_device_and_keeps_only_a_hash(workshop):  # noqa: F811
    first, token, created = attendance.join(workshop, language="en", sex="female")
    again, same_token, created_again = attendance.join(workshop, token)
    assert created and not created_again
    assert again.pk == first.pk and same_token == token
    assert first.token_hash == token_hash(token) and token not in first.token_hash
    assert len(token) >= 40  # token_urlsafe(32)
    assert Attendee.objects.filter(workshop=workshop).count() == 1
    assert first.language == "en" and first.sex == "female" and first.consented_at


def test_join_refuses_bad_profile_values_and_drafts(workshop):  # noqa: F811
    with pytest.raises(ValidationError) as exc:
        attendance.join(workshop, sex="robot")
    assert "sex" in exc.value.message_dict
    workshop.state = workshop.State.DRAFT
    workshop.save()
    with pytest.raises(ValidationError):
        attendance.join(workshop)
    assert not Attendee.objects.exists()


def test_anonymous_attendance_never_keeps_a_name(workshop):  # noqa: F811
    a = attendance.join(workshop, name="Sokha")[0]
    assert a.name == ""
    workshop.named_attendance = True
    workshop.save()
    b = attendance.join(workshop, name="  Sokha   Chan ")[0]
    assert b.name == "Sokha Chan"


def test_a_vote_is_an_upsert(attendee, workshop):  # noqa: F811
    item = items(workshop)[0]
    vote, created = voting.cast_vote(attendee, item, "agree", idempotency_key="k1")
    assert created
    again, created = voting.cast_vote(attendee, item, "agree", idempotency_key="k2")
    assert not created and again.pk == vote.pk
    changed, created = voting.cast_vote(attendee, item, "disagree", idempotency_key="k3")
    assert not created and changed.pk == vote.pk
    assert Vote.objects.get().choice == "disagree"
    # A late retry carrying the key of the stored vote changes nothing.
    voting.cast_vote(attendee, item, "agree", idempotency_key="k3")
    assert Vote.objects.get().choice == "disagree"


def test_only_the_items_choices_count(attendee, workshop):  # noqa: F811
    finding_item, _pending, question = items(workshop)
    with pytest.raises(ValidationError):
        voting.cast_vote(attendee, finding_item, "maybe")
    question.state = AgendaItem.State.OPEN
    question.save()
    with pytest.raises(ValidationError):
        voting.cast_vote(attendee, question, "agree")
    vote, _ = voting.cast_vote(attendee, question, "b")
    assert vote.choice == "b"


def test_no_vote_after_close_and_none_before_open(attendee, workshop):  # noqa: F811
    open_item, pending, _q = items(workshop)
    voting.cast_vote(attendee, open_item, "agree")
    close(open_item)
    assert open_item.state == AgendaItem.State.CLOSED
    with pytest.raises(voting.VotingClosed) as exc:
        voting.cast_vote(attendee, open_item, "disagree")
    assert "closed" in exc.value.messages[0]
    with pytest.raises(voting.VotingClosed):
        voting.cast_vote(attendee, pending, "agree")
    with pytest.raises(voting.VotingClosed):
        voting.add_comment(attendee, open_item, "Late comment")
    assert Vote.objects.get().choice == "agree"
    assert not Comment.objects.exists()


def test_a_closed_workshop_takes_no_votes(attendee, workshop):  # noqa: F811
    item = items(workshop)[0]
    workshop.state = workshop.State.CLOSED
    workshop.save()
    with pytest.raises(voting.VotingClosed):
        voting.cast_vote(attendee, item, "agree")


def test_an_item_of_another_workshop_is_refused(attendee, workshop, plan):  # noqa: F811
    from wpsnap.validation.models import Workshop

    other = Workshop.objects.create(plan=plan, consultation=workshop.consultation,
                                    title_en="Other", join_code="OTHER234",
                                    state=Workshop.State.OPEN)
    item = AgendaItem.objects.create(workshop=other, question_en="Q?", state="open",
                                     choices=[{"key": "a", "label_en": "A"}])
    with pytest.raises(ValidationError):
        voting.cast_vote(attendee, item, "a")
    assert not Vote.objects.exists()


def test_comments_and_amendments_once_per_idempotency_key(attendee, workshop):  # noqa: F811
    item = items(workshop)[0]
    c1 = voting.add_comment(attendee, item, "Add youth.", idempotency_key="abc")
    c2 = voting.add_comment(attendee, item, "Add youth.", idempotency_key="abc")
    c3 = voting.add_comment(attendee, item, "Add youth.", idempotency_key="def")
    assert c1.pk == c2.pk != c3.pk
    assert Comment.objects.count() == 2
    assert c1.language == "km" and c1.state == Comment.State.PENDING
    a1 = voting.propose_amendment(attendee, item, "New words", idempotency_key="x")
    a2 = voting.propose_amendment(attendee, item, "New words", idempotency_key="x")
    assert a1.pk == a2.pk and Amendment.objects.count() == 1
    with pytest.raises(ValidationError):
        voting.add_comment(attendee, item, "   ")
    with pytest.raises(ValidationError):
        voting.add_comment(attendee, item, "x" * 2001)


def test_new_wording_only_for_findings(attendee, workshop):  # noqa: F811
    question = items(workshop)[2]
    question.state = AgendaItem.State.OPEN
    question.save()
    with pytest.raises(ValidationError):
        voting.propose_amendment(attendee, question, "Other words")


def test_priorities_sum_rule(attendee, workshop, findings):  # noqa: F811
    workshop.priority_points = 10
    workshop.save()
    f1, f2 = findings
    voting.set_priorities(attendee, {f1.pk: 7, str(f2.pk): "3"})
    assert dict(Priority.objects.values_list("finding_id", "points")) == {f1.pk: 7, f2.pk: 3}
    with pytest.raises(ValidationError) as exc:
        voting.set_priorities(attendee, {f1.pk: 8, f2.pk: 3})
    assert "11" in exc.value.messages[0] and "10" in exc.value.messages[0]
    with pytest.raises(ValidationError):
        voting.set_priorities(attendee, {f1.pk: -1})
    with pytest.raises(ValidationError):
        voting.set_priorities(attendee, {f1.pk: "two"})
    with pytest.raises(ValidationError):
        voting.set_priorities(attendee, {999999: 1})
    # Refused changes left the points as they were; a new spread replaces the old one.
    assert dict(Priority.objects.values_list("finding_id", "points")) == {f1.pk: 7, f2.pk: 3}
    voting.set_priorities(attendee, {f1.pk: 0, f2.pk: 10})
    assert dict(Priority.objects.values_list("finding_id", "points")) == {f2.pk: 10}


def test_priorities_over_security_issues(attendee, workshop, findings):  # noqa: F811
    from wpsnap.frameworks.models import SecurityIssue
    from wpsnap.frameworks.services import load_reference

    load_reference()
    issue = SecurityIssue.objects.first()
    findings[0].security_issues.add(issue)
    workshop.priority_points = 5
    workshop.priority_target = workshop.PriorityTarget.SECURITY_ISSUES
    workshop.save()
    voting.set_priorities(attendee, {issue.pk: 5})
    assert Priority.objects.get().security_issue == issue
    with pytest.raises(ValidationError):  # a Finding is not a target now
        voting.set_priorities(attendee, {findings[1].pk: 1})


def test_no_priorities_without_points(attendee, findings):  # noqa: F811
    with pytest.raises(ValidationError):
        voting.set_priorities(attendee, {findings[0].pk: 1})


@pytest.mark.django_db(transaction=True)
def test_double_submit_in_threads_records_once(plan, findings):  # noqa: F811
    """Two threads cast the same vote at once (a double tap) on a database that lets them race
    (PostgreSQL, or SQLite's shared-cache test database serialising them): one row."""
    from .fixtures_public import workshop as make_workshop

    ws = make_workshop.__wrapped__(plan, findings)
    item = items(ws)[0]
    attendee = attendance.join(ws)[0]
    barrier = threading.Barrier(2)
    results, errors = [], []

    def tap(choice):
        try:
            barrier.wait(timeout=5)
            results.append(voting.cast_vote(attendee, item, choice, idempotency_key="same"))
        except Exception as exc:  # noqa: BLE001 - collected and checked below
            errors.append(exc)
        finally:
            connection.close()

    threads = [threading.Thread(target=tap, args=("agree",)) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    # SQLite's in-memory test database may refuse the second writer outright ("locked"):
    # that is a refused request, never a second row.
    assert results or errors
    assert Vote.objects.filter(attendee=attendee, item=item).count() == 1
    assert Vote.objects.get(attendee=attendee, item=item).choice == "agree"
    assert sum(1 for _v, created in results if created) == 1
