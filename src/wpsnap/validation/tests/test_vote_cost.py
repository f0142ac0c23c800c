"""The cheap vote path (issue 5, §7): the hand-built queries give the same objects as the ORM,
the upsert statement keeps the one-vote rule, and a vote costs few SQL statements."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

from wpsnap.validation.models import AgendaItem, Attendee, Vote
from wpsnap.validation.queries import attendance as q
from wpsnap.validation.services import attendance, voting

from .fixtures_public import findings, items, join_client, url, workshop  # noqa: F401

pytestmark = pytest.mark.django_db


def _request(token):
    request = RequestFactory().post("/")
    request.COOKIES[q.DEVICE_COOKIE] = token
    return request


def _values(obj):
    return {f.attname: getattr(obj, f.attname) for f in type(obj)._meta.concrete_fields}


def test_attendee_in_gives_the_orm_objects(workshop):  # noqa: F811
    attendee, token, _ = attendance.join(workshop, language="en", sex="female")
    Attendee.objects.filter(pk=attendee.pk).update(last_seen_at=timezone.now())
    found = q.attendee_in(_request(token), workshop.join_code.lower())
    # only the columns the write views use are read; the rest load on first access
    assert {"title_en", "validation_threshold"} <= found.workshop.get_deferred_fields()
    assert "join_code" not in found.workshop.get_deferred_fields()
    orm = Attendee.objects.select_related("workshop").get(pk=attendee.pk)
    assert _values(found) == _values(orm)
    assert _values(found.workshop) == _values(orm.workshop)
    assert timezone.is_aware(found.last_seen_at) and timezone.is_aware(found.workshop.created_at)
    assert isinstance(found.workshop.validation_threshold, Decimal)
    assert found._state.adding is False and found.workshop_id == workshop.pk
    # another device, an unknown code or a draft Workshop: nobody
    assert q.attendee_in(_request("x" * 43), workshop.join_code) is None
    assert q.attendee_in(_request(token), "ZZZZZZZZ") is None
    workshop.state = workshop.State.DRAFT
    workshop.save(update_fields=["state"])
    assert q.attendee_in(_request(token), workshop.join_code) is None


def test_item_in_gives_the_orm_item_of_that_workshop_only(workshop, plan):  # noqa: F811
    question = items(workshop)[2]
    found = q.item_in(workshop, question.pk)
    assert _values(found) == _values(AgendaItem.objects.get(pk=question.pk))
    assert found.choices[0]["key"] == "a"  # JSON decoded
    other = type(workshop).objects.get(pk=workshop.pk)
    other.pk = None
    other.join_code = "OTHER234"
    other.current_item = None
    other.save()
    assert q.item_in(other, question.pk) is None
    assert q.item_in(workshop, "nope") is None


def test_attendee_in_reads_the_requested_item_in_the_same_query(workshop, plan):  # noqa: F811
    from django.db import connection as conn

    attendee, token, _ = attendance.join(workshop, language="en")
    question = items(workshop)[2]
    with CaptureQueriesContext(conn) as queries:
        found = q.attendee_in(_request(token), workshop.join_code, question.pk)
    assert len(queries) == 1
    assert _values(found.requested_item) == _values(AgendaItem.objects.get(pk=question.pk))
    assert found.requested_item.choices[0]["key"] == "a"
    assert q.attendee_in(_request(token), workshop.join_code).requested_item is None
    assert q.attendee_in(_request(token), workshop.join_code, "nope").requested_item is None
    other = type(workshop).objects.get(pk=workshop.pk)
    other.pk = None
    other.join_code = "OTHER567"
    other.current_item = None
    other.save()
    foreign = AgendaItem.objects.create(workshop=other, order=1, finding=items(workshop)[0].finding)
    assert q.attendee_in(_request(token), workshop.join_code, foreign.pk).requested_item is None


def test_upsert_created_changed_repeated_and_closed(workshop):  # noqa: F811
    first = items(workshop)[0]
    attendee = attendance.join(workshop)[0]
    vote, created = voting.cast_vote(attendee, first, "agree", idempotency_key="k1")
    assert created and vote.pk and timezone.is_aware(vote.created_at)
    again, created = voting.cast_vote(attendee, first, "agree", idempotency_key="k2")
    assert not created and again.pk == vote.pk and again.idempotency_key == "k1"
    retried, created = voting.cast_vote(attendee, first, "disagree", idempotency_key="k1")
    assert not created and retried.choice == "agree"  # a retry of the stored key: no change
    changed, created = voting.cast_vote(attendee, first, "disagree", idempotency_key="k3")
    assert not created and changed.pk == vote.pk and changed.choice == "disagree"
    stored = Vote.objects.get(attendee=attendee, item=first)
    assert (stored.choice, stored.idempotency_key) == ("disagree", "k3")
    assert stored.created_at == vote.created_at and stored.updated_at > stored.created_at
    assert Vote.objects.filter(attendee=attendee).count() == 1
    AgendaItem.objects.filter(pk=first.pk).update(state=AgendaItem.State.CLOSED)
    with pytest.raises(voting.VotingClosed):
        voting.cast_vote(attendee, first, "agree")
    assert Vote.objects.get(attendee=attendee, item=first).choice == "disagree"


def test_a_vote_costs_few_statements_and_no_last_seen_write_when_fresh(client, workshop):  # noqa: F811
    join_client(client, workshop)
    first = items(workshop)[0]
    vote_url = url("vote", workshop, first.pk)
    client.post(vote_url, {"choice": "agree"}, HTTP_ACCEPT="application/json")
    with CaptureQueriesContext(connection) as ctx:
        response = client.post(vote_url, {"choice": "disagree", "idempotency_key": "abc"},
                               HTTP_ACCEPT="application/json")
    assert response.status_code == 200 and response.json()["choice"] == "disagree"
    sql = [query["sql"] for query in ctx.captured_queries]
    assert not any("last_seen_at" in s and s.startswith("UPDATE") for s in sql)
    assert len(sql) <= 6, sql  # attendee+workshop, item, BEGIN, lock, upsert, COMMIT
    # a stale last_seen_at is written (once per ~10 s)
    Attendee.objects.update(last_seen_at=timezone.now() - timedelta(minutes=1))
    with CaptureQueriesContext(connection) as ctx:
        client.post(vote_url, {"choice": "agree"}, HTTP_ACCEPT="application/json")
    assert any("last_seen_at" in query["sql"] and query["sql"].startswith("UPDATE")
               for query in ctx.captured_queries)
