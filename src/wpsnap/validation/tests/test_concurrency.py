"""Votes under concurrency: many simultaneous voters, double taps, two tabs and retries store
exactly one Vote per Attendee per item; closing an item is atomic with voting.

Each test releases 30-61 threads at once, each with its own database connection, against a
SQLite file in WAL mode (see fixtures_concurrency) or PostgreSQL (DATABASE_URL)."""

import random
import threading
from collections import Counter, defaultdict

import pytest
from django.db import connections

from wpsnap.validation.models import AgendaItem, Vote

from .fixtures_concurrency import (  # noqa: F401 - fixtures
    concurrent_db_fixture,
    make_attendees,
    open_workshop_fixture,
    run_together,
)

pytestmark = pytest.mark.django_db(transaction=True)

CHOICES = [c.value for c in Vote.Choice]


def voting():
    from wpsnap.validation.services import voting

    return voting


def test_simultaneous_votes_double_taps_and_retries_store_one_vote_each(open_workshop):
    cast_vote = voting().cast_vote
    item = open_workshop.items.first()
    attendees = make_attendees(open_workshop, 30)
    sent = defaultdict(set)  # attendee id -> choices sent
    jobs, owners = [], []

    def job(attendee, choice, key):
        sent[attendee.pk].add(choice)
        owners.append(attendee.pk)

        def call():
            vote, created = cast_vote(attendee, item, choice, idempotency_key=key)
            return vote.pk, vote.choice, created

        jobs.append(call)

    for n, attendee in enumerate(attendees):
        first = CHOICES[n % 4]
        job(attendee, first, f"k-{attendee.pk}-1")
        if n < 8:  # two tabs at the same moment, different choices
            job(attendee, CHOICES[(n + 1) % 4], f"k-{attendee.pk}-2")
        elif n < 16:  # a double tap: same choice, a new key each tap (no JavaScript)
            job(attendee, first, f"k-{attendee.pk}-2")
        elif n < 24:  # a retry after a timeout: same choice, same idempotency key
            job(attendee, first, f"k-{attendee.pk}-1")
        # the last six vote once
    # 54 jobs, and two more taps each from the first 3 Attendees: 60 threads (PostgreSQL
    # allows 100 connections in all)
    for attendee in attendees[:3]:
        for wave in range(2):
            job(attendee, CHOICES[wave], f"k-{attendee.pk}-w{wave}")
    order = list(range(len(jobs)))
    random.Random(5).shuffle(order)
    results = run_together([jobs[i] for i in order])
    owners = [owners[i] for i in order]

    errors = [r for r in results if isinstance(r, BaseException)]
    assert errors == []
    votes = list(Vote.objects.filter(item=item))
    per_attendee = Counter(v.attendee_id for v in votes)
    assert len(votes) == len(attendees)
    assert set(per_attendee.values()) == {1}
    assert set(per_attendee) == {a.pk for a in attendees}
    for vote in votes:
        assert vote.choice in sent[vote.attendee_id]
    # Every call acknowledged the one row, and exactly one call per Attendee inserted it.
    created = Counter()
    rows = {v.attendee_id: v.pk for v in votes}
    for owner, (pk, _choice, was_created) in zip(owners, results, strict=True):
        assert pk == rows[owner]
        created[owner] += bool(was_created)
    assert set(created.values()) == {1}


def test_same_attendee_on_many_items_at_once(open_workshop):
    """Votes of one Attendee on several items at the same moment do not block each other out
    (one row per item), and other Workshops' items are untouched."""
    cast_vote = voting().cast_vote
    items = list(open_workshop.items.all())
    attendees = make_attendees(open_workshop, 10)
    jobs = []
    for attendee in attendees:
        for item in items:
            for tap in range(2):
                jobs.append(lambda a=attendee, i=item, t=tap: cast_vote(
                    a, i, CHOICES[t], idempotency_key=f"{a.pk}-{i.pk}-{t}"))
    results = run_together(jobs)  # 60 threads
    assert [r for r in results if isinstance(r, BaseException)] == []
    counts = Counter(Vote.objects.values_list("attendee_id", "item_id"))
    assert len(counts) == len(attendees) * len(items)
    assert set(counts.values()) == {1}
    assert set(Vote.objects.values_list("choice", flat=True)) <= set(CHOICES[:2])


def test_a_retry_with_the_same_key_changes_nothing(open_workshop):
    cast_vote = voting().cast_vote
    item = open_workshop.items.first()
    (attendee,) = make_attendees(open_workshop, 1)
    vote, created = cast_vote(attendee, item, "agree", idempotency_key="tap-1")
    assert created
    stamp = Vote.objects.get(pk=vote.pk).updated_at
    results = run_together([lambda: cast_vote(attendee, item, "agree", idempotency_key="tap-1")
                            for _ in range(40)])
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert all(r[0].pk == vote.pk and r[1] is False for r in results)
    stored = Vote.objects.get(attendee=attendee, item=item)
    assert (stored.choice, stored.idempotency_key, stored.updated_at) == ("agree", "tap-1", stamp)
    # A changed vote is an update of the same row, not a second row.
    changed, created = cast_vote(attendee, item, "disagree", idempotency_key="tap-2")
    assert (changed.pk, created) == (vote.pk, False)
    assert Vote.objects.filter(attendee=attendee).count() == 1
    assert Vote.objects.get(pk=vote.pk).choice == "disagree"


@pytest.mark.parametrize("delay_ms", [0, 2, 8])
def test_close_racing_with_votes(open_workshop, delay_ms):
    """Close an item while 60 votes arrive. Every acknowledged vote is stored with its choice,
    every refused one changed nothing, no stored vote is later than the close, and after
    close_item returns every vote is refused."""
    from wpsnap.validation.services.running import close_item
    from wpsnap.validation.services.voting import VotingClosed

    cast_vote = voting().cast_vote
    item = open_workshop.items.first()
    attendees = make_attendees(open_workshop, 60)
    earlier = {a.pk for a in attendees[::2]}  # half already voted "agree" and now change
    Vote.objects.bulk_create([Vote(attendee=a, item=item, choice="agree")
                              for a in attendees if a.pk in earlier])
    closed = threading.Event()

    def closer():
        if delay_ms:
            threading.Event().wait(delay_ms / 1000)  # let some votes in first
        close_item(AgendaItem.objects.get(pk=item.pk), by=None)
        closed.set()
        return "closed"

    def voter(attendee):
        def call():
            try:
                vote, _created = cast_vote(attendee, item, "disagree",
                                           idempotency_key=f"close-{attendee.pk}")
            except VotingClosed:
                return ("refused", attendee.pk)
            return ("acknowledged", attendee.pk, vote.pk)
        return call

    jobs = [voter(a) for a in attendees]
    jobs.insert(len(jobs) // 3, closer)
    results = run_together(jobs)
    assert [r for r in results if isinstance(r, BaseException)] == []
    assert closed.is_set()

    item.refresh_from_db()
    assert item.state == AgendaItem.State.CLOSED
    assert item.closed_at is not None
    stored = {v.attendee_id: v for v in Vote.objects.filter(item=item)}
    outcomes = [r for r in results if r != "closed"]
    for outcome in outcomes:
        attendee_id = outcome[1]
        if outcome[0] == "acknowledged":
            assert stored[attendee_id].choice == "disagree"
            assert stored[attendee_id].pk == outcome[2]
        elif attendee_id in earlier:
            assert stored[attendee_id].choice == "agree"  # the refused change changed nothing
        else:
            assert attendee_id not in stored
    assert len(stored) == len(earlier) + sum(
        1 for o in outcomes if o[0] == "acknowledged" and o[1] not in earlier)
    # No vote was written after the close (timestamps from the same clock, the server's).
    for vote in stored.values():
        assert vote.updated_at <= item.closed_at

    # After close_item has returned, nobody gets in: neither a new voter nor a change.
    late = run_together([(lambda a=a: cast_vote(a, item, "not_sure",
                                                idempotency_key=f"close-{a.pk}"))
                         for a in attendees[:30]])
    assert all(isinstance(r, VotingClosed) for r in late)
    assert {v.attendee_id: v.choice for v in Vote.objects.filter(item=item)} == {
        k: v.choice for k, v in stored.items()}
    connections.close_all()


def test_votes_refused_when_the_workshop_is_closed(open_workshop):
    from wpsnap.validation.services.voting import VotingClosed

    cast_vote = voting().cast_vote
    item = open_workshop.items.first()
    (attendee,) = make_attendees(open_workshop, 1)
    open_workshop.state = open_workshop.State.CLOSED
    open_workshop.save(update_fields=["state", "updated_at"])
    with pytest.raises(VotingClosed):
        cast_vote(attendee, AgendaItem.objects.get(pk=item.pk), "agree")
    assert not Vote.objects.exists()
